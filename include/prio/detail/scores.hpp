// Private helpers of prio/scores.hpp: not API, may change in any release.
// Include "prio/scores.hpp" instead.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/detail/bit.hpp"

namespace prio::inline v1::detail {

/// Maps a score to an unsigned key whose ascending order is the ranking order
/// of the values (descending score, NaN last, -0 == +0).
[[nodiscard]] inline std::uint64_t rank_key(double v) noexcept {
  if (std::isnan(v)) return ~std::uint64_t{0};
  return ~order_key(v);  // descending by value
}

struct PrefixIndex {
  std::uint32_t prefix;
  FeatureIndex index;
};

/// Buffers of rank_values, kept between calls by callers that rank many
/// times (prio::simulate ranks every draw).
struct RankBuffers {
  static constexpr int bits = 11;  // radix digits
  static constexpr int digits = 3;
  static constexpr std::size_t buckets = std::size_t{1} << bits;
  std::vector<PrefixIndex> keyed, tmp;
  std::vector<std::uint64_t> packed;  // small inputs: (prefix, index) as one integer
  std::vector<std::uint32_t> hist;  // digits x buckets counts (on the heap: 24 KB is much of a WebAssembly stack)
};

/// LSD radix sort of buffers.keyed by its 32-bit prefix, 11-bit digits;
/// stable; skips digits that every element shares.
inline void radix_sort(RankBuffers& buffers) {
  constexpr int bits = RankBuffers::bits;
  constexpr std::size_t buckets = RankBuffers::buckets;
  std::vector<PrefixIndex>& a = buffers.keyed;
  std::vector<PrefixIndex>& tmp = buffers.tmp;
  const std::size_t n = a.size();
  buffers.hist.assign(static_cast<std::size_t>(RankBuffers::digits) * buckets, 0);
  const auto digit = [&](int d) { return buffers.hist.data() + static_cast<std::size_t>(d) * buckets; };
  for (const auto& e : a)
    for (int d = 0; d < RankBuffers::digits; ++d) ++digit(d)[(e.prefix >> (d * bits)) & (buckets - 1)];
  tmp.resize(n);
  for (int d = 0; d < RankBuffers::digits; ++d) {
    std::uint32_t* h = digit(d);
    if (std::any_of(h, h + buckets, [n](std::uint32_t c) { return c == n; })) continue;  // one bucket holds all
    std::uint32_t sum = 0;
    for (std::uint32_t& c : std::span(h, buckets)) {
      const std::uint32_t t = c;
      c = sum;
      sum += t;
    }
    const int shift = d * bits;
    for (const auto& e : a) tmp[h[(e.prefix >> shift) & (buckets - 1)]++] = e;
    a.swap(tmp);
  }
}

/// The full ranking order of features i and j (true when i ranks before j).
struct RankLess {
  const double* values;
  const std::uint8_t* tiers;  // may be null
  const std::vector<std::string>* ids;
  [[nodiscard]] bool operator()(FeatureIndex i, FeatureIndex j) const {
    if (tiers && tiers[i] != tiers[j]) return tiers[i] < tiers[j];
    const std::uint64_t ki = rank_key(values[i]), kj = rank_key(values[j]);
    if (ki != kj) return ki < kj;
    return (*ids)[i] < (*ids)[j];
  }
};

/// Ranks raw values with optional tiers into out (resized to their number);
/// ids break ties. O(n) radix passes (or a sort of 64-bit integers when n is
/// small) plus a sort of each run of values sharing a 32-bit prefix, in
/// buffers reused between calls.
inline void rank_values(const Eigen::Ref<const Eigen::VectorXd>& values, const std::vector<std::uint8_t>& tiers,
                        const std::vector<std::string>& ids, std::vector<FeatureIndex>& out, RankBuffers& buffers) {
  const auto n = static_cast<std::size_t>(values.size());
  out.resize(n);
  if (n < 2) {
    if (n == 1) out[0] = 0;
    return;
  }
  // Sort by the top 32 significant bits of the keys' range, then settle each
  // run of equal prefixes by the full key and the id. Distinct scores rarely
  // share a prefix, so the runs are short. Large inputs sort by three radix
  // passes over 8-byte elements; small ones (where the passes' 2,048-bucket
  // histograms would cost more than the elements) by a comparison sort of
  // the (prefix, index) pairs as single 64-bit integers.
  std::uint64_t lo = ~std::uint64_t{0}, hi = 0;
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    const std::uint64_t k = rank_key(values[i]);
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  const auto width = static_cast<int>(std::bit_width(hi - lo));
  const int shift = std::max(0, width - 32);
  std::vector<PrefixIndex>& keyed = buffers.keyed;
  keyed.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    keyed[i] = {static_cast<std::uint32_t>((rank_key(values[static_cast<Eigen::Index>(i)]) - lo) >> shift), static_cast<FeatureIndex>(i)};
  if (n < 4096) {
    std::vector<std::uint64_t>& packed = buffers.packed;
    packed.resize(n);
    for (std::size_t i = 0; i < n; ++i) packed[i] = std::uint64_t{keyed[i].prefix} << 32 | keyed[i].index;
    std::sort(packed.begin(), packed.end());
    for (std::size_t i = 0; i < n; ++i) keyed[i] = {static_cast<std::uint32_t>(packed[i] >> 32), static_cast<FeatureIndex>(packed[i])};
  } else {
    radix_sort(buffers);
  }
  const auto full_less = [&](const PrefixIndex& a, const PrefixIndex& b) {
    const std::uint64_t ka = rank_key(values[a.index]), kb = rank_key(values[b.index]);
    if (ka != kb) return ka < kb;
    return ids[a.index] < ids[b.index];
  };
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && keyed[j].prefix == keyed[i].prefix) ++j;
    if (j - i > 1)
      std::sort(keyed.begin() + static_cast<std::ptrdiff_t>(i), keyed.begin() + static_cast<std::ptrdiff_t>(j), full_less);
    i = j;
  }
  if (!tiers.empty()) {  // stable counting sort by tier keeps (key, id) order inside each tier
    std::array<std::size_t, 257> start{};
    for (const auto& e : keyed) ++start[static_cast<std::size_t>(tiers[e.index]) + 1];
    for (std::size_t t = 1; t < start.size(); ++t) start[t] += start[t - 1];
    for (const auto& e : keyed) out[start[tiers[e.index]]++] = e.index;
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] = keyed[i].index;
  }
}

