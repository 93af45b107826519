// The commands' JSON results and the order policies by name (see report.hpp).
#include "report.hpp"

#include "list.hpp"
#include "prio/detail/prefetch.hpp"
#include "text.hpp"
#include "tool.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "prio/graph.hpp"
#include "prio/io.hpp"
#include "prio/score.hpp"
#include "prio/validate.hpp"
#include "prio/strategies/ice.hpp"
#include "prio/strategies/rice.hpp"
#include "prio/strategies/wsjf.hpp"

namespace prio::inline v1::report {

std::optional<OrderPolicy> order_policy(std::string_view name, const Backlog& backlog) {
  if (name == "none") return std::nullopt;
  if (name == "greedy") return greedy();
  if (name == "inherited") return inherited();
  if (name == "value-density") {
    if (!backlog.has_attribute("effort"))
      throw error(errc::invalid_argument, "--order value-density needs an 'effort' column (the duration of each feature)");
    return value_density(backlog.column("effort"));
  }
  throw error(errc::invalid_argument, "unknown --order '" + std::string(name) + "' (accepted: " + order_names + ")");
}

std::vector<FeatureIndex> order_features(const Backlog& backlog, const Scores& scores, std::string_view policy) {
  const std::optional<OrderPolicy> p = order_policy(policy, backlog);
  if (!p) return rank(scores);
  return order(DependencyGraph(backlog), scores, *p);
}

std::vector<FeatureIndex> order_features(const DependencyGraph& g, const Backlog& backlog, const Scores& scores, std::string_view policy) {
  const std::optional<OrderPolicy> p = order_policy(policy, backlog);
  if (!p) return rank(scores);
  return order(g, scores, *p);
}

Blockers::Blockers(const Backlog& b, const std::vector<FeatureIndex>& done) : b_(b), any_done_(!done.empty()) {
  if (!any_done_) return;
  is_done_.assign(b.size(), 0);
  for (const FeatureIndex d : done) is_done_[d] = 1;
}

const std::vector<const std::string*>& Blockers::operator()(FeatureIndex i) {
  blocked_.clear();
  for (const auto& dep : b_.depends_on(i)) {
    if (any_done_) {
      const auto j = b_.find(dep);
      if (j && is_done_[*j]) continue;
    }
    if (std::none_of(blocked_.begin(), blocked_.end(), [&dep](const std::string* x) { return *x == dep; })) blocked_.push_back(&dep);
  }
  return blocked_;
}

void prefetch_rows(const Backlog& b, const Scores& scores, const std::vector<FeatureIndex>& ranking, std::size_t place) {
  if (place + prefetch_ahead < ranking.size()) {
    const FeatureIndex i = ranking[place + prefetch_ahead];
    detail::prefetch(&b.ids()[i]);
    detail::prefetch(&b.titles()[i]);
    detail::prefetch(&b.depends_on()[i]);
    detail::prefetch(&b.moscow()[i]);
    detail::prefetch(scores.values().data() + i);
  }
  // Half as far ahead, the row's headers have arrived: what they point to.
  if (place + prefetch_ahead / 2 < ranking.size()) {
    const FeatureIndex i = ranking[place + prefetch_ahead / 2];
    detail::prefetch(b.titles()[i].data());
    detail::prefetch(b.depends_on()[i].data());
  }
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t k = s.find(',', start);
    std::string item(s.substr(start, k == std::string_view::npos ? std::string_view::npos : k - start));
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(std::move(item));
    if (k == std::string_view::npos) break;
    start = k + 1;
  }
  return out;
}

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  return format_number(v);
}

namespace {
std::string moscow_json(Moscow m) { return m == Moscow::unset ? std::string("null") : json_quote(to_string(m)); }
}  // namespace

