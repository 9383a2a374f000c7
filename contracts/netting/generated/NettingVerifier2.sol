// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `python -m gridset.netting.build`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting2.zok (2 seats; public inputs: round, before[2], after[2]).
// Trusted setup: demo setup from public entropy: NOT secure, anyone can forge proofs (see docs/netting.md).
// Verification key sha256: a13313f2a86a7b7ed604761c11ee96f3d66012408f92c62dd52a90af9a8da021
// This file is MIT Licensed.
//
// Copyright 2017 Christian Reitwiessner
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:
// The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
pragma solidity 0.8.28;

import {NettingPairing} from "./NettingPairing.sol";

contract NettingVerifier2 {
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
        vk.gamma_abc = new NettingPairing.G1Point[](6);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x0701e94303413d37618d133a96a97a9fba5a4b61052caae4bc070a5e6094633c), uint256(0x24c9dc4aeb3768140c4a8fb925e80b54e80e7cf520ce6db0295fcfbd60332875));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x239430dcf12b576a6153ce364e1d7e3b85c645ad6c8576f25ac27f9896bb6345), uint256(0x15e43e1c80723ac15d371e5f38a7ec41e1457f80852d2d87a18053096ab9b4d9));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x0da348dc9f1c5322ca5fb219c268b49b398eb515206335a7d6b4a514ad42b41b), uint256(0x219b82702e95c91d300f6c31097af42dc6100004da82b65da22133c8e36b94c5));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x1176acd4d31f4243a81bf0fc6c41e6fd949a6a0a6b3b59c0c49757b39eedf4b8), uint256(0x180497d5a4357520ca46cab64ac9f629dfd515fc3c407db7edcad74511460f88));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x0ac8ccf1b94f8e5420a1d58bc0896dbbc8ff27f9969027642d8d821afca0a740), uint256(0x0250b897e64ff1726e1b1f96610c2d547c11fc69aa0dbdba83e9404f496639a4));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x0a7b6be463a9d58410ab8b32cc20cb82e1f6265829c6d5693680f75e7a6f08e0), uint256(0x19dced4deac8956d87d11fb6a7eb17fa79d4b433aff1188567ddc6241f5de51c));
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
            Proof memory proof, uint[5] memory input
        ) public view returns (bool r) {
        uint[] memory inputValues = new uint[](5);
        
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
