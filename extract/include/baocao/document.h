// The shared data model: what flows from extract through normalize and rules
// into storage. Stages add to it; none reaches into another's internals.
//
// Coordinates are PDF points (1/72 inch) with the origin at the top-left of
// the page and y growing downwards, as a reader sees the page.
// Text offsets are byte offsets into UTF-8 strings.
#ifndef BAOCAO_DOCUMENT_H_
#define BAOCAO_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace baocao {

// Where a piece of text came from, from most to least direct.
enum class TextSource {
  kTextLayer,  // the PDF's own text layer, as the font mapped it
  kOcr,        // recognised from the rendered page image
  kRecovered,  // a broken font mapping repaired from the glyphs themselves
  kRepaired,   // rewritten by normalize (legacy encoding, lost characters...)
};

// How a page's text was obtained.
enum class PageRoute {
  kText,       // the text layer was used as it is
  kRepaired,   // the text layer was used after text repair
  kRecovered,  // broken font mappings were recovered
  kOcr,        // the page image was recognised
  kMixed,      // parts of the page took different routes
  kFailed,     // nothing could be read from the page
};

std::string_view TextSourceName(TextSource source);
std::string_view PageRouteName(PageRoute route);

struct Box {
  double x0 = 0;  // left
  double y0 = 0;  // top
  double x1 = 0;  // right
  double y1 = 0;  // bottom
};

// A half-open byte range [begin, end) in some text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
};

// One glyph as the font's text mapping gave it.
struct Glyph {
  std::uint32_t code = 0;  // the character code in the content stream
  std::string unicode;     // what the font's mapping turned it into (UTF-8)
  bool suspicious = false; // the mapping of this code looks wrong
};

struct Word {
  std::string text;        // UTF-8, as the source gave it
  Box box;
  double baseline = 0;     // y of the baseline
  std::string font;        // font name as the PDF names it, "" for OCR
  double font_size = 0;    // points
  bool superscript = false;  // raised and smaller than its line: a footnote marker
  TextSource source = TextSource::kTextLayer;
  double confidence = 1.0; // 0..1
  Span span;               // where the word sits in Page::text
  std::vector<Glyph> glyphs;  // text-layer words: the glyphs it was read from
};

// How far a font's glyph-to-Unicode mapping can be trusted.
enum class FontMapping {
  kOk,         // distinct glyphs map to distinct, plausible characters
  kCollapsed,  // several distinct glyphs map to one character (often a space)
  kUnmapped,   // glyphs map to nothing, U+FFFD or control characters
  kLegacy,     // a legacy Vietnamese font (TCVN3 .VnTime, VNI-Times): 8-bit codes
  kUnused,     // no glyph of it was drawn on the pages read
};

std::string_view FontMappingName(FontMapping mapping);

// A glyph code whose character was recovered from the glyph's shape.
struct RecoveredCode {
  std::uint32_t code = 0;
  std::string unicode;     // the recovered character
  int votes = 0;           // OCR readings that agreed
  int total_votes = 0;     // all OCR readings of the code
  // The glyph-shape memory knew its outline; its votes then count among the
  // readings, and no OCR was needed for the code.
  bool from_memory = false;
};

struct FontInfo {
  std::string name;        // BaseFont, with any subset prefix
  std::string type;        // "TrueType", "Type1", "CIDFontType2", ...
  bool embedded = false;
  bool has_to_unicode = false;
  FontMapping mapping = FontMapping::kUnused;
  std::size_t glyphs_drawn = 0;  // over the pages read
  std::vector<std::uint32_t> suspicious_codes;  // codes whose mapping looks wrong
  std::vector<RecoveredCode> recovered;         // broken codes given their true character
  std::vector<std::uint32_t> unresolved_codes;  // broken codes left as the font mapped them
};

// A repair normalize made to a page's text, kept so that a reviewer sees
// which characters the program wrote rather than read.
struct TextRepair {
  std::string pass;        // "legacy", "lost_chars", "glyph_map", ... (normalize's pass names)
  std::string detail;      // e.g. the legacy encoding ("tcvn3")
  Span span;               // the repaired text in Page::text
  std::string before;      // what the page said before the repair
  double confidence = 1.0; // 0..1
  std::vector<std::string> alternatives;  // other readings considered, best first
};

struct Page {
  int number = 0;          // 1-based
  double width = 0;        // points
  double height = 0;
  PageRoute route = PageRoute::kText;
  double quality = 1.0;    // 0..1, how trustworthy the text is
  // What triage made of the text layer: "use", "repair", "recover", "ocr" or
  // "empty" (the route says what was then done).
  std::string triage;
  std::string text;        // reading order; lines end with '\n'
  std::vector<Word> words; // in reading order
  std::vector<std::string> warnings;  // problems met on this page
  std::vector<TextRepair> repairs;    // by position in text
};

// A value of one fact field.
using FieldValue =
    std::variant<std::monostate, double, std::string, std::vector<std::string>>;

// Something a reader looks for: a reference, an indicator, a deadline...
struct Fact {
  std::string kind;        // "reference", "metadata", "indicator", ...
  std::map<std::string, FieldValue> fields;
  double confidence = 0;   // 0..1
  int page = 0;            // 1-based page the quote is on
  Span span;               // in Page::text
  std::string quote;       // the source text of the span
  std::string rule;        // id of the rule that produced it
  // Why a person should look at it even when confident: "invalid_date",
  // "percent_mismatch", "repaired_text", "recovered_text", "ocr_text",
  // "table_cells". Empty when nothing is doubtful.
  std::vector<std::string> review_reasons;
};

struct Document {
  std::string path;
  std::size_t file_size = 0;
  std::string producer;    // from the document information dictionary
  std::string creator;
  std::string title;
  std::vector<FontInfo> fonts;  // the fonts that drew glyphs on the pages read, in order of first use
  std::vector<Page> pages;
  std::vector<Fact> facts;
  std::vector<std::string> warnings;  // document-level problems

  // All page texts joined by form feeds, as `baocao extract` prints them.
  std::string Text() const;
};

}  // namespace baocao

#endif  // BAOCAO_DOCUMENT_H_