std::string rank_json(const Backlog& b, const Scores& scores, std::string_view order, const std::vector<FeatureIndex>& ranking,
                      const std::vector<FeatureIndex>& done) {
  Blockers blockers(b, done);
  std::string text = "{\"schema\": 1, \"strategy\": " + json_quote(scores.strategy()) + ", \"order\": " + json_quote(order) +
                     ", \"ranking\": [";
  text.reserve(ranking.size() * 128);
  std::size_t place = 0;
  for (const FeatureIndex i : ranking) {
    prefetch_rows(b, scores, ranking, place);
    text += place == 0 ? "\n  " : ",\n  ";
    text += "{\"rank\": ";
    text += std::to_string(++place);
    text += ", \"id\": ";
    text += json_quote(b.id(i));
    text += ", \"title\": ";
    text += json_quote(b.title(i));
    text += ", \"score\": ";
    text += json_number(scores[i]);
    text += ", \"moscow\": ";
    text += moscow_json(b.moscow(i));
    text += ", \"blocked_by\": [";
    const auto& deps = blockers(i);
    for (std::size_t k = 0; k < deps.size(); ++k) {
      if (k) text += ", ";
      text += json_quote(*deps[k]);
    }
    text += "]}";
  }
  text += ranking.empty() ? "]}\n" : "\n]}\n";
  return text;
}

std::string rank_csv(const Backlog& b, const Scores& scores, const std::vector<FeatureIndex>& ranking,
                     const std::vector<FeatureIndex>& done) {
  // Streamed: a million-row ranking should not build a table of strings first.
  Blockers blockers(b, done);
  std::string text = "rank,id,title,score,moscow,blocked_by\n";
  text.reserve(ranking.size() * 64);
  std::size_t place = 0;
  std::string deps;
  for (const FeatureIndex i : ranking) {
    prefetch_rows(b, scores, ranking, place);
    text += std::to_string(++place);
    text += ',';
    detail::append_csv_field(text, b.id(i), true);
    text += ',';
    detail::append_csv_field(text, b.title(i), true);
    text += ',';
    text += format_number(scores[i]);
    text += ',';
    text += to_string(b.moscow(i));
    text += ',';
    deps.clear();
    for (const std::string* d : blockers(i)) {
      if (!deps.empty()) deps += ';';
      deps += *d;
    }
    detail::append_csv_field(text, deps, true);
    text += '\n';
  }
  return text;
}

std::vector<FeatureIndex> ready_sorted(const Backlog& b, const Scores& scores, const std::vector<FeatureIndex>& done) {
  const DependencyGraph g(b);
  std::vector<FeatureIndex> frontier = ready(g, done);
  const detail::RankLess less{scores.values().data(), scores.tiers().empty() ? nullptr : scores.tiers().data(), &scores.ids()};
  std::sort(frontier.begin(), frontier.end(), less);
  return frontier;
}

std::string ready_json(const Backlog& b, const Scores& scores, const std::vector<FeatureIndex>& done,
                       const std::vector<FeatureIndex>& frontier) {
  std::string text = "{\"schema\": 1, \"strategy\": " + json_quote(scores.strategy()) + ", \"done\": [";
  for (std::size_t k = 0; k < done.size(); ++k) text += (k ? ", " : "") + json_quote(b.id(done[k]));
  text += "], \"ready\": [";
  for (std::size_t k = 0; k < frontier.size(); ++k) {
    const FeatureIndex i = frontier[k];
    text += (k ? ",\n  " : "\n  ");
    text += "{\"id\": " + json_quote(b.id(i)) + ", \"title\": " + json_quote(b.title(i)) + ", \"score\": " + json_number(scores[i]) +
            ", \"moscow\": " + moscow_json(b.moscow(i)) + "}";
  }
  text += frontier.empty() ? "]}\n" : "\n]}\n";
  return text;
}

Simulation simulate(const Backlog& b, const Strategy& strategy, std::string_view by, Missing missing, bool strict,
                    std::string_view order, SimulationOptions o) {
  std::optional<DependencyGraph> graph;
  const std::optional<OrderPolicy> policy = order_policy(order, b);
  if (policy) {
    graph.emplace(b);
    o.order = [&graph, &policy](const Scores& s) { return prio::order(*graph, s, *policy); };
  }
  // The formula strategies draw only the columns they read and score from the draw matrices.
  if (by == "rice") return prio::simulate(b, rice({.strict = strict, .missing = missing}), o);
  if (by == "wsjf") return prio::simulate(b, wsjf({.strict = strict, .missing = missing}), o);
  if (by == "ice" || by == "ice-average")
    return prio::simulate(
        b, ice({.variant = by == "ice" ? IceVariant::product : IceVariant::average, .strict = strict, .missing = missing}), o);
  return prio::simulate(b, strategy, o);
}

