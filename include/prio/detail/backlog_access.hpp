// Private: id lookups in a batch on a backlog's index, for the dependency
// graph and the importers, which look up every link. Not API, may change in
// any release.
#pragma once

#include <cstddef>
#include <utility>

#include "prio/backlog.hpp"

namespace prio::inline v1::detail {

struct BacklogAccess {
  /// IdIndex::find_each on the backlog's ids: next_id() gives `count` ids in
  /// order, found(k, row) the row of the k-th (-1 when absent), in order.
  template <class NextId, class Found>
  static void find_each(const Backlog& b, std::size_t count, NextId&& next_id, Found&& found) {
    b.index_.find_each(count, std::forward<NextId>(next_id), std::forward<Found>(found), b.ids());
  }
};

}  // namespace prio::inline v1::detail
