// The "legacy" pass: finds runs of text in a legacy Vietnamese encoding, as a
// WinAnsi text layer shows them ("Céng hoµ"), and decodes them.
//
// A run is a font run when the caller gives fonts, otherwise a line. The
// font name decides the encoding when it is a known legacy font; otherwise
// every encoding is tried and a run converts only if the decoded words are
// clearly more often Vietnamese syllables than the words as they stand.
// The encoding the lines before were found in breaks ties, and a run with
// too few words to be clear gets a second look once the whole document has
// shown its encoding.
#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <optional>
#include <string>

#include "flat_hash.h"
#include "legacy_tables.h"
#include "passes.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

constexpr unsigned char kPassThrough = 0x00;  // a byte no table decodes
constexpr unsigned char kSoftHyphen = 0xAD;   // TCVN3 ư

struct Segment {
  std::size_t begin = 0;  // byte range of the pass's input text
  std::size_t end = 0;
  std::optional<LegacyEncoding> font_encoding;  // from a legacy font name
  // The encoding the rest of the document was found in: it wins a tie, and
  // a line whose own evidence is thin converts if it reads best in it.
  std::optional<LegacyEncoding> document_encoding;
};

struct WordFacts;

// A word as legacy bytes: one byte per code point of the text.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  // Filled by FillBytes for the words a table may read; most text is
  // Unicode and never needs them.
  std::string bytes;
  std::vector<std::size_t> offsets;  // text offset of each byte, plus the end
  bool representable = true;  // every code point is a WinAnsi byte (or đ/Đ)
  bool high = false;          // has a byte a table may decode (>= 0x80, C0)
  bool high_letter = false;   // ... other than TCVN3's Đ (0xA7), which acronyms have ("H§ND")
  bool lower_ascii = false;
  int upper_ascii = 0;        // ASCII capitals
  std::size_t letters = 0;    // code points
  bool unicode_vietnamese = false;  // has a letter no legacy text layer shows (ộ, ư...)
  bool capitals_segment = false;    // its segment is in capitals (see ConvertSegment)
  WordFacts* facts = nullptr;       // the memo's facts of the word, once asked
};

// A letter a decoding rewrote: bytes [begin, end) of the word's text.
struct Rewrite {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

struct Decoded {
  std::string text;
  std::vector<Rewrite> rewrites;
  bool valid = false;
};

// What the pass finds out about a word, kept for the whole text: a legacy
// document repeats its words ("c¸c", "vµ") thousands of times, and each
// line may try five encodings on them. Both answers depend on the word's
// text alone, so a token finds its word's facts once and keeps them.
struct WordFacts {
  std::array<int, kLegacyEncodingCount> decoded;  // index of the decoding; -1: not made yet
  signed char vietnamese = -1;                    // IsVietnameseWord; -1: not asked yet
  WordFacts() { decoded.fill(-1); }
};

class WordMemo {
 public:
  // DecodeIn(text, *token, ReadAs(*token, encoding), decoders), the
  // token's bytes filled on first use. Stays valid until Trim().
  const Decoded& Decode(std::string_view text, Token* token, LegacyEncoding encoding,
                        const std::vector<LegacyDecoder>& decoders);
  // IsVietnameseWord of the token's text.
  bool Vietnamese(std::string_view text, Token* token);
  // Forgets everything once the memo holds more than a long document has
  // (a text of random words would fill it without end). Tokens must not
  // keep facts across it.
  void Trim() {
    if (words_.size() + decodings_.size() <= kMaxWords) return;
    words_.clear();
    decodings_.clear();
  }

 private:
  static constexpr std::size_t kMaxWords = std::size_t{1} << 18;
  WordFacts& Facts(std::string_view text, Token* token);

