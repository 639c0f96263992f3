// The syllable trigram model (modified Kneser-Ney) and the lost-character
// decoder on small lattices.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "baocao/normalize.h"
#include "lost_chars.h"
#include "syllable_lm.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

NgramModel Small() {
  return NgramModel::Train({"ủy ban nhân dân huyện", "ủy ban nhân dân xã", "hội đồng nhân dân huyện",
                            "nhân dân huyện tuần giáo", "ban hành kế hoạch"},
                           1);
}

double SumOver(const NgramModel& m, std::uint32_t u, std::uint32_t v) {
  double sum = 0;
  for (std::uint32_t w = 1; w < m.size(); ++w) sum += std::exp(static_cast<double>(m.LogProb(u, v, w)));
  return sum;
}

TEST(NgramModelTest, ProbabilitiesSumToOneInEveryContext) {
  const NgramModel m = Small();
  const std::uint32_t nhan = m.Id("nhân");
  const std::uint32_t dan = m.Id("dân");
  EXPECT_NEAR(SumOver(m, nhan, dan), 1.0, 1e-4);  // a seen trigram context
  EXPECT_NEAR(SumOver(m, kBos, kBos), 1.0, 1e-4);
  EXPECT_NEAR(SumOver(m, m.Id("kế"), dan), 1.0, 1e-4);  // unseen: backs off
  EXPECT_NEAR(SumOver(m, kUnk, kUnk), 1.0, 1e-4);
}

TEST(NgramModelTest, BacksOffToBigramAndUnigram) {
  const NgramModel m = Small();
  const std::uint32_t dan = m.Id("dân");
  const std::uint32_t huyen = m.Id("huyện");
  // Seen trigram beats the same word after an unseen context.
  EXPECT_GT(m.LogProb(m.Id("nhân"), dan, huyen), m.LogProb(m.Id("kế"), dan, huyen));
  // Unseen bigram: still a probability, smaller than the seen one.
  EXPECT_LT(m.LogProb(kBos, m.Id("hoạch"), huyen), m.LogProb(kBos, dan, huyen));
  EXPECT_LT(m.LogProb(kBos, m.Id("hoạch"), huyen), 0);
}

TEST(NgramModelTest, ContextLookupGivesTheSameProbabilities) {
  const NgramModel m = Small();
  for (std::uint32_t u = 0; u < m.size(); ++u) {
    for (std::uint32_t v = 0; v < m.size(); ++v) {
      const NgramModel::Context context = m.ContextOf(u, v);
      for (std::uint32_t w = 1; w < m.size(); ++w) {
        ASSERT_FLOAT_EQ(m.LogProb(context, w), m.LogProb(u, v, w)) << u << " " << v << " " << w;
      }
    }
  }
}

TEST(NgramModelTest, SerializeRoundTrips) {
  const NgramModel m = Small();
  NgramModel back;
  std::string error;
  ASSERT_TRUE(NgramModel::Parse(m.Serialize(), &back, &error)) << error;
  EXPECT_EQ(back.size(), m.size());
  EXPECT_FLOAT_EQ(back.LogProb(m.Id("nhân"), m.Id("dân"), m.Id("xã")),
                  m.LogProb(m.Id("nhân"), m.Id("dân"), m.Id("xã")));
  EXPECT_FALSE(NgramModel::Parse("garbage", &back, &error));
  EXPECT_FALSE(NgramModel::Parse(m.Serialize().substr(0, 100), &back, &error));
}

TEST(NgramModelTest, SerializeGivesTheSameBytesAfterParse) {
  const NgramModel m = Small();
  NgramModel back;
  std::string error;
  ASSERT_TRUE(NgramModel::Parse(m.Serialize(), &back, &error)) << error;
  EXPECT_EQ(back.Serialize(), m.Serialize());
  EXPECT_EQ(back.bigram_count(), m.bigram_count());
  EXPECT_EQ(back.trigram_count(), m.trigram_count());
}

// A model file of the vocabulary <s> </s> <unk> <num> "a" with the given
// n-grams (ids in Key2 / Key3 order), all log-probabilities -1.
std::string ModelBytes(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& bigrams,
                       const std::vector<std::array<std::uint32_t, 3>>& trigrams) {
  std::string out = "BAOCAO-LM1\n";
  const auto u32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  const auto f32 = [&](float f) {
    std::uint32_t v = 0;
    std::memcpy(&v, &f, 4);
    u32(v);
  };
  u32(5);
  for (const char* token : {"<s>", "</s>", "<unk>", "<num>", "a"}) {
    out += token;
    out.push_back('\0');
  }
  for (int w = 0; w < 5; ++w) {
    f32(-1);
    f32(0);
  }
  u32(static_cast<std::uint32_t>(bigrams.size()));
  for (const auto& [v, w] : bigrams) {
    u32(v);
    u32(w);
    f32(-1);
    f32(0);
  }
  u32(static_cast<std::uint32_t>(trigrams.size()));
  for (const auto& [u, v, w] : trigrams) {
    const std::uint64_t key = (std::uint64_t{u} << 42) | (std::uint64_t{v} << 21) | w;
    u32(static_cast<std::uint32_t>(key >> 32));
    u32(static_cast<std::uint32_t>(key & 0xFFFFFFFFu));
    f32(-1);
  }
  return out;
}

TEST(NgramModelTest, ParseRejectsATrigramWithoutItsBigrams) {
  NgramModel m;
  std::string error;
  EXPECT_TRUE(NgramModel::Parse(ModelBytes({{0, 4}, {4, 1}}, {{0, 4, 1}}), &m, &error)) << error;
  EXPECT_FLOAT_EQ(m.LogProb(0, 4, 1), -1);
  EXPECT_FALSE(NgramModel::Parse(ModelBytes({{4, 1}}, {{0, 4, 1}}), &m, &error));  // no (u v)
  EXPECT_FALSE(NgramModel::Parse(ModelBytes({{0, 4}}, {{0, 4, 1}}), &m, &error));  // no (v w)
  EXPECT_FALSE(NgramModel::Parse(ModelBytes({{0, 4}, {0, 4}}, {}), &m, &error));   // twice
  EXPECT_FALSE(NgramModel::Parse(ModelBytes({{0, 5}}, {}), &m, &error));           // no such word
}

// The backoff formula read straight off a model's serialized entries.
class ReferenceModel {
 public:
  explicit ReferenceModel(const std::string& bytes) {
    std::size_t pos = std::string_view("BAOCAO-LM1\n").size();
    const auto u32 = [&] {
      std::uint32_t v = 0;
      std::memcpy(&v, bytes.data() + pos, 4);
      pos += 4;
      return v;
    };
    const auto f32 = [&] {
      const std::uint32_t v = u32();
      float f = 0;
      std::memcpy(&f, &v, 4);
      return f;
    };
    const std::uint32_t n = u32();
    for (std::uint32_t i = 0; i < n; ++i) pos = bytes.find('\0', pos) + 1;
    for (std::uint32_t i = 0; i < n; ++i) {
      uni_logp_.push_back(f32());
      uni_backoff_.push_back(f32());
    }
    for (std::uint32_t i = u32(); i > 0; --i) {
      const std::uint64_t key = std::uint64_t{u32()} << 32;
      const std::uint32_t w = u32();
      const float logp = f32();
      bigrams_[key | w] = {logp, f32()};
    }
    for (std::uint32_t i = u32(); i > 0; --i) {
      const std::uint64_t key = std::uint64_t{u32()} << 32;
      const std::uint32_t lo = u32();
      trigram_keys_.push_back(key | lo);
      trigrams_[key | lo] = f32();
    }
  }
  float LogProb(std::uint32_t u, std::uint32_t v, std::uint32_t w) const {
    const auto t = trigrams_.find((std::uint64_t{u} << 42) | (std::uint64_t{v} << 21) | w);
    if (t != trigrams_.end()) return t->second;
    const auto context = bigrams_.find((std::uint64_t{u} << 32) | v);
    const float backoff = context == bigrams_.end() ? 0.0f : context->second.second;
    const auto b = bigrams_.find((std::uint64_t{v} << 32) | w);
    if (b != bigrams_.end()) return backoff + b->second.first;
    return backoff + uni_backoff_[v] + uni_logp_[w];
  }
  const std::vector<std::uint64_t>& trigram_keys() const { return trigram_keys_; }

