// Hash maps for hot lookups: an open-addressing map from 64-bit keys, for
// the language model (std::unordered_map's node chasing dominated decoding
// time), and a map from words that is searched without copying the word.
#ifndef BAOCAO_NORMALIZE_FLAT_HASH_H_
#define BAOCAO_NORMALIZE_FLAT_HASH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace baocao::normalize_internal {

template <typename V>
class FlatHash {
 public:
  void Reserve(std::size_t n) {
    std::size_t capacity = 16;
    while (capacity < 2 * n) capacity <<= 1;
    if (capacity <= slots_.size()) return;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.used) (*this)[s.key] = s.value;
    }
  }
  V& operator[](std::uint64_t key) {
    if (2 * (size_ + 1) > slots_.size()) Reserve(size_ + 1 + slots_.size() / 2);
    for (std::size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used) {
        s.used = true;
        s.key = key;
        ++size_;
        return s.value;
      }
      if (s.key == key) return s.value;
    }
  }
  const V* Find(std::uint64_t key) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.value;
    }
  }
  std::size_t size() const { return size_; }
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& s : slots_) {
      if (s.used) f(s.key, s.value);
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    V value{};
    bool used = false;
  };
  static std::size_t Mix(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return static_cast<std::size_t>(k);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

// std::unordered_map from strings whose find() takes a string_view: a memo
// of per-word answers asks about every word of a text, most of them seen.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_FLAT_HASH_H_