  StringMap<WordFacts> words_;
  std::deque<Decoded> decodings_;  // a deque: references stay valid as it grows
};

// ".VnTime", "ABCDEF+.VnTimeH", "VNI-Times,Bold" ...
std::optional<LegacyEncoding> FontEncoding(std::string_view font) {
  const std::size_t plus = font.find('+');
  if (plus == 6) font.remove_prefix(7);
  std::string name;
  for (const char c : font) {
    if (c == ',' || c == '-' || c == ' ') {
      if (name.size() > 3) break;  // a style suffix: "-Bold", ",Italic"
    }
    name.push_back(c);
  }
  std::string lower;
  for (const char c : name) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 0x20 : c));
  if (lower.rfind("vni-", 0) == 0 || lower.rfind("vni ", 0) == 0) return LegacyEncoding::kVni;
  const bool abc = lower.rfind(".vn", 0) == 0 ||
                   (lower.rfind("vn", 0) == 0 && name.size() > 2 && name[2] >= 'A' && name[2] <= 'Z');
  if (abc) return name.back() == 'H' ? LegacyEncoding::kTcvn3Capitals : LegacyEncoding::kTcvn3;
  return std::nullopt;
}

bool IsSeparator(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == ' ') return true;
  if (cp >= 0x80 || cp < 0x20) return false;
  const bool alnum = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return !alnum;  // ASCII punctuation: no legacy letter uses it ('-' is handled apart)
}

std::vector<Token> Tokenize(std::string_view text, const Segment& segment) {
  std::vector<Token> tokens;
  Token token;
  const auto flush = [&](std::size_t end) {
    if (token.letters > 0) {
      token.end = end;
      tokens.push_back(std::move(token));
    }
    token = Token();
  };
  for (std::size_t pos = segment.begin; pos < segment.end;) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(text, pos, &cp);
    bool separator = IsSeparator(cp);
    if (cp == '-' && token.letters > 0 && pos + 1 < segment.end) {
      char32_t next = 0;
      DecodeUtf8(text, pos + 1, &next);
      separator = IsSeparator(next);  // a hyphen inside a word stays in it
    }
    if (separator) {
      flush(pos);
      pos += length;
      continue;
    }
    if (token.letters == 0) token.begin = pos;
    unsigned char byte = 0;
    VietLetter letter;
    if (WinAnsiByte(cp, &byte)) {
      const bool high = byte >= 0x80 || byte < 0x20;
      token.high |= high;
      token.high_letter |= high && byte != 0xA7;
      token.lower_ascii |= byte >= 'a' && byte <= 'z';
      token.upper_ascii += byte >= 'A' && byte <= 'Z';
    } else if (cp != U'đ' && cp != U'Đ') {  // "ð" the glyph pass already read as đ
      token.representable = false;
      token.unicode_vietnamese |= SplitLetter(cp, &letter);
    }
    ++token.letters;
    pos += length;
  }
  flush(segment.end);
  return tokens;
}

// The token's legacy bytes and their offsets.
void FillBytes(std::string_view text, Token* token) {
  token->bytes.clear();
  token->offsets.clear();
  for (std::size_t pos = token->begin; pos < token->end;) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(text, pos, &cp);
    unsigned char byte = kPassThrough;
    if (!WinAnsiByte(cp, &byte)) byte = kPassThrough;
    token->bytes.push_back(static_cast<char>(byte));
    token->offsets.push_back(pos);
    pos += length;
  }
  token->offsets.push_back(token->end);
}

// "người", "Người", "NGƯỜI" but not "kÌm": garbage from a legacy text layer
// often lowercases to a syllable, but its case pattern gives it away.
bool HasWordCase(std::string_view word) {
  std::size_t upper = 0;
  std::size_t letters = 0;
  bool lower_before_upper = false;
  for (std::size_t pos = 0; pos < word.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(word, pos, &cp);
    VietLetter letter;
    if (!SplitLetter(cp, &letter)) continue;
    if (letter.upper && letters > upper) lower_before_upper = true;
    upper += letter.upper;
    ++letters;
  }
  return !lower_before_upper || upper == letters;
}

