// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `python -m gridset.netting.build`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting8.zok (8 seats; public inputs: round, before[8], after[8]).
// Trusted setup: demo setup from public entropy: NOT secure, anyone can forge proofs (see docs/netting.md).
// Verification key sha256: 8cdd16a0403a93a9027c7d0f5bac296ec85c5b19f16df86a0b6ccd9b471d3086
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
        vk.alpha = NettingPairing.G1Point(uint256(0x01c72e967eae3eb9a21e07ec6ba0bd8b174926e6f9b74d92108a604e8201228f), uint256(0x2e041c26ecb4418f5e7bf74f66a261cb3baae688a3ca03da9ab899da0f80f2e8));
        vk.beta = NettingPairing.G2Point([uint256(0x123555bcb0ea3a839560595712be6a5d65e0fb358714b29f3fd14540559e7824), uint256(0x11a215d8ec008e46055a7de8cae398b563df3aa69fdd1ffae015364191052e53)], [uint256(0x1c7309b9b3b045c94957714a37403b8d89dfbac7f69ebed126f0fbe3d38a894b), uint256(0x20817f9bdfbb87ec2049d7f3ec7585d4c535aacc358a6b3fa4196bbc76b8a1ad)]);
        vk.gamma = NettingPairing.G2Point([uint256(0x2cbf27e57ee781efa42a1147159ca49c947ac1ce6083286ad3d3e49cc2ea63eb), uint256(0x063214b0eb185b94d9b29c1363959e65e1a4d46c41ea91c2136da1fc8f3892d9)], [uint256(0x1a0c04be5d5540a086b2e883745ec8de61a65e57beee66f9e2eba247c7f9b3ee), uint256(0x0f2c7fff76d369e3bb39359abbc64a113dc724cd7f4c2924e9018f3bf76e0c05)]);
        vk.delta = NettingPairing.G2Point([uint256(0x05705203bd9745ba92d4934c639fe58dab57b02ab2493ab9bce9c927b91c3d1f), uint256(0x2492dca59b5b2ea331cdb30fc394beb8ee00d77f0168115c57a307107c3827bb)], [uint256(0x17f3a569184f8f0b0ddd695af5cb51725e64f60340dd02aa4073f02467aef1bb), uint256(0x274c841aafc2965d04acee0426b380ba45234d6f1a4dd7b7b8293bd6cca0213e)]);
        vk.gamma_abc = new NettingPairing.G1Point[](18);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x2cb67c04220b3ad39f651e4439f80d2a128a277d36063aa8562bf983a3ead372), uint256(0x24c4ae3ad7f1987cf534ee74161ff5779bbcefcacacdc439e58765f06d5325a6));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x2c56db7a5ec856562c213cc3e1e73089fe107e8129f34889ceae8f9581cb00a9), uint256(0x3057c1accf46249de38da05a76e7a6d03fe085e5d610e2f2a9a0b56921db1fdf));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x0fa883822249f0ebcb04005507f38bad08df36e8a01852d4f09d562370f54146), uint256(0x0b3acd6b44405c669f0e4fc7376d9f6bb9a9d9ffb3a67fda5d231fa07ea57919));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x2f99437251a502fbc048261ca1dc5d2f3bcb60ddcb6945afb27f09d6db025298), uint256(0x0bf4e46ddda9a7a0d51a03e9189f6c5384150857e04211aaed5911e7eebed4de));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x12cbe40ffd318371360f6e581b260318733556c56dc7bbfe779df6cc68cdd303), uint256(0x002f1635c764d91b878d3e2341b7ea65fcc971857c5dde1637da304b65ba1f2f));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x01bfba1915cc197f75870dcfd94e91de8e02c7199f33ba36ab4876507156a7b0), uint256(0x2d2c35949ab0c2c17c3a7ecc7ec339cb3663b728851dbc93f1be2b1790f912b2));
        vk.gamma_abc[6] = NettingPairing.G1Point(uint256(0x26e33902ba1912f82f445d952a1e0d251c9db8ace014fb35e60e0612cfaf5e56), uint256(0x2c64ed518aa280c0a13c93cfe4830f07a0d0f080769013311be4ef78ce2b4199));
        vk.gamma_abc[7] = NettingPairing.G1Point(uint256(0x1acdb7e28c1413f0ee911e063ebc601ebe042930d5798124d16c203f19c4c8c6), uint256(0x06e8f4fbff1df245d3c2941b2d7e6e176b59c8e02aae3ec331bd90890d441d15));
        vk.gamma_abc[8] = NettingPairing.G1Point(uint256(0x07f6a78509fa2062ed9204d9f61de55abb602d16a2329f01624a814cfdb98d68), uint256(0x209876b4505fdcf643fd6b551b9e4b90c5c9cf6dc37a6c106bbb6fb6bf11b4de));
        vk.gamma_abc[9] = NettingPairing.G1Point(uint256(0x16b253194254a64920819c959475784d0c20952748a8a622fef571d2bdff6121), uint256(0x1968b376cf9242de575798aad4cfa90e5bf63325833ba59739489d95eb899560));
        vk.gamma_abc[10] = NettingPairing.G1Point(uint256(0x28c66976b379802ae6e937ad22949c133145d6783997ba0a9d81f44c6a3640b3), uint256(0x087095f273d3312b04cf468b3bcb60636981551ce915f527c653b27e3a0ab9da));
        vk.gamma_abc[11] = NettingPairing.G1Point(uint256(0x08009bc2832a8610e8923cfa88becef9df1f57e96a6843eb61fe11f5d8bd374a), uint256(0x0062cf2160ce90a2fdde48d59ad71f812897b7f9c013b25b5c301354e10400a7));
        vk.gamma_abc[12] = NettingPairing.G1Point(uint256(0x0cde9b9e20383157a8fa69dda09a40bfd3f8fb768992a78fe14ac55c3ef71ea7), uint256(0x19d6cfae12323d9211f822112badbb130e343fdadd5e708cc707c8c79928dc3f));
        vk.gamma_abc[13] = NettingPairing.G1Point(uint256(0x17b51eff9a5c878e439ca2719895f590693b94e8e7e8378973b0d3b0855f0117), uint256(0x1ee955f7af238825e01c2d0bf7889185f6ea028fa7021ee22411254096b77338));
        vk.gamma_abc[14] = NettingPairing.G1Point(uint256(0x139990966c9f775f54c93ee11c5380e87121a6a9d1708684542b7f46529e8e56), uint256(0x22b1517acf8ef160ed924065b06afcd61fc205801eb0fe87ba16c4dd880ca845));
        vk.gamma_abc[15] = NettingPairing.G1Point(uint256(0x2004d34627058e469ce2d5ce8e6fc4534f4212b81dc2f76667085f55ad26c120), uint256(0x24153708b96f994e3c7529b8de6078acfa5d8cdeee57b219bd0761d002286615));
        vk.gamma_abc[16] = NettingPairing.G1Point(uint256(0x1b75ba7277ae8fea14aa615cb40e3805d81a67b21604734febad6506550fb694), uint256(0x2de4d300b62246689b81697c0f83fcb4448072e770f09f67e68b02b4d621fcb1));
        vk.gamma_abc[17] = NettingPairing.G1Point(uint256(0x03d43bfe27219a69706196696547781e4b9fa618404211b93589318a93aa90f4), uint256(0x1d6930a2d45344ae0dc14c1f91e3824e3ab27a9c5cbbdb5bf1e2e035f1d558bc));
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