 private:
  std::vector<float> uni_logp_, uni_backoff_;
  std::unordered_map<std::uint64_t, std::pair<float, float>> bigrams_;  // logp, backoff
  std::unordered_map<std::uint64_t, float> trigrams_;
  std::vector<std::uint64_t> trigram_keys_;
};

TEST(NgramModelTest, LookupsFollowTheStoredEntries) {
  const NgramModel& m = BuiltInSyllableModel()->lm();
  const ReferenceModel reference(m.Serialize());
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::uint32_t> id(0, m.size() - 1);
  std::uniform_int_distribution<std::size_t> seen(0, reference.trigram_keys().size() - 1);
  for (int i = 0; i < 20000; ++i) {
    // Trigrams of the model, with each word in turn replaced by a random one.
    const std::uint64_t key = reference.trigram_keys()[seen(rng)];
    std::uint32_t words[3] = {static_cast<std::uint32_t>(key >> 42),
                              static_cast<std::uint32_t>((key >> 21) & 0x1FFFFF),
                              static_cast<std::uint32_t>(key & 0x1FFFFF)};
    if (i % 4 < 3) words[i % 4] = std::max<std::uint32_t>(1, id(rng));
    const auto [u, v, w] = words;
    ASSERT_EQ(m.LogProb(m.ContextOf(u, v), w), reference.LogProb(u, v, w)) << u << " " << v << " " << w;
    ASSERT_EQ(m.LogProb(u, v, w), reference.LogProb(u, v, w)) << u << " " << v << " " << w;
  }
}

TEST(NgramModelTest, LookupsFollowTheStoredEntriesInALargeVocabulary) {
  // Over 8192 words the model has no follower bit rows and searches.
  std::vector<std::string> lines;
  std::mt19937 rng(11);
  std::string line;
  for (int i = 0; i < 9000; ++i) {
    std::string word;
    for (int n = i; word.size() < 3 || n > 0; n /= 26) word.push_back(static_cast<char>('a' + n % 26));
    line += word + (rng() % 5 == 0 ? " sau " : " ");
    if (i % 7 == 6) {
      lines.push_back(line);
      line.clear();
    }
  }
  const NgramModel m = NgramModel::Train(lines, 1);
  ASSERT_GT(m.size(), 8192u);
  const ReferenceModel reference(m.Serialize());
  std::uniform_int_distribution<std::size_t> seen(0, reference.trigram_keys().size() - 1);
  std::uniform_int_distribution<std::uint32_t> id(1, m.size() - 1);
  for (int i = 0; i < 4000; ++i) {
    const std::uint64_t key = reference.trigram_keys()[seen(rng)];
    std::uint32_t words[3] = {static_cast<std::uint32_t>(key >> 42),
                              static_cast<std::uint32_t>((key >> 21) & 0x1FFFFF),
                              static_cast<std::uint32_t>(key & 0x1FFFFF)};
    if (i % 4 < 3) words[i % 4] = id(rng);
    const auto [u, v, w] = words;
    ASSERT_EQ(m.LogProb(u, v, w), reference.LogProb(u, v, w)) << u << " " << v << " " << w;
  }
}

TEST(NgramModelTest, TokenizesLettersDigitsAndPunctuation) {
  std::vector<std::string> tokens;
  TokenizeLine("Hòa Bình, năm 2024.", &tokens);
  EXPECT_EQ(tokens, (std::vector<std::string>{"hoà", "bình", ",", "năm", "<num>", "."}));
}

TEST(NgramModelTest, GeneralTextIsCutAtForeignWords) {
  const std::unordered_set<std::string> syllables = {"chọn", "hàm", "để", "tính", "tổng", "hoà"};
  std::vector<std::string> pieces;
  SplitAtForeignWords("Chọn hàm YIELD để tính tổng, Hòa.", syllables, &pieces);
  EXPECT_EQ(pieces, (std::vector<std::string>{"Chọn hàm ", " để tính tổng, Hòa."}));
  pieces.clear();
  SplitAtForeignWords("Select the Object, 2024", syllables, &pieces);
  EXPECT_TRUE(pieces.empty());  // no syllable left: nothing to learn from
  pieces.clear();
  SplitAtForeignWords("tính tổng", syllables, &pieces);
  EXPECT_EQ(pieces, (std::vector<std::string>{"tính tổng"}));
}

std::string Decode(std::string_view line, const DocumentCache* cache = nullptr) {
  const auto model = BuiltInSyllableModel();
  const std::u32string wide = ToU32(line);
  return ToUtf8(DecodeLostCharacters(*model, cache, wide, EstimateLostSet(wide), DecoderOptions()).text);
}

TEST(LostCharsDecoderTest, RestoresOneLostLetterPerSpace) {
  EXPECT_EQ(Decode("UBND huy n ban hành"), "UBND huyện ban hành");
  EXPECT_EQ(Decode("c i cách hành chính"), "cải cách hành chính");
}

TEST(LostCharsDecoderTest, WordsAreNotReadDeepInsideALongGap) {
  // Words beside the shown text are read; the middle of a gap of 300
  // spaces, far from anything shown, stays as it is.
  const std::string gap(300, ' ');
  const std::string out = Decode("UBND huy n ban hành" + gap + "UBND huy n ban hành");
  EXPECT_EQ(out.substr(0, std::string("UBND huyện").size()), "UBND huyện");
  EXPECT_NE(out.find(std::string(200, ' ')), std::string::npos) << out;
}

TEST(LostCharsDecoderTest, AVeryLongLineIsReadInPieces) {
  std::string line;
  while (ToU32(line).size() <= 2 * kMaxDecodedCells) line += "UBND huy n ban hành kế hoạch c i cách hành chính. ";
  const auto model = BuiltInSyllableModel();
  const std::u32string wide = ToU32(line);
  const DecodedLine decoded = DecodeLostCharacters(*model, nullptr, wide, EstimateLostSet(wide), DecoderOptions());
  ASSERT_EQ(decoded.text.size(), wide.size());
  std::size_t past_first_piece = 0;
  for (const TokenDecision& d : decoded.tokens) {
    ASSERT_LE(d.end, wide.size());
    EXPECT_EQ(decoded.text.substr(d.begin, d.end - d.begin), d.output);
    past_first_piece += d.begin >= kMaxDecodedCells ? 1 : 0;
  }
  EXPECT_GT(past_first_piece, 0u);
  const std::string text = ToUtf8(decoded.text);
  std::size_t repaired = 0;
  for (std::size_t at = text.find("huyện"); at != std::string::npos; at = text.find("huyện", at + 1)) ++repaired;
  std::size_t lines = 0;
  for (std::size_t at = line.find("huy n"); at != std::string::npos; at = line.find("huy n", at + 1)) ++lines;
  EXPECT_EQ(repaired, lines);
}