std::string simulate_json(const Backlog& b, const Simulation& sim, const Scores& point, std::string_view order,
                          const std::vector<FeatureIndex>& rows, std::string_view calibration) {
  std::string text = "{\"schema\": 1, \"strategy\": " + json_quote(sim.strategy) + ", \"order\": " + json_quote(order) +
                     ", \"distribution\": " + json_quote(to_string(sim.distribution)) + ", \"draws\": " + std::to_string(sim.draws) +
                     ", \"seed\": " + std::to_string(sim.seed) + ", \"top_k\": " + std::to_string(sim.top_k) +
                     ", \"interval\": " + json_number(sim.interval) +
                     (calibration.empty() ? std::string() : ", \"calibration\": " + json_quote(calibration)) + ", \"uncertain\": [";
  for (std::size_t i = 0; i < sim.uncertain.size(); ++i) text += (i ? ", " : "") + json_quote(sim.uncertain[i]);
  text += "], \"features\": [";
  std::size_t place = 0;
  for (const FeatureIndex f : rows) {
    const auto i = static_cast<Eigen::Index>(f);
    text += place == 0 ? "\n  " : ",\n  ";
    text += "{\"rank\": " + std::to_string(++place) + ", \"id\": " + json_quote(b.id(f)) + ", \"score\": " + json_number(point[f]) +
            ", \"p_top_k\": " + json_number(sim.p_top_k[i]) + ", \"median_rank\": " + json_number(sim.median_rank[i]) +
            ", \"rank_lo\": " + json_number(sim.rank_lo[i]) + ", \"rank_hi\": " + json_number(sim.rank_hi[i]) +
            ", \"score_lo\": " + json_number(sim.score_lo[i]) + ", \"score_median\": " + json_number(sim.score_median[i]) +
            ", \"score_hi\": " + json_number(sim.score_hi[i]) + "}";
  }
  text += rows.empty() ? "]}\n" : "\n]}\n";
  return text;
}

std::string compare_json(const Backlog& b, const StrategyComparison& c, std::string_view order, double rbo_p, std::size_t top) {
  const std::size_t s = c.names.size();
  std::string text = "{\"schema\": 1, \"order\": " + json_quote(order) + ", \"rbo_p\": " + json_number(rbo_p) +
                     ", \"top_k\": " + std::to_string(top) + ",\n \"strategies\": [";
  for (std::size_t i = 0; i < s; ++i) {
    text += (i ? ",\n  " : "\n  ") + std::string("{\"name\": ") + json_quote(c.names[i]) + ", \"ranking\": [";
    for (std::size_t p = 0; p < c.rankings[i].size(); ++p) text += (p ? ", " : "") + json_quote(b.id(c.rankings[i][p]));
    text += "]}";
  }
  text += "],\n \"pairs\": [";
  bool first = true;
  for (std::size_t i = 0; i < s; ++i)
    for (std::size_t j = i + 1; j < s; ++j) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      text += std::string(first ? "\n  " : ",\n  ") + "{\"a\": " + json_quote(c.names[i]) + ", \"b\": " + json_quote(c.names[j]) +
              ", \"kendall_tau\": " + json_number(c.kendall_tau(ii, jj)) + ", \"spearman\": " + json_number(c.spearman(ii, jj)) +
              ", \"rbo\": " + json_number(c.rbo(ii, jj)) + ", \"top_k_overlap\": " + json_number(c.top_k_overlap(ii, jj)) +
              ", \"footrule\": " + json_number(c.footrule(ii, jj)) + "}";
      first = false;
    }
  text += first ? "],\n" : "\n ],\n";
  text += " \"movers\": [";
  for (std::size_t m = 0; m < c.movers.size(); ++m) {
    const Mover& mv = c.movers[m];
    text += std::string(m ? ",\n  " : "\n  ") + "{\"id\": " + json_quote(b.id(mv.feature)) + ", \"best\": " +
            std::to_string(mv.best + 1) + ", \"worst\": " + std::to_string(mv.worst + 1) + ", \"places\": [";
    for (std::size_t i = 0; i < s; ++i) text += (i ? ", " : "") + std::to_string(rank_positions(c.rankings[i])[mv.feature] + 1);
    text += "]}";
  }
  text += c.movers.empty() ? "]}\n" : "\n ]}\n";
  return text;
}

}  // namespace prio::v1::report