// Every hyphen-separated part is a Vietnamese syllable, cased like a word,
// its tone in place: a Windows-1258 text layer shows a tone as a letter
// after the vowels ("sôì" for "số"), which is no syllable with its tone
// astray. Digits at the end are a footnote mark or a numbered name
// ("chính1", "SỐ2"), not part of the word.
bool IsVietnameseWord(std::string_view word) {
  while (!word.empty() && word.back() >= '0' && word.back() <= '9') word.remove_suffix(1);
  if (word.empty()) return false;
  for (;;) {
    const std::size_t dash = word.find('-');
    const std::string_view part = word.substr(0, dash);
    if (!IsVietnameseSyllable(part) || !HasWordCase(part) || !ToneInPlace(part)) return false;
    if (dash == std::string_view::npos) return true;
    word.remove_prefix(dash + 1);
  }
}

Decoded DecodeToken(const std::string_view text, const Token& token, std::string_view bytes,
                    const LegacyDecoder& decoder) {
  std::vector<LegacyPiece> pieces;
  decoder.Decode(bytes, &pieces);
  Decoded d;
  for (const LegacyPiece& p : pieces) {
    const std::size_t begin = token.offsets[p.begin];
    const std::size_t end = token.offsets[p.end];
    if (p.decoded) {
      d.text += p.text;
      d.rewrites.push_back({begin - token.begin, end - token.begin, p.text});
    } else {
      d.text.append(text.substr(begin, end - begin));
    }
  }
  d.valid = IsVietnameseWord(d.text);
  return d;
}

// The table `token` is read with when its segment reads as `encoding`:
// TCVN3 has no toned capitals, so text in capitals is set in an H font
// (".VnTimeH"), which draws the bytes of small letters as capitals. A word
// in capitals ("B¸O", "CéNG"), or any word of a line in capitals ("HÖ" of
// "HÖ THèNG", "HỆ THỐNG", not "Hệ"), reads as an H font draws it.
LegacyEncoding ReadAs(const Token& token, LegacyEncoding encoding) {
  const bool capitals = !token.lower_ascii && (token.upper_ascii >= 2 || token.capitals_segment);
  return encoding == LegacyEncoding::kTcvn3 && capitals ? LegacyEncoding::kTcvn3Capitals : encoding;
}

// Decodes `token` with the table of `encoding`, and in TCVN3 a hyphen
// inside a word as ư (0xAD, the soft hyphen, which extractors turn into
// "-").
Decoded DecodeIn(std::string_view text, const Token& token, LegacyEncoding encoding,
                 const std::vector<LegacyDecoder>& decoders) {
  const LegacyDecoder& decoder = decoders[static_cast<std::size_t>(encoding)];
  Decoded plain = DecodeToken(text, token, token.bytes, decoder);
  const bool tcvn3 =
      encoding == LegacyEncoding::kTcvn3 || encoding == LegacyEncoding::kTcvn3Capitals;
  if (plain.valid || !tcvn3 || token.bytes.find('-') == std::string::npos) return plain;
  std::string bytes = token.bytes;
  std::replace(bytes.begin(), bytes.end(), '-', static_cast<char>(kSoftHyphen));
  Decoded with_u = DecodeToken(text, token, bytes, decoder);
  return with_u.valid ? with_u : plain;
}

// The text of a token as it stands.
std::string_view Original(std::string_view text, const Token& token) {
  return text.substr(token.begin, token.end - token.begin);
}

WordFacts& WordMemo::Facts(std::string_view text, Token* token) {
  if (token->facts != nullptr) return *token->facts;
  const std::string_view word = Original(text, *token);
  auto it = words_.find(word);
  if (it == words_.end()) it = words_.emplace(std::string(word), WordFacts()).first;
  token->facts = &it->second;
  return it->second;
}

bool WordMemo::Vietnamese(std::string_view text, Token* token) {
  WordFacts& facts = Facts(text, token);
  if (facts.vietnamese < 0) facts.vietnamese = IsVietnameseWord(Original(text, *token)) ? 1 : 0;
  return facts.vietnamese == 1;
}

