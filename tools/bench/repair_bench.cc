// Accuracy and speed of the "lost_chars" repair (the Tuần Giáo defect).
//
//   build/tools/bench/repair_bench [--split test|dev] [--threshold 0.9] [--seed N] [--show N]
//                                  [--model FILE] [--docs 002,...] [--pool run|document]
//                                  [--show-wrong N] [--zones 1]
//                                  [--min-restored R --min-precision P]
//
// Synthetic: the split's truth texts (markup stripped) are damaged the way
// Tuần Giáo's were: per run of 1-3 lines, a random lost set of 10-40
// characters (letters of both cases, some ASCII letters and digits among
// them) comes out as one space each; 70% of runs are damaged, the rest stay
// intact (as in 004). The lost set is drawn from the run's own characters
// (--pool run, the default and the harsher) or from the document's (--pool
// document). With --zones 1, some lines also hold a font run of a few words
// that lost another set, or none. The text is repaired and compared with
// the truth.
// Real: corpus/source/004.damaged.txt is repaired; counts are printed with a
// sample of lines. With --min-restored or --min-precision it is a test of the
// synthetic part (ctest runs it so): it exits 1 below either share.
// Tune on --split dev (001, 002); report --split test.
// The built-in model saw the dev texts: for held-out tuning, train a model
// without one of them (baocao_make_lm) and pass --model FILE --docs that one.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/normalize.h"
#include "eval/files.h"

namespace {

using baocao::eval::ReadFile;

std::u32string ToU32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  for (const char32_t cp : s) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

// Truth text without the corpus markup, one paragraph per line.
std::vector<std::u32string> PlainLines(const std::string& text) {
  std::vector<std::u32string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(":::", 0) == 0 || line.rfind("@", 0) == 0) continue;
    std::size_t start = 0;
    while (start < line.size() && (line[start] == '#' || line[start] == ' ')) ++start;
    std::string out;
    for (std::size_t i = start; i < line.size(); ++i) {
      if (line.compare(i, 4, "<br>") == 0) {
        out += ' ';
        i += 3;
      } else if (line.compare(i, 2, "[^") == 0) {
        const std::size_t close = line.find(']', i);
        if (close == std::string::npos) break;
        i = close;
        if (i + 1 < line.size() && line[i + 1] == ':') ++i;
      } else if (line[i] == '|' || line[i] == '\t') {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else if (line[i] != ' ' || (!out.empty() && out.back() != ' ')) {
        out += line[i];
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty()) lines.push_back(ToU32(out));
  }
  return lines;
}

std::size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

bool IsAsciiAlnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

struct Damaged {
  std::vector<std::u32string> truth;
  std::vector<std::u32string> damaged;
};

// Where a run's lost set is drawn from: the run's own characters (every lost
// character occurs in the run; short runs can lose every letter they have) or
// the whole document's, as a subset font holds the glyphs of the document.
enum class Pool { kRun, kDocument };

// A random lost set of 10-40 of the letters and digits of truth[from, to),
// some ASCII letters and digits among them.
std::set<char32_t> DrawLostSet(const std::vector<std::u32string>& truth, std::size_t from, std::size_t to,
                               std::mt19937& rng) {
  std::uniform_int_distribution<int> set_size(10, 40);
  std::set<char32_t> seen;
  for (std::size_t k = from; k < to; ++k) {
    for (const char32_t c : truth[k]) {
      if (c != ' ' && (c >= 0x80 || IsAsciiAlnum(c))) seen.insert(c);
    }
  }
  std::vector<char32_t> pool(seen.begin(), seen.end());
  std::shuffle(pool.begin(), pool.end(), rng);
  // Some ASCII letters and digits first, then any.
  std::stable_partition(pool.begin(), pool.end(), [](char32_t c) { return c < 0x80; });
  const std::size_t ascii = static_cast<std::size_t>(std::count_if(pool.begin(), pool.end(), [](char32_t c) { return c < 0x80; }));
  std::shuffle(pool.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(ascii, 4)), pool.end(), rng);
  pool.resize(std::min(pool.size(), static_cast<std::size_t>(set_size(rng))));
  return std::set<char32_t>(pool.begin(), pool.end());
}