namespace prio::inline v1::report {

Distribution parse_distribution(std::string_view name) {
  for (auto d : {Distribution::triangular, Distribution::uniform, Distribution::pert, Distribution::lognormal})
    if (name == to_string(d)) return d;
  throw error(errc::invalid_argument, "unknown --distribution '" + std::string(name) + "' (accepted: triangular|uniform|pert|lognormal)");
}

Normalization parse_normalization(std::string_view name) {
  for (auto n : {Normalization::min_max, Normalization::z_score, Normalization::vector, Normalization::rank, Normalization::fixed})
    if (name == to_string(n)) return n;
  throw error(errc::invalid_argument, "unknown --normalization '" + std::string(name) + "' (accepted: min_max|z_score|vector|rank)");
}

namespace {
std::string json_opt(const std::optional<double>& d) { return d ? json_number(*d) : "null"; }
std::string json_bool(bool b) { return b ? "true" : "false"; }
}  // namespace

std::string sensitivity_json(const Backlog& b, const Sensitivity& s, std::string_view strategy) {
  std::string text = "{\"schema\": 1, \"strategy\": " + json_quote(strategy) + ", \"top_k\": " + std::to_string(s.top_k) + ", \"first\": " +
                     (s.ranking.empty() ? std::string("null") : json_quote(b.id(s.ranking[0]))) + ",\n \"weights\": [";
  for (std::size_t i = 0; i < s.weights.size(); ++i) {
    const WeightSensitivity& x = s.weights[i];
    text += std::string(i ? ",\n  " : "\n  ") + "{\"criterion\": " + json_quote(x.criterion) + ", \"weight\": " + json_number(x.weight) +
            ", \"top1_up\": " + json_opt(x.top1_up) + ", \"top1_up_rival\": " +
            (x.top1_up_rival ? json_quote(b.id(*x.top1_up_rival)) : "null") + ", \"top1_down\": " + json_opt(x.top1_down) +
            ", \"top1_down_rival\": " + (x.top1_down_rival ? json_quote(b.id(*x.top1_down_rival)) : "null") +
            ", \"top_k_up\": " + json_opt(x.top_k_up) + ", \"top_k_down\": " + json_opt(x.top_k_down) + "}";
  }
  text += "],\n \"leave_one_out\": [";
  for (std::size_t i = 0; i < s.leave_one_out.size(); ++i) {
    const LeaveOneOut& l = s.leave_one_out[i];
    text += std::string(i ? ",\n  " : "\n  ") + "{\"criterion\": " + json_quote(l.criterion) + ", \"kendall_tau\": " +
            json_number(l.kendall_tau) + ", \"spearman\": " + json_number(l.spearman) + ", \"top_k_overlap\": " +
            json_number(l.top_k_overlap) + ", \"same_top1\": " + json_bool(l.same_top1) + "}";
  }
  text += "],\n \"rank_reversal\": [";
  for (std::size_t i = 0; i < s.rank_reversal.size(); ++i) {
    const RankReversal& r = s.rank_reversal[i];
    text += std::string(i ? ",\n  " : "\n  ") + "{\"normalization\": " + json_quote(to_string(r.normalization)) +
            ", \"reordered\": " + json_bool(r.reordered) + ", \"moved\": " + std::to_string(r.moved) +
            ", \"kendall_tau\": " + json_number(r.kendall_tau) + ", \"worsened\": " +
            (r.worsened.empty() ? std::string("null") : json_quote(r.worsened)) + "}";
  }
  text += "]}\n";
  return text;
}

PlanResult plan(const Backlog& b, const Strategy& strategy, std::string_view order, const SprintOptions& o) {
  if (!b.has_attribute(o.effort))
    throw error(errc::invalid_argument, "the backlog has no '" + o.effort + "' column (choose one with --effort)",
                Location{{}, o.effort, {}, 0, 0});
  PlanResult r;
  r.scores = strategy.score(b);
  const DependencyGraph g(b);
  const std::vector<FeatureIndex> ord = order_features(g, b, r.scores, order);
  r.plan = plan_sprints(b, g, ord, o, r.scores.values());
  r.moscow = check_moscow(b, r.plan, o.effort);
  return r;
}

std::string plan_json(const Backlog& b, const PlanResult& p, const std::vector<double>& capacity) {
  const SprintPlan& plan = p.plan;
  const PlanMoscowReport& mr = p.moscow;
  std::string text = "{\"schema\": 1, \"strategy\": " + json_quote(p.scores.strategy()) + ", \"capacity\": [";
  for (std::size_t k = 0; k < capacity.size(); ++k) text += (k ? ", " : "") + json_number(capacity[k]);
  text += "], \"sprints\": [";
  for (std::size_t s = 0; s < plan.sprints.size(); ++s) {
    const auto& sp = plan.sprints[s];
    text += (s ? ",\n  " : "\n  ");
    text += "{\"sprint\": " + std::to_string(s + 1) + ", \"capacity\": " + json_number(sp.capacity) + ", \"used\": " + json_number(sp.used) +
            ", \"free\": " + json_number(sp.free) + ", \"value\": " + json_number(sp.value) + ", \"cumulative_value\": " + json_number(sp.cumulative_value) +
            ", \"must_share\": " + json_number(mr.sprints[s].report[Moscow::must].share) + ", \"could_share\": " +
            json_number(mr.sprints[s].report[Moscow::could].share) + ", \"features\": [";
    for (std::size_t k = 0; k < sp.features.size(); ++k) text += (k ? ", " : "") + json_quote(b.id(sp.features[k]));
    text += "]}";
  }
  text += plan.sprints.empty() ? "], \"unplanned\": [" : "\n], \"unplanned\": [";
  const auto un = plan.unplanned();
  for (std::size_t k = 0; k < un.size(); ++k) {
    const FeatureIndex i = un[k];
    text += (k ? ",\n  " : "\n  ");
    text += "{\"id\": " + json_quote(b.id(i)) + ", \"reason\": " + json_quote(to_string(plan.status[i])) + ", \"blocked_by\": " +
            (plan.blocked_by[i] ? json_quote(b.id(*plan.blocked_by[i])) : std::string("null")) + "}";
  }
  text += un.empty() ? "], " : "\n], ";
  text += "\"musts_first\": " + json_bool(mr.musts_first) + ", \"warnings\": [";
  std::size_t w = 0;
  for (const auto& d : mr.diagnostics) text += (w++ ? ", " : "") + json_quote(d.to_string());
  for (std::size_t s = 0; s < mr.sprints.size(); ++s)
    for (const auto& d : mr.sprints[s].report.diagnostics)
      if (d.code == errc::moscow_share)
        text += (w++ ? ", " : "") + json_quote("sprint " + std::to_string(s + 1) + ": " + d.message);
  text += "]}\n";
  return text;
}

namespace {
std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}
}  // namespace