const Decoded& WordMemo::Decode(std::string_view text, Token* token, LegacyEncoding encoding,
                                const std::vector<LegacyDecoder>& decoders) {
  const LegacyEncoding table = ReadAs(*token, encoding);
  int& index = Facts(text, token).decoded[static_cast<std::size_t>(table)];
  if (index < 0) {
    if (token->offsets.empty()) FillBytes(text, token);
    index = static_cast<int>(decodings_.size());
    decodings_.push_back(DecodeIn(text, *token, table, decoders));
  }
  return decodings_[static_cast<std::size_t>(index)];
}

bool IsCandidate(const Token& token, std::optional<LegacyEncoding> font) {
  if (!token.representable) return false;
  if (token.high) return true;
  return font == LegacyEncoding::kTcvn3Capitals && token.lower_ascii;  // H fonts draw a-z as A-Z
}

struct Verdict {
  bool convert = false;
  bool thin = false;  // not converted, but only because its evidence is thin
  LegacyEncoding encoding = LegacyEncoding::kTcvn3;
  double confidence = 0;
  bool lone_word = false;  // a font run of a single word
  std::vector<const Decoded*> decoded;  // per token, the words the score read in `encoding`
};

// Scores of one encoding over the words it would change.
struct Score {
  std::size_t changed = 0;  // words the encoding would rewrite
  std::size_t before = 0;   // of those, Vietnamese syllables as they stand
  std::size_t after = 0;    // of those, Vietnamese syllables once decoded
  std::size_t words = 0;    // words of 2+ characters that became syllables
  std::size_t evidence = 0; // their code points
  std::vector<const Decoded*> decoded;  // per token, the words read (null: not read)
};

// True if a Latin-1 sign or letter that is no Vietnamese letter stands
// between two letters of `word`, one of them small: "ð½n", "t¯c", "bäng".
// Unicode text has no such words. "m²" and "µm" do not count, nor dashes
// and quotation marks ("N–N"), nor the soft hyphen and the middle dot.
bool HasInnerSymbol(std::string_view word) {
  bool letter_before = false;  // a letter, then a sign since it
  bool sign_after_letter = false;
  bool inner = false;
  bool small = false;
  for (std::size_t pos = 0; pos < word.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(word, pos, &cp);
    VietLetter letter;
    const bool is_letter = SplitLetter(cp, &letter);
    if (is_letter || cp == U'ð' || cp == U'Ð') {  // eth: đ as broken fonts draw it
      inner |= sign_after_letter;
      small |= is_letter ? !letter.upper : cp == U'ð';
      letter_before = true;
      sign_after_letter = false;
    } else if (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD && cp != 0xB7) {
      sign_after_letter |= letter_before;
    }
  }
  return inner && small;
}

// A few dozen words decide an encoding as well as a whole paragraph, at a fraction of the cost.
constexpr std::size_t kEnoughWords = 40;

Score ScoreEncoding(std::string_view text, std::vector<Token>& tokens, WordMemo& memo, LegacyEncoding encoding,
                    std::optional<LegacyEncoding> font, const std::vector<LegacyDecoder>& decoders) {
  Score score;
  score.decoded.resize(tokens.size(), nullptr);
  for (std::size_t i = 0; i < tokens.size() && score.changed < kEnoughWords; ++i) {
    if (!IsCandidate(tokens[i], font)) continue;
    const std::string_view original = Original(text, tokens[i]);
    const Decoded& decoded = *(score.decoded[i] = &memo.Decode(text, &tokens[i], encoding, decoders));
    if (decoded.text == original) continue;
    ++score.changed;
    const bool before = memo.Vietnamese(text, &tokens[i]);
    score.before += before;
    score.after += decoded.valid;
    if (decoded.valid && !before && tokens[i].letters > 1) {
      ++score.words;
      score.evidence += tokens[i].letters;
    }
  }
  return score;
}