/// Ranks raw values with optional tiers; ids break ties (rank_values above,
/// in buffers of its own).
[[nodiscard]] inline std::vector<FeatureIndex> rank_values(const Eigen::Ref<const Eigen::VectorXd>& values,
                                                           const std::vector<std::uint8_t>& tiers,
                                                           const std::vector<std::string>& ids) {
  std::vector<FeatureIndex> out;
  RankBuffers buffers;
  rank_values(values, tiers, ids, out, buffers);
  return out;
}

/// The first k of the ranking of raw values (tiers may be null), best first,
/// into heap (reused between calls). One pass, O(n log k).
inline void top_k_values(const double* v, const std::uint8_t* tiers, std::size_t n, std::size_t k,
                         const std::vector<std::string>& ids, std::vector<FeatureIndex>& heap) {
  heap.clear();
  k = std::min(k, n);
  if (k == 0) return;
  const RankLess less{v, tiers, &ids};
  // Max-heap by rank order: the front is the worst of the best k so far.
  for (FeatureIndex i = 0; i < k; ++i) heap.push_back(i);
  std::make_heap(heap.begin(), heap.end(), less);
  std::uint64_t worst = rank_key(v[heap.front()]);
  for (std::size_t i = k; i < n; ++i) {
    if (!tiers && rank_key(v[i]) > worst) continue;  // fast reject
    const auto fi = static_cast<FeatureIndex>(i);
    if (!less(fi, heap.front())) continue;
    std::pop_heap(heap.begin(), heap.end(), less);
    heap.back() = fi;
    std::push_heap(heap.begin(), heap.end(), less);
    worst = rank_key(v[heap.front()]);
  }
  std::sort_heap(heap.begin(), heap.end(), less);
}

}  // namespace prio::inline v1::detail
