// Precision and recall of the fact rules (rules/) against the hand-labeled
// facts of corpus/facts, per kind, for the dev and test splits apart.
//
//   build/tools/bench/rules_eval                       # over corpus/truth page texts
//   build/tools/bench/rules_eval --variant clean       # over corpus/pdf/clean through the pipeline
//   build/tools/bench/rules_eval --split dev --min-precision 0.95 --min-recall 0.9
//                                                      # exit 1 when a kind falls short
//   build/tools/bench/rules_eval --split dev --show 002  # misses and false alarms of one document
//
// Matching. A predicted fact matches a labeled fact of the same document and
// kind when
//   1. their quotes overlap: both are placed in the document text with white
//      space folded (runs of spaces, TABs and line breaks become one space, a
//      line break after a hyphen joins the words, footnote markers are
//      dropped); the labeled quote is found by exact search, or by its first
//      40 bytes when the labeled text was corrected, else (text read by
//      OCR) at the place with fewest edits, up to one in six code points;
//      metadata needs no overlap (its fields come from several places);
//   2. their key fields are equal:
//        reference  number (spaces removed, case and accents folded)
//        metadata   doc_type, period_start, period_end
//        indicator  value (to 1e-6), and code when the label has one
//        target     value and comparator
//        deadline, task  due and modifier (null equals null)
// Each labeled fact takes at most one prediction (the one overlapping most),
// so a fact reported twice counts once as right and once as a false alarm.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "baocao/document.h"
#include "baocao/extract.h"
#include "baocao/pipeline.h"
#include "baocao/rules.h"
#include "eval/files.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using baocao::eval::ReadFile;

const std::vector<std::string> kKinds = {"metadata", "reference", "indicator", "target", "deadline", "task"};

// Document text with white space folded, and where each byte of the joined
// page texts landed in it.
struct FoldedText {
  std::string text;
  std::vector<std::size_t> page_start;   // offset of each page in the joined text
  std::vector<std::size_t> folded_at;    // joined offset -> folded offset
};

bool IsSuperscriptAt(const std::string& s, std::size_t i, std::size_t* length) {
  static const std::vector<std::string> marks = {"¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁰"};
  for (const std::string& m : marks) {
    if (s.compare(i, m.size(), m) == 0) {
      *length = m.size();
      return true;
    }
  }
  return false;
}

std::string FoldSpaces(const std::string& in, std::vector<std::size_t>* map) {
  std::string out;
  if (map) map->assign(in.size() + 1, 0);
  std::size_t i = 0;
  while (i < in.size()) {
    const char c = in[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      std::size_t j = i;
      bool newline = false;
      while (j < in.size() && (in[j] == ' ' || in[j] == '\t' || in[j] == '\n' || in[j] == '\r' || in[j] == '\f')) {
        newline = newline || in[j] == '\n';
        ++j;
      }
      const bool hyphen_join = newline && !out.empty() && out.back() == '-' && out.size() >= 2 &&
                               out[out.size() - 2] != ' ';
      if (!out.empty() && j < in.size() && !hyphen_join) out.push_back(' ');
      for (std::size_t k = i; k < j; ++k) {
        if (map) (*map)[k] = out.size();
      }
      i = j;
      continue;
    }
    std::size_t length = 0;
    if (IsSuperscriptAt(in, i, &length)) {
      for (std::size_t k = i; k < i + length; ++k) {
        if (map) (*map)[k] = out.size();
      }
      i += length;
      continue;
    }
    if (map) (*map)[i] = out.size();
    out.push_back(c);
    ++i;
  }
  if (map) (*map)[in.size()] = out.size();
  return out;
}

FoldedText FoldDocument(const baocao::Document& doc) {
  std::string joined;
  FoldedText folded;
  for (const baocao::Page& page : doc.pages) {
    folded.page_start.push_back(joined.size());
    joined += page.text;
    joined += "\n";
  }
  folded.text = FoldSpaces(joined, &folded.folded_at);
  return folded;
}

struct Interval {
  std::size_t begin = 0, end = 0;
  bool Overlaps(const Interval& o) const { return begin < o.end && o.begin < end; }
  std::size_t Overlap(const Interval& o) const {
    return Overlaps(o) ? std::min(end, o.end) - std::max(begin, o.begin) : 0;
  }
};