Verdict Judge(std::string_view text, std::vector<Token>& tokens, WordMemo& memo, const Segment& segment,
              std::size_t unicode_vietnamese, const std::vector<LegacyDecoder>& decoders) {
  const std::optional<LegacyEncoding> font = segment.font_encoding;
  Verdict verdict;
  if (font.has_value()) {
    // The font says legacy; only text that is evidently Unicode already stays.
    Score s = ScoreEncoding(text, tokens, memo, *font, font, decoders);
    verdict.encoding = *font;
    // A lone word gets the benefit of the doubt ("eõ" reads as the word "ẽo"
    // in old-style tone placement, but in a VNI font it is "ẽ").
    verdict.lone_word = tokens.size() == 1;
    verdict.convert = s.changed > 0 && (s.after >= s.before || verdict.lone_word);
    verdict.confidence =
        std::max(0.9, static_cast<double>(s.after) / static_cast<double>(std::max<std::size_t>(1, s.changed)));
    verdict.decoded = std::move(s.decoded);
    return verdict;
  }
  std::array<LegacyEncoding, 5> guesses = {LegacyEncoding::kTcvn3, LegacyEncoding::kVni, LegacyEncoding::kViscii,
                                           LegacyEncoding::kCp1258, LegacyEncoding::kVn1};
  // The document's own encoding is tried first, so that it wins a tie:
  // "cø" is "cụ" in VISCII and "cứ" in TCVN3.
  if (segment.document_encoding.has_value()) {
    std::stable_partition(guesses.begin(), guesses.end(),
                          [&](LegacyEncoding e) { return e == *segment.document_encoding; });
  }
  // An encoding gains at most one for each word it reads that is not
  // Vietnamese as it stands ("sè" for "số" is a syllable either way), so once
  // one has gained that much, the later guesses (which must gain strictly
  // more to win) are skipped.
  std::size_t open = 0;
  for (Token& token : tokens) {
    if (IsCandidate(token, font) && !memo.Vietnamese(text, &token)) ++open;
  }
  const std::size_t most = std::min(open, kEnoughWords);
  // Between two that gain as much, the one that rewrites fewer words that
  // were syllables already: "D¶i ô sang trái" is VISCII "Dời ô sang trái",
  // not TCVN3 "Dải ụ sang trỏi". The document's own encoding keeps its tie.
  const auto keeps_tie = [&](LegacyEncoding e) { return segment.document_encoding == e; };
  Score best;
  for (const LegacyEncoding encoding : guesses) {
    Score s = ScoreEncoding(text, tokens, memo, encoding, font, decoders);
    if (s.after <= s.before) continue;
    const std::size_t gain = s.after - s.before;
    const std::size_t best_gain = best.after - best.before;
    const bool better = gain > best_gain ||
                        (gain == best_gain && s.before < best.before && !keeps_tie(verdict.encoding));
    if (!better) continue;
    best = std::move(s);
    verdict.encoding = encoding;
    if (gain >= most && (best.before == 0 || keeps_tie(encoding))) break;
  }
  if (best.changed == 0) return verdict;
  const double share = static_cast<double>(best.after) / static_cast<double>(best.changed);
  // Clearly more syllables than before, most rewritten words now syllables,
  // real words (not lone symbols such as "–" read as "Ờ") among them, and
  // not a line of Unicode Vietnamese.
  const std::size_t margin = std::max<std::size_t>(1, (best.changed + 3) / 4);
  const bool plausible = share >= 0.6 && best.words >= 1 && 2 * unicode_vietnamese <= best.after;
  // Two words or four letters, or one word of three letters or more with a
  // sign inside it, which Unicode text has not: "Trình ð½n Xem" is VISCII.
  bool enough = best.words >= 2 || best.evidence >= 4;
  for (std::size_t i = 0; i < tokens.size() && plausible && !enough; ++i) {
    const Decoded* decoded = best.decoded[i];
    enough = decoded != nullptr && decoded->valid && tokens[i].letters >= 3 &&
             decoded->text != Original(text, tokens[i]) && !memo.Vietnamese(text, &tokens[i]) &&
             HasInnerSymbol(Original(text, tokens[i]));
  }
  verdict.convert = plausible && best.after >= best.before + margin && enough;
  // A short line ("dùng MÀU cho n«n nhãn", "T£N…") rarely shows more; in
  // a document found in this encoding elsewhere, that is enough.
  verdict.thin = !verdict.convert && plausible;
  if (verdict.thin && segment.document_encoding == verdict.encoding) verdict.convert = true;
  verdict.confidence = std::min(0.95, 0.5 + 0.5 * share * (1.0 - 1.0 / (1.0 + static_cast<double>(best.after))));
  verdict.decoded = std::move(best.decoded);
  return verdict;
}

