// Normalize(): the offset map, the change list, options, font runs.
#include "baocao/normalize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace baocao {
namespace {

NormalizedText MustNormalize(std::string_view text, const std::vector<TextRun>& runs = {},
                             NormalizeOptions options = NormalizeOptions()) {
  Result<NormalizedText> r = Normalize(text, options, runs);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : NormalizedText();
}

// The byte span of the n-th space-separated word of `text`.
Span WordSpan(std::string_view text, int n) {
  std::size_t begin = 0;
  for (int i = 0; i < n; ++i) begin = text.find(' ', begin) + 1;
  std::size_t end = text.find(' ', begin);
  if (end == std::string_view::npos) end = text.size();
  return Span{begin, end};
}

void ExpectMapIsWellFormed(const NormalizedText& n, std::size_t input_size) {
  ASSERT_EQ(n.source_offset.size(), n.text.size() + 1);
  EXPECT_EQ(n.source_offset.back(), input_size);
  for (std::size_t i = 1; i < n.source_offset.size(); ++i) {
    EXPECT_LE(n.source_offset[i - 1], n.source_offset[i]) << "at output byte " << i;
  }
}

// Every word of the output maps back to the same-numbered word of the input.
void ExpectWordsMapBack(std::string_view input, const NormalizedText& n, int words) {
  for (int w = 0; w < words; ++w) {
    const Span out = WordSpan(n.text, w);
    const Span in = WordSpan(input, w);
    const Span back = n.ToSource(out);
    EXPECT_EQ(back.begin, in.begin) << "word " << w << " of " << n.text;
    EXPECT_EQ(back.end, in.end) << "word " << w << " of " << n.text;
  }
}

// Every change's source span holds what it replaced, and its output span
// what it wrote.
void ExpectChangesMatchTheirSpans(std::string_view input, const NormalizedText& n) {
  for (const Change& c : n.changes) {
    EXPECT_EQ(input.substr(c.source.begin, c.source.size()), c.before) << c.pass;
    EXPECT_EQ(n.text.substr(c.output.begin, c.output.size()), c.after) << c.pass;
  }
}

TEST(NormalizeTest, CleanTextKeepsIdentityMap) {
  const std::string input = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,69%";
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.text, input);
  EXPECT_TRUE(n.changes.empty());
  ExpectMapIsWellFormed(n, input.size());
  for (std::size_t i = 0; i < n.source_offset.size(); ++i) EXPECT_EQ(n.source_offset[i], i);
}

TEST(NormalizeTest, EmptyInput) {
  const NormalizedText n = MustNormalize("");
  EXPECT_EQ(n.text, "");
  ASSERT_EQ(n.source_offset.size(), 1u);
  EXPECT_EQ(n.ToSource(Span{0, 0}).end, 0u);
}

TEST(NormalizeTest, NfcCompositionMapsBack) {
  const std::string input = "lần thư\u0301 hai";  // ư + combining acute: 4 bytes -> ứ: 3 bytes
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.text, "lần thứ hai");
  ExpectMapIsWellFormed(n, input.size());
  ExpectWordsMapBack(input, n, 3);
  ASSERT_EQ(n.changes.size(), 1u);
  const Change& c = n.changes[0];
  EXPECT_EQ(c.pass, "nfc");
  EXPECT_EQ(input.substr(c.source.begin, c.source.size()), c.before);
  EXPECT_EQ(n.text.substr(c.output.begin, c.output.size()), c.after);
  EXPECT_EQ(c.after, "ứ");
}

TEST(NormalizeTest, SeedDecomposedAccentsAllCompose) {
  std::string input;
  for (int i = 0; i < 94; ++i) input += "chu\u0301c ";  // seed 000: 94 of them
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.changes.size(), 94u);
  EXPECT_EQ(n.text.find("\u0301"), std::string::npos);
  ExpectWordsMapBack(input, n, 94);
}

