// MoSCoW: category first, a secondary strategy inside each category.
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {

/// Orders must, should, could, unset (not yet triaged), wont; inside each
/// category by the secondary strategy. The scores are the secondary's, with
/// the category as the tier (see prio::Scores).
struct MoscowStrategy {
  Strategy secondary;

  [[nodiscard]] std::string name() const { return "moscow(" + secondary.name() + ")"; }
  [[nodiscard]] Scores score(const Backlog& b) const {
    Scores s;
    score_into(b, s);
    return s;
  }
  void score_into(const Backlog& b, Scores& out) const {
    const std::string label = name();
    secondary.score_into(b, out);  // leaves out empty if it throws
    detail::ScoresAccess::finish(out, b, label);
    std::vector<std::uint8_t>& tiers = detail::ScoresAccess::tiers(out);
    tiers.resize(b.size());
    for (FeatureIndex i = 0; i < b.size(); ++i) tiers[i] = static_cast<std::uint8_t>(b.moscow(i));
  }
  void check(const Backlog& b, std::vector<Diagnostic>& out) const { secondary.check(b, out); }
  [[nodiscard]] Explanation explain(const Backlog& b, FeatureIndex i) const {
    Explanation e = secondary.explain(b, i);
    e.strategy = name();
    e.category = b.moscow(i) == Moscow::unset ? "unset" : std::string(to_string(b.moscow(i)));
    e.formula = "category (must, should, could, unset, wont), then " + e.formula;
    return e;
  }
};

/// MoSCoW ordering with a secondary strategy: prio::moscow(prio::rice()).
[[nodiscard]] inline MoscowStrategy moscow(Strategy secondary) { return MoscowStrategy{std::move(secondary)}; }

/// Effort shares per MoSCoW category against the DSDM guidance.
struct MoscowShare {
  Moscow category = Moscow::unset;
  std::size_t features = 0;
  double effort = 0;
  double share = 0;  ///< of the effort of must + should + could + unset (wont is outside the timebox)
};

struct MoscowReport {
  std::array<MoscowShare, 5> shares;  ///< indexed by static_cast<int>(Moscow)
  double total_effort = 0;            ///< effort in the timebox (everything but wont)
  bool must_ok = true;                ///< must share <= must_limit
  bool could_ok = true;               ///< could share within could_target +- could_tolerance
  std::vector<Diagnostic> diagnostics;  ///< warnings: shares off the guidance, missing effort, untriaged features

  [[nodiscard]] const MoscowShare& operator[](Moscow m) const { return shares[static_cast<std::size_t>(m)]; }
};

struct MoscowGuidance {
  double must_limit = 0.6;       ///< DSDM: Musts at most 60% of the effort
  double could_target = 0.2;     ///< DSDM: Coulds about 20%, the contingency
  double could_tolerance = 0.1;  ///< accepted distance from could_target
};

/// Reports each category's share of effort against the DSDM guidance (Must <=
/// 60%, Could about 20%). Features without an effort value are counted and
/// warned about, not guessed. Throws prio::error (unknown_attribute) when the
/// backlog has no such attribute.
/// The same report over a subset of the features (one release or sprint of a
/// plan); indices must be < b.size().
[[nodiscard]] inline MoscowReport check_moscow(const Backlog& b, const std::vector<FeatureIndex>& subset,
                                               const std::string& effort_attribute = "effort", MoscowGuidance guidance = {}) {
  const auto effort = b.column(effort_attribute);
  MoscowReport r;
  for (std::size_t c = 0; c < r.shares.size(); ++c) r.shares[c].category = static_cast<Moscow>(c);
  std::size_t without_effort = 0;
  for (const FeatureIndex i : subset) {
    auto& s = r.shares[static_cast<std::size_t>(b.moscow(i))];
    ++s.features;
    const double e = effort[static_cast<Eigen::Index>(i)];
    if (std::isnan(e)) {
      ++without_effort;
      continue;
    }
    s.effort += e;
    if (b.moscow(i) != Moscow::wont) r.total_effort += e;
  }
  for (auto& s : r.shares) s.share = (r.total_effort > 0 && s.category != Moscow::wont) ? s.effort / r.total_effort : 0.0;
  auto pct = [](double x) { return std::to_string(static_cast<int>(std::lround(100 * x))) + "%"; };
  const double must = r[Moscow::must].share, could = r[Moscow::could].share;
  r.must_ok = must <= guidance.must_limit + 1e-12;
  r.could_ok = std::abs(could - guidance.could_target) <= guidance.could_tolerance + 1e-12;
  if (!r.must_ok)
    r.diagnostics.push_back({Severity::warning, errc::moscow_share, Location{{}, effort_attribute, {}, 0, 0},
                             "Must features take " + pct(must) + " of the effort; DSDM advises at most " + pct(guidance.must_limit)});
  if (!r.could_ok)
    r.diagnostics.push_back({Severity::warning, errc::moscow_share, Location{{}, effort_attribute, {}, 0, 0},
                             "Could features take " + pct(could) + " of the effort; DSDM advises about " + pct(guidance.could_target) +
                                 " as contingency"});
  if (without_effort > 0)
    r.diagnostics.push_back({Severity::warning, errc::effort_missing, Location{{}, effort_attribute, {}, 0, 0},
                             std::to_string(without_effort) + " feature(s) have no effort value and are left out of the shares"});
  if (r[Moscow::unset].features > 0)
    r.diagnostics.push_back({Severity::note, errc::moscow_unset, Location{{}, "moscow", {}, 0, 0},
                             std::to_string(r[Moscow::unset].features) + " feature(s) have no MoSCoW category"});
  return r;
}

/// The report over every feature of the backlog.
[[nodiscard]] inline MoscowReport check_moscow(const Backlog& b, const std::string& effort_attribute = "effort",
                                               MoscowGuidance guidance = {}) {
  std::vector<FeatureIndex> all(b.size());
  for (FeatureIndex i = 0; i < b.size(); ++i) all[i] = i;
  return check_moscow(b, all, effort_attribute, guidance);
}

}  // namespace v1
}  // namespace prio