TEST(LostCharsDecoderTest, KeepsRealSpacesAndLength) {
  const std::string out = Decode("Ngh  quy t số 16");
  EXPECT_EQ(out, "Nghị quyết số 16");
  EXPECT_EQ(ToU32(out).size(), ToU32("Ngh  quy t số 16").size());
  EXPECT_EQ(Decode("cải cách hành chính"), "cải cách hành chính");  // nothing lost
}

TEST(LostCharsDecoderTest, OnlyLettersOfTheLostSetAreUsed) {
  const auto model = BuiltInSyllableModel();
  const std::u32string line = U"huy n";
  LostSet lost;  // only 'ê'+nặng lost: "huyện"
  lost.lower.Set(LetterId(U'ệ'));
  const DecodedLine d = DecodeLostCharacters(*model, nullptr, line, lost, DecoderOptions());
  EXPECT_EQ(ToUtf8(d.text), "huyện");
  ASSERT_EQ(d.tokens.size(), 1u);
  EXPECT_GT(d.tokens[0].confidence, 0.9);
}

TEST(LostCharsDecoderTest, LettersTheLineShowsMayBeLostInAnotherFontRun) {
  // "chuyên môn thực hiện" lost "c", "y", "m", "t" and "h", which the rest
  // of the line shows intact: it was set in another font. The document
  // writes the words small, so "c" and "t" are read small though the line
  // lacks only "C" and "T".
  DocumentCache cache;
  cache.AddLine("các phòng chuyên môn thuộc UBND huyện thực hiện tốt nhiệm vụ chuyên môn");
  cache.AddLine("nộp hồ sơ theo hình thức trực tuyến; phát động phong trào thi đua");
  const std::string line = "Ủy ban nhân dân huyện đã chỉ đạo các cơ quan  hu ên  ôn  hực  iện nghiêm túc";
  EXPECT_EQ(Decode(line, &cache), "Ủy ban nhân dân huyện đã chỉ đạo các cơ quan chuyên môn thực hiện nghiêm túc");
  EXPECT_EQ(Decode("Công tác tuyên truyền được triển khai với nhiều  ình  hức  hong phú, đa dạng", &cache),
            "Công tác tuyên truyền được triển khai với nhiều hình thức phong phú, đa dạng");
  // Read with the letters the line never shows only, "y" cannot be read.
  const auto model = BuiltInSyllableModel();
  const std::u32string wide = ToU32(line);
  const LostSet unshown = EstimateLostSet(wide, std::numeric_limits<float>::infinity());
  EXPECT_EQ(ToUtf8(DecodeLostCharacters(*model, &cache, wide, unshown, DecoderOptions()).text).find("huyên môn"),
            std::string::npos);
}

TEST(LostCharsDecoderTest, ALetterTheLineShowsCostsMoreToRestore) {
  const std::u32string line = U"Văn bản  ố";
  const LostSet lost = EstimateLostSet(line);
  const int a = LetterId(U'ă');
  const int s = LetterId(U's');
  EXPECT_TRUE(lost.lower.Has(a));
  EXPECT_TRUE(lost.shown_lower.Has(a));
  EXPECT_FALSE(lost.Unshown(a, false));
  EXPECT_FLOAT_EQ(static_cast<float>(lost.Cost(a, false)), kShownLetterCost);
  EXPECT_TRUE(lost.Unshown(s, false));
  EXPECT_FLOAT_EQ(static_cast<float>(lost.Cost(s, false)), 0.0f);
  EXPECT_TRUE(lost.Unshown(LetterId(U'v'), false));  // only "V" is shown
  EXPECT_FALSE(lost.Unshown(LetterId(U'v'), true));
  const LostSet unshown = EstimateLostSet(line, std::numeric_limits<float>::infinity());
  EXPECT_FALSE(unshown.lower.Has(a));
  EXPECT_FALSE(unshown.AnyShown());
  EXPECT_TRUE(unshown.lower.Has(s));
}

TEST(LostCharsDecoderTest, ConfidenceAndAlternativesOfAnAmbiguousWord) {
  const auto model = BuiltInSyllableModel();
  const std::u32string line = U"tri t";
  const DecodedLine d = DecodeLostCharacters(*model, nullptr, line, EstimateLostSet(line), DecoderOptions());
  ASSERT_EQ(d.tokens.size(), 1u);
  EXPECT_LT(d.tokens[0].confidence, 0.99);  // triệt / triết / triệu ...
  EXPECT_FALSE(d.tokens[0].alternatives.empty());
}

TEST(LostCharsDecoderTest, TheOtherCaseOfAGuessedCapitalIsAnAlternative) {
  // Both "h" and "H" are lost: "hồ" inside a sentence is a guess of case,
  // and a reviewer fixing "Hồ sơ" finds it among the alternatives.
  const auto model = BuiltInSyllableModel();
  LostSet lost;
  lost.lower.Set(LetterId(U'h'));
  lost.upper.Set(LetterId(U'h'));
  const DecodedLine d = DecodeLostCharacters(*model, nullptr, U"số  ồ sơ tiếp nhận", lost, DecoderOptions());
  ASSERT_EQ(d.tokens.size(), 1u);
  EXPECT_EQ(d.tokens[0].output, U"hồ");
  EXPECT_LT(d.tokens[0].confidence, 1.0);
  const std::vector<std::u32string>& alternatives = d.tokens[0].alternatives;
  EXPECT_NE(std::find(alternatives.begin(), alternatives.end(), U"Hồ"), alternatives.end());
  EXPECT_EQ(std::find(alternatives.begin(), alternatives.end(), U"hồ"), alternatives.end());
}

TEST(LostCharsDecoderTest, TwoEquallyLikelyReadingsShareTheConfidence) {
  // "a" and "b" follow "ông" equally often: neither reading is sure.
  std::vector<std::string> lines;
  for (int i = 0; i < 20; ++i) {
    lines.push_back("ông a đi");
    lines.push_back("ông b đi");
  }
  const SyllableModel model(NgramModel::Train(lines, 1));
  LostSet lost;
  lost.lower.Set(LetterId(U'a'));
  lost.lower.Set(LetterId(U'b'));
  const DecodedLine d = DecodeLostCharacters(model, nullptr, U"ông   đi", lost, DecoderOptions());
  ASSERT_EQ(d.tokens.size(), 1u);
  EXPECT_GT(d.tokens[0].confidence, 0.35);
  EXPECT_LT(d.tokens[0].confidence, 0.65);
  ASSERT_FALSE(d.tokens[0].alternatives.empty());
  EXPECT_NE(d.tokens[0].alternatives[0], d.tokens[0].output);
  const std::u32string pair = d.tokens[0].output + d.tokens[0].alternatives[0];
  EXPECT_TRUE(pair == U"ab" || pair == U"ba") << ToUtf8(pair);
}

TEST(LostCharsDecoderTest, AReadingTheContextForcesIsSure) {
  std::vector<std::string> lines;
  for (int i = 0; i < 20; ++i) lines.push_back("ông a đi");
  lines.push_back("bà b về");
  const SyllableModel model(NgramModel::Train(lines, 1));
  LostSet lost;
  lost.lower.Set(LetterId(U'a'));
  lost.lower.Set(LetterId(U'b'));
  const DecodedLine d = DecodeLostCharacters(model, nullptr, U"ông   đi", lost, DecoderOptions());
  ASSERT_EQ(d.tokens.size(), 1u);
  EXPECT_EQ(d.tokens[0].output, U"a");
  EXPECT_GT(d.tokens[0].confidence, 0.9);
}