std::vector<Bundle> read_bundles(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw error(errc::io_error, "cannot open the bundles file", Location{{}, {}, path, 0, 0});
  std::vector<Bundle> out;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (trim(line).empty()) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(trim(cell));
    if (number == 1 && !cells.empty() && cells[0] == "bundle") continue;
    if (cells.size() != 3)
      throw error(errc::parse_error, "expected 3 fields: bundle,value,features (features separated by ';')", Location{{}, {}, path, number, 0});
    Bundle b;
    b.id = cells[0];
    try {
      std::size_t used = 0;
      b.value = std::stod(cells[1], &used);
      if (used != cells[1].size() || !std::isfinite(b.value) || b.value < 0) throw std::invalid_argument("value");
    } catch (const std::exception&) {
      throw error(errc::parse_error, "value is not a number >= 0: '" + cells[1] + "'", Location{b.id, "value", path, number, 0});
    }
    std::stringstream fs(cells[2]);
    std::string f;
    while (std::getline(fs, f, ';'))
      if (!trim(f).empty()) b.features.push_back(trim(f));
    out.push_back(std::move(b));
  }
  return out;
}

std::string release_json(const Backlog& b, const ReleaseSelection& r, const std::vector<Bundle>& bundles, double budget) {
  std::string text = "{\"schema\": 1, \"budget\": " + json_number(budget) + ", \"cost\": " + json_number(r.cost) + ", \"value\": " +
                     json_number(r.value) + ", \"selected\": [";
  for (std::size_t k = 0; k < r.features.size(); ++k) text += (k ? ", " : "") + json_quote(b.id(r.features[k]));
  text += "], \"satisfied\": [";
  for (std::size_t k = 0; k < r.bundles.size(); ++k) text += (k ? ", " : "") + json_quote(bundles[r.bundles[k]].id);
  text += "], \"optimal\": " + json_bool(r.optimal) + ", \"bound\": " + json_opt(r.bound) + "}\n";
  return text;
}