TEST(NormalizeTest, TcvnSequenceMapsBackWordByWord) {
  const std::string input = "Céng hoµ x· héi chñ nghÜa ViÖt Nam";
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.text, "Cộng hoà xã hội chủ nghĩa Việt Nam");
  ExpectMapIsWellFormed(n, input.size());
  ExpectWordsMapBack(input, n, 8);
  for (const Change& c : n.changes) {
    EXPECT_EQ(c.pass, "legacy");
    EXPECT_EQ(c.detail, "tcvn3");
    EXPECT_EQ(input.substr(c.source.begin, c.source.size()), c.before);
    EXPECT_EQ(n.text.substr(c.output.begin, c.output.size()), c.after);
    EXPECT_GT(c.confidence, 0.5);
  }
}

TEST(NormalizeTest, VniTwoCharacterLetterMapsToBothCharacters) {
  const std::string input = "Coäng hoøa";
  const NormalizedText n = MustNormalize(input, {{Span{0, input.size()}, "VNI-Times"}});
  EXPECT_EQ(n.text, "Cộng hòa");
  ExpectWordsMapBack(input, n, 2);
  // "ộ" (output bytes 1..4) came from "oä" (input bytes 1..4: 'o' + 2-byte 'ä').
  const Span o = n.ToSource(Span{1, 4});
  EXPECT_EQ(o.begin, 1u);
  EXPECT_EQ(o.end, 4u);
}

TEST(NormalizeTest, TheSameWordInRunsOfTwoLegacyFontsReadsByEachFont) {
  // The legacy pass remembers each word's readings for the whole text; a
  // word read in one encoding is read afresh in another.
  const std::string line = "Coäng hoøa";
  const std::string input = line + "\n" + line + "\n" + line;
  const std::vector<TextRun> runs = {{Span{0, line.size()}, "VNI-Times"},
                                     {Span{line.size() + 1, 2 * line.size() + 1}, ".VnTime"},
                                     {Span{2 * line.size() + 2, input.size()}, "VNI-Times,Bold"}};
  const NormalizedText n = MustNormalize(input, runs);
  // A TCVN3 font draws ä for ọ and ø for ứ: not words, but the font decides.
  EXPECT_EQ(n.text, "Cộng hòa\nCoọng hoứa\nCộng hòa");
  ExpectMapIsWellFormed(n, input.size());
}

TEST(NormalizeTest, AShortLegacyLineConvertsInADocumentOfItsEncoding) {
  // "- L­u: VT, NV." has one word to judge it by: too little alone, but
  // the document around it is TCVN3. A line that reads best in another
  // encoding ("–" is Ọ in TCVN 5712 VN1) is not TCVN3's and stays.
  const std::string thin = "- L\u00ADu: VT, NV.";
  EXPECT_EQ(MustNormalize(thin).text, thin);
  const std::string input =
      "Thùc hiÖn c¶i c¸ch hµnh chÝnh nhµ n\u00ADíc\nUBND huyÖn ®· ban hµnh kÕ ho¹ch\n"
      "c¸c x·, thÞ trÊn ®· triÓn khai\n" + thin + "\nN–N (N, en-dash, N)";
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.text,
            "Thực hiện cải cách hành chính nhà nước\nUBND huyện đã ban hành kế hoạch\n"
            "các xã, thị trấn đã triển khai\n- Lưu: VT, NV.\nN–N (N, en-dash, N)");
  ExpectMapIsWellFormed(n, input.size());
  // The short line's change takes its place in the order of the text.
  for (std::size_t i = 1; i < n.changes.size(); ++i) {
    EXPECT_LE(n.changes[i - 1].source.begin, n.changes[i].source.begin);
  }
  ExpectChangesMatchTheirSpans(input, n);
}