TEST(SyllableModelTest, WordsByLetterPositionIndexEveryWord) {
  const auto model = BuiltInSyllableModel();
  for (std::size_t size = 1; size <= kMaxWordLetters; ++size) {
    const std::vector<WordEntry>& words = model->Words(size);
    std::size_t listed = 0;
    for (std::size_t k = 0; k < size; ++k) {
      for (int letter = 0; letter < kLetterIds; ++letter) {
        for (const std::uint32_t w : model->WordsWithLetterAt(size, k, letter)) {
          ASSERT_LT(w, words.size());
          ASSERT_EQ(words[w].letters[k], letter);
          ++listed;
        }
      }
    }
    EXPECT_EQ(listed, words.size() * size);  // each word once per position
  }
}

TEST(LostCharsDecoderTest, DocumentCacheProbabilityInPartsIsTheSame) {
  DocumentCache cache;
  cache.AddLine("Ủy ban nhân dân huyện Tuần Giáo ban hành kế hoạch.");
  cache.AddLine("Ủy ban nhân dân xã Quài Tở.");
  cache.AddPiece("nhân dân tỉnh");
  const std::vector<std::string> words = {"<s>", "</s>", "ủy", "ban", "nhân", "dân", "xã", "tỉnh", ".", "hoạch", "phố"};
  for (const std::string& v : words) {
    const DocumentCache::Follow follow = cache.FollowOf(TokenHash(v));
    for (const std::string& w : words) {
      const std::uint64_t hw = TokenHash(w);
      EXPECT_EQ(cache.Prob(follow, hw, cache.UnigramProb(hw)), cache.Prob(TokenHash(v), hw)) << v << " " << w;
    }
  }
  EXPECT_GT(cache.Prob(TokenHash("nhân"), TokenHash("dân")), cache.Prob(TokenHash("xã"), TokenHash("dân")));
}

TEST(LostCharsDecoderTest, DocumentCacheIndexesCapitalsAndLetterCodesOfWords) {
  const auto model = BuiltInSyllableModel();
  DocumentCache cache;
  EXPECT_EQ(cache.WordsInCapitals(*model, 4), nullptr);
  for (int i = 0; i < 2; ++i) cache.AddLine("Chủ tịch UBND xã ký theo kroongz mới, theo QĐ-TTg");
  cache.LearnWords(*model);
  cache.IndexWords(*model);
  std::size_t mixed = 0;
  for (std::size_t size = 1; size <= kMaxWordLetters; ++size) {
    const std::vector<WordEntry>& words = model->Words(size);
    const std::vector<std::uint8_t>* in_capitals = cache.WordsInCapitals(*model, size);
    const std::vector<std::uint8_t>* in_mixed_case = cache.WordsInMixedCase(*model, size);
    ASSERT_NE(in_capitals, nullptr);
    ASSERT_NE(in_mixed_case, nullptr);
    ASSERT_EQ(in_capitals->size(), words.size());
    ASSERT_EQ(in_mixed_case->size(), words.size());
    ASSERT_EQ(model->LetterMasks(size).size(), words.size());
    ASSERT_EQ(model->WordKinds(size).size(), words.size());
    for (std::size_t w = 0; w < words.size(); ++w) {
      ASSERT_EQ((*in_capitals)[w] != 0, cache.UsuallyInCapitals(words[w].key_hash)) << words[w].token;
      std::uint32_t upper = 0;
      ASSERT_EQ((*in_mixed_case)[w] != 0, cache.MixedCase(words[w].key_hash, &upper)) << words[w].token;
      mixed += (*in_mixed_case)[w];
      const LetterMask& mask = model->LetterMasks(size)[w];
      ASSERT_TRUE(mask.SubsetOf(words[w].mask) && words[w].mask.SubsetOf(mask)) << words[w].token;
      const std::uint8_t kind = model->WordKinds(size)[w];
      ASSERT_EQ((kind & kSyllableWord) != 0, words[w].syllable) << words[w].token;
      ASSERT_EQ((kind & kTwoStyles) != 0, words[w].two_styles) << words[w].token;
      ASSERT_EQ((kind & kOldStyle) != 0, words[w].old_style) << words[w].token;
    }
    const std::vector<WordEntry>& learnt = cache.Words(size);
    ASSERT_EQ(cache.WordCodes(size).size(), learnt.size());
    for (std::size_t w = 0; w < learnt.size(); ++w) EXPECT_EQ(cache.WordCodes(size)[w], LetterCode(learnt[w]));
  }
  std::size_t learnt = 0;
  for (std::size_t size = 1; size <= kMaxWordLetters; ++size) learnt += cache.Words(size).size();
  EXPECT_GT(learnt, 0u);
  EXPECT_EQ(mixed, 1u);  // "TTg": the model knows "ttg" from its training text
}

TEST(LostCharsDecoderTest, DocumentCacheAdaptsToTheDocument) {
  DocumentCache cache;
  for (int i = 0; i < 5; ++i) cache.AddLine("huyện Tuần Giáo, tỉnh Điện Biên");
  EXPECT_EQ(Decode("T ần G áo", &cache), "Tuần Giáo");
}

TEST(LostCharsDecoderTest, ACostlyLetterLosesToAFreeOne) {
  std::vector<std::string> lines;
  for (int i = 0; i < 20; ++i) {
    lines.push_back("ông a đi");
    lines.push_back("ông b đi");
  }
  const SyllableModel model(NgramModel::Train(lines, 1));
  LostSet lost;
  lost.lower.Set(LetterId(U'a'));
  lost.lower.Set(LetterId(U'b'));
  lost.lower_cost[static_cast<std::size_t>(LetterId(U'a'))] = 4;  // the run shows no sure lost 'a'
  const DecodedLine d = DecodeLostCharacters(model, nullptr, U"ông   đi", lost, DecoderOptions());
  EXPECT_EQ(ToUtf8(d.text), "ông b đi");
  ASSERT_EQ(d.tokens.size(), 1u);
  EXPECT_GT(d.tokens[0].confidence, 0.8);
}

TEST(LostCharsDecoderTest, SurePiecesTeachTheCacheWithoutSentenceEnds) {
  DocumentCache cache;
  cache.AddPiece("quán triệt, triển khai");
  EXPECT_GT(cache.UnigramProb(TokenHash("triệt")), 0);
  EXPECT_GT(cache.Prob(TokenHash("quán"), TokenHash("triệt")),
            cache.Prob(TokenHash("triển"), TokenHash("triệt")));
  EXPECT_EQ(cache.Prob(TokenHash("<s>"), TokenHash("quán")), cache.UnigramProb(TokenHash("quán")));
}

// A first-pass decoding of `line` into `output`, every repaired word with
// `confidence`.
DecodedLine FirstPass(std::u32string_view line, std::u32string_view output, double confidence) {
  DecodedLine d;
  d.text.assign(output);
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] != U' ' || output[i] == U' ') {
      ++i;
      continue;
    }
    std::size_t b = i, e = i;
    while (b > 0 && output[b - 1] != U' ') --b;
    while (e < output.size() && output[e] != U' ') ++e;
    TokenDecision t;
    t.begin = b;
    t.end = e;
    t.output.assign(output.substr(b, e - b));
    t.confidence = confidence;
    d.tokens.push_back(t);
    i = e;
  }
  return d;
}