// With `zones`, a line in two of five also holds a font run of its own: 1-6
// consecutive words that lost another set (drawn from the same pool) or,
// one time in three, nothing, as words set in another font of one line do
// in the Tuần Giáo report ("c i thi n  ô   r ờn" lost "ả", "ệ" in one run
// and "m", "i", "t", "ư", "g" in the next). The zones draw from their own
// random stream, so the rest of the damage is the same with and without.
Damaged Damage(const std::vector<std::u32string>& truth, Pool pool_kind, bool zones, std::mt19937& rng) {
  Damaged d;
  d.truth = truth;
  d.damaged = truth;
  std::uniform_int_distribution<int> run_length(1, 3);
  std::bernoulli_distribution damaged_run(0.7);
  for (std::size_t i = 0; i < truth.size();) {
    const std::size_t end = std::min(truth.size(), i + static_cast<std::size_t>(run_length(rng)));
    if (damaged_run(rng)) {
      const std::set<char32_t> lost = pool_kind == Pool::kRun ? DrawLostSet(truth, i, end, rng)
                                                              : DrawLostSet(truth, 0, truth.size(), rng);
      for (std::size_t k = i; k < end; ++k) {
        for (char32_t& c : d.damaged[k]) {
          if (lost.count(c)) c = ' ';
        }
      }
    }
    i = end;
  }
  if (!zones) return d;
  std::mt19937 zone_rng(rng());
  std::bernoulli_distribution has_zone(0.4);
  std::bernoulli_distribution intact_zone(1.0 / 3);
  std::uniform_int_distribution<int> zone_words(1, 6);
  for (std::size_t k = 0; k < truth.size(); ++k) {
    if (!has_zone(zone_rng)) continue;
    const std::u32string& line = truth[k];
    std::vector<std::size_t> starts;  // of the line's words
    for (std::size_t j = 0; j < line.size(); ++j) {
      if (line[j] != ' ' && (j == 0 || line[j - 1] == ' ')) starts.push_back(j);
    }
    if (starts.size() < 2) continue;
    const std::size_t first = std::uniform_int_distribution<std::size_t>(0, starts.size() - 1)(zone_rng);
    const std::size_t last = std::min(starts.size(), first + static_cast<std::size_t>(zone_words(zone_rng)));
    const std::size_t begin = starts[first];
    const std::size_t stop = last < starts.size() ? starts[last] - 1 : line.size();
    const bool intact = intact_zone(zone_rng);
    const std::set<char32_t> lost = pool_kind == Pool::kRun ? DrawLostSet(truth, k, k + 1, zone_rng)
                                                            : DrawLostSet(truth, 0, truth.size(), zone_rng);
    for (std::size_t j = begin; j < stop; ++j) {
      d.damaged[k][j] = !intact && lost.count(line[j]) ? U' ' : line[j];
    }
  }
  return d;
}

struct Counts {
  std::size_t lost = 0, restored = 0;
  std::size_t truth_chars = 0, errors_before = 0, errors_after = 0;
  std::size_t confident = 0, confident_right = 0, marked = 0, marked_right = 0;
  std::size_t marked_offered = 0;  // marked tokens whose reading or one of its alternatives is right
  std::size_t confident_chars = 0, confident_chars_right = 0;
  std::size_t damaged_bytes = 0;
  double seconds = 0;
  // Lost characters by kind (0 digit, 1 ASCII letter, 2 other letter) and
  // whether their line was touched by the repair at all.
  std::size_t kind_lost[3] = {}, kind_restored[3] = {};
  std::size_t untouched_lines = 0, untouched_lost = 0;
  // Damaged lines that lost every letter and digit they had: only their
  // punctuation and word lengths are left to read.
  std::size_t bare_lines = 0, bare_lost = 0, bare_restored = 0;
  // Lost characters by the share of their line's letters and digits lost
  // (quarters: up to 25%, 50%, 75%, more), how hard the line is to read.
  std::size_t share_lost[4] = {}, share_restored[4] = {};
  // Repaired tokens and the right ones by confidence band (tenths; 10: 1.0).
  std::size_t band_tokens[11] = {}, band_right[11] = {};
};

std::size_t g_show_wrong = 0;  // --show-wrong N: confident repairs that are wrong
bool g_force = false;  // --force: lost_chars on every line, not only detected ones
std::shared_ptr<const baocao::SyllableModel> g_model;  // --model: instead of the built-in one
// --dump FILE: the damaged text (FILE), its repair (FILE.out), truth
// (FILE.truth) and the lost_chars repairs (FILE.tokens: line, span,
// confidence, posterior, right), for tools/bench/fit_repair_confidence.py.
std::string g_dump;
std::size_t g_dumped_lines = 0;

void AppendToFile(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) return;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}