TEST(NormalizeTest, ALineThatReadsInTwoEncodingsTakesTheDocuments) {
  // "trä v« giá tr¸" is "trả về giá trị" in VISCII and "trọ vô giỏ trá" in
  // TCVN3, Vietnamese both. Alone the line is read in VISCII, which leaves
  // "giá", a word already, as it is; after lines in VISCII it is VISCII;
  // after lines in TCVN3 it is TCVN3: the document's encoding keeps a tie.
  const std::string line = "trä v« giá tr¸";
  EXPECT_EQ(MustNormalize(line).text, "trả về giá trị");
  const std::string viscii = "Cµng hòa xã hµi chü nghîa Vi®t Nam\nÐµc l§p - Tñ do - HÕnh phúc\nœy ban nhân dân huy®n\n";
  EXPECT_EQ(MustNormalize(viscii + line).text,
            "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nỦy ban nhân dân huyện\ntrả về giá trị");
  const std::string tcvn3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\nUBND huyÖn ®· ban hµnh kÕ ho¹ch\n"
                            "c¸c x·, thÞ trÊn ®· triÓn khai\n";
  EXPECT_EQ(MustNormalize(tcvn3 + line).text,
            "Cộng hoà xã hội chủ nghĩa Việt Nam\nUBND huyện đã ban hành kế hoạch\n"
            "các xã, thị trấn đã triển khai\ntrọ vô giỏ trá");
}

TEST(NormalizeTest, AWordWithASignInsideItIsEvidenceEnough) {
  // One word of a short line reads as Vietnamese in VISCII, and the sign
  // inside it ("½", "¯") has no place in a Unicode word: the line converts
  // alone. Between two encodings that gain as much, the one that rewrites
  // no word that was Vietnamese already wins ("ô" and "trái" stay).
  EXPECT_EQ(MustNormalize("Trình ð½n Xem").text, "Trình đơn Xem");
  EXPECT_EQ(MustNormalize("Sau khi chèn t¯c ký").text, "Sau khi chèn tốc ký");
  EXPECT_EQ(MustNormalize("D¶i ô sang trái").text, "Dời ô sang trái");
  // Signs at a word's edge, dashes and soft hyphens are no such evidence.
  for (const std::string clean : {"diện tích 80 m² và 10 µm", "Bắc–Nam, N–N", "in\u00ADfor\u00ADma\u00ADtion",
                                  "Müller và Søren, naïve café"}) {
    EXPECT_EQ(MustNormalize(clean).text, clean);
  }
}

TEST(NormalizeTest, AShortLineOfAUnicodeDocumentStaysAsItIs) {
  // No line of the document reads as legacy text, so a short line that
  // could ("N–N" as "NỌN") is left alone.
  const std::string input = "Thực hiện cải cách hành chính\nN–N (N, en-dash, N)\nUBND huyện đã ban hành\n"
                            "các xã, thị trấn đã triển khai\nkế hoạch năm 2024";
  EXPECT_EQ(MustNormalize(input).text, input);
}

TEST(NormalizeTest, NfcThenLegacyComposeTheirMaps) {
  // A decomposed line, then a TCVN3 line: both passes change, the map spans both.
  const std::string input = "thư\u0301 hai\nCéng hoµ x· héi";
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.text, "thứ hai\nCộng hoà xã hội");
  ExpectMapIsWellFormed(n, input.size());
  const std::size_t out_line = n.text.find('\n') + 1;
  const std::size_t in_line = input.find('\n') + 1;
  EXPECT_EQ(n.ToSource(Span{out_line, n.text.size()}).begin, in_line);
  EXPECT_EQ(n.ToSource(Span{out_line, n.text.size()}).end, input.size());
  ExpectChangesMatchTheirSpans(input, n);
}

TEST(NormalizeTest, ChangesOfALaterPassBeforeAnEarlierPassesMapToTheirOutput) {
  // "nfc" changes the last line, then "legacy" the lines before it: each
  // change's output span is found although the changes go back in the text.
  const std::string input = "Céng hoµ x· héi\nCéng hoµ x· héi\nthư\u0301 hai thư\u0301 ba";
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.text, "Cộng hoà xã hội\nCộng hoà xã hội\nthứ hai thứ ba");
  ASSERT_EQ(n.changes.size(), 10u);
  EXPECT_EQ(n.changes[0].pass, "nfc");
  EXPECT_EQ(n.changes[2].pass, "legacy");
  ExpectChangesMatchTheirSpans(input, n);
}