TEST(LostRunTest, ALetterIntactInTheRunIsNotAmongItsUnshownLetters) {
  // One run lost "ệ" and "n"; its second line still shows "k" and "ế". A
  // letter the run shows is still possible, at the price of a shown letter:
  // the line may hold a font run of its own.
  const std::vector<std::u32string> lines = {U"huy   đã tổ chức quá  tri t", U"tiếp tục khai thác"};
  const std::vector<DecodedLine> first = {FirstPass(lines[0], U"huyện đã tổ chức quán triệt", 0.95),
                                          FirstPass(lines[1], lines[1], 1)};
  const std::vector<LostSet> sets = EstimateRunLostSets(lines, first, RunEstimateOptions());
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_TRUE(sets[0].Unshown(LetterId(U'ệ'), false));
  EXPECT_TRUE(sets[0].Unshown(LetterId(U'n'), false));
  EXPECT_FALSE(sets[0].Unshown(LetterId(U'k'), false));  // "khai" in the next line
  EXPECT_EQ(sets[0].Cost(LetterId(U'k'), false), RunEstimateOptions().shown_cost);
  EXPECT_FALSE(sets[0].Unshown(LetterId(U'ế'), false));  // "tiếp"
  EXPECT_EQ(sets[0].Cost(LetterId(U'n'), false), 0);  // surely restored
  EXPECT_EQ(sets[0].Cost(LetterId(U'ệ'), false), 0);
  EXPECT_GT(sets[0].Cost(LetterId(U'ọ'), false), 0);  // never restored in the run
  EXPECT_TRUE(sets[1].Unshown(LetterId(U'ệ'), false));
  EXPECT_FALSE(sets[1].Unshown(LetterId(U'u'), false));  // "huy" in the line before
  EXPECT_EQ(sets[1].Cost(LetterId(U'ệ'), false), 0);  // restored in the run's other line
}

TEST(LostRunTest, TheSecondPassIsNoSurerThanTheFirstAllowed) {
  const std::u32string line = U"huy   đã tổ c ức";
  const DecodedLine first = FirstPass(line, U"huyện đã tổ chức", 0.7);
  DecodedLine second = FirstPass(line, U"huyện đã tổ chức", 0.99);
  BoundByFirstPass(first, &second);
  ASSERT_EQ(second.tokens.size(), 2u);
  EXPECT_DOUBLE_EQ(second.tokens[0].confidence, 0.7);  // the same reading
  // A reading the first pass rejected with 0.8 has at most 0.2 left.
  DecodedLine changed = FirstPass(line, U"huyền đã tổ chức", 0.99);
  BoundByFirstPass(FirstPass(line, U"huyện đã tổ chức", 0.8), &changed);
  EXPECT_NEAR(changed.tokens[0].confidence, 0.2, 1e-9);
  EXPECT_DOUBLE_EQ(changed.tokens[1].confidence, 0.8);
  // Where the first pass repaired nothing, the second keeps its own.
  DecodedLine fresh = FirstPass(line, U"huyện đã tổ chức", 0.95);
  BoundByFirstPass(DecodedLine{std::u32string(line), {}}, &fresh);
  EXPECT_DOUBLE_EQ(fresh.tokens[0].confidence, 0.95);
}

TEST(LostRunTest, ALineThatShowsASurelyLostLetterStartsAnotherRun) {
  // The first line surely lost 'n'; the second shows 'n' intact, so it
  // belongs to another run and its letters say nothing about the first.
  const std::vector<std::u32string> lines = {U"huy   đã", U"triển khai"};
  const std::vector<DecodedLine> first = {FirstPass(lines[0], U"huyện đã", 0.99),
                                          FirstPass(lines[1], lines[1], 1)};
  const std::vector<LostSet> sets = EstimateRunLostSets(lines, first, RunEstimateOptions());
  EXPECT_TRUE(sets[0].Unshown(LetterId(U'k'), false));
  EXPECT_TRUE(sets[1].Unshown(LetterId(U'u'), false));
  // A doubtful first pass is no evidence of a new run.
  const std::vector<DecodedLine> doubtful = {FirstPass(lines[0], U"huyện đã", 0.5),
                                             FirstPass(lines[1], lines[1], 1)};
  const std::vector<LostSet> joined = EstimateRunLostSets(lines, doubtful, RunEstimateOptions());
  EXPECT_FALSE(joined[0].Unshown(LetterId(U'k'), false));
  EXPECT_FALSE(joined[0].Unshown(LetterId(U'n'), false));  // intact in the run: the first pass was wrong there
  EXPECT_GT(joined[0].Cost(LetterId(U'ệ'), false), 0);  // guessed, not sure
  EXPECT_LT(joined[0].Cost(LetterId(U'ệ'), false), joined[0].Cost(LetterId(U'ọ'), false));
}

TEST(LostRunTest, TheCostOfAShownLetterFollowsTheDocument) {
  // Lines that each lost one set: no letter surely restored is one the line
  // shows, and a shown letter becomes dear.
  std::vector<std::u32string> lines(300, U"UBND huy n ban hành");
  std::vector<DecodedLine> first(300, FirstPass(lines[0], U"UBND huyện ban hành", 0.99));
  EXPECT_GT(ShownLetterCostOf(lines, first, 0.9), kShownLetterCost + 2);
  // Lines that mix font runs: "chuyên" lost the "c" that "các" shows.
  lines.assign(30, U"các cơ quan  huyên môn");
  first.assign(30, FirstPass(lines[0], U"các cơ quan chuyên môn", 0.99));
  EXPECT_LT(ShownLetterCostOf(lines, first, 0.9), 1);
  // Doubtful readings and lines left intact say nothing: the prior cost
  // stays, above the first decoding's.
  first.assign(30, FirstPass(lines[0], U"các cơ quan chuyên môn", 0.5));
  const float prior = ShownLetterCostOf(lines, first, 0.9);
  EXPECT_GT(prior, kShownLetterCost);
  first.assign(30, DecodedLine());
  EXPECT_FLOAT_EQ(ShownLetterCostOf(lines, first, 0.9), prior);
}

LostSet LostInBothCases(std::u32string_view letters) {
  LostSet lost;
  for (const char32_t c : letters) {
    lost.lower.Set(LetterId(c));
    lost.upper.Set(LetterId(c));
  }
  return lost;
}

std::string DecodeWith(std::u32string_view line, const LostSet& lost, const DocumentCache* cache = nullptr) {
  return ToUtf8(DecodeLostCharacters(*BuiltInSyllableModel(), cache, line, lost, DecoderOptions()).text);
}

// The decoder's reading of a line that holds one word to repair.
TokenDecision OneRepair(std::u32string_view line, const LostSet& lost, const DocumentCache* cache = nullptr) {
  const DecodedLine decoded = DecodeLostCharacters(*BuiltInSyllableModel(), cache, line, lost, DecoderOptions());
  EXPECT_EQ(decoded.tokens.size(), 1u) << ToUtf8(line);
  return decoded.tokens.empty() ? TokenDecision() : decoded.tokens[0];
}

std::string OldStyle(std::string_view word) {
  std::string out;
  return OldStyleSyllable(word, &out) ? out : "(none)";
}

