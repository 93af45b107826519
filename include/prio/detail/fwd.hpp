// Forward declarations of the private access classes that public types
// befriend: not API, may change in any release.
#pragma once

namespace prio::inline v1::detail {

struct BacklogAccess;    // prio/detail/backlog_access.hpp: the id index, for batched lookups
struct GraphAccess;      // prio/graph.hpp: DependencyGraph's adjacency arrays
struct SourceMapAccess;  // prio/io.hpp: SourceMap's construction by the readers
struct ScoresAccess;     // prio/scores.hpp: Scores' storage, for scoring into it
struct WeightedAccess;   // prio/strategies/weighted.hpp: the normalized matrix

}  // namespace prio::inline v1::detail