TEST(NormalizeTest, InvalidUtf8BecomesReplacementAndIsReported) {
  const std::string input = "năm \xFF 2024 \xE1\xBA";
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.text, "năm \uFFFD 2024 \uFFFD");
  ASSERT_EQ(n.changes.size(), 2u);
  EXPECT_EQ(n.changes[0].pass, "utf8");
  EXPECT_EQ(n.changes[0].source.begin, 5u);
  EXPECT_EQ(n.changes[0].source.end, 6u);
  EXPECT_EQ(n.changes[1].source.size(), 2u);
  ExpectMapIsWellFormed(n, input.size());
}

TEST(NormalizeTest, ToSourceClampsOutOfRange) {
  const NormalizedText n = MustNormalize("abc");
  const Span s = n.ToSource(Span{2, 99});
  EXPECT_EQ(s.begin, 2u);
  EXPECT_EQ(s.end, 3u);
}

TEST(NormalizeTest, LostCharsChangeCarriesConfidenceAndAlternatives) {
  NormalizeOptions options;
  options.lost_chars = LostCharacters::kOn;
  const NormalizedText n = MustNormalize("UBND huy n ban hành Ngh  quy t", {}, options);
  EXPECT_EQ(n.text, "UBND huyện ban hành Nghị quyết");
  ASSERT_FALSE(n.changes.empty());
  const Change& c = n.changes.front();
  EXPECT_EQ(c.pass, "lost_chars");
  EXPECT_EQ(c.before, "huy n");
  EXPECT_EQ(c.after, "huyện");
  EXPECT_EQ(c.source.begin, 5u);
  EXPECT_GT(c.confidence, 0.0);
  EXPECT_LE(c.confidence, 1.0);
  EXPECT_EQ(c.review, c.confidence < options.review_threshold);
}

TEST(NormalizeTest, LostCharsOffLeavesDamageAlone) {
  NormalizeOptions options;
  options.lost_chars = LostCharacters::kOff;
  EXPECT_EQ(MustNormalize("UBND huy n     ổ chức quán tri t", {}, options).text,
            "UBND huy n     ổ chức quán tri t");
}

TEST(NormalizeTest, OptionsTurnPassesOff) {
  NormalizeOptions options;
  options.nfc = false;
  options.glyph_map = false;
  options.legacy = false;
  options.split_syllables = false;
  options.lost_chars = LostCharacters::kOff;
  const std::string input = "thư\u0301 ngƣời Céng hoµ x· héi";
  const NormalizedText n = MustNormalize(input, {}, options);
  EXPECT_EQ(n.text, input);
  EXPECT_TRUE(n.changes.empty());
}

TEST(NormalizeTest, AStraySpaceJoinIsWeighedInItsContext) {
  const auto joins = [](const NormalizedText& n) {
    std::vector<Change> out;
    std::copy_if(n.changes.begin(), n.changes.end(), std::back_inserter(out),
                 [](const Change& c) { return c.pass == "split_syllables"; });
    return out;
  };
  // A sure join: "ện" is no word, "huyện" is common there.
  const std::vector<Change> sure = joins(MustNormalize("UBND huy ện Tuần Giáo"));
  ASSERT_EQ(sure.size(), 1u);
  EXPECT_GT(sure[0].confidence, 0.99);
  EXPECT_FALSE(sure[0].review);
  // "X" may be a letter that names something: "Xâm" is doubtful, and
  // either left alone or marked.
  for (const Change& c : joins(MustNormalize("Thanh lỗi X âm"))) EXPECT_TRUE(c.review) << c.after;
  // A single letter can go with the word before it or the one after it;
  // the likelier reading wins.
  EXPECT_EQ(MustNormalize("Bạn có t hể xoá ô").text, "Bạn có thể xoá ô");
  EXPECT_EQ(MustNormalize("kế t hợp với các ngành").text, "kết hợp với các ngành");
}