TEST(ToneStyleTest, OldStyleMovesTheToneOfOpenOaOeUy) {
  EXPECT_EQ(OldStyle("hoá"), "hóa");
  EXPECT_EQ(OldStyle("hóa"), "hóa");
  EXPECT_EQ(OldStyle("thuỷ"), "thủy");
  EXPECT_EQ(OldStyle("Khoẻ"), "Khỏe");
  EXPECT_EQ(OldStyle("uỷ"), "ủy");
  EXPECT_EQ(OldStyle("quý"), "(none)");    // qu is the onset
  EXPECT_EQ(OldStyle("hoàn"), "(none)");   // a coda: both styles agree
  EXPECT_EQ(OldStyle("ngoài"), "(none)");
  EXPECT_EQ(OldStyle("hoa"), "(none)");    // no tone
}

TEST(LostCharsDecoderTest, TheDocumentsOwnAcronymsAreCandidates) {
  const std::u32string line = U"phần mềm QL BĐH";
  LostSet lost;
  lost.upper.Set(LetterId(U'v'));
  DocumentCache cache;
  for (int i = 0; i < 2; ++i) cache.AddLine("Sử dụng phần mềm QLVBĐH của tỉnh");
  cache.LearnWords(*BuiltInSyllableModel());
  ASSERT_EQ(cache.Words(6).size(), 1u);
  EXPECT_EQ(cache.Words(6)[0].token, "qlvbđh");
  EXPECT_TRUE(cache.Words(4).empty());  // known words ("tỉnh") are not learnt
  EXPECT_EQ(DecodeWith(line, lost, &cache), "phần mềm QLVBĐH");
  DocumentCache once;
  once.AddLine("Sử dụng phần mềm QLVBĐH của tỉnh");
  once.LearnWords(*BuiltInSyllableModel());
  EXPECT_TRUE(once.Words(6).empty());  // seen once: could be a typo
}

TEST(LostCharsDecodeTest, SpacesBesideADigitMayBeItsLostDigits) {
  // "năm 2024" lost its "2"s: the spaces before and after the digits it
  // shows are digits of the number, not letters to guess ("năm hơn4");
  // they stay spaces for the number memory.
  const LostSet lost = LostInBothCases(U"mnhtgđaãơoàê");
  EXPECT_EQ(DecodeWith(U"kế hoạch CCHC nă     4, kế hoạch", lost), "kế hoạch CCHC năm    4, kế hoạch");
  EXPECT_EQ(DecodeWith(U"soát TTHC năm  0   của", lost), "soát TTHC năm  0   của");
}

TEST(ToneStyleTest, TheDecoderMatchesEitherSpelling) {
  // The tone stands on "ó": only the old-style "hóa" fits "hó ".
  EXPECT_EQ(DecodeWith(U"văn hó , xã hội", LostInBothCases(U"a")), "văn hóa, xã hội");
  EXPECT_EQ(DecodeWith(U"văn ho , xã hội", LostInBothCases(U"á")), "văn hoá, xã hội");
  // With both vowels lost, the document's own style decides.
  DocumentCache old_style;
  for (int i = 0; i < 3; ++i) old_style.AddLine("thủy lợi, văn hóa, hòa bình");
  EXPECT_TRUE(old_style.PrefersOldStyle());
  EXPECT_EQ(DecodeWith(U"văn h  , xã hội", LostInBothCases(U"oóáa"), &old_style), "văn hóa, xã hội");
  DocumentCache new_style;
  for (int i = 0; i < 3; ++i) new_style.AddLine("thuỷ lợi, văn hoá, hoà bình");
  EXPECT_FALSE(new_style.PrefersOldStyle());
  EXPECT_EQ(DecodeWith(U"văn h  , xã hội", LostInBothCases(U"oóáa"), &new_style), "văn hoá, xã hội");
}


TEST(LostCharsCaseTest, ALostFirstLetterIsACapitalAtTheStartOfALine) {
  const LostSet lost = LostInBothCases(U"k");
  EXPECT_EQ(DecodeWith(U"-  ết quả thực hiện", lost), "- Kết quả thực hiện");
  EXPECT_EQ(DecodeWith(U"1.2.  ết quả thực hiện", lost), "1.2. Kết quả thực hiện");
  EXPECT_EQ(DecodeWith(U"báo cáo  ết quả thực hiện", lost), "báo cáo kết quả thực hiện");
}

TEST(LostCharsCaseTest, AWordWithNoLettersLeftInAHeadingIsInCapitals) {
  const LostSet lost = LostInBothCases(U"nhâ");
  EXPECT_EQ(DecodeWith(U"ỦY BAN      DÂN", lost), "ỦY BAN NHÂN DÂN");
}

TEST(LostCharsCaseTest, AHeadingWordWithOnlyItsFirstLetterLeftIsInCapitals) {
  EXPECT_EQ(DecodeWith(U"BÁO CÁO K   QUẢ  HỰC HIỆN", LostInBothCases(U"ết")), "BÁO CÁO KẾT QUẢ THỰC HIỆN");
}

TEST(LostCharsCaseTest, AWordTheDocumentWritesInCapitalsIsRestoredInCapitals) {
  DocumentCache cache;
  for (int i = 0; i < 2; ++i) cache.AddLine("Chủ tịch UBND xã ký quyết định");
  cache.AddLine("ỦY BAN NHÂN DÂN XÃ");  // a heading says nothing of the word "xã"
  EXPECT_TRUE(cache.UsuallyInCapitals(TokenHash("ubnd")));
  EXPECT_FALSE(cache.UsuallyInCapitals(TokenHash("xã")));
  EXPECT_EQ(DecodeWith(U"Chủ tịch      xã ký", LostInBothCases(U"ubnd"), &cache), "Chủ tịch UBND xã ký");
}

TEST(LostCharsCaseTest, ASyllableIsNeverReadWithMixedCase) {
  // "n  N" is not "nhữNg": the capital N belongs to another word.
  const std::string out = DecodeWith(U"các văn bản n  N  ban hành", LostInBothCases(U"hữgđ"));
  EXPECT_EQ(out.find("nhữNg"), std::string::npos) << out;
}

TEST(LostCharsCaseTest, TheDocumentTellsNamesFromWords) {
  DocumentCache cache;
  for (int i = 0; i < 3; ++i) {
    cache.AddLine("Ủy ban nhân dân xã Bình Yên báo cáo kết quả của năm");
    cache.AddLine("1. Kết quả thực hiện tại xã Bình Yên");
  }
  EXPECT_GT(cache.CapitalProb(TokenHash("bình"), WordPlace::kInside), 0.7);
  EXPECT_GT(cache.CapitalProb(TokenHash("bình"), WordPlace::kLineStart), 0.7);
  EXPECT_LT(cache.CapitalProb(TokenHash("kết"), WordPlace::kInside), 0.3);
  EXPECT_LT(cache.CapitalProb(TokenHash("lạ"), WordPlace::kInside), 0.5);  // unseen: the document's habit
  EXPECT_GT(cache.CapitalProb(TokenHash("lạ"), WordPlace::kLineStart), 0.5);
  EXPECT_EQ(DecodeWith(U"tại xã  ình Yên", LostInBothCases(U"b"), &cache), "tại xã Bình Yên");
}

