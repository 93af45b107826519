// Strategy specs of the command line: "rice", "moscow:wsjf", "weighted" + weights.
#include <fast_float/fast_float.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "prio/io.hpp"
#include "prio/spec.hpp"
#include "prio/strategies/ice.hpp"
#include "prio/strategies/moscow.hpp"
#include "prio/strategies/rice.hpp"
#include "prio/strategies/weighted.hpp"
#include "prio/strategies/wsjf.hpp"
#include "text.hpp"

namespace prio {
inline namespace v1 {

namespace {

constexpr std::string_view accepted =
    "rice, ice, ice-average, wsjf, moscow[:SECONDARY] (e.g. moscow:wsjf), weighted[:min_max|z_score|vector|rank|jpd]";

Strategy simple(std::string_view name, const StrategyOptions& o) {
  if (name == "rice") return rice({.strict = o.strict, .missing = o.missing});
  if (name == "ice") return ice({.strict = o.strict, .missing = o.missing});
  if (name == "ice-average") return ice({.variant = IceVariant::average, .strict = o.strict, .missing = o.missing});
  if (name == "wsjf") return wsjf({.strict = o.strict, .missing = o.missing});
  if (name == "weighted" || name.starts_with("weighted:")) {
    Normalization n = Normalization::min_max;
    if (name.size() > 9) {
      const std::string_view norm = name.substr(9);
      if (norm == "min_max" || norm == "min-max") n = Normalization::min_max;
      else if (norm == "z_score" || norm == "z-score" || norm == "zscore") n = Normalization::z_score;
      else if (norm == "vector") n = Normalization::vector;
      else if (norm == "rank") n = Normalization::rank;
      else if (norm == "jpd") n = Normalization::jpd;
      else
        throw error(errc::invalid_argument,
                    "unknown normalization '" + std::string(norm) + "' (accepted: min_max, z_score, vector, rank, jpd)");
    }
    if (detail::trim(o.weights).empty())
      throw error(errc::invalid_argument, "the weighted strategy needs weights, e.g. --weights retention=0.6,effort=-0.4 or --weights FILE");
    return weighted(parse_weights(o.weights), n, o.missing);
  }
  throw error(errc::invalid_argument, "unknown strategy '" + std::string(name) + "' (accepted: " + std::string(accepted) + ")");
}

std::vector<Criterion> parse_weight_lines(std::string_view text, const std::string& file) {
  std::vector<Criterion> out;
  std::size_t line = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view row = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line;
    if (const auto h = row.find('#'); h != std::string_view::npos) row = row.substr(0, h);
    const Location where{{}, {}, file, file.empty() ? 0 : line, 0};
    while (!row.empty()) {
      const std::size_t k = row.find_first_of(",;");
      std::string_view entry = detail::trim(row.substr(0, k));
      row = k == std::string_view::npos ? std::string_view{} : row.substr(k + 1);
      if (!entry.empty() && entry.back() == '\r') entry = detail::trim(entry.substr(0, entry.size() - 1));
      if (entry.empty()) continue;
      std::size_t eq = entry.find('=');
      if (eq == std::string_view::npos) eq = entry.find(':');
      if (eq == std::string_view::npos)
        throw error(errc::invalid_weight, "a weight is NAME=WEIGHT (negative for a cost criterion), got '" + std::string(entry) + "'", where);
      const std::string_view name = detail::trim(entry.substr(0, eq));
      std::string_view num = detail::trim(entry.substr(eq + 1));
      if (!num.empty() && num.front() == '+') num.remove_prefix(1);
      double w = 0;
      const auto r = fast_float::from_chars(num.data(), num.data() + num.size(), w);
      if (name.empty() || num.empty() || r.ec != std::errc() || r.ptr != num.data() + num.size() || !std::isfinite(w))
        throw error(errc::invalid_weight, "a weight is NAME=WEIGHT with a finite number, got '" + std::string(entry) + "'", where);
      for (const auto& c : out)
        if (c.attribute == name) throw error(errc::invalid_weight, "criterion '" + std::string(name) + "' is weighted twice", where);
      out.push_back(Criterion{std::string(name), std::abs(w), w < 0 ? Direction::cost : Direction::benefit});
    }
  }
  if (out.empty()) throw error(errc::invalid_weight, "no weights given", Location{{}, {}, file, 0, 0});
  return out;
}

}  // namespace

std::vector<Criterion> parse_weights(std::string_view spec) {
  const std::string_view s = detail::trim(spec);
  std::error_code ec;
  // Text without '=' that names anything on disk is a weights file: a
  // regular file, a FIFO or <(...) is read; a directory is an error.
  if (!s.empty() && s.find('=') == std::string_view::npos && std::filesystem::exists(std::filesystem::path(s), ec)) {
    std::string text, why;
    if (!detail::read_whole_file(std::filesystem::path(s), text, why))
      throw error(errc::io_error, "weights file: " + why, Location{{}, {}, std::string(s), 0, 0});
    return parse_weight_lines(text, std::string(s));
  }
  return parse_weight_lines(s, {});
}

Missing parse_missing(std::string_view text) {
  const std::string_view s = detail::trim(text);
  if (s == "error") return Missing::error;
  if (s == "worst") return Missing::worst;
  if (s == "skip") return Missing::skip;
  throw error(errc::invalid_argument, "unknown missing-value policy '" + std::string(s) + "' (accepted: error, worst, skip)");
}

Strategy parse_strategy(std::string_view spec, const StrategyOptions& options) {
  const std::string_view s = detail::trim(spec);
  if (s == "moscow" || s.starts_with("moscow:")) {
    const std::string_view secondary = s.size() > 7 ? s.substr(7) : std::string_view("rice");
    if (secondary == "moscow" || secondary.starts_with("moscow:"))
      throw error(errc::invalid_argument, "moscow's secondary strategy cannot be moscow again");
    return moscow(simple(secondary, options));
  }
  return simple(s, options);
}

}  // namespace v1
}  // namespace prio
