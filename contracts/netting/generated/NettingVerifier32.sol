// SPDX-License-Identifier: MIT
// Generated - do not edit. Regenerate with `python -m gridset.netting.build`.
// Exported by ZoKrates 0.8.8 (zokrates-js 1.1.9).
// Groth16 verifier of zk/netting32.zok (32 seats; public inputs: round, before[32], after[32]).
// Trusted setup: demo setup from public entropy: NOT secure, anyone can forge proofs (see docs/netting.md).
// Verification key sha256: 5f8c906fc41ae59b7757aeacd7483d8910cc4d69b1330ec1fbbff326880c7a6a
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
        vk.alpha = NettingPairing.G1Point(uint256(0x01c72e967eae3eb9a21e07ec6ba0bd8b174926e6f9b74d92108a604e8201228f), uint256(0x2e041c26ecb4418f5e7bf74f66a261cb3baae688a3ca03da9ab899da0f80f2e8));
        vk.beta = NettingPairing.G2Point([uint256(0x123555bcb0ea3a839560595712be6a5d65e0fb358714b29f3fd14540559e7824), uint256(0x11a215d8ec008e46055a7de8cae398b563df3aa69fdd1ffae015364191052e53)], [uint256(0x1c7309b9b3b045c94957714a37403b8d89dfbac7f69ebed126f0fbe3d38a894b), uint256(0x20817f9bdfbb87ec2049d7f3ec7585d4c535aacc358a6b3fa4196bbc76b8a1ad)]);
        vk.gamma = NettingPairing.G2Point([uint256(0x2cbf27e57ee781efa42a1147159ca49c947ac1ce6083286ad3d3e49cc2ea63eb), uint256(0x063214b0eb185b94d9b29c1363959e65e1a4d46c41ea91c2136da1fc8f3892d9)], [uint256(0x1a0c04be5d5540a086b2e883745ec8de61a65e57beee66f9e2eba247c7f9b3ee), uint256(0x0f2c7fff76d369e3bb39359abbc64a113dc724cd7f4c2924e9018f3bf76e0c05)]);
        vk.delta = NettingPairing.G2Point([uint256(0x05705203bd9745ba92d4934c639fe58dab57b02ab2493ab9bce9c927b91c3d1f), uint256(0x2492dca59b5b2ea331cdb30fc394beb8ee00d77f0168115c57a307107c3827bb)], [uint256(0x17f3a569184f8f0b0ddd695af5cb51725e64f60340dd02aa4073f02467aef1bb), uint256(0x274c841aafc2965d04acee0426b380ba45234d6f1a4dd7b7b8293bd6cca0213e)]);
        vk.gamma_abc = new NettingPairing.G1Point[](66);
        vk.gamma_abc[0] = NettingPairing.G1Point(uint256(0x08f3f868be7099aef8ab832388ebd3a773db28c48b710f89a2241242254d803f), uint256(0x1224b3644022f4495040404b43436b27888d196acee54d72d2d2bbb86b8295c6));
        vk.gamma_abc[1] = NettingPairing.G1Point(uint256(0x0bac07f9ea32c84eaa920bf429dfdd39fabbac29b27bd82257dd35345135ac50), uint256(0x085b3b8bb9370bb09158be21f9bacf8b092a8690447f67f35c5d19172eacb0d3));
        vk.gamma_abc[2] = NettingPairing.G1Point(uint256(0x19874afe09a5a7f87a60ab6137052adee86f52afb8c46eaf1f1db00f6ea1e5c2), uint256(0x28f981520a83f0a39d8d2924766a3932e2965172de6b513f6ea896b479164776));
        vk.gamma_abc[3] = NettingPairing.G1Point(uint256(0x1b014a61f05c31a8a095e5e8c0685122a31820f70a797db6a78fe90b8ac07d41), uint256(0x2f5409a66f99dad9cc432b351fd6484ca693d2f1e070c8f1fb11d323216a477f));
        vk.gamma_abc[4] = NettingPairing.G1Point(uint256(0x04bc0dbb007cf83dccf0e151d20a9189b85d3f31867f51523cfc2661371cebe2), uint256(0x2fa822a57832f6f02c7b71dfad1531170b6d27efbeca02ba5772afb2e773cfbf));
        vk.gamma_abc[5] = NettingPairing.G1Point(uint256(0x0bb32da341ec0f83b127128b34606811a154837195d124147ebecb5bacea900c), uint256(0x1983fd28129d91fc9f1a87ded53333d4a74dd75c5d8b1a8bb0855b0953b69e75));
        vk.gamma_abc[6] = NettingPairing.G1Point(uint256(0x242925caf88ea212de0e7782990f8bb4ae7b9a728db7955bbad126e31256e7be), uint256(0x200b0fb6c84bfcd70b6cf4d48ec9f2bce6b9b0ca7da14c30b56f509144b10236));
        vk.gamma_abc[7] = NettingPairing.G1Point(uint256(0x2d59162f541e85b4276f5bab4e4f784f7e9a1292486f2e9a7fa69a65a490aa2a), uint256(0x0c42f65b3dcc98ac4645ba1c42b61c74fc865167b4d55579a6252df932f94843));
        vk.gamma_abc[8] = NettingPairing.G1Point(uint256(0x1db63df2e023cd4c8a0e272959103aebede1102afee556c1a5d61cc0b23fa8d0), uint256(0x299a25f1e6fdad0133027dadd25d1b49ee393bbc3d16e20d196df1e29fda1498));
        vk.gamma_abc[9] = NettingPairing.G1Point(uint256(0x16231cc0ffe485a7131625679d4b4cf0669cf06808045811b57c6d8a018d6244), uint256(0x2ad7bf9b17b187289cc56c645fa9a8484f4ed43e9cc9945f2f5f43def6aa2935));
        vk.gamma_abc[10] = NettingPairing.G1Point(uint256(0x138eb2bc630f99412031d5ce6d0db1ddaf5f7be3093156fcbb0b1c188de37b31), uint256(0x12126256f061faffa90b29a9088092ed9a30a0bba9ce39ab95646e6781436cd2));
        vk.gamma_abc[11] = NettingPairing.G1Point(uint256(0x1d2c35b936cc62a6144cff0ee5f58e2356ba6dbaa85f6df2cb804475070101a1), uint256(0x00a92b1d51b99db6bf77658940a18e566764d393de24c0c2bb8fd85f22bba1ee));
        vk.gamma_abc[12] = NettingPairing.G1Point(uint256(0x1668f259fbfe93f58d730ba9e90815a98b4432385e07d6f66b9413acd3fa2ff5), uint256(0x2e880ac7110e6cacebef93a86f3aa03e50e65619379a3154522731d1f127dfa4));
        vk.gamma_abc[13] = NettingPairing.G1Point(uint256(0x0cad2b69b27d810b2f8981268011d54dc8299e93fc6a5cc9938e64e44b5a9c9a), uint256(0x05850c1d2286c205c8a7c563e30670a539cbc29be506b91f3e148cd71d9e739f));
        vk.gamma_abc[14] = NettingPairing.G1Point(uint256(0x197093ecc246e7923f50f6369c4cd4746024e59673c28dfd65d675cd8a4d584a), uint256(0x20d4e1337e7a16855948d6f9eaa33d6942cc46300e40fbe6f2b5c5daef5f6259));
        vk.gamma_abc[15] = NettingPairing.G1Point(uint256(0x246b040a3f83b49ac21353e7a6156506c1786ba05cd193eab7c4ab0ba6d52260), uint256(0x0670c4fd00a3aa3e5ebcb95a3835e3aae1bbdb68a393ab269b74bf1bac90a583));
        vk.gamma_abc[16] = NettingPairing.G1Point(uint256(0x1db22515e086ae3d315c847fdca6fbeb75979dd148bfae81d39d54de889c1a6a), uint256(0x16762f1e34e2f3b8e346a1536c778c02e52f35c36b5b59047c0765d37f93c0f9));
        vk.gamma_abc[17] = NettingPairing.G1Point(uint256(0x07992dd672559b3a748e4073626c8e1f46950e2c4e8be734be53ba8e06188c4a), uint256(0x00c0dbe592c29f2b0d64e649107b465723af810f3e5789e640365fc8207c6a76));
        vk.gamma_abc[18] = NettingPairing.G1Point(uint256(0x0dc7a691c315665c40eab416e07856d427c8d0412036681e65fcbaeab06425d2), uint256(0x24884ee6b2f87d3d9f7edbaebeecde89c179c2b5f02c13c9ee8cb4f837598d88));
        vk.gamma_abc[19] = NettingPairing.G1Point(uint256(0x089eb01e67103691f06afaf4e5c0eb28d00646f28c8adcfdb7a0e0d79f7cc7ba), uint256(0x0e8444ae8f54bc0934519acc86b71ebaf3f2df23cce9578a4a3ab18395593379));
        vk.gamma_abc[20] = NettingPairing.G1Point(uint256(0x2fc32a2107f48e057221f4d916ccd79d5934eddaf3d8704a7a815684989a3a5a), uint256(0x070b5367cb82eddd89da5f10c1bd0062b71cdc1351394f621ae7eb1ee21dafe4));
        vk.gamma_abc[21] = NettingPairing.G1Point(uint256(0x261177aaecce087ee2f543a5f3ba4780b9678a4d01af095ac0512dc21811f118), uint256(0x11f41bd61984c5da09d8a1f33004982b1f5de7a8a351630c7b5244e5c5d1795a));
        vk.gamma_abc[22] = NettingPairing.G1Point(uint256(0x1eccd1756c0d7b9b5416e6ad28e9f4eae9272441b15967d50f25a504802c7ab0), uint256(0x231bf8a8de2936dbde0f1febf71c2a0e2cf4bc4a518d7dd8ac3bed19206836f6));
        vk.gamma_abc[23] = NettingPairing.G1Point(uint256(0x1330851f7da85b808dab06681e15d4256b580a50ab9f1690aa9f852118196f6c), uint256(0x1675449cea7e0c8fb26f33d266418628e30b7bd661e4b2e7b6e9729d38e4d38a));
        vk.gamma_abc[24] = NettingPairing.G1Point(uint256(0x26ba2e1232a6c60a2309f42db998180defe56bc1285cdae6f80012a152723872), uint256(0x08e7182175ae46d0a394bd589bb9e80de8bbd2dca58122bcd6ca1eadab84d351));
        vk.gamma_abc[25] = NettingPairing.G1Point(uint256(0x17d2f9823b5c92185c304c49dfad38e9a26a01b68333d76ff194bd733d599ac4), uint256(0x03667a19c5626ecd42d36be9cefaf5e6eba6cbbceeb073c8a4a965e4af3ce9de));
        vk.gamma_abc[26] = NettingPairing.G1Point(uint256(0x0dbb22d6cb83aea484fed2949dca53eecff4012d13cae7eef0cfe4865c3baed4), uint256(0x05d36ec0dfba664fa1148533ca78505cbc2d2a3006e9f61a8cd98a165312feff));
        vk.gamma_abc[27] = NettingPairing.G1Point(uint256(0x1083e8ea275ff5de6d0a600df8b1983f7cfaae2d846ac6e65286fb9cde7c5629), uint256(0x1d2622364b5d32341fd145ee5417914b30a381d747a0f7940f58100dc6dd9d64));
        vk.gamma_abc[28] = NettingPairing.G1Point(uint256(0x107e18068eb1c3652696863a266d2cc943d668a47e5a6fefea5eedb4535ff28b), uint256(0x2a20d3528953899ec4583905f7592a7637d5dd1578ac8501bd8a9064e99b42df));
        vk.gamma_abc[29] = NettingPairing.G1Point(uint256(0x27307cbc7dd83eea8d2e61e990e3472340a9da66b750b325f4f7b202ebba2ba9), uint256(0x0a88d9615b9c5e2277b4b8f7051052d53a6af7026500f3c1633dd6510071a026));
        vk.gamma_abc[30] = NettingPairing.G1Point(uint256(0x05cb163ab54cbe1815c970b51dd94c0eb9c9b6ab73d8a9cb86c1928eac96b4a4), uint256(0x10d366b4ebbe562fa16e174879bfbe5de55182226e77e06304df3a8f9634b304));
        vk.gamma_abc[31] = NettingPairing.G1Point(uint256(0x2bdc1f1ceb2b34e0f79c0fccd5eeb6462353a6ab16ed777693b8d9b0771d9a81), uint256(0x1c2170acf3ed410458ffbe09a7b13fe16a6385c35bccfe60ce404c0415cecfa9));
        vk.gamma_abc[32] = NettingPairing.G1Point(uint256(0x0b5374104a105a7832be5e190231fa5b2fd6254a66a997c9041cedd18fbf0da7), uint256(0x20d7cdbc9bc326a4871be024e9e2d0889c0b0c8368ee1792b03f660c464605fa));
        vk.gamma_abc[33] = NettingPairing.G1Point(uint256(0x11840257ce7d5613dff379839cd0c0c518cbaf41fe359773290c8a4763a533f5), uint256(0x27a1bee2507891dfd76b3115f895d4ff50bc460f48f0644346ff93aa3f8225e2));
        vk.gamma_abc[34] = NettingPairing.G1Point(uint256(0x1cfba955c06fd1bdbef5c214e33afba870715831df866e66693415d9f92839a2), uint256(0x00a7b049fcd43f7ec4b6f22b858ffa0c513a8a4b8bc12c247897873ef818d3b1));
        vk.gamma_abc[35] = NettingPairing.G1Point(uint256(0x03b1954f14b4b416be336b9cd90522d95201b0f8a3f965cd7edd3658e865bffb), uint256(0x10801aa93ff92d67d51738ef8c0e4610908ccae4168848eb0d8c2b79456d8a7b));
        vk.gamma_abc[36] = NettingPairing.G1Point(uint256(0x0cf5156c3a540356d0d959c361b962e5903627b2853e99a3b4f209f4146562c5), uint256(0x06ba2faf4af5ea2f68224a8b12731d1c607e8d8e12aab41dcc2a9d1781a23e5a));
        vk.gamma_abc[37] = NettingPairing.G1Point(uint256(0x11e94c0576054576ebd778790fee7d109b4190f47bfb76a610f6aab5fedc7c28), uint256(0x2a9f8369d866bcbc93c5d1f2d378b6762e0fdcb09c67a860610277c97dd363eb));
        vk.gamma_abc[38] = NettingPairing.G1Point(uint256(0x106bdbf815b680c7af3f74ca7c14dd861e9f0112a2212a7f4bb14c8d4836b980), uint256(0x22ad5e21e58adccced48d05096d045d97674fafb99724a9fd477b422f630a70e));
        vk.gamma_abc[39] = NettingPairing.G1Point(uint256(0x0936582a1bf4174996562fce11eff7ef80d5d5d293ddcf6ecbfae0a562ac26f6), uint256(0x0fd41588389b5bdc84e297da5ba18e06ad14d83104429501aed4dc8cc7444e2e));
        vk.gamma_abc[40] = NettingPairing.G1Point(uint256(0x0d6c6c87089bb6732080d87b25cbc9b0f643945d41f8fc23e22be8b13ba5cc41), uint256(0x062a73aaf7c586d0afcb4f49ca7914c0141c58ec040c692c06c64f3fe0f60a3a));
        vk.gamma_abc[41] = NettingPairing.G1Point(uint256(0x0a3acfe2ce257ef36fbf0e66dd709727e55d480882af9d3fea2cc970969da81f), uint256(0x19b7cbb5224063272c62ba5e1819ac0926ccd8ab61a86acac3929900a699ddcc));
        vk.gamma_abc[42] = NettingPairing.G1Point(uint256(0x0de0612129ee310dc881d51c484f1a05cdfd07d09d4c12f26e0bd45e1f03b612), uint256(0x207849a43e89b08cfb2fe1dbf7e8adbd1067b79ff8adc546abd9db1c6e454780));
        vk.gamma_abc[43] = NettingPairing.G1Point(uint256(0x0d1a3f6bb6661454d540c8cb01bbf5bc28a9a1bc4178b3c1c0043cbce43640d3), uint256(0x25149373a8fdabadb90088a2592333812ada2e4a8f6906e20702f24a79e29b58));
        vk.gamma_abc[44] = NettingPairing.G1Point(uint256(0x3057e700e7218e6a7dd4c09a3ce4a3564db27029e4ae61da6e34e004c71ebb51), uint256(0x0fb0b8f2783949df6b35911b06811082c6f9be0225d631ebdc53b193aa20736a));
        vk.gamma_abc[45] = NettingPairing.G1Point(uint256(0x130a418134da54253e83aba85e1b317c734586dade498a128c7978d9c74ea9df), uint256(0x1f0a6bfd080b19471e09e7a0780a3c62d0ff0476f2c9d1bb3b58a69d03ad82c1));
        vk.gamma_abc[46] = NettingPairing.G1Point(uint256(0x1eeea0afbca4364535ed22e8c13a3d266d80c3112ebbc991d8b1ea7482db8f95), uint256(0x2dac7fe8030e5e3516efce3182f964fedf44890a493bd69aa7bf3448f1cac256));
        vk.gamma_abc[47] = NettingPairing.G1Point(uint256(0x1e0082ddef3809a8ef3da323fbf2e6a0582a71065835e0f99555705e0d619fb9), uint256(0x2c11512916f89737fa93aa4da52b1cebc13bec5292a645a2ae3b8f8c9f6a7571));
        vk.gamma_abc[48] = NettingPairing.G1Point(uint256(0x0a7a008cc1fa06aa5313edd6d4b52075289849817026eab2f25e274120fb2e47), uint256(0x283b42528c49996f1d30639e2413141e19a5e2fdf72766a995254861e9fb01f9));
        vk.gamma_abc[49] = NettingPairing.G1Point(uint256(0x03e2c398bc36bfee1b4df68993b1fb1a9348e4276b3ddc563ec2437c4bb6dea3), uint256(0x2ab00c3df57aa2017b3d91d31db6eb6d818beb9d56504d7e3ecf7a7f0eb69d02));
        vk.gamma_abc[50] = NettingPairing.G1Point(uint256(0x117a2cd6aed9b1e3906210263808138e0a842e6ce658b7ac4215bd0e334647ce), uint256(0x0a5a5bf3b53675bdba605780f7163dd517129b31a2ee2385a228a17418320183));
        vk.gamma_abc[51] = NettingPairing.G1Point(uint256(0x2b7e8a49ec4f97d8e3458f2603e4ef6b8450a48bd99b3f00ebf4d5f2e37b4f46), uint256(0x0837656484c2495edb4af8479d9790f12e8ac3a619b9c9a31e352ddc507d4df2));
        vk.gamma_abc[52] = NettingPairing.G1Point(uint256(0x204f235c0fab265526344f30706ae6bb8aee991cae39f50089dcfdc84ea7f4a3), uint256(0x0cc1d5442c866b576012477beb11e81345de33936283dcb0c1a92b20a77b74a9));
        vk.gamma_abc[53] = NettingPairing.G1Point(uint256(0x1f3c287fbd5dce51bc747de86735a4b19529f5a0c8e2d5e0815348232f39f6d7), uint256(0x0890b626918d729515e1202f3369bcee6bb77e4b598cf0fd67cd51ab76efd03c));
        vk.gamma_abc[54] = NettingPairing.G1Point(uint256(0x09f13ba31e26967b6d865f74ece0f1c0c889bc9422d337a2f6bd71dd3b7c5a6c), uint256(0x14f08a5da4cf0a5298868e1535045e0886d0394ba50b7cdf109023a44a331c49));
        vk.gamma_abc[55] = NettingPairing.G1Point(uint256(0x0316993282871222b02df6d8aef1ab60c60855ffd36134b79d8341b52824f8ef), uint256(0x1c4d979086201172c0450f4cc516c6c9341ecfd4ff7fc408219a53fa77d39206));
        vk.gamma_abc[56] = NettingPairing.G1Point(uint256(0x22bee2ab49af6904b6871d7fcd8a83f532689a303b527f52d81fc7c2c1004019), uint256(0x1537cf75bb1949601ecbe1775802d1070302dd21ef90426e5ee24638a4dbbaa2));
        vk.gamma_abc[57] = NettingPairing.G1Point(uint256(0x2aff67119b4ea9f80ed541e37c0b1dd9db84fab0cfe0ed9dfa3bfdd84b42d677), uint256(0x2f39a74aa4ad57a5f222fa26bf9c5c769496ad3fb0ad9f6ee78669f05f8b83c0));
        vk.gamma_abc[58] = NettingPairing.G1Point(uint256(0x0ea52d183acc8f2bffe2dd1dfb5c2c389292bbf8ac2cd220165b0bdbdee9fe4f), uint256(0x143bbb1c52331931b00e37855a008d28900e01cfd407206e00325e749f7bef08));
        vk.gamma_abc[59] = NettingPairing.G1Point(uint256(0x1e4afee92243239dd63679ac09d5aa36582f6cdd2011924f501c527a7063b631), uint256(0x0fefccd44b8c544c3809ffeda084ee1fa70abfc920ca3a94fe2780a6f51549ad));
        vk.gamma_abc[60] = NettingPairing.G1Point(uint256(0x00835cc3412aca295854a32ed7008ab7eb1b32ab2af9f287d67595b2b9182eb3), uint256(0x2284db34ae020239b4a2bec907604f37ad6fb66eeab3dbbaf950a50acd687f9e));
        vk.gamma_abc[61] = NettingPairing.G1Point(uint256(0x250264a0f7bb117e87cfdec87ef23dd95382181f7114da3ab70b8600975fe5ca), uint256(0x20e5efc57d201f92a3303a664a60c75e5ece77e6d6373fb1e127eb8facb85f02));
        vk.gamma_abc[62] = NettingPairing.G1Point(uint256(0x0b185def1624068c7f507cdfe2dbfc68eea44ac54959b55d76cd1abb64918719), uint256(0x1ca6e6a16a67b7a88132598174904b393e13a78f56de91efccec397709316fc1));
        vk.gamma_abc[63] = NettingPairing.G1Point(uint256(0x2331598fe51685e97eab23b76d665b0534970ed3ee5d22a31fbf5c4abeb115b8), uint256(0x22be8f9139812b92ad197bd35909b5a77ad62c93751e283bb1613ca77fd657c6));
        vk.gamma_abc[64] = NettingPairing.G1Point(uint256(0x2ee1712161e5f9f673e9d8cea5abc705382a6008da78d8c6245f88f47c7ce111), uint256(0x20ef8ab7ff4609f73b6b2ee2ecde09de6a234f500a0c8e336ec3b4ffd195bd61));
        vk.gamma_abc[65] = NettingPairing.G1Point(uint256(0x13ed3598ba694095e391bbd89277a21682f2f6ad14fd7e558876318afdef81be), uint256(0x0b501dc56b40bf3f77d7d3fc58fb20dd15fd6cd053d5059cc0ceac2249c64452));
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