void Evaluate(const Damaged& d, double threshold, std::size_t show, Counts* c) {
  std::string input;
  for (const auto& line : d.damaged) input += ToUtf8(line) + "\n";
  baocao::NormalizeOptions options;
  options.split_syllables = false;  // the benchmark measures lost characters only
  options.review_threshold = threshold;
  if (g_force) options.lost_chars = baocao::LostCharacters::kOn;
  options.model = g_model;
  const auto start = std::chrono::steady_clock::now();
  const baocao::Result<baocao::NormalizedText> r = baocao::Normalize(input, options);
  c->seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  c->damaged_bytes += input.size();
  if (!r.ok()) {
    std::cerr << r.status().ToString() << "\n";
    return;
  }
  // Code point index of every input byte.
  std::vector<std::size_t> cp_of(input.size() + 1, 0);
  std::size_t cp = 0;
  for (std::size_t i = 0; i < input.size(); ++i) {
    cp_of[i] = cp;
    if ((static_cast<unsigned char>(input[i]) & 0xC0) != 0x80) ++cp;
    if ((static_cast<unsigned char>(input[i]) & 0xC0) != 0x80) cp_of[i] = cp - 1;
  }
  cp_of[input.size()] = cp;
  std::u32string truth_all;
  for (const auto& line : d.truth) truth_all += line + U"\n";
  const std::u32string input_all = ToU32(input);
  const std::u32string output_all = ToU32(r.value().text);
  const std::size_t first_line = g_dumped_lines;
  if (!g_dump.empty()) {
    AppendToFile(g_dump, input);
    AppendToFile(g_dump + ".out", r.value().text);
    AppendToFile(g_dump + ".truth", ToUtf8(truth_all));
    g_dumped_lines += d.damaged.size();
  }
  if (output_all.size() != input_all.size()) {
    std::cerr << "repair changed the length; positional measures are off\n";
    return;
  }
  std::vector<std::size_t> line_starts = {0};  // code points where each line of the input begins
  for (std::size_t k = 0; k < input_all.size(); ++k) {
    if (input_all[k] == U'\n') line_starts.push_back(k + 1);
  }
  std::string tokens;
  for (const baocao::Change& change : r.value().changes) {
    if (change.pass != "lost_chars") continue;
    const std::size_t b = cp_of[change.source.begin];
    const std::u32string after = ToU32(change.after);
    const bool right = truth_all.compare(b, after.size(), after) == 0;
    if (!g_dump.empty()) {
      // Line of the dump, span in the line's code points, confidence, the
      // decoder's posterior (-1: a number read back), right.
      const auto line = static_cast<std::size_t>(std::upper_bound(line_starts.begin(), line_starts.end(), b) - line_starts.begin() - 1);
      const std::size_t in_line = b - line_starts[line];
      const bool posterior = change.detail.rfind("posterior ", 0) == 0;
      char record[96];
      std::snprintf(record, sizeof record, "%zu\t%zu\t%zu\t%.6f\t", first_line + line, in_line, in_line + after.size(),
                    change.confidence);
      tokens += record + (posterior ? change.detail.substr(10) : "-1") + "\t" + (right ? "1" : "0") + "\t" +
                change.after + "\n";
    }
    const auto band = static_cast<std::size_t>(std::clamp(change.confidence, 0.0, 1.0) * 10);
    ++c->band_tokens[band];
    c->band_right[band] += right;
    if (change.confidence >= threshold) {
      if (!right && g_show_wrong > 0) {
        --g_show_wrong;
        const std::size_t from = b >= 30 ? b - 30 : 0;
        std::cout << "  wrong " << change.confidence << ": " << ToUtf8(after) << " (truth "
                  << ToUtf8(truth_all.substr(b, after.size())) << ") in: " << ToUtf8(input_all.substr(from, 70)) << "\n";
      }
      ++c->confident;
      c->confident_right += right;
      for (std::size_t k = 0; k < after.size(); ++k) {
        if (input_all[b + k] != ' ') continue;
        ++c->confident_chars;
        c->confident_chars_right += truth_all[b + k] == after[k];
      }
    } else {
      ++c->marked;
      c->marked_right += right;
      bool offered = right;
      for (const std::string& alternative : change.alternatives) {
        const std::u32string alt = ToU32(alternative);
        offered |= truth_all.compare(b, alt.size(), alt) == 0;
      }
      c->marked_offered += offered;
    }
  }
  if (!g_dump.empty()) AppendToFile(g_dump + ".tokens", tokens);
  std::size_t offset = 0;
  std::size_t shown = 0;
  for (std::size_t l = 0; l < d.truth.size(); ++l) {
    const std::u32string& t = d.truth[l];
    const std::u32string out = output_all.substr(offset, t.size());
    const std::u32string& in = d.damaged[l];
    offset += t.size() + 1;
    c->truth_chars += t.size();
    c->errors_before += in == t ? 0 : EditDistance(in, t);
    c->errors_after += out == t ? 0 : EditDistance(out, t);
    std::size_t line_lost = 0, line_restored = 0, line_chars = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
      line_chars += t[k] >= 0x80 || (t[k] >= '0' && t[k] <= '9') || ((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'z');
      if (in[k] != ' ' || t[k] == ' ') continue;
      ++c->lost;
      ++line_lost;
      line_restored += out[k] == t[k];
      c->restored += out[k] == t[k];
      const int kind = t[k] >= '0' && t[k] <= '9' ? 0 : t[k] < 0x80 ? 1 : 2;
      ++c->kind_lost[kind];
      c->kind_restored[kind] += out[k] == t[k];
    }
    if (line_lost > 0) {
      const std::size_t quarter = std::min<std::size_t>(3, (4 * line_lost - 1) / std::max(line_lost, line_chars));
      c->share_lost[quarter] += line_lost;
      c->share_restored[quarter] += line_restored;
    }
    if (line_lost > 0 && line_lost == line_chars) {
      ++c->bare_lines;
      c->bare_lost += line_lost;
      c->bare_restored += line_restored;
    }
    if (line_lost > 0 && out == in) {
      ++c->untouched_lines;
      c->untouched_lost += line_lost;
    }
    if (in != t && shown < show) {
      ++shown;
      std::cout << "  in:    " << ToUtf8(in).substr(0, 160) << "\n  out:   " << ToUtf8(out).substr(0, 160)
                << "\n  truth: " << ToUtf8(t).substr(0, 160) << "\n";
    }
  }
}

