#include "syllable_model.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <sstream>

#include "embedded.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao {
namespace normalize_internal {
namespace {

struct LetterIdTable {
  std::array<int, 0x1F00> ids{};
  std::array<char32_t, kLetterIds> letters{};
  LetterIdTable() {
    ids.fill(-1);
    int next = 0;
    for (char32_t cp = 0; cp < 0x1F00; ++cp) {
      VietLetter letter;
      if (!SplitLetter(cp, &letter) || letter.upper) continue;
      ids[cp] = next;
      letters[static_cast<std::size_t>(next)] = cp;
      ++next;
    }
  }
};

const LetterIdTable& LetterIds() {
  static const LetterIdTable* const table = new LetterIdTable();
  return *table;
}

}  // namespace

int LetterId(char32_t lower) { return lower < 0x1F00 ? LetterIds().ids[lower] : -1; }
char32_t LetterFromId(int id) { return LetterIds().letters[static_cast<std::size_t>(id)]; }

std::uint64_t TokenHash(std::string_view token) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (const char c : token) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace normalize_internal

using namespace normalize_internal;

SyllableModel::SyllableModel(NgramModel lm) : lm_(std::move(lm)) {
  std::unordered_map<std::string, bool> words;  // token -> in the inventory
  for (std::uint32_t id = 4; id < lm_.size(); ++id) words.emplace(lm_.Token(id), false);
  std::string_view list = EmbeddedSyllables();
  while (!list.empty()) {
    const std::size_t eol = list.find('\n');
    const std::string_view line = list.substr(0, eol);
    if (!line.empty()) words[std::string(line)] = true;
    list.remove_prefix(eol == std::string_view::npos ? list.size() : eol + 1);
  }
  std::size_t unknown = 0;
  for (const auto& [token, syllable] : words) unknown += lm_.Id(token) == kUnk;
  // <unk> stands for every word the model never kept: one of them gets a
  // share, as if the unknown words were equally likely.
  oov_penalty_ = -static_cast<float>(std::log(static_cast<double>(unknown) + 1000.0));
  for (const auto& [token, syllable] : words) {
    WordEntry e;
    bool ok = !token.empty();
    for (std::size_t pos = 0; ok && pos < token.size();) {
      char32_t cp = 0;
      pos += DecodeUtf8(token, pos, &cp);
      const int id = LetterId(cp);
      if (id < 0 || e.size == kMaxWordLetters) {
        ok = false;
        break;
      }
      e.letters[e.size++] = static_cast<std::uint8_t>(id);
      e.mask.Set(id);
    }
    if (!ok) continue;
    if (syllable) AddPieces(token);
    e.token = token;
    // Rare tokens that are not syllables (English words of the help pages)
    // only slow the decoder down.
    if (!syllable && lm_.UnigramLogProb(lm_.Id(token)) < -11.5f) continue;
    e.lm_id = lm_.Id(token);
    e.key_hash = TokenHash(token);
    e.unigram = lm_.UnigramLogProb(e.lm_id) + (e.lm_id == kUnk ? oov_penalty_ : 0.0f);
    e.syllable = syllable;
    // Documents write "hóa" as often as "hoá": the decoder matches letters
    // against either spelling.
    std::string old_style;
    if (OldStyleSyllable(token, &old_style)) {
      e.two_styles = true;
      WordEntry alternate = e;
      alternate.old_style = true;
      alternate.mask = LetterMask();
      std::size_t k = 0;
      for (std::size_t pos = 0; pos < old_style.size(); ++k) {
        char32_t cp = 0;
        pos += DecodeUtf8(old_style, pos, &cp);
        alternate.letters[k] = static_cast<std::uint8_t>(LetterId(cp));
        alternate.mask.Set(LetterId(cp));
      }
      by_size_[alternate.size].push_back(std::move(alternate));
    }
    by_size_[e.size].push_back(std::move(e));
  }
  for (std::size_t size = 0; size <= kMaxWordLetters; ++size) {
    std::vector<WordEntry>& list_of_size = by_size_[size];
    std::sort(list_of_size.begin(), list_of_size.end(), [](const WordEntry& a, const WordEntry& b) {
      if (a.unigram != b.unigram) return a.unigram > b.unigram;
      return a.token != b.token ? a.token < b.token : a.old_style < b.old_style;
    });
    by_letter_at_[size].assign(size * kLetterIds, {});
    for (std::size_t i = 0; i < list_of_size.size(); ++i) {
      const WordEntry& e = list_of_size[i];
      letter_codes_[size].push_back(LetterCode(e));
      letter_masks_[size].push_back(e.mask);
      word_kinds_[size].push_back(WordKind(e));
      if (!e.old_style) index_.emplace(e.token, std::make_pair(e.size, static_cast<std::uint32_t>(i)));
      for (std::size_t k = 0; k < size; ++k) {
        by_letter_at_[size][k * kLetterIds + e.letters[k]].push_back(static_cast<std::uint32_t>(i));
      }
    }
  }
}

void SyllableModel::AddPieces(const std::string& syllable) {
  std::vector<std::size_t> starts;  // byte offset of every letter
  for (std::size_t pos = 0; pos < syllable.size();) {
    starts.push_back(pos);
    char32_t cp = 0;
    pos += DecodeUtf8(syllable, pos, &cp);
  }
  starts.push_back(syllable.size());
  for (std::size_t a = 0; a + 1 < starts.size(); ++a) {
    for (std::size_t b = a + 1; b < starts.size(); ++b) {
      syllable_pieces_[TokenHash(std::string_view(syllable).substr(starts[a], starts[b] - starts[a]))] = true;
    }
  }
}

bool SyllableModel::IsSyllablePiece(std::string_view letters) const {
  return syllable_pieces_.Find(TokenHash(letters)) != nullptr;
}

const WordEntry* SyllableModel::Find(std::string_view token) const {
  const auto it = index_.find(token);
  if (it == index_.end()) return nullptr;
  return &by_size_[it->second.first][it->second.second];
}

std::shared_ptr<const SyllableModel> BuiltInSyllableModel() {
  static const std::shared_ptr<const SyllableModel>* const model = [] {
    NgramModel lm;
    std::string error;
    // The build checked the generated model; a failure here leaves an empty one.
    if (!NgramModel::Parse(EmbeddedSyllableModel(), &lm, &error)) lm = NgramModel::Train({}, 1);
    return new std::shared_ptr<const SyllableModel>(std::make_shared<const SyllableModel>(std::move(lm)));
  }();
  return *model;
}

Result<std::shared_ptr<const SyllableModel>> LoadSyllableModel(std::string_view bytes) {
  NgramModel lm;
  std::string error;
  if (!NgramModel::Parse(bytes, &lm, &error)) {
    return Status(StatusCode::kCorrupt, "syllable model: " + error);
  }
  return std::shared_ptr<const SyllableModel>(std::make_shared<const SyllableModel>(std::move(lm)));
}

Result<std::string> TrainSyllableModel(const std::vector<std::string>& texts) {
  std::vector<std::string> lines;
  for (const std::string& text : texts) {
    std::istringstream in(CleanTrainingText(text));
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    }
  }
  const NgramModel lm = NgramModel::Train(lines, 1);
  if (lm.size() < 10) {
    return Status(StatusCode::kInvalidArgument,
                  "syllable model: the texts hold only " + std::to_string(lm.size() - 4) +
                      " distinct words; a model needs clean running text");
  }
  return lm.Serialize();
}

}  // namespace baocao
