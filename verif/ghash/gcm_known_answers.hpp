// The AES-128 and AES-256 test cases of McGrew and Viega, "The Galois/Counter
// Mode of Operation (GCM)" (revised, 2005), appendix B: test cases 1-6
// (AES-128) and 13-18 (AES-256), with the H, Y0 (= J0) and GHASH(H, A, C)
// values the paper lists. Typed from the published vectors.
#pragma once

#include <string>
#include <vector>

namespace ipsec_fpga::verif {

struct GcmKnownAnswer {
  int number;
  std::string key, iv, aad, plaintext;
  std::string h, j0, ghash, ciphertext, tag;
};

namespace gcm_known_answer_text {
// Shared by several cases.
inline const std::string kP64 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
inline const std::string kP60 = kP64.substr(0, 120);
inline const std::string kA20 = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
inline const std::string kIv96 = "cafebabefacedbaddecaf888";
inline const std::string kIv64 = "cafebabefacedbad";
inline const std::string kIv480 =
    "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
    "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b";
inline const std::string kK128 = "feffe9928665731c6d6a8f9467308308";
inline const std::string kZero128 = "00000000000000000000000000000000";
inline const std::string kZeroIv = "000000000000000000000000";
}  // namespace gcm_known_answer_text

inline std::vector<GcmKnownAnswer> gcm_known_answers() {
  using namespace gcm_known_answer_text;
  const std::string k256 = kK128 + kK128;
  const std::string zero256 = kZero128 + kZero128;
  return {
      {1, kZero128, kZeroIv, "", "", "66e94bd4ef8a2c3b884cfa59ca342b2e",
       "00000000000000000000000000000001", "00000000000000000000000000000000", "",
       "58e2fccefa7e3061367f1d57a4e7455a"},
      {2, kZero128, kZeroIv, "", kZero128, "66e94bd4ef8a2c3b884cfa59ca342b2e",
       "00000000000000000000000000000001", "f38cbb1ad69223dcc3457ae5b6b0f885",
       "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
      {3, kK128, kIv96, "", kP64, "b83b533708bf535d0aa6e52980d53b78",
       "cafebabefacedbaddecaf88800000001", "7f1b32b81b820d02614f8895ac1d4eac",
       "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
       "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
       "4d5c2af327cd64a62cf35abd2ba6fab4"},
      {4, kK128, kIv96, kA20, kP60, "b83b533708bf535d0aa6e52980d53b78",
       "cafebabefacedbaddecaf88800000001", "698e57f70e6ecc7fd9463b7260a9ae5f",
       "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
       "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
       "5bc94fbc3221a5db94fae95ae7121a47"},
      {5, kK128, kIv64, kA20, kP60, "b83b533708bf535d0aa6e52980d53b78",
       "c43a83c4c4badec4354ca984db252f7d", "df586bb4c249b92cb6922877e444d37b",
       "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423"
       "73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598",
       "3612d2e79e3b0785561be14aaca2fccb"},
      {6, kK128, kIv480, kA20, kP60, "b83b533708bf535d0aa6e52980d53b78",
       "3bab75780a31c059f83d2a44752f9864", "1c5afe9760d3932f3c9a878aac3dc3de",
       "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
       "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
       "619cc5aefffe0bfa462af43c1699d050"},
      {13, zero256, kZeroIv, "", "", "dc95c078a2408989ad48a21492842087",
       "00000000000000000000000000000001", "00000000000000000000000000000000", "",
       "530f8afbc74536b9a963b4f1c4cb738b"},
      {14, zero256, kZeroIv, "", kZero128, "dc95c078a2408989ad48a21492842087",
       "00000000000000000000000000000001", "83de425c5edc5d498f382c441041ca92",
       "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
      {15, k256, kIv96, "", kP64, "acbef20579b4b8ebce889bac8732dad7",
       "cafebabefacedbaddecaf88800000001", "4db870d37cb75fcb46097c36230d1612",
       "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
       "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
       "b094dac5d93471bdec1a502270e3cc6c"},
      {16, k256, kIv96, kA20, kP60, "acbef20579b4b8ebce889bac8732dad7",
       "cafebabefacedbaddecaf88800000001", "8bd0c4d8aacd391e67cca447e8c38f65",
       "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
       "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
       "76fc6ece0f4e1768cddf8853bb2d551b"},
      {17, k256, kIv64, kA20, kP60, "acbef20579b4b8ebce889bac8732dad7",
       "0095df49dd90abe3e4d252475748f5d4", "75a34288b8c68f811c52b2e9a2f97f63",
       "c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0"
       "feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f",
       "3a337dbf46a792c45e454913fe2ea8f2"},
      {18, k256, kIv480, kA20, kP60, "acbef20579b4b8ebce889bac8732dad7",
       "0cd953e2140a5976079f8e2406bc8eb4", "d5ffcf6fc5ac4d69722187421a7f170b",
       "5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
       "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f",
       "a44a8266ee1c8eb0c8b5d4cf5ae9f19a"},
  };
}

}  // namespace ipsec_fpga::verif