// Segments of the text: font runs (mapped from source offsets) and, between
// and without them, lines.
std::vector<Segment> Segments(const TrackedText& text, const std::vector<TextRun>& runs) {
  std::vector<Segment> fonted;
  for (const TextRun& run : runs) {
    const auto first = std::lower_bound(text.source.begin(), text.source.end() - 1, run.span.begin);
    const auto last = std::lower_bound(text.source.begin(), text.source.end() - 1, run.span.end);
    Segment s;
    s.begin = static_cast<std::size_t>(first - text.source.begin());
    s.end = static_cast<std::size_t>(last - text.source.begin());
    s.font_encoding = FontEncoding(run.font);
    if (s.end > s.begin) fonted.push_back(s);
  }
  std::sort(fonted.begin(), fonted.end(),
            [](const Segment& a, const Segment& b) { return a.begin < b.begin; });
  std::vector<Segment> segments;
  const auto add_lines = [&](std::size_t begin, std::size_t end) {
    while (begin < end) {
      std::size_t eol = text.text.find('\n', begin);
      if (eol == std::string::npos || eol > end) eol = end;
      if (eol > begin) segments.push_back({begin, eol, std::nullopt, std::nullopt});
      begin = eol + 1;
    }
  };
  std::size_t pos = 0;
  for (Segment s : fonted) {
    s.begin = std::max(s.begin, pos);
    if (s.begin >= s.end) continue;
    add_lines(pos, s.begin);
    segments.push_back(s);
    pos = s.end;
  }
  add_lines(pos, text.text.size());
  return segments;
}

// Converts the segment if it reads as legacy text; returns the verdict
// (without its readings).
Verdict ConvertSegment(const Segment& segment, const std::vector<LegacyDecoder>& decoders, WordMemo& memo,
                       TrackedBuilder* builder, const TrackedText& in) {
  const std::string_view text = in.text;
  std::vector<Token> tokens = Tokenize(text, segment);
  // Cheap exit for ordinary Unicode text: nothing a legacy table could read.
  std::size_t candidates = 0;
  std::size_t unicode_vietnamese = 0;
  for (const Token& token : tokens) {
    candidates += IsCandidate(token, segment.font_encoding);
    unicode_vietnamese += token.unicode_vietnamese;
  }
  if (candidates == 0 || unicode_vietnamese > candidates) return Verdict();
  // A segment is in capitals when no word has a small ASCII letter and one
  // at least is plainly a word in capitals ("THèNG"): two ASCII capitals and
  // a legacy letter. Acronyms are not ("Sè: 12/BC-UBND" is "Số", and
  // "H§ND" has only Đ).
  bool small_letters = false;
  bool capital_word = false;
  for (const Token& token : tokens) {
    small_letters |= token.lower_ascii;
    capital_word |= token.upper_ascii >= 2 && token.high_letter;
  }
  for (Token& token : tokens) token.capitals_segment = !small_letters && capital_word;
  memo.Trim();
  Verdict verdict = Judge(text, tokens, memo, segment, unicode_vietnamese, decoders);
  if (!verdict.convert) return verdict;
  verdict.decoded.resize(tokens.size(), nullptr);
  const std::string_view name = LegacyEncodingName(verdict.encoding);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Token& token = tokens[i];
    if (!IsCandidate(token, segment.font_encoding)) continue;
    const std::string_view original = Original(text, token);
    const Decoded& decoded = verdict.decoded[i] != nullptr
                                 ? *verdict.decoded[i]
                                 : memo.Decode(text, &token, verdict.encoding, decoders);
    if (decoded.text == original) continue;
    // A word that reads as Vietnamese only as it stands is a Unicode word
    // inside the legacy run (a lone word in a legacy font is the font's).
    if (!verdict.lone_word && !decoded.valid && memo.Vietnamese(text, &token)) continue;
    builder->Record(token.begin, token.end, decoded.text, verdict.confidence, name);
    for (const Rewrite& letter : decoded.rewrites) {
      builder->Replace(token.begin + letter.begin, token.begin + letter.end, letter.text,
                       verdict.confidence, name, /*record=*/false);
    }
  }
  verdict.decoded.clear();
  return verdict;
}

