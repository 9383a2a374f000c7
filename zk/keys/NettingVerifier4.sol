// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `ape run netting ceremony export --seats 4`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting4.zok (4 seats; public inputs: round, before[4], after[4]).
// Trusted setup: multi-party ceremony (snarkjs; 3 contributions: gridset zk helper, contribution 1 of 3, gridset zk helper, contribution 2 of 3, gridset zk helper, contribution 3 of 3; beacon 1a1208751a597ff6...), transcript NettingCeremony4.json.
// Verification key sha256: f071f10a6ffe7bb0f4e32fba421cc98b05fa762344c34fd197b436506707db6a
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
        vk.alpha = NettingPairing.G1Point(uint256(0x1f35486d1422dcce23a2313d31d66cd474f576f83325c5c13b310bc2d239fe71), uint256(0x13b43c00cb2df69f27bf6332cabdfefb312e3d807d3ec22e7f9e99c513c7a3e1));
        vk.beta = NettingPairing.G2Point([uint256(0x17f1add5d1ed8689b542cd2c3442080b9bbcc053a7cd425b6f40d40a7988c965), uint256(0x0e73b0940c0eccd4fc26d12f9ae5d687066543b1ec63f688d75c24e95a4845c2)], [uint256(0x28a54068c452c4580314c2522b55a97ebd189fad69358dab40e10808b55a7cc5), uint256(0x2f3f1a32f3e21cb3c44eebc09d716d9293d1af07bf119dae5d8429243d5b342f)]);
        vk.gamma = NettingPairing.G2Point([uint256(0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed), uint256(0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2)], [uint256(0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa), uint256(0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b)]);
        vk.delta = NettingPairing.G2Point([uint256(0x0f68f33205c8811e59048a3754f36175536a4343a0c827879a65aa414302f72a), uint256(0x1603c82dfe1cb18ff735d5d8e7ffbd75488975a35b2e46acfa62c3e07bb0354a)], [uint256(0x1339a4948373a6616cd597f9c5a1eb9d5b9013ef64b403a948c5b86a81b6e91e), uint256(0x1f491216b5ec04386dd26b5a0d78482c6748b90f6ebab3fe3c19ecac047e18bd)]);
        vk.gamma_abc = new NettingPairing.G1Point[](10);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x2cdcd06a37dec19d4d76ccc2edf2d29f3c8abe1b903392069ac7ae134d425bb9), uint256(0x05320d4075e52c1ad677e2e0dd9b592902dc34fefad7a8535d5f82799747331f));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x1ed037b5b22440bf506c1aef8a2332b81881e2aa09f0886d97194ba9e47ed2fd), uint256(0x05733c2ea93447878ae67cc866f100223921b143d68e537178add8c9270f414f));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x195dc0f7e18aa705a6051be0852bc83790b92ac8a4e17cd670da4b73a5b3791e), uint256(0x1a41ee895bacd122d588562bfdd7c887d2f91c43cecce04aa0f516e4e5bb67eb));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x14121cb078206f386722ac27a39627049cd67ca47febca7606f4c56c545d323f), uint256(0x052bf7e69e89acb9b60515059b75b006adeb6c9998d27144f00441b10fc864fc));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x25b5f34578a4fcf210e05feca030109ed807fa761c19aa604580f44f1eceb77e), uint256(0x20ddca7f22ef0fe86e01efd58514d935786593cc17e06fe8b79363a735d7a1fd));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x25f0afc91614a57972f132c5cebe02e43a7809dd82d14a7236d6f1e27d42e487), uint256(0x023db1e5c41f87a490984c276066e8ab14d8ae4cf2beadb4d48bfd46115258ab));
        vk.gamma_abc[6] = NettingPairing.G1Point(uint256(0x298bf0ac24f0416bcf23510ff6f2a127c03c71831bf6000beb4133ab6ad03a58), uint256(0x1a8b64e7e4b21337a0bb61ef8cb12901e9d20137e75ad03eb691530edc04f46b));
        vk.gamma_abc[7] = NettingPairing.G1Point(uint256(0x28d5bb5cc55683d6e406d02182b6a332d5e1ca8319d2c392a4f0af7f0a00d407), uint256(0x1ed669807a3f52831257cd3cae63c16463bddba760d6c3b37384cdd9384ab7c0));
        vk.gamma_abc[8] = NettingPairing.G1Point(uint256(0x0f234d3963776abe22bb91f6e4ff036101ed7cfd56eab127ae6724c589754089), uint256(0x1d440f85dbba7a3c74b87d1b1d307eac284f29d4f256112a5887dacaf7a52c90));
        vk.gamma_abc[9] = NettingPairing.G1Point(uint256(0x0e4fac4d2a864f5798f0e92a1d2c8b25c4e2205e52fc587a71a25bd6a36618f2), uint256(0x035c0ad9af58e394b8a2654b111aa9c2ea23d258f08c89a812a8193801ab6a3b));
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