TEST(LostCharsCaseTest, TheWordAfterTellsANameFromAWord) {
  DocumentCache cache;
  for (int i = 0; i < 3; ++i) {
    cache.AddLine("cải cách hành chính của tỉnh, thủ tục hành chính và chính sách");
    cache.AddLine("theo Nghị quyết của Chính phủ về chương trình");
  }
  // "chính" is small inside sentences, but the document writes "Chính phủ".
  EXPECT_LT(cache.CapitalProb(TokenHash("chính"), WordPlace::kInside), 0.5);
  EXPECT_LT(cache.CapitalProb(TokenHash("chính"), WordPlace::kInside, TokenHash("sách")), 0.5);
  EXPECT_GT(cache.CapitalProb(TokenHash("chính"), WordPlace::kInside, TokenHash("phủ")), 0.5);
  EXPECT_EQ(DecodeWith(U"theo Nghị quyết của  hính phủ về", LostInBothCases(U"c"), &cache),
            "theo Nghị quyết của Chính phủ về");
  EXPECT_EQ(DecodeWith(U"thủ tục hành  hính và", LostInBothCases(U"c"), &cache), "thủ tục hành chính và");
}

TEST(LostCharsCaseTest, TheWordBeforeTellsANameFromAWord) {
  DocumentCache cache;
  for (int i = 0; i < 3; ++i) {
    cache.AddLine("thực hiện cơ chế một cửa, một cửa liên thông và một số nhiệm vụ");
    cache.AddLine("tại Bộ phận Một cửa của huyện");
  }
  // "một" is small inside sentences, also before "cửa", but the document
  // writes "Bộ phận Một cửa".
  EXPECT_LT(cache.CapitalProb(TokenHash("một"), WordPlace::kInside, TokenHash("cửa")), 0.5);
  EXPECT_LT(cache.CapitalProb(TokenHash("một"), WordPlace::kInside, TokenHash("cửa"), TokenHash("chế")), 0.5);
  EXPECT_GT(cache.CapitalProb(TokenHash("một"), WordPlace::kInside, TokenHash("cửa"), TokenHash("phận")), 0.5);
  EXPECT_EQ(DecodeWith(U"tiếp nhận tại Bộ phận  ột cửa", LostInBothCases(U"m"), &cache),
            "tiếp nhận tại Bộ phận Một cửa");
  EXPECT_EQ(DecodeWith(U"cơ chế  ột cửa", LostInBothCases(U"m"), &cache), "cơ chế một cửa");
}

TEST(LostCharsCaseTest, ACaseTheLineForcesAgainstTheDocumentsHabitIsDoubtful) {
  DocumentCache cache;
  for (int i = 0; i < 3; ++i) cache.AddLine("ban hành văn bản hướng dẫn, các văn bản quy phạm và văn bản khác");
  // The line shows "v" intact and lacks "V": the lost letter was "V" if the
  // line lost one set. A line of several font runs may have lost "v" too,
  // and this document writes "văn bản" small: the small letter is read,
  // but doubted, with the capital as its alternative.
  LostSet lost;
  lost.upper.Set(LetterId(U'v'));
  const TokenDecision doubted = OneRepair(U"công bố  ăn bản và các nhiệm vụ", lost, &cache);
  EXPECT_EQ(ToUtf8(doubted.output), "văn");
  EXPECT_LT(doubted.confidence, 0.9);
  ASSERT_FALSE(doubted.alternatives.empty());
  EXPECT_EQ(ToUtf8(doubted.alternatives[0]), "Văn");
  // Where the habit agrees ("Văn phòng" is a name), the capital is sure.
  cache.AddLine("theo hướng dẫn của Văn phòng Chính phủ và Văn phòng UBND tỉnh");
  cache.AddLine("Văn phòng HĐND và UBND huyện, Văn phòng Đảng ủy");
  const TokenDecision sure = OneRepair(U"theo ý kiến của  ăn phòng và các nhiệm vụ", lost, &cache);
  EXPECT_EQ(ToUtf8(sure.output), "Văn");
  EXPECT_GT(sure.confidence, 0.9);
}

TEST(LostCharsDecoderTest, AFarLikelierWordMayTakeALetterTheLineShows) {
  // The line shows "á" in "cách", yet "bộ m y" is "bộ máy": font runs of one
  // line may lose different sets, and "bộ máy hành chính" is far likelier
  // than "bộ may". Read with the letters the line never shows only, it is
  // "may".
  const std::u32string line = U"Cải cách tổ chức bộ m y hành chính nhà nước";
  EXPECT_EQ(ToUtf8(OneRepair(line, EstimateLostSet(line)).output), "máy");
  EXPECT_EQ(ToUtf8(OneRepair(line, EstimateLostSet(line, std::numeric_limits<float>::infinity())).output), "may");
  // Where the line lacks the letter, the word reads as it did.
  const TokenDecision sure = OneRepair(U"Cải cách hành chính nh  nước", EstimateLostSet(U"Cải cách hành chính nh  nước"));
  EXPECT_EQ(ToUtf8(sure.output), "nhà");
  EXPECT_GT(sure.confidence, 0.9);
}

TEST(LostCharsCaseTest, AfterADashOrParenthesisTheDocumentsHabitDecides) {
  const std::u32string line = U"công chức Văn hóa -  ã hội";
  // Without the document: a capital is as likely as not there.
  const DecodedLine unsure =
      DecodeLostCharacters(*BuiltInSyllableModel(), nullptr, line, LostInBothCases(U"x"), DecoderOptions());
  ASSERT_EQ(unsure.tokens.size(), 1u);
  EXPECT_LT(unsure.tokens[0].confidence, 0.9);
  DocumentCache cache;
  for (int i = 0; i < 3; ++i) cache.AddLine("Phòng Văn hóa - Thông tin; Ban Kinh tế - Hạ tầng; a) Nội dung");
  EXPECT_GT(cache.CapitalProb(TokenHash("lạ"), WordPlace::kAfterMark), 0.7);
  EXPECT_LT(cache.CapitalProb(TokenHash("lạ"), WordPlace::kInside), 0.5);
  EXPECT_EQ(DecodeWith(line, LostInBothCases(U"x"), &cache), "công chức Văn hóa - Xã hội");
}

TEST(LostCharsCaseTest, AnAcronymIsNotReadWhereTheLineShowsASmallLetter) {
  DocumentCache cache;
  for (int i = 0; i < 3; ++i) cache.AddLine("theo Báo cáo số 12/BC-UBND và Nghị định số 61/2018/NĐ-CP của Chính phủ");
  EXPECT_TRUE(cache.UsuallyInCapitals(TokenHash("bc")));
  EXPECT_FALSE(cache.WritesInSmallLetters(TokenHash("bc")));
  // The document's "BC" and the model's "nđ" (of "NĐ-CP") are acronyms: a
  // span that shows a small "c" or "n" is some other word, or left for review.
  for (const std::u32string_view line : {U"kỷ cương  c  ính  rị", U"tổ chức  n  kế hoạch"}) {
    const DecodedLine decoded = DecodeLostCharacters(*BuiltInSyllableModel(), &cache, line, LostInBothCases(U"bđhtư"),
                                                     DecoderOptions());
    for (const TokenDecision& d : decoded.tokens) {
      EXPECT_NE(d.output, U"bc") << ToUtf8(decoded.text);
      EXPECT_NE(d.output, U"nđ") << ToUtf8(decoded.text);
    }
  }
}

TEST(LostCharsCaseTest, AfterAnOpeningQuoteTheDocumentsHabitDecides) {
  DocumentCache cache;
  for (int i = 0; i < 3; ++i) cache.AddLine("thực hiện Đề án “Tăng cường năng lực” và Kế hoạch “Nâng cao chất lượng”");
  EXPECT_GT(cache.CapitalProb(TokenHash("lạ"), WordPlace::kAfterQuote), 0.7);
  EXPECT_LT(cache.CapitalProb(TokenHash("lạ"), WordPlace::kInside), 0.5);
  EXPECT_EQ(DecodeWith(U"triển khai Đề án “ ây dựng chính quyền", LostInBothCases(U"x"), &cache),
            "triển khai Đề án “Xây dựng chính quyền");
}

