// Private helpers of prio/plan.hpp: not API, may change in any release.
// A part of prio/plan.hpp, included by it after the declarations these helpers
// use: include "prio/plan.hpp" instead.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace prio::inline v1::detail {

[[nodiscard]] inline double sprint_capacity(const SprintOptions& o, std::size_t s) {
  return o.capacity[std::min(s, o.capacity.size() - 1)];
}

/// The free room of every sprint so far, for first fit: the earliest sprint at
/// or after a given one with room for a feature, in O(log sprints) instead of
/// a scan (a 10^6-feature backlog fills ~10^4 sprints). A max tree over the
/// sprints' free room, grown by doubling; leaves past the last sprint hold
/// -infinity. `free + eps >= need` is tested on the maxima, which is exact:
/// adding eps rounds monotonically, so a maximum passes iff one of its
/// leaves does.
class FirstFit {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return n_; }

  void push_back(double free) {
    if (n_ == cap_) grow();
    set(n_++, free);
  }

  void set(std::size_t s, double free) {
    std::size_t k = s + cap_;
    tree_[k] = free;
    for (k >>= 1; k != 0; k >>= 1) tree_[k] = std::max(tree_[2 * k], tree_[2 * k + 1]);
  }

  /// The first sprint s >= from with free[s] + eps >= need; max(from,
  /// size()) if none (the first sprint still to be opened).
  [[nodiscard]] std::size_t find(std::size_t from, double need, double eps) const {
    if (from >= n_) return from;
    auto fits = [&](std::size_t k) { return tree_[k] + eps >= need; };
    std::size_t k = from + cap_;
    if (!fits(k)) {
      for (;;) {  // the next subtree to the right of k's
        while ((k & 1) != 0) {
          if (k == 1) return n_;
          k >>= 1;
        }
        ++k;
        if (fits(k)) break;
      }
      while (k < cap_) k = fits(2 * k) ? 2 * k : 2 * k + 1;
    }
    return k - cap_;
  }

 private:
  void grow() {
    const std::size_t cap = std::max<std::size_t>(1, 2 * cap_);
    std::vector<double> tree(2 * cap, -std::numeric_limits<double>::infinity());
    std::copy(tree_.begin() + static_cast<std::ptrdiff_t>(cap_), tree_.begin() + static_cast<std::ptrdiff_t>(cap_ + n_),
              tree.begin() + static_cast<std::ptrdiff_t>(cap));
    for (std::size_t k = cap - 1; k != 0; --k) tree[k] = std::max(tree[2 * k], tree[2 * k + 1]);
    tree_ = std::move(tree);
    cap_ = cap;
  }

  std::vector<double> tree_;
  std::size_t cap_ = 0, n_ = 0;
};

}  // namespace prio::inline v1::detail
