// Strategy specs as a user types them: `rice`, `moscow:wsjf`,
// `weighted:z_score` with `retention=0.6,effort=-0.4`. The same parser serves
// the `prio` tool (--by, --weights, --missing), the C ABI, Python and
// JavaScript, so a product tool that lets its users type a strategy accepts
// exactly what they accept. Compiled in prio::io (link prio::io).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "prio/strategies/weighted.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

/// Options for the strategies parse_strategy builds.
struct StrategyOptions {
  /// For "weighted": `retention=0.6,effort=-0.4` (a negative weight makes a
  /// cost criterion, lower is better) or the path of a weights file.
  std::string weights;
  Missing missing = Missing::error;
  /// Intercom / SAFe scales enforced (RICE impact and confidence, WSJF Fibonacci).
  bool strict = false;
};

/// Parses a strategy spec: rice | ice | ice-average | wsjf |
/// moscow[:SECONDARY] (default secondary rice) | weighted[:NORMALIZATION]
/// (min_max (default), z_score, vector, rank, jpd). Throws prio::error
/// (invalid_argument, invalid_weight) with a message listing what is accepted.
[[nodiscard]] Strategy parse_strategy(std::string_view spec, const StrategyOptions& options = {});

/// Parses weights: `retention=0.6,effort=-0.4` (also `;` or newlines between
/// entries), or, when the text names an existing file, that file: one
/// `name = weight` per line, `#` comments. Throws prio::error (invalid_weight).
[[nodiscard]] std::vector<Criterion> parse_weights(std::string_view spec);

/// "error" | "worst" | "skip". Throws prio::error (invalid_argument).
[[nodiscard]] Missing parse_missing(std::string_view text);

}  // namespace v1
}  // namespace prio