namespace {
std::string_view role_name(TermRole r) {
  switch (r) {
    case TermRole::factor: return "factor";
    case TermRole::divisor: return "divisor";
    case TermRole::addend: return "addend";
  }
  return "factor";
}

// The fields of an explanation, without braces.
std::string explanation_fields(const Explanation& e, const char* indent) {
  std::string t = "\"id\": " + json_quote(e.id) + ", \"title\": " + json_quote(e.title) + ", \"strategy\": " + json_quote(e.strategy) +
                  ", \"formula\": " + json_quote(e.formula) + ", \"score\": " + json_number(e.score) +
                  ", \"category\": " + (e.category.empty() ? std::string("null") : json_quote(e.category)) + ", \"terms\": [";
  for (std::size_t k = 0; k < e.terms.size(); ++k) {
    const Term& x = e.terms[k];
    t += std::string(k ? ",\n" : "\n") + indent + "{\"name\": " + json_quote(x.name) + ", \"attribute\": " + json_quote(x.attribute) +
         ", \"role\": " + json_quote(role_name(x.role)) + ", \"raw\": " + json_number(x.raw) + ", \"normalized\": " + json_number(x.normalized) +
         ", \"weight\": " + json_number(x.weight) + ", \"contribution\": " + json_number(x.contribution) + ", \"note\": " + json_quote(x.note) + "}";
  }
  t += "], \"notes\": [";
  for (std::size_t k = 0; k < e.notes.size(); ++k) t += (k ? ", " : "") + json_quote(e.notes[k]);
  t += "]";
  return t;
}
}  // namespace

std::string explanation_json(const Explanation& e) { return "{\"schema\": 1, " + explanation_fields(e, "  ") + "}\n"; }

std::string comparison_json(const Comparison& c) {
  std::string t = "{\"schema\": 1, \"a_first\": " + json_bool(c.a_first) + ", \"reason\": " + json_quote(c.reason) + ",\n \"a\": {" +
                  explanation_fields(c.a, "   ") + "},\n \"b\": {" + explanation_fields(c.b, "   ") + "},\n \"differences\": [";
  for (std::size_t k = 0; k < c.differences.size(); ++k) {
    const TermDifference& d = c.differences[k];
    t += std::string(k ? ",\n  " : "\n  ") + "{\"name\": " + json_quote(d.name) + ", \"a\": " + json_number(d.a) + ", \"b\": " + json_number(d.b) +
         ", \"share\": " + json_number(d.share) + "}";
  }
  t += c.differences.empty() ? "]}\n" : "\n ]}\n";
  return t;
}

std::string diagnostics_array(const std::vector<Diagnostic>& ds) {
  std::string out = "[";
  for (std::size_t k = 0; k < ds.size(); ++k) {
    const Diagnostic& d = ds[k];
    out += k ? ",\n  " : "\n  ";
    out += "{\"severity\": " + json_quote(to_string(d.severity)) + ", \"code\": " + std::to_string(static_cast<unsigned>(d.code)) +
           ", \"code_name\": " + json_quote(to_string(d.code)) + ", \"message\": " + json_quote(d.message) +
           ", \"feature\": " + json_quote(d.where.feature) + ", \"field\": " + json_quote(d.where.field) +
           ", \"file\": " + json_quote(d.where.file) + ", \"line\": " + std::to_string(d.where.line) +
           ", \"column\": " + std::to_string(d.where.column) + "}";
  }
  out += ds.empty() ? "]" : "\n]";
  return out;
}

Strategy structure_only() {
  return custom("none", [](const Backlog& b) { return Eigen::VectorXd::Zero(static_cast<Eigen::Index>(b.size())).eval(); });
}

std::vector<Diagnostic> validation(const ReadResult& read, const Strategy& strategy) {
  std::vector<Diagnostic> ds = read.diagnostics;
  for (auto d : validate(read.backlog, strategy)) {
    read.locate(d);
    ds.push_back(std::move(d));
  }
  return ds;
}

std::string validate_json(const ReadResult& read, const std::vector<Diagnostic>& located) {
  return "{\"schema\": 1, \"file\": " + json_quote(read.source.file()) + ", \"features\": " + std::to_string(read.backlog.size()) +
         ", \"attributes\": " + std::to_string(read.backlog.attributes().size()) + ", \"ok\": " + json_bool(!has_errors(located)) +
         ", \"diagnostics\": " + diagnostics_array(located) + "}\n";
}

}  // namespace prio::v1::report
