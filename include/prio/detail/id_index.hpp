// Private: the backlog's id index, a flat open-addressing hash table of row
// numbers whose keys are the backlog's own id strings (no second copy).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "prio/detail/prefetch.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

/// a == b, inline for ids of 4 to 16 bytes (two overlapping word compares
/// instead of a call to memcmp, which a hash match nearly always makes).
[[nodiscard]] inline bool ids_equal(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const auto word = [](const char* s, std::size_t at, auto zero) {
    decltype(zero) w;
    std::memcpy(&w, s + at, sizeof w);
    return w;
  };
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8 && n <= 16)
    return word(p, 0, std::uint64_t{}) == word(q, 0, std::uint64_t{}) && word(p, n - 8, std::uint64_t{}) == word(q, n - 8, std::uint64_t{});
  if (n >= 4 && n < 8)
    return word(p, 0, std::uint32_t{}) == word(q, 0, std::uint32_t{}) && word(p, n - 4, std::uint32_t{}) == word(q, n - 4, std::uint32_t{});
  return a == b;
}

/// Maps an id to its row in `ids` (the vector the caller keeps beside it):
/// linear probing over 8-byte slots (a 32-bit hash and the row + 1; 0 =
/// empty), at most half full. A lookup hashes the id once, compares hashes in
/// the slots it probes and the id bytes only on an equal hash. Rows are only
/// added, never removed (a backlog only grows), so there are no tombstones.
class IdIndex {
 public:
  [[nodiscard]] static std::uint32_t hash(std::string_view id) noexcept {
    const std::size_t h = std::hash<std::string_view>{}(id);
    if constexpr (sizeof(std::size_t) > 4) return static_cast<std::uint32_t>(h ^ (h >> 32));
    return static_cast<std::uint32_t>(h);
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// Room for n rows without rehashing.
  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    if (cap > slots_.size()) rehash(cap);
  }

  /// Row of id in ids, or -1.
  [[nodiscard]] std::int64_t find(std::string_view id, const std::vector<std::string>& ids) const noexcept {
    return find(id, hash(id), ids);
  }
  [[nodiscard]] std::int64_t find(std::string_view id, std::uint32_t h, const std::vector<std::string>& ids) const noexcept {
    if (slots_.empty()) return -1;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t p = h & mask;; p = (p + 1) & mask) {
      const Slot& s = slots_[p];
      if (s.row == 0) return -1;
      if (s.hash == h && ids_equal(ids[s.row - 1], id)) return static_cast<std::int64_t>(s.row - 1);
    }
  }

  /// Looks up `count` ids one after the other: next_id() gives them in
  /// order (called once per id, as a std::string_view), found(k, row) gets
  /// the answer of find() for the k-th (row or -1), in order. The same
  /// answers as find() in a loop; lookups in a big index miss the cache
  /// (the ids of a batch are all over the table), so each id's slot is
  /// prefetched `ahead` lookups before it is read and the key in that slot
  /// half as many before, and the misses of a batch overlap.
  template <class NextId, class Found>
  void find_each(std::size_t count, NextId&& next_id, Found&& found, const std::vector<std::string>& ids) const {
    constexpr std::size_t ahead = 16, ring = 2 * ahead;  // ring: ids and hashes of lookups k .. k + ahead
    std::string_view id[ring];
    std::uint32_t h[ring];
    auto hint = [&](std::size_t j) {
      if (j >= count) return;
      id[j % ring] = next_id();
      h[j % ring] = hash(id[j % ring]);
      prefetch_slot(h[j % ring]);
    };
    for (std::size_t j = 0; j < ahead; ++j) hint(j);
    for (std::size_t k = 0; k < count; ++k) {
      hint(k + ahead);
      if (k + ahead / 2 < count) prefetch_key(h[(k + ahead / 2) % ring], ids);
      found(k, find(id[k % ring], h[k % ring], ids));
    }
  }

  /// Indexes rows size() .. ids.size() - 1 of ids, in order, as insert()
  /// one after the other would, and stops at the first row whose id is
  /// already indexed: returns that row (the index then holds the rows before
  /// it), or -1 when every id is new. Each row's slot is prefetched `ahead`
  /// rows before it is probed, so the cache misses of a big table overlap.
  std::int64_t insert_each(const std::vector<std::string>& ids) {
    const std::size_t first = size_, n = ids.size();
    reserve(n);
    if (first >= n) return -1;
    constexpr std::size_t ahead = 16, ring = 2 * ahead;
    std::uint32_t h[ring];
    const std::size_t mask = slots_.size() - 1;
    auto hint = [&](std::size_t r) {
      if (r >= n) return;
      h[r % ring] = hash(ids[r]);
      prefetch_slot(h[r % ring]);
    };
    for (std::size_t r = first; r < first + ahead; ++r) hint(r);
    for (std::size_t r = first; r < n; ++r) {
      hint(r + ahead);
      const std::uint32_t hr = h[r % ring];
      std::size_t p = hr & mask;
      for (; slots_[p].row != 0; p = (p + 1) & mask)
        if (slots_[p].hash == hr && ids_equal(ids[slots_[p].row - 1], ids[r])) return static_cast<std::int64_t>(r);
      slots_[p] = Slot{hr, static_cast<std::uint32_t>(r + 1)};
      ++size_;
    }
    return -1;
  }

  /// Adds row (whose id hashes to h), which must not be present yet.
  void insert(std::uint32_t h, std::uint32_t row) {
    if (2 * (size_ + 1) > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
    place(Slot{h, row + 1});
    ++size_;
  }

  void clear() noexcept {
    slots_.clear();
    size_ = 0;
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t row = 0;  // row + 1; 0: empty
  };
  void place(Slot s) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t p = s.hash & mask;
    while (slots_[p].row != 0) p = (p + 1) & mask;
    slots_[p] = s;
  }
  void rehash(std::size_t cap) {
    std::vector<Slot> old(cap);
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.row != 0) place(s);
  }

  // The hints of find_each (both) and insert_each (the first): the slot where
  // a probe for hash h begins, and (once that slot has arrived) the key it holds.
  void prefetch_slot(std::uint32_t h) const noexcept {
    if (!slots_.empty()) prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  void prefetch_key(std::uint32_t h, const std::vector<std::string>& ids) const noexcept {
    if (slots_.empty()) return;
    if (const Slot& s = slots_[h & (slots_.size() - 1)]; s.row != 0) prefetch(&ids[s.row - 1]);
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace v1
}  // namespace prio