TEST(NormalizeTest, ALineThatLostLettersKeepsItsSpacesForTheDecoder) {
  // In a line that lost characters, "c hi" between fragments is the end of
  // "thực" and the start of "hiện", not a split "chi". Between whole words,
  // "c ú" is not joined either where a letter the line lacks makes a word
  // of it: the space may be that letter.
  const auto split_joins = [](const NormalizedText& n) {
    return std::count_if(n.changes.begin(), n.changes.end(),
                         [](const Change& c) { return c.pass == "split_syllables"; });
  };
  const NormalizedText first = MustNormalize("UBND huy n     ổ chức th c hi n k  ho ch c i cách");
  EXPECT_EQ(split_joins(first), 0);
  EXPECT_NE(first.text.find("thực hiện kế hoạch"), std::string::npos) << first.text;
  const NormalizedText second = MustNormalize("th c hi n nhi m v  theo yêu cầu c a tỉnh");
  EXPECT_EQ(split_joins(second), 0);
  EXPECT_NE(second.text.find("yêu cầu của tỉnh"), std::string::npos) << second.text;
  EXPECT_EQ(split_joins(MustNormalize("th c hi n nhi m v ; c ú ý ki n")), 0);
  // A stray space between whole words is still a stray space.
  EXPECT_EQ(MustNormalize("đ ầu tư công").text, "đầu tư công");
}

TEST(NormalizeTest, ALineWithOneFragmentLostLettersInADocumentThatLostManyElsewhere) {
  // "HI N" alone is no proof of damage: an acronym or a name could read
  // so. Among lines that plainly lost letters, it lost one too.
  const std::string heading = "II. KẾT QUẢ THỰC HI N";
  EXPECT_EQ(MustNormalize(heading + "\nKết quả thực hiện cải cách hành chính").text,
            heading + "\nKết quả thực hiện cải cách hành chính");
  const std::string damaged =
      "UBND huy n     ổ chức th c hi n k  ho ch c i cách hành chính\n"
      "th c hi n nhi m v  theo yêu cầu c a tỉnh về c i cách\n"
      "Các cơ quan  ơn v   ã th c hi n nghiêm túc các nhi m v\n";
  const NormalizedText n = MustNormalize(damaged + heading);
  EXPECT_NE(n.text.find("II. KẾT QUẢ THỰC HIỆN"), std::string::npos) << n.text;
}

