// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `python -m gridset.netting.build`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting16.zok (16 seats; public inputs: round, before[16], after[16]).
// Trusted setup: demo setup from public entropy: NOT secure, anyone can forge proofs (see docs/netting.md).
// Verification key sha256: 267c8eb144a32e98d6f64b5271e70e8e0892d2a946703de89b119865a965897b
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
        vk.alpha = NettingPairing.G1Point(uint256(0x01c72e967eae3eb9a21e07ec6ba0bd8b174926e6f9b74d92108a604e8201228f), uint256(0x2e041c26ecb4418f5e7bf74f66a261cb3baae688a3ca03da9ab899da0f80f2e8));
        vk.beta = NettingPairing.G2Point([uint256(0x123555bcb0ea3a839560595712be6a5d65e0fb358714b29f3fd14540559e7824), uint256(0x11a215d8ec008e46055a7de8cae398b563df3aa69fdd1ffae015364191052e53)], [uint256(0x1c7309b9b3b045c94957714a37403b8d89dfbac7f69ebed126f0fbe3d38a894b), uint256(0x20817f9bdfbb87ec2049d7f3ec7585d4c535aacc358a6b3fa4196bbc76b8a1ad)]);
        vk.gamma = NettingPairing.G2Point([uint256(0x2cbf27e57ee781efa42a1147159ca49c947ac1ce6083286ad3d3e49cc2ea63eb), uint256(0x063214b0eb185b94d9b29c1363959e65e1a4d46c41ea91c2136da1fc8f3892d9)], [uint256(0x1a0c04be5d5540a086b2e883745ec8de61a65e57beee66f9e2eba247c7f9b3ee), uint256(0x0f2c7fff76d369e3bb39359abbc64a113dc724cd7f4c2924e9018f3bf76e0c05)]);
        vk.delta = NettingPairing.G2Point([uint256(0x05705203bd9745ba92d4934c639fe58dab57b02ab2493ab9bce9c927b91c3d1f), uint256(0x2492dca59b5b2ea331cdb30fc394beb8ee00d77f0168115c57a307107c3827bb)], [uint256(0x17f3a569184f8f0b0ddd695af5cb51725e64f60340dd02aa4073f02467aef1bb), uint256(0x274c841aafc2965d04acee0426b380ba45234d6f1a4dd7b7b8293bd6cca0213e)]);
        vk.gamma_abc = new NettingPairing.G1Point[](34);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x1bb8aefdc62eb8d18e949b7a01c2a75200627565800daa7ae36aacb06f37a634), uint256(0x16a4e68cc2194cbfda2994ca1c2179f2d5b37dd0921d7b3a434d43ba535614e3));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x015bc862e74442c16945626320de58378be7e0910394759b9b807e13f6ad51c8), uint256(0x241c95d5496b9214ad5a5c825e7be2be41d09ac671ae08f20a5c05946aedcbe0));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x081254348f0095620ce454300ed33f10ba4811234c7001e6a50f6d14163f09c0), uint256(0x02d9b3a2cdabe9c7590462bbaca7e9a7731706d09808a38dd781b10d948edbf2));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x06cfafbb8646604f13e6de0cce62ec85317ca8d9e5b5718981369c8e1bba778b), uint256(0x23242083ebd1d0c27b6582a51ed7a3f545235a675b9082e3cdd92d85e55d8a5c));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x12fa09b13d00ff7c65af1ae563773ae33e23661771541036ebcf654b8c24ea9d), uint256(0x0712417ccee253c7534ea856d72c41cdb285e5ef3a0e341255b2ad0a294cb9ad));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x1728764400c30aeec35ebbac87787cf3bf9c9ec5b05a7bdaa0f66008b31f501a), uint256(0x02a27315486fbd1f3ba40d62364bb282b66b2c4952fb036b944a1a7cb504ea82));
        vk.gamma_abc[6] = NettingPairing.G1Point(uint256(0x01e2ea8f00d9b08adbaa129cc25c51a6aa58098dce82f6185044768e022d94f5), uint256(0x1caf31492b2be098422c250e5ee76bd144493fec3bb911723be5afcd806c7d48));
        vk.gamma_abc[7] = NettingPairing.G1Point(uint256(0x2d114d1d8a392188b1aedc8745f2a13144c96c7d9bcc0be677b515cf1652a8dd), uint256(0x1bf8351c45df1d76ad63c0ff044947fd0b612198acdb2e42a62c3e196c156044));
        vk.gamma_abc[8] = NettingPairing.G1Point(uint256(0x237ecb269c4dcdf2f93273fbd3ab3c60c3b7187e335652e39d5fe7fec1df4e30), uint256(0x0f4a95f2a336d1b7889493a2de64b5b813bed2d65e44b0dd26165db85c6280e0));
        vk.gamma_abc[9] = NettingPairing.G1Point(uint256(0x04ffcf7429e7888be720985617605034d3908659c49652161afc74a448393f6d), uint256(0x0cfe837c0cefbd9c3e8d4c883dce733a8c1d03555e379d764499fc1091c38906));
        vk.gamma_abc[10] = NettingPairing.G1Point(uint256(0x2892c95e1650e6e421ce8cb2b12c5e38fb4e20fbc8b828611b62b3f9782aaeca), uint256(0x034946df86f1fb1bfab597ae3ccf1a59084502b6eaeb73713d476b29d0fbc3b2));
        vk.gamma_abc[11] = NettingPairing.G1Point(uint256(0x0a71bbe8a297706e20df9a61861d89b40050abcc01b2e8187041ac86ce633234), uint256(0x10e2d0ce1cd55a59de2d3338352c6eb55cb825b1aa26e404db6a27892664f3d7));
        vk.gamma_abc[12] = NettingPairing.G1Point(uint256(0x00f8ad77f04e022915abda01609584e55334e66c693c02d06909168a31ff7e61), uint256(0x00099bd85f2196a76d08bcd907d6319e6cfc8958accb7026ca1f79e5ff6345aa));
        vk.gamma_abc[13] = NettingPairing.G1Point(uint256(0x1827b74fceb13c2a572a28f60a63e0ccf67f6a517514418c04187c368e333264), uint256(0x116ab715c575656d349818c15d73e9ae4f6c1ea7140a4fe5d8cdab4d5f74b07e));
        vk.gamma_abc[14] = NettingPairing.G1Point(uint256(0x03ae27924106e0ffd259d24d2361ef53c5f8b7dbb9f776488c0b7a696886eb76), uint256(0x2bc06d6b3dcb7568a6ebc8a1bc655bfeb8e97ca39f54836b5a3403c8f58edc9b));
        vk.gamma_abc[15] = NettingPairing.G1Point(uint256(0x112643baf741f414d60a951a209c0035e6659fd677082976904ec9570638ec2a), uint256(0x28f95df0ac335c2598f42c4dbba225b23393689939624182ca1a86a49606f015));
        vk.gamma_abc[16] = NettingPairing.G1Point(uint256(0x19ea89fe6cce7c8f73b1571bc0c1855ebffa734737ac0891b8bff3a619e9a71a), uint256(0x167ab1632d4080fdb8adcec4086e60869b863783072059577f202e8f898dfaa9));
        vk.gamma_abc[17] = NettingPairing.G1Point(uint256(0x201591834d5306f21f0d7b0c88bd5d9b85fa49ccdedf5d9adc513fc3574adde2), uint256(0x2bc209ce0c8680de92400c892d80b2defc8a56b92644d1955f7583b2c79d7f4f));
        vk.gamma_abc[18] = NettingPairing.G1Point(uint256(0x1a779df265f5faa5f10eef5eb1ab6be9c4bb9ba92b180b0305937ed6b1f47b97), uint256(0x1344a4a332696dacf2b16d94e4e16cf2b1b8dc4228387539bcd15eba277a21dd));
        vk.gamma_abc[19] = NettingPairing.G1Point(uint256(0x15cd4fe795b6922f8cfe22ddf00bd46d4e3322f16b35075379f3f0b36fcac52a), uint256(0x2816a977194cdd2b18d0548c786b648f357cb9175e94a9e8c16741fc331366ee));
        vk.gamma_abc[20] = NettingPairing.G1Point(uint256(0x2c8dfc9e8600ef8b1488ba665dbbd5ec2e9fc7f70a710e08b2f31018e98ee82b), uint256(0x158c1617e9204d936eff48ad0911c149ffb25aee7b1cb10a58b958b3d59218db));
        vk.gamma_abc[21] = NettingPairing.G1Point(uint256(0x28a100cfc36098891d51ee394aee33414e4ea220c4ef9047c2f19120a8146e65), uint256(0x2f2cbf250a59d40ab0dd5f5156cfacb22a4e0fca40c749f13c6d14e751469ee7));
        vk.gamma_abc[22] = NettingPairing.G1Point(uint256(0x1e3b35f2aab2476ecb38b0ce49527279c1f9aeb5d73eec64d8db5000b5640db7), uint256(0x08eefbac35fe567c1c6cfa1b0ffc823adbfc852a6ba0c222d81acb1c059b4350));
        vk.gamma_abc[23] = NettingPairing.G1Point(uint256(0x304bf2a935af729dc341457bb97b9d98c70c837bd11ee8229b834017f2f3e2f3), uint256(0x00525b5f57aa02d389b4a73aa4943b1373ad2f58404c60962561eed557530e84));
        vk.gamma_abc[24] = NettingPairing.G1Point(uint256(0x2893db30892e42292693fd16be19e9d7109a8667e90c8f9cb45e148a3e171ca1), uint256(0x2d80669ea3e3f8f401deea2321e273f3bbe5e7160da257073c417a29c6e77e77));
        vk.gamma_abc[25] = NettingPairing.G1Point(uint256(0x0db47e43923f4944a0225eecec851a5394fff25fab840be15d30fc8eabf2a6e3), uint256(0x1a535d64d87243c9ee19838967a970ea102b9735313927117e8837b49d8a7963));
        vk.gamma_abc[26] = NettingPairing.G1Point(uint256(0x1c15aa327f7d97ea10b06c352ad1c413ea984d2f18cacf6852e80b573044be98), uint256(0x2dffdb44de02b934ba3a88aba4928acb23f35b5154b3cdd3e5cdb43aeda362a9));
        vk.gamma_abc[27] = NettingPairing.G1Point(uint256(0x0fa321ebe91bf6b89980c463e9055f56063fdd5046aa93ec78803f987afcc622), uint256(0x140dc4994737f632398a5636fd5b0685f6e458080f9de6b4d5fb761d56bec585));
        vk.gamma_abc[28] = NettingPairing.G1Point(uint256(0x05928754f643ceda1df4df2c9614e0e59a219024bb5aa63eadd2b6b34182a976), uint256(0x1a94710868d95d164b8cce4c2c9296b9cf3966b2b5bafde4259f5d92ba376764));
        vk.gamma_abc[29] = NettingPairing.G1Point(uint256(0x0351a95fed65211a116580d036903b5239f6034c54fc300c654e0ee2df9d88f0), uint256(0x082128689b31dd7f45a974ae52c0cb328c431d404c4d6d0ffa0d3cf21d8d11aa));
        vk.gamma_abc[30] = NettingPairing.G1Point(uint256(0x14d52d1a32db2d08b2a5b673b2fa3d941f63312b9fe5e66df2f3a4c883578cf4), uint256(0x052bc00c5f0b65346d8800ab8c54e0e8bedcd5d8e87c49a61bad546837f99754));
        vk.gamma_abc[31] = NettingPairing.G1Point(uint256(0x24db16c11c047e864fa8de48bd1d968905289e4987055ea9283dd5526bd27265), uint256(0x24889b3667198eaa23d3c1a289b99fa9c0d64c0fdbd2e96c13ab1a3aa9bc438d));
        vk.gamma_abc[32] = NettingPairing.G1Point(uint256(0x2a559ca1da75428c8eb90bdf30c139bbafef58928a6be7c1f1de79532e753ad9), uint256(0x205c04f2eee2290d3a90ddd5cb53d7350412ef55729b915ff93e56dea4ce1675));
        vk.gamma_abc[33] = NettingPairing.G1Point(uint256(0x2cdf99fb640d419d25b56d9633648d65743a43b2d3f9776aa159658ec91d39a0), uint256(0x0755dad730e7ee26929e31bcf6ea5ffd96ee62397b89f9a75331760542b58a18));
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
