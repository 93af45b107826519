// Private: id lookups in a batch on a backlog's index, for the dependency
// graph and the importers, which look up every link, and the readers' way to
// hand a backlog its columns at once. Not API, may change in any release.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"

namespace prio::inline v1::detail {

struct BacklogAccess {
  /// IdIndex::find_each on the backlog's ids: next_id() gives `count` ids in
  /// order, found(k, row) the row of the k-th (-1 when absent), in order.
  template <class NextId, class Found>
  static void find_each(const Backlog& b, std::size_t count, NextId&& next_id, Found&& found) {
    b.index_.find_each(count, std::forward<NextId>(next_id), std::forward<Found>(found), b.ids());
  }

  /// The readers' last step: Backlog::from_ids followed by set_titles,
  /// set_moscow, set_depends_on and set_parents (each column ids.size()
  /// long; parents may be empty: no hierarchy), without filling the columns
  /// with defaults first. Throws as from_ids for an empty id; returns the
  /// first row whose id repeats an earlier one and then moves nothing (b
  /// empty), else -1 and every column moved into b.
  static std::int64_t adopt_columns(Backlog& b, std::vector<std::string>& ids, std::vector<std::string>& titles,
                                    std::vector<Moscow>& moscow, std::vector<std::vector<std::string>>& depends_on,
                                    std::vector<std::string>& parents) {
    const std::size_t n = ids.size();
    if (titles.size() != n || moscow.size() != n || depends_on.size() != n || (!parents.empty() && parents.size() != n))
      throw error(errc::size_mismatch, "adopt_columns: the columns differ in length");
    b = Backlog();
    if (const std::int64_t dup = b.index_new_ids(ids); dup >= 0) return dup;
    b.ids_ = std::make_shared<std::vector<std::string>>(std::move(ids));
    b.titles_ = std::move(titles);
    b.moscow_ = std::move(moscow);
    b.depends_on_ = std::move(depends_on);
    if (parents.empty()) b.parents_.assign(n, {});
    else b.parents_ = std::move(parents);
    b.grow_rows(n);
    return -1;
  }
};

}  // namespace prio::inline v1::detail