// TCVN3 read with its H-font table is the same encoding.
LegacyEncoding Family(LegacyEncoding encoding) {
  return encoding == LegacyEncoding::kTcvn3Capitals ? LegacyEncoding::kTcvn3 : encoding;
}

// The encoding most of the converted segments were in, if they agree.
std::optional<LegacyEncoding> DocumentEncoding(const std::array<std::size_t, kLegacyEncodingCount>& converted) {
  std::size_t total = 0;
  std::size_t most = 0;
  for (std::size_t e = 0; e < converted.size(); ++e) {
    total += converted[e];
    if (converted[e] > converted[most]) most = e;
  }
  // Three lines at least, and two in three of those converted.
  if (converted[most] < 3 || 3 * converted[most] < 2 * total) return std::nullopt;
  return static_cast<LegacyEncoding>(most);
}

}  // namespace

Status LegacyPass(TrackedText* text, const std::vector<TextRun>& runs,
                  std::vector<Change>* changes) {
  const Result<std::vector<LegacyDecoder>>& decoders = LegacyDecoders();
  if (!decoders.ok()) return decoders.status();
  const std::size_t first_change = changes->size();
  WordMemo memo;
  // Segments too thin to judge alone, by source span, for a second look
  // once the document's encoding is known.
  std::vector<Span> thin;
  std::array<std::size_t, kLegacyEncodingCount> converted{};
  {
    TrackedBuilder builder(text, "legacy", changes);
    for (Segment segment : Segments(*text, runs)) {
      // What the lines so far show already settles ties and thin lines.
      segment.document_encoding = DocumentEncoding(converted);
      const Verdict verdict = ConvertSegment(segment, decoders.value(), memo, &builder, *text);
      if (verdict.convert) ++converted[static_cast<std::size_t>(Family(verdict.encoding))];
      if (verdict.thin && !verdict.convert) thin.push_back(Span{text->source[segment.begin], text->source[segment.end]});
    }
    builder.Finish();
  }
  const std::optional<LegacyEncoding> document = DocumentEncoding(converted);
  if (thin.empty() || !document.has_value()) return Status::Ok();
  // The thin segments were left as they were: find them again in the text.
  const std::size_t second_change = changes->size();
  TrackedBuilder builder(text, "legacy", changes);
  const auto at = [&](std::size_t source) {
    return static_cast<std::size_t>(std::lower_bound(text->source.begin(), text->source.end() - 1, source) -
                                    text->source.begin());
  };
  for (const Span& span : thin) {
    const Segment segment{at(span.begin), at(span.end), std::nullopt, document};
    ConvertSegment(segment, decoders.value(), memo, &builder, *text);
  }
  builder.Finish();
  // Changes stay in the order of the text: both looks made theirs in order.
  std::inplace_merge(changes->begin() + static_cast<std::ptrdiff_t>(first_change),
                     changes->begin() + static_cast<std::ptrdiff_t>(second_change), changes->end(),
                     [](const Change& a, const Change& b) { return a.source.begin < b.source.begin; });
  return Status::Ok();
}

}  // namespace baocao::normalize_internal
