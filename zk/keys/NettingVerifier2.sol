// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `ape run netting ceremony export --seats 2`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting2.zok (2 seats; public inputs: round, before[2], after[2]).
// Trusted setup: multi-party ceremony (snarkjs; 3 contributions: gridset zk helper, contribution 1 of 3, gridset zk helper, contribution 2 of 3, gridset zk helper, contribution 3 of 3; beacon 1a1208751a597ff6...), transcript NettingCeremony2.json.
// Verification key sha256: 1ed0dc02e214675b547754ffff67e2e67a8fc1c13953b5efd539db1336948a79
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
        vk.alpha = NettingPairing.G1Point(uint256(0x1f35486d1422dcce23a2313d31d66cd474f576f83325c5c13b310bc2d239fe71), uint256(0x13b43c00cb2df69f27bf6332cabdfefb312e3d807d3ec22e7f9e99c513c7a3e1));
        vk.beta = NettingPairing.G2Point([uint256(0x17f1add5d1ed8689b542cd2c3442080b9bbcc053a7cd425b6f40d40a7988c965), uint256(0x0e73b0940c0eccd4fc26d12f9ae5d687066543b1ec63f688d75c24e95a4845c2)], [uint256(0x28a54068c452c4580314c2522b55a97ebd189fad69358dab40e10808b55a7cc5), uint256(0x2f3f1a32f3e21cb3c44eebc09d716d9293d1af07bf119dae5d8429243d5b342f)]);
        vk.gamma = NettingPairing.G2Point([uint256(0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed), uint256(0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2)], [uint256(0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa), uint256(0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b)]);
        vk.delta = NettingPairing.G2Point([uint256(0x1cabb4497982a50d8177a364ebb2fa7fd010502c87bf1ef41d2ed16717da0ae3), uint256(0x210ac92df262ac1abeeb19aebad6b872a8908cabff994d0409b2b0a5ec7ba2e4)], [uint256(0x2f5f1c8f2b89af461b8d67a935b5d48fec1dc3f35650689cb37f7a6653be2f8f), uint256(0x2662a6cbbaa1a0474784a4d1db718a9952229b957f9ba6c5c0c87153c99de8a4)]);
        vk.gamma_abc = new NettingPairing.G1Point[](6);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x20e41ed3311a20210741e71cbcab7973cc735e06e3d0aed60f75c3c7a1f1294a), uint256(0x182fad0847df771663dfd1477879233b29362c180bbed786401f9f68d08c9af8));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x0c1684b6dc94cf90ee55ebd3f1ee9d4d5fdb3bcf9c3e958f8b0a40f89b4c1530), uint256(0x29068545d3543c1fa774fd7b2fa5cf7ce1d604929b7b1452f112db90a9195b0f));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x210ab1c87f0c668bdf20abee73783b023fbdd5447da15c2cb9f30ba5415855d1), uint256(0x021553199fa1277c273066c63134c2dc60f99afdd7da9bd56dccc8f98cdd55b5));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x12813d3a1de038d3d7c42b419ccb3887f4e8b17fca9db2cc7846263584864060), uint256(0x1f95a0e76291d4eae477768e3982586fbe2aa1184e162d7fbbfc3832b7daa4fa));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x07c3aed2b1a9dd3ad54f2baba4bf2fe0f6583c0cb58e3b66b88e181d7a979446), uint256(0x2162fba5508b91f55daaaedfeb91bdb1451a9f08a34c537428c4b2887030df1b));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x0de4ee5a7255ba37cb3274283391c69672a4a409887658552be88b1456217605), uint256(0x0ebc37bd69791ddfb4ce5b9d723747ead09667d7e4faeffaf49d823a06b1168d));
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