// Byte offsets of the code points of `s`, and one past the end.
std::vector<std::size_t> CodePointStarts(const std::string& s) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(s.size());
  return starts;
}

// Where `quote` is in `text` with fewest edits (code points compared as
// bytes between starts), if at most `max_edits` of them: OCR text rarely holds
// a labeled quote letter for letter. Sellers' approximate search, carrying the
// start of each alignment along.
std::optional<Interval> LocateApproximately(const std::string& text, const std::string& quote,
                                            std::size_t max_edits) {
  const std::vector<std::size_t> t = CodePointStarts(text);
  const std::vector<std::size_t> q = CodePointStarts(quote);
  const std::size_t n = t.size() - 1, m = q.size() - 1;
  if (m == 0 || n == 0) return std::nullopt;
  const auto same = [&](std::size_t i, std::size_t j) {  // quote cp i, text cp j
    const std::size_t qa = q[i], qb = q[i + 1], ta = t[j], tb = t[j + 1];
    return qb - qa == tb - ta && quote.compare(qa, qb - qa, text, ta, tb - ta) == 0;
  };
  std::vector<std::size_t> cost(m + 1), start(m + 1), next_cost(m + 1), next_start(m + 1);
  for (std::size_t i = 0; i <= m; ++i) cost[i] = i, start[i] = 0;
  std::optional<Interval> best;
  std::size_t best_cost = max_edits + 1;
  for (std::size_t j = 0; j < n; ++j) {
    next_cost[0] = 0;
    next_start[0] = j + 1;
    for (std::size_t i = 1; i <= m; ++i) {
      std::size_t c = cost[i - 1] + (same(i - 1, j) ? 0 : 1), s = start[i - 1];
      if (cost[i] + 1 < c) c = cost[i] + 1, s = start[i];
      if (next_cost[i - 1] + 1 < c) c = next_cost[i - 1] + 1, s = next_start[i - 1];
      next_cost[i] = c;
      next_start[i] = s;
    }
    std::swap(cost, next_cost);
    std::swap(start, next_start);
    if (cost[m] < best_cost) {
      best_cost = cost[m];
      best = Interval{t[start[m]], t[j + 1]};
    }
  }
  return best;
}

std::vector<Interval> Locate(const FoldedText& doc, const std::string& quote) {
  const std::string q = FoldSpaces(quote, nullptr);
  std::vector<Interval> found;
  if (q.empty()) return found;
  for (std::size_t pos = doc.text.find(q); pos != std::string::npos; pos = doc.text.find(q, pos + 1)) {
    found.push_back({pos, pos + q.size()});
  }
  if (!found.empty()) return found;
  if (q.size() >= 50) {
    std::size_t cut = 40;
    while (cut < q.size() && (static_cast<unsigned char>(q[cut]) & 0xC0) == 0x80) ++cut;
    const std::string head = q.substr(0, cut);
    for (std::size_t pos = doc.text.find(head); pos != std::string::npos; pos = doc.text.find(head, pos + 1)) {
      found.push_back({pos, pos + q.size()});
    }
    if (!found.empty()) return found;
  }
  // Text read by OCR: the place with fewest edits, up to one in six code points.
  const std::size_t length = CodePointStarts(q).size() - 1;
  if (const std::optional<Interval> near = LocateApproximately(doc.text, q, length / 6)) found.push_back(*near);
  return found;
}

std::string Str(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }

std::string FieldString(const baocao::Fact& f, const std::string& name) {
  auto it = f.fields.find(name);
  if (it == f.fields.end()) return "";
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return "";
}

std::optional<double> FieldNumber(const baocao::Fact& f, const std::string& name) {
  auto it = f.fields.find(name);
  if (it == f.fields.end()) return std::nullopt;
  if (const auto* d = std::get_if<double>(&it->second)) return *d;
  return std::nullopt;
}

