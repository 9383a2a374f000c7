// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `python -m gridset.netting.build`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting4.zok (4 seats; public inputs: round, before[4], after[4]).
// Trusted setup: demo setup from public entropy: NOT secure, anyone can forge proofs (see docs/netting.md).
// Verification key sha256: 057d0e7c84ff357d2745a17208503c1e3c61dd32f83915aac55be6e8c0bbcf46
// This file is MIT Licensed.
//
// Copyright 2017 Christian Reitwiessner
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:
// The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
pragma solidity 0.8.28;

import {NettingPairing} from "./NettingPairing.sol";

contract NettingVerifier4 {
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
        vk.gamma_abc = new NettingPairing.G1Point[](10);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x18c0134f9dc82a1bf4be8b16b3f438fe90f9b3400c0d6f1eebb79bc1fae86aca), uint256(0x1b145b0bc223641f10241a4d24bcaadba0f5529333205f9c8887df193652a7f4));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x0384588657f1260c5214961ba00ebb65e7b6ca6b8484035ea991e284acff13c8), uint256(0x1ba2f8de5ea2d83f2ea648ecb868a9d51cfca9c78e33bcb7beff2411541645d9));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x1e98cd42ae21094ed5f1f304038ec5850e206678d7325449401c21d1042569f8), uint256(0x0bd7243a3d9133761ead25127daeaed74a10fbfb76f1837cfe1723189406780f));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x1701b1583b1c495fc71e7b7b3e8b6cdc292f221c3ed3b3fcdaf7f91aa0d2d38f), uint256(0x123625972268881eda3f559fc224d39b55ea9c859173f6be1dd453f35e3362c6));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x28b842157a148a96b00a1617e8a185fe955c66abb60be421e5ff51e1cc7aaf26), uint256(0x055051d37f17762592073e6c8c305e87ce6fb57d3bd3545a4977591cdd64a91b));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x171cc818295d05122b37864757d461bb5438f44a02eaddde74e3f068df672ddf), uint256(0x30449eefa540a0624298b16127e9d545abfd0e74e52be1ad94d9842ea9970fb4));
        vk.gamma_abc[6] = NettingPairing.G1Point(uint256(0x1d3fa223135b137d81e89a3c9e4474467198cd9641f3f19816fb8f4a96feec8b), uint256(0x27eddb1a6ceb8d9457e08ce3eba25209e8aa54de437b042185072b28a467a5ff));
        vk.gamma_abc[7] = NettingPairing.G1Point(uint256(0x0a6decc8ca64cad59807f92f0862bdee87eb7d6da133a4e56493e4103ddd6fce), uint256(0x18df81d2c3012c1765653a38d1340f7dcd753a2ffd982542e0ae14fe12328263));
        vk.gamma_abc[8] = NettingPairing.G1Point(uint256(0x2b05ecc50356d98438a3d764db1c76a27ebd61659018352c68546f79f33fa0dc), uint256(0x2510cdad463e552c7dc2e42bac438345cd9b4f315b8bf7c1ac2116f568a86b5f));
        vk.gamma_abc[9] = NettingPairing.G1Point(uint256(0x0b2e33ce2997f72a2a98b8871bab82d34497a096e5d27bb58211a3f64f37c98d), uint256(0x170d49086253e9f3ec4ef81075fcfa569717fe06f398c8a23a60330a1afeb0ac));
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
            Proof memory proof, uint[9] memory input
        ) public view returns (bool r) {
        uint[] memory inputValues = new uint[](9);
        
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
