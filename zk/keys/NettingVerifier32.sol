// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `ape run netting ceremony export --seats 32`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting32.zok (32 seats; public inputs: round, before[32], after[32]).
// Trusted setup: multi-party ceremony (snarkjs; 3 contributions: gridset zk helper, contribution 1 of 3, gridset zk helper, contribution 2 of 3, gridset zk helper, contribution 3 of 3; beacon 2296e2da4dcc662f...), transcript NettingCeremony32.json.
// Verification key sha256: ce31c3d2bfa43e216a015c401502e8554c8d28940429c754ff02371be105a1d4
// This file is MIT Licensed.
//
// Copyright 2017 Christian Reitwiessner
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:
// The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
pragma solidity 0.8.28;

import {NettingPairing} from "./NettingPairing.sol";

contract NettingVerifier32 {
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
        vk.alpha = NettingPairing.G1Point(uint256(0x213f9418b64009f3158ed26e7eccf9953ab6feab0712628c6d510b34fc6f9b0c), uint256(0x1fcc3581093061a68eb9d3280bb55e1a98eb4ff825a1a44cc23a145599cd6550));
        vk.beta = NettingPairing.G2Point([uint256(0x18132b438a997056aac82d3625c42b127b0503dd751ae79a8ba2e31375c9390e), uint256(0x2f7f948849a5851b00562ac7a8070fdecd8ff19150d4f6f9755befad8a2b65ef)], [uint256(0x1e156007522a9dabd6d37cb37b831ca37079d7f43880093bef353f7d2502ba29), uint256(0x253b2bff8e9ade3e6c8f6e1afc060a58805f3a94e9b76fea10e943c1927f4af3)]);
        vk.gamma = NettingPairing.G2Point([uint256(0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed), uint256(0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2)], [uint256(0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa), uint256(0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b)]);
        vk.delta = NettingPairing.G2Point([uint256(0x0d5848a4b74460172a20efc990934e302720c72fb47022c0038667e43c17efdd), uint256(0x0be4556ea7f3815c13a41b9602a4690442264c06ed0c26bd40202d84e1262184)], [uint256(0x06fffbdacc54477e076d7e8827e34766db5a397bad5210e3cd49d2bf1b8001c6), uint256(0x2307663f0817bc7dfa690d8c154f2535b3d748c452a2ba95d6759e1494342046)]);
        vk.gamma_abc = new NettingPairing.G1Point[](66);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x277de2c91cfeb5e5bb3668b9180d73f52edace3ec6524adfc43dbbf5d99f96d9), uint256(0x15beed960ac1a8610f301cc8f398f3d40570e7c8b32ce99e08d147eb7c13776e));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x02f8d38a23809d65d24df3ce0094cb09474a5cbf6a708577e56c2d7b538601be), uint256(0x0d76f553d3ee8356778e4bc6855516d70c8bb7519935bd2a73e4cabc3af7373a));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x21663b24458c4812d3d76612fbc24e005f61c3c194d24962df019850dcc5f7a2), uint256(0x0f23a2bc8f05e3ab63245fd6747691402bd4756eea76d89cb8320a21aaba7344));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x2a8176b16e06672a2b9d87fcb2e98229fdfcffe917474805caf7290a186274a0), uint256(0x16b342e39ba87ad5acd0394afc8a954b6666d1f9c15cb2bbcfd8fa1ba506f588));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x1751edabd5d02e9fa5eb8e4c386bbfe5be59a690f8fe5b4669feaa9d461459ee), uint256(0x11e2119c525bdd31328c47d70f8680fcdac1c095ae4986dc650fd6d5a6b8a1b0));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x1dbeb2d5ca5e21008b5aa8bcd3a4b2eff7c3a1ed81d5bb3444d39172cda37c9a), uint256(0x2cec3a06694530fb7a9e4328c8892be96d31263f68cb4d586c65f34e617bfe54));
        vk.gamma_abc[6] = NettingPairing.G1Point(uint256(0x04581a820399c6fcd4855ede34dacf1ab06c60f848d054e9ec421d02a647a94a), uint256(0x06541449d4d4fa430fea566cf15d22ad288a3058178702598289c0c4d83a9d6e));
        vk.gamma_abc[7] = NettingPairing.G1Point(uint256(0x15ab9bd84840d0d0dfb80ecf2024ccb8065103846e88cde4baff9a502289900d), uint256(0x229c760b5ed2c5762f38a371a1bf4e73d5a5faf9896f9b1465ddee3978f5e2ca));
        vk.gamma_abc[8] = NettingPairing.G1Point(uint256(0x259a7a449e98760c0c4865e288afd4bfa2117af228e6384e6d61a75d644df8b4), uint256(0x18c610d89c9be3ce79b7a80041ca60f23ba38c892d8a9468bda1ddcbfb249a45));
        vk.gamma_abc[9] = NettingPairing.G1Point(uint256(0x3019d0f85fae64180d1cad6a75a049b8a6087c3fef2abd99a0366f9ed789cd85), uint256(0x1ef58284a0bd874ffa5fa0634796ec866ee45ed182c59917e256466cbb9f52c6));
        vk.gamma_abc[10] = NettingPairing.G1Point(uint256(0x075f36596fd606544883cffe2e7e8679d08aec7fbc4215bd0bb8c974d08e746e), uint256(0x0a11acf9cdfbf45ab4caa488586a939ba320f5db8f0920aa0a1e26b76a1bde25));
        vk.gamma_abc[11] = NettingPairing.G1Point(uint256(0x0fe08340a04d7818ec4365e1c15d182bf91394f9d8f0d015c347a931315b9386), uint256(0x2368f287ce5f806a4fdf030d7e24cb8176750d88ee3e6ea06055e9453923ea02));
        vk.gamma_abc[12] = NettingPairing.G1Point(uint256(0x164a9f1e9168cb46ddd95c36c4bcd6fa2b53843a460b0443847d13a5a872bbd1), uint256(0x0bfc2dd39018ca258c8673a010ea34c28244e7293e23f3637aa1f291ad5c7d64));
        vk.gamma_abc[13] = NettingPairing.G1Point(uint256(0x17d4c03f5fc9c81a85fa4ce760ba4d13de256de608b36f4f3b69730b351e0824), uint256(0x25fd88c2281b284d143133fba8a02acb1e2a8fa22618ff940b05b20f0c5610eb));
        vk.gamma_abc[14] = NettingPairing.G1Point(uint256(0x00904f762a03fcb2c0e68f3169e921595e2c0692134cdc82847224a6120f2212), uint256(0x059cba33562ec9f60b5b0f91ccb698ae94b498c0d6e473d4e094f9c1b4bbde9b));
        vk.gamma_abc[15] = NettingPairing.G1Point(uint256(0x1084cd0533266fefcabf9dee7ab98a2babcb8f1457fd1087ab93e478d70c87ef), uint256(0x0df88ebf0b8d8a3ac0f15a4b5f752ddc4b996ca1afc4a30a5dc126d7cd786eef));
        vk.gamma_abc[16] = NettingPairing.G1Point(uint256(0x16a7a11b8aacdf5eb37c1a2a27fec69e870d346f29f553483ba70ba8f7eb53ec), uint256(0x0994af03ddc2f843cb2ce0b0c7aadd11d78cd7b344ba43160126da6e408c72bd));
        vk.gamma_abc[17] = NettingPairing.G1Point(uint256(0x0a5d34c7d6976efcc1bf7dbd463e34aec45b8a77859c277869049e078648e586), uint256(0x1e043aae046a5410a61ca9234d4d50058f8b00b560223a9026eb40a1eeab3401));
        vk.gamma_abc[18] = NettingPairing.G1Point(uint256(0x0db0681e3847b4f21fdfc4ae97ceee0edf8da23ca73b654ac7c8f318508c1c66), uint256(0x1715757d4a239d71d1e6d99ac015d9f30ea21483fea479b441c7d7935771692d));
        vk.gamma_abc[19] = NettingPairing.G1Point(uint256(0x11344abdd63beedcd4332e86d57fbfb9d5188c62d0bf0471587fe636567c95a6), uint256(0x07af881d071162dab8062ff384d3188e00cdb4c8e392651bd76ded97a3d077e9));
        vk.gamma_abc[20] = NettingPairing.G1Point(uint256(0x0de912d219ad37866beb8f96e39cc5e226334f82272d1d853d01c411fb888452), uint256(0x0b27dec63616252fed03c125e4249798c83b2d0f88edac0b1bda0a720c183a46));
        vk.gamma_abc[21] = NettingPairing.G1Point(uint256(0x2e8dc948bd2d1e2a930becb23eff32a5799558291182b235f19649f3dcfe75a6), uint256(0x0ced6d8baad5c2bdfcfa40919af5f9e88a28292549dd04b82e12115afc4aa13e));
        vk.gamma_abc[22] = NettingPairing.G1Point(uint256(0x296f46674353313052b40b38e1148f437b6b17f95a3733c8f8e0c524dfbde7f6), uint256(0x04eb371102f64b421d8fb1a8b81f96d845708d53a09b7dba1ede4d41ed621795));
        vk.gamma_abc[23] = NettingPairing.G1Point(uint256(0x2d30e8e6e9129127d690051f73a230b6568a37528ca8d9f342c721dec6bd715d), uint256(0x28827b6c9cb86083d117bac295dc4c05126bb123ddc8047d5b140225575824a9));
        vk.gamma_abc[24] = NettingPairing.G1Point(uint256(0x15ecd436184920b5c6ee04d5e268517a5bf6ced1a6250c7c4073bcc15212ccb7), uint256(0x2301cbf9ac0676d436d452f41361b06d5520253265aaeb0bc871ed04daa15a93));
        vk.gamma_abc[25] = NettingPairing.G1Point(uint256(0x22efb2cc2f3f37b47d8ca67bb860dd675a7493420a934156cab61a9406eaa82e), uint256(0x13401fd322697e7d4972fe8dee13a3bcfb46e7e814be866000a9fcdba45cf06a));
        vk.gamma_abc[26] = NettingPairing.G1Point(uint256(0x184e10755d9384577317d8f1c4b7a314b9fcf16e8bbedd41fe0264d7826293ec), uint256(0x278234c101199909fee4be31830d56d65330f8256989861e3df608de336cb21b));
        vk.gamma_abc[27] = NettingPairing.G1Point(uint256(0x0b66e4a57f2d57a54c0c296089a842b89019f6a3b1a958d83e29c894f14043ab), uint256(0x17a638e330f32afe12e85100fa6d819265b4f49ff41f7650749f13e12e735a23));
        vk.gamma_abc[28] = NettingPairing.G1Point(uint256(0x12384701e7c2524a3021aa3a6809b37120ba9519645262fcd748a5b6031ceecb), uint256(0x1d5550a76f493ea0aa58332139658ce4751be0dea5056c7d31032faf2202f5c4));
        vk.gamma_abc[29] = NettingPairing.G1Point(uint256(0x13f0657a29d4f231a22e9d00d0d4b1c1d0236a847515bfadade42e118ba4159c), uint256(0x01b3fd8eaf898ae894b56c1b04745db0711ed6b01db08c96cb534ce90dd3d65f));
        vk.gamma_abc[30] = NettingPairing.G1Point(uint256(0x0f4b47c5bf213e0a41b388857998e0157539d7e5b106d2c9efcd8bb1d0d5f6c2), uint256(0x0a319b5646c29013774acf2ab89f37206a557a6e9d1e2899b6377d1835f4564a));
        vk.gamma_abc[31] = NettingPairing.G1Point(uint256(0x130b39a14664a9f3fffe63867fc04c0522d59e37f42657b3e113968b98a6e72c), uint256(0x0d9d2db4f2abed7aaf6a19bd965ca4796975235704519033614f05efa04b433f));
        vk.gamma_abc[32] = NettingPairing.G1Point(uint256(0x17fcf191de012e0be10676f08e6b160fd34d2fa8adfd3b1d1f11aa0b0c7d2be2), uint256(0x1e4244c0740fa6825605834d067de4c8e3a79bf0f9899c0afc87bd8c5c72a7bc));
        vk.gamma_abc[33] = NettingPairing.G1Point(uint256(0x0e031b45a3a4cb03e0ec4a6e91edfb2b7d2d48336d3adfcf8e44542df4e16067), uint256(0x28f4cd007a33cd8fd34600e206773a62cad56203dd5884f90fd5b0c3691a48ee));
        vk.gamma_abc[34] = NettingPairing.G1Point(uint256(0x1a52fd06e5cf8bed97b6b71cf63df88657b85066d8b8171a3b57dc7322d205df), uint256(0x0e759f7ae7309d4a4da14d3c3e4b3469d4dd9bb58212a3c0c148d85576401eb2));
        vk.gamma_abc[35] = NettingPairing.G1Point(uint256(0x031df92e5bbdfd3859510f6279620dff8f96e9a87bd6bbf139bd555b73a46056), uint256(0x28c57c93a2cd6c6647f0a2caafa7f9bd009a299b8e742cd1813fbc8e3f9adb17));
        vk.gamma_abc[36] = NettingPairing.G1Point(uint256(0x1cb97e76aea0753735035f90b272adc0b9134961105c7ada74f25716f94f77a4), uint256(0x2e7bc3971d33f115894d8af15e9f87bb3115c7cdedbfba991cdb2633e91c8388));
        vk.gamma_abc[37] = NettingPairing.G1Point(uint256(0x302ab6bed3b078b40bbeab974c06ff9458d2586eedb95aa2fc1f0db9981968ed), uint256(0x25bd2edb7b98032e44ce024b265b962f97f27ddb04fa25a2f50c7cf9cbf476f5));
        vk.gamma_abc[38] = NettingPairing.G1Point(uint256(0x2258852cc0d578369f1fd5b359d3edf526f688914be1445f17a65596b15cb7b1), uint256(0x25155751eb7d377016a08cdd541dda14f4cbea1c73437079a2843f90678b94ef));
        vk.gamma_abc[39] = NettingPairing.G1Point(uint256(0x0931e5fcc488bca6fcde3ed06987dd31f8a3d687c9f83ee9631794d160f7ad02), uint256(0x05d236f5039df0be496191fd1dd866c3ffc63df732296aaa3535ed99b0c47cfc));
        vk.gamma_abc[40] = NettingPairing.G1Point(uint256(0x2417abeac43f40778db7b16c8e14fb738363e87678edbd454622be66e4fc3ca0), uint256(0x0a966ed92f50dfe335fc8992455dd85032a24b46e257f5d1a33aac0a5d5b6e1c));
        vk.gamma_abc[41] = NettingPairing.G1Point(uint256(0x2257aadb61e5a2f18d157f3fb50159a12d48de91f2903509419989fe750f6275), uint256(0x1ffc993c4908999552379eaa520b99cff834f6aa22fe143b557ad39f92f89c52));
        vk.gamma_abc[42] = NettingPairing.G1Point(uint256(0x22d4d9f8f28780dfba784fa88d3eafc60d1a9276abbdad300f814d087216a917), uint256(0x0287bbdadcf88030f84daf0f6a717ef346ebbbd582807ac0951b05ae978eb4c1));
        vk.gamma_abc[43] = NettingPairing.G1Point(uint256(0x1f36e7df289308bac4691b38f9e8f6b42a31c923faa89c286398af8cb62dd117), uint256(0x28e6fc8f3f04daf7ad840f1a7fce8a9e22f24bcc35bd3877043b441e48061c43));
        vk.gamma_abc[44] = NettingPairing.G1Point(uint256(0x1462f2201a9cd9754a0d3b7f997f9656a9e82e1bde9a4476220042fa4a79201b), uint256(0x0f3fddba1e00bc3ee8daccbb67e4c86733c0d3eee9f3788f1fbdd4101e31b03b));
        vk.gamma_abc[45] = NettingPairing.G1Point(uint256(0x0d13703ddcceb9fcd3bd58fc1fd3eb96f1f6fb5e615db8f80aa8166834608112), uint256(0x0773ae0a16dfda3b002b2b37b045d771083a17552fa29ae2ff4735427dff4c75));
        vk.gamma_abc[46] = NettingPairing.G1Point(uint256(0x1f329554c840698a90094f0258f0a813abe539da39aaa8cbb3dcabcbb92d956f), uint256(0x1297b5ec99c9dc242f7cba238329cbf1abba6b1ecdc03550d8598d83b5b06b75));
        vk.gamma_abc[47] = NettingPairing.G1Point(uint256(0x29a8ab121f1b13711c8a1c1898acb02c6b8ad35cc8b1e54b96c8c51d20998164), uint256(0x091cd208ef807d96342f29c0cb2dcb009750be0a5e6f334e764f1cdbf6924042));
        vk.gamma_abc[48] = NettingPairing.G1Point(uint256(0x141e6b87c6bcd6284a9abaf5a817126d4d473560fa18d4bd899d9e8d22d28331), uint256(0x2f5e8640b079511d17c78893630b5c84b13d735bb9f05e62429282e2d2f107fd));
        vk.gamma_abc[49] = NettingPairing.G1Point(uint256(0x27d933f0deabea32d2c06127b54f48871a71a123b312f244dd6377fa5c9b7730), uint256(0x0424fac36f9a6267dd3eddb02ba22ada03c529f3d593f8f94df8cb522e37b381));
        vk.gamma_abc[50] = NettingPairing.G1Point(uint256(0x296468ef14fb1bbb6c3f0e8eadb98f1310b60c618376e53e41c160c30debc230), uint256(0x1336baf13a1111050f12ddfd8ea0e3cd2652fcdc7acc6904e6173ee2b00c019b));
        vk.gamma_abc[51] = NettingPairing.G1Point(uint256(0x1d9d53c89debfc30b4291a8235a21833e3a5dd4587d2d9b8ebffd231ac783e43), uint256(0x093145bded46eca50e61b3fd129a58e04df246b88f961510286ae110e348e300));
        vk.gamma_abc[52] = NettingPairing.G1Point(uint256(0x1137a76651d3e859f07289c5ec0f6c04db88e679feedd4d46b997673d2d33494), uint256(0x14ed47b27f82bb868afd212f78a29e8d551dd6e2d7cc9a90e5bb6d35a88cc4df));
        vk.gamma_abc[53] = NettingPairing.G1Point(uint256(0x17e2f5804335b90a7541de581be90c7a028a616e70b39a595cbfad89fe60373e), uint256(0x01e927f43409db01725780e7805f3f6f953f33109de7d90c0f94a88b6c717f94));
        vk.gamma_abc[54] = NettingPairing.G1Point(uint256(0x2d11289074d6d874ea09f9748f1eb3ab4e11859c9c5e76e9a755995df444ddb1), uint256(0x2dc940fe94c9492c36b09b15d17302567994b4e185f9718568f2064250ff7ff1));
        vk.gamma_abc[55] = NettingPairing.G1Point(uint256(0x12daac82a8cdd14aa03e7280072db20b440d819d1c5f6101f34db6f2fd79fe06), uint256(0x09b1d12a4c03273f20d59f47dcc03163e1ff7446833b11c4df9f1ff343d4dfd2));
        vk.gamma_abc[56] = NettingPairing.G1Point(uint256(0x10f385e46b5d3b08e74766e1c6effeb5ed9e0792a2e6492bea40d33f5a433016), uint256(0x14a73c7e2557a206614814a282d9f59ebddd3cfe95ff9ab3981716ddb01e94e6));
        vk.gamma_abc[57] = NettingPairing.G1Point(uint256(0x0efc2bae5a3d7f5f50938f08877cbf0b496bfe47d05348a9010ef394d29ad999), uint256(0x0f7e7d95ccb5c9b7178fff1351ee2e9e1d943c2ebada4f7765965ecf4315a198));
        vk.gamma_abc[58] = NettingPairing.G1Point(uint256(0x121635e9f7b9e37e132414257b453a4fe67a563fb891c6519d8754f365733645), uint256(0x27961f9b53866c0abe3e8a67e68465fbcf2db3eefbfb04f1e42e26696752fa9e));
        vk.gamma_abc[59] = NettingPairing.G1Point(uint256(0x0765786eb1066d2a90437aa3e646b3fab6a0726c91e0f4c3871f51869fceef50), uint256(0x03c459a77296f2aa3686aa9a8ffe1f8a62786f182d517eddd12533c22e7ec26f));
        vk.gamma_abc[60] = NettingPairing.G1Point(uint256(0x021630f0e6755ab232fa2cac82b626e42ef03a0acde457a3a6fda4fe6629a196), uint256(0x295972773ec4892ac3bf8e2ee3dbc68fdbda39ba20026e3b75193820ab9b5474));
        vk.gamma_abc[61] = NettingPairing.G1Point(uint256(0x19fb468e4b4b9e5a7fcfd0d5e8dc9ec9a02c5cfcb9185cd98f1360683a133096), uint256(0x1051694037dfe9462e1f6158790d0c5206aa4febe92a53f92c75c2fd7710b178));
        vk.gamma_abc[62] = NettingPairing.G1Point(uint256(0x1c5412d1f14e563058355eb3b543a4f474ac2892499eefe3f9b2769f43328d7e), uint256(0x07be203727e4c37e8e1f711eb16786c299a70e105cda979b98cf476ad3b07894));
        vk.gamma_abc[63] = NettingPairing.G1Point(uint256(0x23421b2df9edc149d7afb11a8f4b33f1f90c6a8299bc1cfd9497f6591fbb5035), uint256(0x01d21542f8e640fdbf68aca4a1bc288b446b1045f849d78e673df3dddb1fc5fd));
        vk.gamma_abc[64] = NettingPairing.G1Point(uint256(0x27050f1a4b4f90a412e8b7c965f39ae4c4f62d388f88d843d5022ecacc23a068), uint256(0x16b4c238d172001f31ba9a5d54900b0f120cbafa24a0ad483ed7a8588b07a5f2));
        vk.gamma_abc[65] = NettingPairing.G1Point(uint256(0x0f9eacc9410aa715e3328c01564e39b29245f741513671e329ec09cc7b1a48dd), uint256(0x0f9ea6ec436c22aa36c88f92fb49b5213cfb253c657f9b658a246f1157210ee7));
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
            Proof memory proof, uint[65] memory input
        ) public view returns (bool r) {
        uint[] memory inputValues = new uint[](65);
        
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