std::string Compact(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool KeysEqual(const std::string& kind, const json& truth, const baocao::Fact& f) {
  const json& t = truth["fields"];
  if (kind == "reference") return Compact(Str(t["number"])) == Compact(FieldString(f, "number"));
  if (kind == "metadata") {
    return Str(t["doc_type"]) == FieldString(f, "doc_type") && Str(t["period_start"]) == FieldString(f, "period_start") &&
           Str(t["period_end"]) == FieldString(f, "period_end");
  }
  if (kind == "indicator" || kind == "target") {
    const std::optional<double> value = FieldNumber(f, "value");
    if (!value || !t["value"].is_number() || std::fabs(*value - t["value"].get<double>()) > 1e-6) return false;
    if (kind == "target") return Str(t["comparator"]) == FieldString(f, "comparator");
    return !t["code"].is_string() || Str(t["code"]) == FieldString(f, "code");
  }
  return Str(t["due"]) == FieldString(f, "due") && Str(t["modifier"]) == FieldString(f, "modifier");
}

struct Counts {
  int truth = 0, predicted = 0, matched = 0;
  int unplaced = 0;  // labeled quotes not found in the text
};

struct DocResult {
  std::map<std::string, Counts> kinds;
};

std::string Describe(const baocao::Fact& f) {
  std::string out = "p" + std::to_string(f.page) + " [" + f.rule + "] ";
  for (const char* key : {"value", "number", "due", "modifier", "comparator", "code", "label", "task"}) {
    auto it = f.fields.find(key);
    if (it == f.fields.end()) continue;
    if (const auto* d = std::get_if<double>(&it->second)) out += std::string(key) + "=" + std::to_string(*d) + " ";
    if (const auto* s = std::get_if<std::string>(&it->second)) out += std::string(key) + "=" + *s + " ";
  }
  std::string quote = f.quote.substr(0, 160);
  std::replace(quote.begin(), quote.end(), '\n', ' ');
  return out + "| " + quote;
}

DocResult Evaluate(const baocao::Document& doc, const json& labels, bool show) {
  DocResult result;
  const FoldedText folded = FoldDocument(doc);
  std::map<int, std::size_t> page_index;
  for (std::size_t i = 0; i < doc.pages.size(); ++i) page_index[doc.pages[i].number] = i;
  for (const std::string& kind : kKinds) {
    std::vector<const baocao::Fact*> predicted;
    std::vector<Interval> where;
    for (const baocao::Fact& f : doc.facts) {
      if (f.kind != kind) continue;
      predicted.push_back(&f);
      const std::size_t base = folded.page_start[page_index[f.page]];
      where.push_back({folded.folded_at[base + f.span.begin], folded.folded_at[base + f.span.end]});
    }
    std::vector<bool> used(predicted.size(), false);
    Counts& counts = result.kinds[kind];
    counts.predicted = static_cast<int>(predicted.size());
    for (const json& truth : labels) {
      if (truth["kind"] != kind) continue;
      ++counts.truth;
      const std::vector<Interval> places = Locate(folded, truth["quote"].get<std::string>());
      if (places.empty() && kind != "metadata") ++counts.unplaced;
      int best = -1;
      std::size_t best_overlap = 0;
      for (std::size_t i = 0; i < predicted.size(); ++i) {
        if (used[i] || !KeysEqual(kind, truth, *predicted[i])) continue;
        std::size_t overlap = kind == "metadata" ? 1 : 0;
        for (const Interval& place : places) overlap = std::max(overlap, place.Overlap(where[i]));
        if (overlap > best_overlap) {
          best_overlap = overlap;
          best = static_cast<int>(i);
        }
      }
      if (best >= 0) {
        used[static_cast<std::size_t>(best)] = true;
        ++counts.matched;
      } else if (show) {
        std::cout << "  MISS  " << truth["id"].get<std::string>() << " " << truth["fields"].dump().substr(0, 200)
                  << " | " << truth["quote"].get<std::string>().substr(0, 120) << (places.empty() ? " (unplaced)" : "")
                  << "\n";
      }
    }
    if (show) {
      for (std::size_t i = 0; i < predicted.size(); ++i) {
        if (!used[i]) std::cout << "  FALSE " << kind << " " << Describe(*predicted[i]) << "\n";
      }
    }
  }
  return result;
}

std::optional<baocao::Document> TruthDocument(const fs::path& corpus, const std::string& id) {
  baocao::Document doc;
  doc.path = (corpus / "truth" / id).string();
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(corpus / "truth" / id, error)) files.push_back(entry.path());
  if (files.empty()) return std::nullopt;
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string name = file.stem().string();  // page-001
    if (name.rfind("page-", 0) != 0) continue;
    baocao::Page page;
    page.number = std::stoi(name.substr(5));
    page.text = ReadFile(file);
    doc.pages.push_back(std::move(page));
  }
  return doc;
}

}  // namespace

