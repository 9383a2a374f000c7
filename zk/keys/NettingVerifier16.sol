// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `ape run netting ceremony export --seats 16`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting16.zok (16 seats; public inputs: round, before[16], after[16]).
// Trusted setup: multi-party ceremony (snarkjs; 3 contributions: gridset zk helper, contribution 1 of 3, gridset zk helper, contribution 2 of 3, gridset zk helper, contribution 3 of 3; beacon 1a1208751a597ff6...), transcript NettingCeremony16.json.
// Verification key sha256: 0bdd00adc8bfc1b32ac1d965b1af1f9b5cdb8d2481147fc99d1085b9fbab4e78
// This file is MIT Licensed.
//
// Copyright 2017 Christian Reitwiessner
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:
// The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
pragma solidity 0.8.28;

import {NettingPairing} from "./NettingPairing.sol";

contract NettingVerifier16 {
    using NettingPairing for *;
    struct VerifyingKey {
        NettingPairing.G1Point alpha;
        NettingPairing.G2Point beta;
        NettingPairing.G2Point gamma;
        NettingPairing.G2Point delta;
        NettingPairing.G1Point[] gamma_abc;
    }
    struct Proof {
        NettingPairing.G1Point a;
        NettingPairing.G2Point b;
        NettingPairing.G1Point c;
    }
    function verifyingKey() pure internal returns (VerifyingKey memory vk) {
        vk.alpha = NettingPairing.G1Point(uint256(0x1f35486d1422dcce23a2313d31d66cd474f576f83325c5c13b310bc2d239fe71), uint256(0x13b43c00cb2df69f27bf6332cabdfefb312e3d807d3ec22e7f9e99c513c7a3e1));
        vk.beta = NettingPairing.G2Point([uint256(0x17f1add5d1ed8689b542cd2c3442080b9bbcc053a7cd425b6f40d40a7988c965), uint256(0x0e73b0940c0eccd4fc26d12f9ae5d687066543b1ec63f688d75c24e95a4845c2)], [uint256(0x28a54068c452c4580314c2522b55a97ebd189fad69358dab40e10808b55a7cc5), uint256(0x2f3f1a32f3e21cb3c44eebc09d716d9293d1af07bf119dae5d8429243d5b342f)]);
        vk.gamma = NettingPairing.G2Point([uint256(0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed), uint256(0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2)], [uint256(0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa), uint256(0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b)]);
        vk.delta = NettingPairing.G2Point([uint256(0x2c48c2a88ea5252212998221e02c17fb80a75d08123016a611133845e7b4b0f0), uint256(0x0a3bfc6177b4d75620cc0a7c1f8539c18a8c521685f42c755f17d014834fc8b1)], [uint256(0x1e3a40232ecae0c03b1a88cf62b168eb57d7a7e6aca5a4f2125336eeccc2396f), uint256(0x1ff32d164b39b35fe6cf84ef7514535d4267fc2d472700e4e790b7191c6d3f7d)]);
        vk.gamma_abc = new NettingPairing.G1Point[](34);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x203c4b7ffb84b0def10cbae5e32bfdf4a7ec3a0d24d218259fe62e52b25cee9c), uint256(0x275eac184575840067b79585516b72f466dfb80826ce7d0fa862b551f1c15d3c));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x24ae9d7ab6586feea796c97654ae290b0cad47af0357d7d7730ecab7bc6672b2), uint256(0x15bc87e2bd5aec3b56903187dc6e840c7299b45177af519a1c4cd78ae56f4bbb));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x1930352c8688732127fe8523e526907f2e4dce0db8184c1343397b48d391a383), uint256(0x2886fd6bb0b0ed77e89a61c182b42a45d3ac4c30e9e898855a477f34793fa74f));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x0a470bbf0965b3bd53ed4af96b04fdccff41a1e4a61d9e6f8f69f169fa820548), uint256(0x2937d0593a043a40908c6cf6f361483876f3d7adcc9cb8e853acfcd3372e6675));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x2cabe7bdeb4fe8f8f81488d94c4acbc8b649453f61b7a64a5868df49bdc1b3f0), uint256(0x2bf64677613502383eb116a8f5b6d438a356365dc447f3a4190182cbbaa933a3));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x14b6f7bad4bad037082648bd2c0ef9f93d959ce0899800b3fbd7f7336f0180f4), uint256(0x1b0d5d7b1f7ca172880da6235a5241e01c9b2de6936d7a1184f9c27019726e49));
        vk.gamma_abc[6] = NettingPairing.G1Point(uint256(0x27f9c75e0c4f6b40c1e7fcbc591cf2a7ff40c65f9df12835e3380edd825a6732), uint256(0x28e504fb63f30c5d4994faa7d1df9803564bf680e3e7619ff25619e2dbe9ed9c));
        vk.gamma_abc[7] = NettingPairing.G1Point(uint256(0x1e82fb77c293e3d52c60ad251fdecdab87ea03bcb83d5d10f16ad08af36d1b50), uint256(0x0c8a7f9ebca94142858eabb001f4bdb72663c494c07670fecd889510f36bc863));
        vk.gamma_abc[8] = NettingPairing.G1Point(uint256(0x1d600f7fe2165090e14155b7ecd1f4f97744cd4a2d29684059235248db6d342e), uint256(0x122ca8abb9cb27d6ad01bbdc62d1fe07cdf3991d7a34f5d4169f6a0dc65df988));
        vk.gamma_abc[9] = NettingPairing.G1Point(uint256(0x2242113b61740de0e33d830f9e65ba82e16ef92bb803da54deefc93ca131f2b7), uint256(0x15120b9e2aa2616963512a57ba4a9255c719caaba686f2e8e68c7de7bcb9ac69));
        vk.gamma_abc[10] = NettingPairing.G1Point(uint256(0x2162a43b8c3b57d79d8ec82e1368f08f3a56645affed1fe4a088a203b472af63), uint256(0x22e6bfbc0ebc6960b7034d3d54358eb045280668744e2067f697b39bad0d52b9));
        vk.gamma_abc[11] = NettingPairing.G1Point(uint256(0x2b12cf81ade6a95b91156e41a86498840c3b66da63ded9bb177ec5d4f42d2dfe), uint256(0x0c6fc95371484a87f7a4edbdeda3bc4c4d653aa54f7f341ab44e8ed0b9f0d35f));
        vk.gamma_abc[12] = NettingPairing.G1Point(uint256(0x2189275b8c0213ef3d1bb1cd44976890a898da177052c2ef1decf7b85c5fceec), uint256(0x22f9f6e638ba9f5f15afcff9845f49d9fd6d231a2bc7f3eaf6c0bb6a1e55506d));
        vk.gamma_abc[13] = NettingPairing.G1Point(uint256(0x13d1aa0fb9c35ab367831181b4d99f0acd8bfaa3a12b5522909ef0c9cdc691f1), uint256(0x1d2bf1f4e38453b60ca29ea605d1a0a9ce7f30bd043e0e507ef8a11a606188f2));
        vk.gamma_abc[14] = NettingPairing.G1Point(uint256(0x0f8e93db32ab5b9b645b1875fe4deeccb1870a48611ce78cb5374563ae660250), uint256(0x193aba13687c5f85ac32705677447d72197747276231bcdd8a4bceebdbe33e20));
        vk.gamma_abc[15] = NettingPairing.G1Point(uint256(0x24d735c3f63835a1fb7f6645d9e7317bef9aa98ca4f164ea873e0b40f6258d7f), uint256(0x0fc6c28223271bd89a361febda5578c0a95c066a3d3f0a92669cde5dc63f1a71));
        vk.gamma_abc[16] = NettingPairing.G1Point(uint256(0x069c47fb140f385ee7f972b12bad2791f8396fc444f4d7e0d35e0cbb9794cf76), uint256(0x0103f9fae44915a2ed8313e59ef2df3c10978d8d682cda2bb2ed9c1a388950e6));
        vk.gamma_abc[17] = NettingPairing.G1Point(uint256(0x1549adf7529d45cb156f37739a4c05a785ab6a21bf3dc710a52a9837e3c9aba5), uint256(0x0987a7690b1ed2f0a3f4d451e7151b914eaa045da6660f8ab0fe70ec36961273));
        vk.gamma_abc[18] = NettingPairing.G1Point(uint256(0x1039e77ee54c07d52a143004b7521134e8a4e867be279dd0e07864cd5665c41e), uint256(0x13d9ca7c51e6204119908c7dcafd174a2c08209bed2883d859ac9272aa3c02b1));
        vk.gamma_abc[19] = NettingPairing.G1Point(uint256(0x1350be31f7c29a5cbfbc30cc78a1f666768f36aafc7751fac962c2f8c860ec3a), uint256(0x2c9101f4b78110f7f34eaf47f2e2c21156ed90434f983dcc128df1b2b0cc3278));
        vk.gamma_abc[20] = NettingPairing.G1Point(uint256(0x02b4c438035b0165ed67e52c956b97ea8276ca8bad7febe3c724763c203bf793), uint256(0x079ffa693d126eb634ccb89336a60112d203f613297761ab4d0da39b93687353));
        vk.gamma_abc[21] = NettingPairing.G1Point(uint256(0x21d55b9348f13ed91da931078a5262f36a6a025cc81b1572cda7aa31fed247d3), uint256(0x148c31f8a4add5fc63775e4474557cd0e6a160ef7ba459e7a82e46f3a3635ab8));
        vk.gamma_abc[22] = NettingPairing.G1Point(uint256(0x1a41f3c7cda274cd329e51e975c3e761363839400282982fbbb21d8cfa62d348), uint256(0x1ebd0f250fee454ad6d52ec2bef5746f8971227bfd885b93d95593adba700d13));
        vk.gamma_abc[23] = NettingPairing.G1Point(uint256(0x26877d5f759bb0924a5eb26376d6a53d48714bae4460cb42008a8684d8204c97), uint256(0x00293550336075b0afbdee15d562abd1aec76f6c13754814c8c5f21c7a00f5bb));
        vk.gamma_abc[24] = NettingPairing.G1Point(uint256(0x1c94c6ec198a3e6986175c06e17b308828afdb26498b18c3cbe4772939774c79), uint256(0x011f3bbd9f6745e30f33a68821c10f388d5392579f950b3f95624cb16708cba4));
        vk.gamma_abc[25] = NettingPairing.G1Point(uint256(0x2303469f428280e9d70a6982d7a4faa521dc0bf887a0c77665abe28becfd02fe), uint256(0x215ffdb7a8ac0a2a3d0b2e438b1f31cf22126eeef9cd05da493470932ca8b9b5));
        vk.gamma_abc[26] = NettingPairing.G1Point(uint256(0x12c26c8a5857011946386b86a7bc121e07c3a56b1e692eeda57afe7c2d1867e8), uint256(0x0738ca8ea0a5f57656b6e9678e58dfed7da2cfbeba610d30316700605313ed8d));
        vk.gamma_abc[27] = NettingPairing.G1Point(uint256(0x1c4c57066c10a24173b70725e8a9c89ccd0a5c13ab65034f91da6540a8520bed), uint256(0x28c72aa3815e0474db4845c23f279ece37314fcd8e65188e067147a2ef9917ab));
        vk.gamma_abc[28] = NettingPairing.G1Point(uint256(0x0669203865ef51f91774c5c2796be2d2e31da50eeb6d3280797bee589594b4f6), uint256(0x0282faca28171a7305fef8af7b4b842eb43e39888c238cd4fae697ac6f7321c8));
        vk.gamma_abc[29] = NettingPairing.G1Point(uint256(0x2003c315b455bfe91072399e6383d28f5128a8e38973926a8e78281c8ac2c5ba), uint256(0x16ee3f3f24670010ea8033191a69d7ee95978fde80f108c19b4f9d3a27f810a7));
        vk.gamma_abc[30] = NettingPairing.G1Point(uint256(0x215ce2a65747f6454018b6a02eed61b3e853489e0c31313fb84f906c7e84dba9), uint256(0x174415f62d9c01cbb886bdb634d3d97de3f5aa862025b09dcfa329368cdb6b8b));
        vk.gamma_abc[31] = NettingPairing.G1Point(uint256(0x0474892cb3d2812640a4c12689d3ca862ef56b9fa0bb1ed94d5cae4ea001972c), uint256(0x1a0e85a1f108a9ea774b0936e7b9388e30dada970cdfbf39d1fdc1e4f99e3367));
        vk.gamma_abc[32] = NettingPairing.G1Point(uint256(0x23001718e7a2659dd179360dac548439c6c84b10bf30075cf88129eabab492d1), uint256(0x26f2479878abfbaf0ccf3ab22afc0f1a1dd756060ef7d3333697b6a708e2f0ef));
        vk.gamma_abc[33] = NettingPairing.G1Point(uint256(0x102b84f54ec89c881efdb4ccd5b1132af73ed35e7f29ea1aace77f75e5a9670b), uint256(0x09c2cd48181ee4ea40784fb04331b38d3f9222f759d5d04cae5759321c53b30c));
    }
    function verify(uint[] memory input, Proof memory proof) internal view returns (uint) {
        uint256 snark_scalar_field = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
        VerifyingKey memory vk = verifyingKey();
        require(input.length + 1 == vk.gamma_abc.length);
        // Compute the linear combination vk_x
        NettingPairing.G1Point memory vk_x = NettingPairing.G1Point(0, 0);
        for (uint i = 0; i < input.length; i++) {
            require(input[i] < snark_scalar_field);
            vk_x = NettingPairing.addition(vk_x, NettingPairing.scalar_mul(vk.gamma_abc[i + 1], input[i]));
        }
        vk_x = NettingPairing.addition(vk_x, vk.gamma_abc[0]);
        if(!NettingPairing.pairingProd4(
             proof.a, proof.b,
             NettingPairing.negate(vk_x), vk.gamma,
             NettingPairing.negate(proof.c), vk.delta,
             NettingPairing.negate(vk.alpha), vk.beta)) return 1;
        return 0;
    }
    function verifyTx(
            Proof memory proof, uint[33] memory input
        ) public view returns (bool r) {
        uint[] memory inputValues = new uint[](33);
        
        for(uint i = 0; i < input.length; i++){
            inputValues[i] = input[i];
        }
        if (verify(inputValues, proof) == 0) {
            return true;
        } else {
            return false;
        }
    }
}