TEST(NormalizeTest, CrlfLineEndsReadLikeLf) {
  // Spaces before a "\r\n" end the line as they do before a "\n": they are
  // no lost letters inside it.
  const std::string lf =
      "UBND huy n     ổ chức th c hi n k  ho ch c i cách hành chính\n"
      "th c hi n nhi m v  theo yêu cầu c a tỉnh về c i       \n"
      "Các cơ quan  ơn v   ã th c hi n nghiêm túc các nhi m v   \n"
      "UBND huy ện Tuần Giáo\n"
      "Céng hoµ x· héi chñ nghÜa\n";
  std::string crlf;
  for (const char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string crlf_out = MustNormalize(crlf).text;
  EXPECT_EQ(std::count(crlf_out.begin(), crlf_out.end(), '\r'), 5);
  crlf_out.erase(std::remove(crlf_out.begin(), crlf_out.end(), '\r'), crlf_out.end());
  EXPECT_EQ(crlf_out, MustNormalize(lf).text);
}

TEST(NormalizeTest, SoftHyphenIsTcvn3U) {
  // 0xAD is TCVN3 ư; it must survive until the legacy pass reads it.
  const NormalizedText n = MustNormalize("tr\u00ADêng häc vµ c¸c tr\u00ADêng");
  EXPECT_EQ(n.text, "trường học và các trường");
}

TEST(NormalizeTest, FontRunDecidesItsSpanOnly) {
  // One line, two fonts: the .VnTimeH heading is read as capitals, the Unicode part is kept.
  const std::string heading = "céng hoµ";
  const std::string input = heading + " Cộng hòa";
  const NormalizedText n = MustNormalize(input, {{Span{0, heading.size()}, "ABCDEF+.VnTimeH"},
                                                 {Span{heading.size(), input.size()}, "TimesNewRoman"}});
  EXPECT_EQ(n.text, "CỘNG HOÀ Cộng hòa");
}

TEST(NormalizeTest, LinesAreJudgedOneByOne) {
  const std::string input = "Céng hoµ x· héi chñ nghÜa\nCông tác cải cách hành chính\nCoäng hoøa xaõ hoäi";
  const NormalizedText n = MustNormalize(input);
  EXPECT_EQ(n.text, "Cộng hoà xã hội chủ nghĩa\nCông tác cải cách hành chính\nCộng hòa xã hội");
  bool tcvn3 = false;
  bool vni = false;
  for (const Change& c : n.changes) {
    tcvn3 |= c.detail == "tcvn3";
    vni |= c.detail == "vni";
  }
  EXPECT_TRUE(tcvn3);
  EXPECT_TRUE(vni);
}

TEST(NormalizeTest, CorpusTruthIsLeftAlone) {
  // The reference texts are clean Unicode: no pass may fire on them.
  for (const char* name : {"000", "001", "002", "003"}) {
    const std::string path = std::string(BAOCAO_SOURCE_DIR) + "/corpus/source/" + name + ".txt";
    FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) continue;
    std::string text;
    char buffer[65536];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, got);
    std::fclose(file);
    const NormalizedText n = MustNormalize(text);
    EXPECT_EQ(n.text, text) << path;
    EXPECT_TRUE(n.changes.empty()) << path << ": " << n.changes.size() << " changes, first by "
                                   << n.changes.front().pass << ": " << n.changes.front().before;
  }
}

// Random lines of what damaged reports hold (letters, digits, dots,
// outline codes, runs of spaces, stray bytes) keep every invariant with
// every pass on: one output line per input line, valid offsets, and
// changes inside the input and the output.
TEST(NormalizeTest, RandomDamagedLinesKeepTheInvariants) {
  const std::vector<std::string> pieces = {" ", "  ", "    ", ".", "1", "2", "0", "9", "/", "-", ",", "(", ")",
                                           "1.2.", " . .", "năm", "huy", "n", "ệ", "đ", "Ư", "ƣ", "TT", "HC",
                                           "ngày", "tỉnh", "202", "\xc3", "\xe1\xbb", "\t", "%", "="};
  std::mt19937 rng(20241126);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> line_length(0, 40);
  std::uniform_int_distribution<int> line_count(1, 8);
  NormalizeOptions options;
  options.lost_chars = LostCharacters::kOn;
  for (int round = 0; round < 300; ++round) {
    std::string input;
    const int lines = line_count(rng);
    for (int l = 0; l < lines; ++l) {
      if (l > 0) input += '\n';
      for (int k = line_length(rng); k > 0; --k) input += pieces[piece(rng)];
    }
    const NormalizedText n = MustNormalize(input, {}, options);
    ExpectMapIsWellFormed(n, input.size());
    EXPECT_EQ(std::count(n.text.begin(), n.text.end(), '\n'), std::count(input.begin(), input.end(), '\n'))
        << input;
    for (const Change& c : n.changes) {
      EXPECT_LE(c.source.begin, c.source.end) << input;
      EXPECT_LE(c.source.end, input.size()) << input;
      EXPECT_LE(c.output.end, n.text.size()) << input;
      EXPECT_GE(c.confidence, 0.0);
      EXPECT_LE(c.confidence, 1.0);
    }
  }
}

}  // namespace
}  // namespace baocao