int main(int argc, char** argv) {
  baocao::RestartWithOneOcrThreadPerPage(argv);
  CLI::App app{"Precision and recall of the fact rules against corpus/facts"};
  std::string corpus_dir = BAOCAO_SOURCE_DIR "/corpus";
  std::string split = "all";
  std::string variant = "truth";
  std::string show;
  double min_precision = 0, min_recall = 0;
  app.add_option("--corpus", corpus_dir, "corpus folder");
  app.add_option("--split", split, "dev, test or all")->check(CLI::IsMember({"dev", "test", "all"}));
  app.add_option("--variant", variant, "truth (page texts) or a corpus/pdf variant: clean, scan, ...");
  app.add_option("--show", show, "print misses and false alarms of this document id");
  app.add_option("--min-precision", min_precision, "exit 1 when a kind of the split falls below");
  app.add_option("--min-recall", min_recall, "exit 1 when a kind of the split falls below");
  CLI11_PARSE(app, argc, argv);

  const fs::path corpus(corpus_dir);
  const json manifest = json::parse(ReadFile(corpus / "manifest.json"), nullptr, false);
  if (manifest.is_discarded()) {
    std::cerr << corpus / "manifest.json" << ": not JSON\n";
    return 2;
  }
  std::map<std::string, std::map<std::string, Counts>> totals;  // split -> kind -> counts
  for (const json& entry : manifest["documents"]) {
    const std::string id = entry["id"].get<std::string>();
    const std::string doc_split = entry["split"].get<std::string>();
    if (split != "all" && split != doc_split) continue;
    const fs::path labels_path = corpus / "facts" / (id + ".json");
    if (!fs::exists(labels_path)) continue;
    std::optional<baocao::Document> doc;
    if (variant == "truth") {
      doc = TruthDocument(corpus, id);
    } else {
      baocao::cli::PipelineOptions options;
      baocao::Result<baocao::Document> read =
          baocao::cli::ReadDocument((corpus / "pdf" / variant / (id + ".pdf")).string(), options);
      if (!read.ok()) {
        std::cerr << read.status().ToString() << "\n";
        return 2;
      }
      doc = std::move(read).value();
    }
    if (!doc) {
      std::cerr << id << ": no pages\n";
      return 2;
    }
    baocao::ExtractDocumentFacts(*doc);
    const json labels = json::parse(ReadFile(labels_path));
    if (show == id) std::cout << "document " << id << "\n";
    const DocResult result = Evaluate(*doc, labels, show == id);
    for (const auto& [kind, c] : result.kinds) {
      Counts& t = totals[doc_split][kind];
      t.truth += c.truth;
      t.predicted += c.predicted;
      t.matched += c.matched;
      t.unplaced += c.unplaced;
    }
  }
  bool pass = true;
  std::printf("variant %s\n%-6s %-10s %6s %6s %6s %9s %7s %9s\n", variant.c_str(), "split", "kind", "truth",
              "pred", "match", "precision", "recall", "unplaced");
  for (const auto& [split_name, kinds] : totals) {
    for (const std::string& kind : kKinds) {
      auto it = kinds.find(kind);
      if (it == kinds.end()) continue;
      const Counts& c = it->second;
      const double precision = c.predicted == 0 ? (c.truth == 0 ? 1.0 : 0.0) : double(c.matched) / c.predicted;
      const double recall = c.truth == 0 ? 1.0 : double(c.matched) / c.truth;
      std::printf("%-6s %-10s %6d %6d %6d %9.3f %7.3f %9d\n", split_name.c_str(), kind.c_str(), c.truth,
                  c.predicted, c.matched, precision, recall, c.unplaced);
      if (c.truth > 0 && (precision < min_precision || recall < min_recall)) pass = false;
    }
  }
  if (!pass) std::printf("FAIL: a kind is below precision %.2f or recall %.2f\n", min_precision, min_recall);
  return pass ? 0 : 1;
}
