// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `ape run netting ceremony export --seats 8`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting8.zok (8 seats; public inputs: round, before[8], after[8]).
// Trusted setup: multi-party ceremony (snarkjs; 3 contributions: gridset zk helper, contribution 1 of 3, gridset zk helper, contribution 2 of 3, gridset zk helper, contribution 3 of 3; beacon 1a1208751a597ff6...), transcript NettingCeremony8.json.
// Verification key sha256: 8948ef3ccb3dedf535d35aa732ed8a21c4eaf41f3c02ee850e5d370f4fdde52b
// This file is MIT Licensed.
//
// Copyright 2017 Christian Reitwiessner
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:
// The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
pragma solidity 0.8.28;

import {NettingPairing} from "./NettingPairing.sol";

contract NettingVerifier8 {
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
        vk.delta = NettingPairing.G2Point([uint256(0x2c74abb8268fd3a6aeca0d55db82238ba394c8c3dc03eda00699bf9d3a7aecbe), uint256(0x2ce51959a059536a395b73c1c62abfa3faea94874a6f36c86485c2675d95bf1d)], [uint256(0x2fa9bf49828e7e03b6dc22def41e10c38a183d1a35f069fab4b5d039b308cfb2), uint256(0x197d9ed4272007dc9229139590fd527e228d899e3e249575b094fc3bb5f752b3)]);
        vk.gamma_abc = new NettingPairing.G1Point[](18);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x134e0f62ed2bd66f1705134dbb544e8b4e5283b02d23ac10210b3fea91849163), uint256(0x15606bdaa7be12f3d7d07ad085dc2fb234e0d37b4920f86ecffc7f70f053dd20));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x1179620befd6fa7f86d9bcc20a03723ebb76851ba1b15e0adf7bde4d08c624f5), uint256(0x229eda513ab0d7e01a2d3df7e4a573f56f3b0eb4aad0eb023ad21e7124f48338));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x2a91d24812a03e2ae1295b6eb9918b58d2c84369c6074cd4d3a044804ec85cd0), uint256(0x2b56747d7861e8d04c4406471198fc0cfc8a284d3a1c24775a794310428957c1));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x2a307ca2befc297cd575a7a48f4dc839f8d62aa481486dc2f365150b9908e4b9), uint256(0x038221037d983e41ead3fbb530f8ce1b9fe8d284f72ea780bb50e31b53ead24c));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x0ad47c56f219e6e0334ae2a26c3a2a7d121287dd10130624f753bb9eaad34904), uint256(0x0e613f155245383d92436bbc9a4615d4f47f2d64dadc0d7ff283787e11c2f2f2));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x07fcbf5e1e38200a090117041456010bf1259c6050eec037b471714b8f30f476), uint256(0x2aae4fa127ff969301f03f0fbf54a0d299ec00a24cd2c5187c21de03d3dead53));
        vk.gamma_abc[6] = NettingPairing.G1Point(uint256(0x1ffd0e16af7066425af2a847a05e9169ddf83a183b2276a6ace309ce7dd08e51), uint256(0x12a1687eff9800d2f56518fe7e5ff64f1f9f566a637f7d3324bac6135625fb07));
        vk.gamma_abc[7] = NettingPairing.G1Point(uint256(0x0d132ded98001917070d4e2a9a76288f008557db8fdcc616b736fff60c16d334), uint256(0x1c4a633272c82112fc1cbaaa4aca9681c6461ba033b69bbd2043da8752076f5c));
        vk.gamma_abc[8] = NettingPairing.G1Point(uint256(0x171502308689c95a0058e60cc831a6f7f3c84ce85b21b03a8493775b73476c16), uint256(0x113d5f52f87803f1a09b4f4f8a5f9dddc65d8d104d8c1cbaee577a3d0faebb72));
        vk.gamma_abc[9] = NettingPairing.G1Point(uint256(0x010186714b0e259a07db1e1e5d2a5afdaaf33777d5ecea9fa2e4ef5ce5fb44b6), uint256(0x0e1ee3a170161f4896205d74a99ef7cc084829682d40824894b648786ad2b3db));
        vk.gamma_abc[10] = NettingPairing.G1Point(uint256(0x14348e557b76ea648044869fe3446218a49b1d36c52f776f09ec9d030d7f17b7), uint256(0x26f51806fcd3548fd8919e47ac9c68afee9987afc826e5e93a443b750c04217f));
        vk.gamma_abc[11] = NettingPairing.G1Point(uint256(0x0432a0247a6d033572434d29bc7440e8059c2853b93df78bb7147429f900c85a), uint256(0x091c7c7d1f12e48691679d5eebdaa9f94ed28a970f0c64598210ca1812f54b7c));
        vk.gamma_abc[12] = NettingPairing.G1Point(uint256(0x112ca2870adf146ca3a2b5065674f290bc2525035150393c9730300a1aa0ebed), uint256(0x1631209e296d9e66ddc5a91eb3b9f842f10c910792ba9be5c44da0ba381f47f6));
        vk.gamma_abc[13] = NettingPairing.G1Point(uint256(0x2ae03db630562cd659ea41f4c7859e5c9d7a51c7846dea21cdf41c0fd71e8896), uint256(0x29fecb1badfeba78aec965d55bda736ce645e53d73e42b0e5e47fd3884e4c205));
        vk.gamma_abc[14] = NettingPairing.G1Point(uint256(0x21a5a4ad3b011b5c882f6d6788b41b3842ce432fd1aba51046104cafd690211c), uint256(0x05d8370525fb1f68edf811bddd33bce65e5c42475b02f02447f6b48b9d44533c));
        vk.gamma_abc[15] = NettingPairing.G1Point(uint256(0x120e9642bf162566a399f98fddf2b8139945467676791a5d23af17a20feb36b7), uint256(0x02433840c6395140589bb855c12fe83384d17d280dd1f66abc567cde9aceecb6));
        vk.gamma_abc[16] = NettingPairing.G1Point(uint256(0x1d462c2a6d558730c3d4254edc4bd63679f79dc0d9cc9640a4a9a9d5b141e01b), uint256(0x2ab532920e5babe5d85e900baa3aed59be29a8dc20c3265812df29897297b951));
        vk.gamma_abc[17] = NettingPairing.G1Point(uint256(0x1c17f217a4d9678f0848619b99a6e91004d18c8cdb63bfb7939481c98c3f256d), uint256(0x05c208c5161d71fb08de746994c71334e322d17b7c80d0ba5e1ef504ec4f2e00));
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
            Proof memory proof, uint[17] memory input
        ) public view returns (bool r) {
        uint[] memory inputValues = new uint[](17);
        
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