double Pct(std::size_t a, std::size_t b) { return b == 0 ? 0 : 100.0 * static_cast<double>(a) / static_cast<double>(b); }

void Real(const std::string& path, double threshold, std::size_t show) {
  const std::string input = ReadFile(path);
  baocao::NormalizeOptions options;
  options.review_threshold = threshold;
  options.model = g_model;
  const auto start = std::chrono::steady_clock::now();
  const baocao::Result<baocao::NormalizedText> r = baocao::Normalize(input, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!r.ok()) return;
  std::size_t above = 0, marked = 0, split = 0;
  for (const baocao::Change& change : r.value().changes) {
    if (change.pass == "split_syllables") ++split;
    if (change.pass != "lost_chars") continue;
    (change.review ? marked : above) += 1;
  }
  std::printf("real 004: %zu bytes in %.2f s (%.0f KB/s); lost_chars tokens: %zu above threshold, %zu marked; split_syllables: %zu\n",
              input.size(), seconds, static_cast<double>(input.size()) / 1024 / seconds, above, marked, split);
  std::istringstream in(input);
  std::istringstream out(r.value().text);
  std::string a, b;
  std::size_t shown = 0;
  while (std::getline(in, a) && std::getline(out, b) && shown < show) {
    if (a == b) continue;
    ++shown;
    std::cout << "  in:  " << a.substr(0, 200) << "\n  out: " << b.substr(0, 200) << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string split = "test";
  double threshold = 0.9;
  unsigned seed = 20240702;
  std::size_t show = 0;
  std::size_t real_show = 0;
  std::string docs;
  Pool pool = Pool::kRun;
  bool zones = false;
  double min_restored = -1;
  double min_precision = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--split") split = argv[i + 1];
    if (flag == "--threshold") threshold = std::stod(argv[i + 1]);
    if (flag == "--seed") seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
    if (flag == "--show") show = std::stoul(argv[i + 1]);
    if (flag == "--force") g_force = std::string(argv[i + 1]) == "1";
    if (flag == "--real-show") real_show = std::stoul(argv[i + 1]);
    if (flag == "--docs") docs = argv[i + 1];
    if (flag == "--dump") g_dump = argv[i + 1];
    if (flag == "--show-wrong") g_show_wrong = std::stoul(argv[i + 1]);
    if (flag == "--min-restored") min_restored = std::stod(argv[i + 1]);
    if (flag == "--min-precision") min_precision = std::stod(argv[i + 1]);
    if (flag == "--zones") zones = std::string(argv[i + 1]) == "1";
    if (flag == "--pool") pool = std::string(argv[i + 1]) == "document" ? Pool::kDocument : Pool::kRun;
    if (flag == "--model") {
      auto model = baocao::LoadSyllableModel(ReadFile(argv[i + 1]));
      if (!model.ok()) {
        std::cerr << model.status().ToString() << "\n";
        return 1;
      }
      g_model = model.value();
    }
  }
  std::vector<std::string> ids =
      split == "dev" ? std::vector<std::string>{"001", "002"} : std::vector<std::string>{"000", "003"};
  if (!docs.empty()) {
    ids.clear();
    std::istringstream list(docs);
    for (std::string id; std::getline(list, id, ',');) ids.push_back(id);
    split = docs;
  }
  std::mt19937 rng(seed);
  Counts c;
  for (const std::string& id : ids) {
    const auto truth = PlainLines(ReadFile(std::string(BAOCAO_SOURCE_DIR) + "/corpus/source/" + id + ".txt"));
    Evaluate(Damage(truth, pool, zones, rng), threshold, show, &c);
  }
  std::string id_list;
  for (const std::string& id : ids) id_list += (id_list.empty() ? "" : ", ") + id;
  std::printf("synthetic %s (%s), lost sets from the %s%s: lost characters %zu, restored %.2f%%\n", split.c_str(),
              id_list.c_str(), pool == Pool::kRun ? "run" : "document",
              zones ? ", with font runs inside lines" : "", c.lost, Pct(c.restored, c.lost));
  std::printf("  restored by kind: digits %.2f%% of %zu, ASCII letters %.2f%% of %zu, other letters %.2f%% of %zu\n",
              Pct(c.kind_restored[0], c.kind_lost[0]), c.kind_lost[0], Pct(c.kind_restored[1], c.kind_lost[1]),
              c.kind_lost[1], Pct(c.kind_restored[2], c.kind_lost[2]), c.kind_lost[2]);
  std::printf("  damaged lines left untouched: %zu (%zu lost characters)\n", c.untouched_lines, c.untouched_lost);
  std::printf("  damaged lines that lost every letter and digit: %zu (%zu lost characters, %.2f%% of all; %zu restored)\n",
              c.bare_lines, c.bare_lost, Pct(c.bare_lost, c.lost), c.bare_restored);
  std::printf("  restored by share of the line's letters and digits lost: up to 25%%: %.2f%% of %zu, 25-50%%: %.2f%% of %zu, "
              "50-75%%: %.2f%% of %zu, over 75%%: %.2f%% of %zu\n",
              Pct(c.share_restored[0], c.share_lost[0]), c.share_lost[0], Pct(c.share_restored[1], c.share_lost[1]),
              c.share_lost[1], Pct(c.share_restored[2], c.share_lost[2]), c.share_lost[2],
              Pct(c.share_restored[3], c.share_lost[3]), c.share_lost[3]);
  std::printf("  CER before %.2f%%, after %.2f%%\n", Pct(c.errors_before, c.truth_chars),
              Pct(c.errors_after, c.truth_chars));
  std::printf("  tokens repaired with confidence >= %.2f: %zu, precision %.2f%% (characters %.2f%% of %zu)\n",
              threshold, c.confident, Pct(c.confident_right, c.confident),
              Pct(c.confident_chars_right, c.confident_chars), c.confident_chars);
  std::printf("  tokens marked for review: %zu (%.2f%% of repaired tokens; %.2f%% of them right, %.2f%% right or "
              "with the right reading among their alternatives)\n",
              c.marked, Pct(c.marked, c.marked + c.confident), Pct(c.marked_right, c.marked),
              Pct(c.marked_offered, c.marked));
  std::printf("  precision by confidence:");
  for (std::size_t band = 0; band <= 10; ++band) {
    if (c.band_tokens[band] > 0) std::printf(" %.1f: %zu/%zu", 0.1 * static_cast<double>(band), c.band_right[band], c.band_tokens[band]);
  }
  std::printf("\n");
  std::printf("  speed: %.1f KB/s of damaged text (%zu bytes, %.2f s)\n",
              static_cast<double>(c.damaged_bytes) / 1024 / c.seconds, c.damaged_bytes, c.seconds);
  if (min_restored >= 0 || min_precision >= 0) {
    // A test: the synthetic goals only (004 has no truth to hold it to).
    const bool restored_ok = Pct(c.restored, c.lost) >= 100 * min_restored;
    const bool precision_ok = Pct(c.confident_right, c.confident) >= 100 * min_precision;
    if (!restored_ok) std::printf("FAIL: restored under %.2f%%\n", 100 * min_restored);
    if (!precision_ok) std::printf("FAIL: precision above the threshold under %.2f%%\n", 100 * min_precision);
    return restored_ok && precision_ok ? 0 : 1;
  }
  Real(std::string(BAOCAO_SOURCE_DIR) + "/corpus/source/004.damaged.txt", threshold, real_show);
  return 0;
}
