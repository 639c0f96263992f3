#include "phrase_corpus.h"

#include <fstream>
#include <sstream>

namespace baocao::testing {
namespace {

// "\n" -> line break, "\t" -> TAB, "\[" -> a literal bracket; [ and ] mark
// the expected span (a lone [ marks up to the end of the phrase).
std::string Unescape(const std::string& raw, std::optional<Span>* marked) {
  std::string out;
  std::size_t open = std::string::npos;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char ch = raw[i];
    if (ch == '\\' && i + 1 < raw.size()) {
      const char next = raw[++i];
      out.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : next);
      continue;
    }
    if (ch == '[') {
      open = out.size();
      continue;
    }
    if (ch == ']' && open != std::string::npos) {
      *marked = Span{open, out.size()};
      continue;
    }
    out.push_back(ch);
  }
  if (open != std::string::npos && !marked->has_value()) {
    *marked = Span{open, out.size()};  // "[" alone marks up to the end
  }
  return out;
}

}  // namespace

std::vector<PhraseCase> LoadPhrases(const std::string& file) {
  std::vector<PhraseCase> cases;
  std::ifstream in(std::string(BAOCAO_SOURCE_DIR) + "/tests/rules/phrases/" + file);
  if (!in) {
    PhraseCase missing;
    missing.file = file;
    missing.phrase = "(cannot open " + file + ")";
    cases.push_back(missing);
    return cases;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    PhraseCase c;
    c.file = file;
    c.line = number;
    std::stringstream fields(line);
    std::string field;
    bool first = true;
    while (std::getline(fields, field, '\t')) {
      if (first) {
        c.phrase = Unescape(field, &c.marked);
        first = false;
      } else {
        std::optional<Span> unused;
        c.columns.push_back(Unescape(field, &unused));
      }
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string ContextPrefix(const std::string& context) {
  if (context == "results") return "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n";
  if (context == "plan") return "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI\n";
  if (context == "tasks") {
    return "TT\tNội dung thực hiện\tSản phẩm, kết quả\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n";
  }
  if (context == "stats") return "STT\tCác chỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n";
  return "";
}

std::string CaseName(const PhraseCase& c) {
  std::string name;
  for (char ch : c.file) name.push_back(ch == '.' ? '_' : ch);
  return name + "_" + std::to_string(c.line);
}

}  // namespace baocao::testing
