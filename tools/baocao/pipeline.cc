#include "baocao/pipeline.h"

#include <algorithm>
#include <vector>

#include "baocao/rules.h"

namespace baocao::cli {
namespace {

bool IsAsciiLetterOrDigit(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

class InventoryJudge : public TextJudge {
 public:
  double SyllableShare(std::string_view text) const override {
    std::size_t words = 0;
    std::size_t syllables = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      while (pos < text.size() && IsSeparator(text[pos])) ++pos;
      const std::size_t start = pos;
      while (pos < text.size() && !IsSeparator(text[pos])) ++pos;
      std::string_view token = Trim(text.substr(start, pos - start));
      if (!IsWordLike(token)) continue;
      ++words;
      if (IsVietnameseSyllable(token)) ++syllables;
    }
    if (words < 20) return -1;
    return static_cast<double>(syllables) / static_cast<double>(words);
  }

 private:
  static bool IsSeparator(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }

  // Strips punctuation around a token: "(CCHC);" -> "CCHC".
  static std::string_view Trim(std::string_view token) {
    auto punct = [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u < 0x80 && !IsAsciiLetterOrDigit(u);
    };
    while (!token.empty() && punct(token.front())) token.remove_prefix(1);
    while (!token.empty() && punct(token.back())) token.remove_suffix(1);
    return token;
  }

  // Tokens that should be syllables: letters only, no digits, not an
  // abbreviation in capitals ("UBND", "CCHC") which no inventory holds.
  static bool IsWordLike(std::string_view token) {
    if (token.empty()) return false;
    bool lower = false;
    for (char c : token) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x80 && !IsAsciiLetterOrDigit(u)) return false;
      if (u >= '0' && u <= '9') return false;
      if (u >= 'a' && u <= 'z') lower = true;
      if (u >= 0x80) lower = true;  // accented letters: judge them
    }
    return lower;
  }
};

// Font runs of the page text from its words: consecutive words in one font,
// and consecutive words read by OCR (which have no font).
std::vector<TextRun> FontRuns(const Page& page) {
  std::vector<TextRun> runs;
  for (const Word& w : page.words) {
    const bool ocr = w.source == TextSource::kOcr;
    if ((w.font.empty() && !ocr) || w.span.size() == 0) continue;
    if (!runs.empty() && runs.back().font == w.font && runs.back().ocr == ocr) {
      runs.back().span.end = w.span.end;
    } else {
      TextRun run;
      run.span = w.span;
      run.font = w.font;
      run.ocr = ocr;
      runs.push_back(run);
    }
  }
  return runs;
}

// The first output byte whose source is at or after `source`.
std::size_t OutputAt(const NormalizedText& n, std::size_t source) {
  return static_cast<std::size_t>(
      std::lower_bound(n.source_offset.begin(), n.source_offset.end(), source) - n.source_offset.begin());
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Widens [begin, end) to whole UTF-8 characters of `text`, within it.
Span WholeCharacters(const std::string& text, Span span) {
  std::size_t begin = std::min(span.begin, text.size());
  std::size_t end = std::min(std::max(span.end, begin), text.size());
  while (begin > 0 && begin < text.size() && IsContinuationByte(text[begin])) --begin;
  while (end < text.size() && IsContinuationByte(text[end])) ++end;
  return {begin, end};
}

// normalize's changes as repairs of the final text, by position. Composition
// (NFC) changes no letter a reader sees and is left out.
std::vector<TextRepair> RepairsOf(const NormalizedText& n) {
  std::vector<TextRepair> repairs;
  for (const Change& c : n.changes) {
    if (c.pass == "nfc") continue;
    TextRepair repair;
    repair.pass = c.pass;
    repair.detail = c.detail;
    repair.span = WholeCharacters(n.text, c.output);
    repair.before = c.before;
    repair.confidence = c.confidence;
    repair.alternatives = c.alternatives;
    repairs.push_back(std::move(repair));
  }
  std::stable_sort(repairs.begin(), repairs.end(), [](const TextRepair& a, const TextRepair& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end < b.span.end;
  });
  return repairs;
}

void RepairPage(const NormalizeOptions& options, const TextJudge& judge, Page& page) {
  Result<NormalizedText> repaired = Normalize(page.text, options, FontRuns(page));
  if (!repaired.ok()) {
    page.warnings.push_back("page " + std::to_string(page.number) + ": " + repaired.status().message());
    return;
  }
  const NormalizedText& n = repaired.value();
  if (n.changes.empty()) return;
  for (Word& w : page.words) {
    const Span span{OutputAt(n, w.span.begin), OutputAt(n, w.span.end)};
    std::string text = n.text.substr(span.begin, span.size());
    if (text != w.text) {
      w.text = std::move(text);
      // OCR and recovered words keep their source: it says more about how
      // far they can be trusted, and page.repairs says what was rewritten.
      if (w.source == TextSource::kTextLayer) w.source = TextSource::kRepaired;
    }
    w.span = span;
  }
  page.text = n.text;
  page.repairs = RepairsOf(n);
  if (page.route == PageRoute::kText) page.route = PageRoute::kRepaired;
  // Triage scored the layer before repair (a VNI page reads as gibberish);
  // what the facts are read from now is the repaired text. Guessed
  // characters are not vouched for here: their facts carry review reasons.
  if (page.triage == "repair") {
    const double share = judge.SyllableShare(page.text);
    if (share >= 0) page.quality = std::max(page.quality, share);
  }
}

}  // namespace

const TextJudge& SyllableJudge() {
  static const InventoryJudge judge;
  return judge;
}

Result<Document> ReadDocument(const std::string& path, const PipelineOptions& options) {
  ExtractOptions extract = options.extract;
  if (extract.judge == nullptr) extract.judge = &SyllableJudge();
  BAOCAO_ASSIGN_OR_RETURN(Document doc, ExtractPdf(path, extract));
  if (options.repair) {
    for (Page& page : doc.pages) RepairPage(options.normalize, *extract.judge, page);
  }
  // rules: facts from the (repaired) page texts, trusted as far as their words are.
  if (options.facts) ExtractDocumentFacts(doc, RulesOptions{});
  return doc;
}

Status GlyphMemoryFile::Open(const std::string& path) {
  path_ = path;
  return memory_.Load(path);
}

Status GlyphMemoryFile::SaveIfChanged() const {
  if (path_.empty() || !memory_.changed()) return Status::Ok();
  return memory_.Save(path_);
}

}  // namespace baocao::cli