TEST(LostCharsCaseTest, AfterASemicolonTheDocumentsHabitDecides) {
  DocumentCache lists;
  for (int i = 0; i < 3; ++i) lists.AddLine("Kết quả: Hoàn thành kế hoạch; Thực hiện tốt công tác; Triển khai kịp thời");
  EXPECT_GT(lists.CapitalProb(TokenHash("lạ"), WordPlace::kAfterSemicolon), 0.5);
  DocumentCache prose;
  for (int i = 0; i < 3; ++i) prose.AddLine("các phòng, ban chuyên môn; các đơn vị sự nghiệp; các xã, thị trấn");
  EXPECT_LT(prose.CapitalProb(TokenHash("lạ"), WordPlace::kAfterSemicolon), 0.5);
}

TEST(LostCharsCaseTest, AWordTheDocumentWritesInMixedCaseKeepsItsForm) {
  DocumentCache cache;
  for (int i = 0; i < 3; ++i) cache.AddLine("theo Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng");
  std::uint32_t upper = 0;
  ASSERT_TRUE(cache.MixedCase(TokenHash("ttg"), &upper));
  EXPECT_EQ(upper, 0b011u);
  EXPECT_FALSE(cache.MixedCase(TokenHash("quyết"), &upper));
  LostSet lost;
  lost.lower.Set(LetterId(U'g'));
  EXPECT_EQ(DecodeWith(U"Quyết định số 977/QĐ-TT  ngày 11/8/2022", lost, &cache),
            "Quyết định số 977/QĐ-TTg ngày 11/8/2022");
}

TEST(LostCharsCaseTest, AnUncertainCaseLowersTheConfidence) {
  const DecodedLine sure = DecodeLostCharacters(*BuiltInSyllableModel(), nullptr, U"báo cáo  ết quả",
                                                LostSet{[] { LetterMask m; m.Set(LetterId(U'k')); return m; }(), {}},
                                                DecoderOptions());
  const DecodedLine unsure = DecodeLostCharacters(*BuiltInSyllableModel(), nullptr, U"báo cáo  ết quả",
                                                  LostInBothCases(U"k"), DecoderOptions());
  ASSERT_EQ(sure.tokens.size(), 1u);
  ASSERT_EQ(unsure.tokens.size(), 1u);
  EXPECT_EQ(sure.tokens[0].output, unsure.tokens[0].output);
  EXPECT_LT(unsure.tokens[0].confidence, sure.tokens[0].confidence);
}

TEST(LostCharsDetectTest, CleanLinesAreNotDamaged) {
  const auto model = BuiltInSyllableModel();
  EXPECT_NE(LineDamage(*model, U"UBND huyện đã tổ chức quán triệt, triển khai nghiêm túc"), DamageSign::kDamaged);
  EXPECT_NE(LineDamage(*model, U"Smart city, e-Government, KPI, ISO 9001:2015"), DamageSign::kDamaged);
  EXPECT_EQ(LineDamage(*model, U"UBND huy n     ổ chức quán tri t, tr ển kha  ngh êm túc"), DamageSign::kDamaged);
  EXPECT_EQ(LineDamage(*model, U"- TT  ĐN  xã;"), DamageSign::kDamaged);  // an acronym broken by gaps
}

TEST(LostCharsDetectTest, ALongLineWithFewLostLettersIsDamaged) {
  const auto model = BuiltInSyllableModel();
  // Two words lost a letter at a word's edge; too few fragments for the
  // share of the line, but each stands beside a gap.
  EXPECT_EQ(LineDamage(*model, U"Các cơ quan đã triển khai chươn  trình kiểm tra công vụ theo kế hoạch năm, bảo đảm "
                              U"đúng tiến độ và  iai đoạn sau tiếp tục thực hiện các nhiệm vụ trọng tâm của huyện"),
            DamageSign::kDamaged);
  // A gap beside words is layout, not damage.
  EXPECT_NE(LineDamage(*model, U"Tổng số hồ sơ  tiếp nhận trong kỳ báo cáo  được giải quyết đúng hạn"), DamageSign::kDamaged);
}

TEST(LostCharsDetectTest, TheColumnsOfALaidOutPageAreNotDamage) {
  // pdftotext -layout: words apart by the long gaps between columns.
  const auto model = BuiltInSyllableModel();
  EXPECT_NE(LineDamage(*model, U"        tra                                               CM"), DamageSign::kDamaged);
  EXPECT_NE(LineDamage(*model, U"Tiếp nhận qua BCCI                                 Số lượng hồ sơ"), DamageSign::kDamaged);
  // A short gap beside a word the model does not know still is.
  EXPECT_EQ(LineDamage(*model, U"- TT  ĐN  xã;"), DamageSign::kDamaged);
  // A signature block beside the list of recipients: the long gap is the
  // column, and "b" of "b/c" is the only fragment.
  EXPECT_NE(LineDamage(*model, U"- Như trên (để b/c);                             PHÓ CHỦ TỊCH"), DamageSign::kDamaged);
  // A fragment beside a long gap is damage ("HĐND huyện;").
  EXPECT_EQ(LineDamage(*model, U"- TT HĐN      n; "), DamageSign::kDamaged);
}

// Accuracy on the dev split, kept small to run in a few seconds: lines of
// 002 damaged with a fixed seed, repaired by Normalize with detection.
TEST(LostCharsAccuracyTest, RestoresMostLostCharactersOnDevSplit) {
  std::ifstream file(std::string(BAOCAO_SOURCE_DIR) + "/corpus/source/002.txt");
  std::string line;
  std::vector<std::u32string> truth;
  while (std::getline(file, line) && truth.size() < 60) {
    if (line.size() < 40 || line[0] == '#' || line[0] == ':' || line.find('|') != std::string::npos) continue;
    truth.push_back(ToU32(line));
  }
  std::mt19937 rng(11);
  std::string input;
  std::vector<std::u32string> damaged = truth;
  for (auto& l : damaged) {
    std::vector<char32_t> letters;
    for (const char32_t c : l) {
      if (c != ' ' && c > 0x40) letters.push_back(c);
    }
    std::shuffle(letters.begin(), letters.end(), rng);
    letters.resize(std::min<std::size_t>(letters.size(), 12));
    for (char32_t& c : l) {
      if (std::find(letters.begin(), letters.end(), c) != letters.end()) c = U' ';
    }
    input += ToUtf8(l) + "\n";
  }
  NormalizeOptions options;
  options.split_syllables = false;
  const Result<NormalizedText> r = Normalize(input, options);
  ASSERT_TRUE(r.ok());
  const std::u32string out = ToU32(r.value().text);
  std::size_t lost = 0, restored = 0, pos = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    for (std::size_t k = 0; k < truth[i].size(); ++k) {
      if (damaged[i][k] != U' ' || truth[i][k] == U' ') continue;
      ++lost;
      restored += pos + k < out.size() && out[pos + k] == truth[i][k];
    }
    pos += truth[i].size() + 1;
  }
  ASSERT_GT(lost, 500u);
  EXPECT_GE(static_cast<double>(restored) / static_cast<double>(lost), 0.6)
      << restored << " of " << lost;
}

}  // namespace
}  // namespace baocao::normalize_internal
