// The C ABI's rich results: simulation, graph, explanations, validation,
// comparison, sensitivity, plans and releases - the same computation and the
// same JSON (src/io/report.cpp) as the `prio` commands.
#include <cmath>
#include <string>
#include <utility>

#include "internal.hpp"
#include "io/report.hpp"
#include "options.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/experiment/sensitivity.hpp"
#include "prio/plan.hpp"
#include "prio/release.hpp"
#include "prio/score.hpp"
#include "prio/strategies/weighted.hpp"
#include "prio/validate.hpp"

namespace prio::capi {
namespace {

const ReadResult& read_of(const prio_backlog* backlog, const char* function) {
  require(backlog, function, "backlog");
  return *backlog->read;
}

// validate(b, strategy) as `prio` checks a backlog before using it.
void check(const ReadResult& read, const Strategy& strategy) { fail_on_errors(validate(read.backlog, strategy), &read); }

template <class F>
char* json_call(prio_error** err, std::size_t* size, F&& f) noexcept {
  return guarded(err, static_cast<char*>(nullptr), [&] { return to_c_string(f(), size); });
}

FeatureIndex feature(const Backlog& b, const char* id, const char* function, const char* name) {
  require(id, function, name);
  return find_ids(b, {id}, function).front();
}

std::vector<Bundle> bundles_of(Options& o) {
  // A file name (as --bundles) or the bundles themselves:
  // [{"bundle": "acme", "value": 40, "features": ["sso", "scim"]}].
  const nlohmann::json& v = o.raw("bundles");
  if (v.is_null()) return {};
  if (v.is_string()) return report::read_bundles(v.get<std::string>());
  const char* shape = "a bundles file name or an array of {\"bundle\": ID, \"value\": NUMBER, \"features\": [IDS]}";
  if (!v.is_array()) fail(errc::invalid_argument, std::string(o.function) + ": option 'bundles' must be " + shape, Location{{}, "bundles", {}, 0, 0});
  std::vector<Bundle> out;
  for (const auto& x : v) {
    if (!x.is_object() || !x.contains("bundle") || !x["bundle"].is_string() || !x.contains("value") || !x["value"].is_number() ||
        !x.contains("features") || !x["features"].is_array())
      fail(errc::invalid_argument, std::string(o.function) + ": option 'bundles' must be " + shape, Location{{}, "bundles", {}, 0, 0});
    Bundle b;
    b.id = x["bundle"].get<std::string>();
    b.value = x["value"].get<double>();
    if (!std::isfinite(b.value) || b.value < 0)
      fail(errc::invalid_value, "value is not a number >= 0", Location{b.id, "value", {}, 0, 0});
    for (const auto& f : x["features"]) {
      if (!f.is_string()) fail(errc::invalid_argument, std::string(o.function) + ": option 'bundles' must be " + shape, Location{{}, "bundles", {}, 0, 0});
      b.features.push_back(f.get<std::string>());
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace
}  // namespace prio::capi

using namespace prio::capi;
using prio::FeatureIndex;

extern "C" {

// ---- graph ---------------------------------------------------------------------

prio_graph* prio_graph_new(const prio_backlog* backlog, prio_error** err) {
  return guarded(err, static_cast<prio_graph*>(nullptr), [&] {
    const prio::ReadResult& read = read_of(backlog, "prio_graph_new");
    fail_on_errors(prio::validate(read.backlog), &read);  // unknown dependencies and cycles, located
    return new prio_graph{backlog->read, prio::DependencyGraph(read.backlog)};
  });
}

void prio_graph_free(prio_graph* graph) { delete graph; }
size_t prio_graph_size(const prio_graph* graph) { return graph ? graph->graph.size() : 0; }
size_t prio_graph_edge_count(const prio_graph* graph) { return graph ? graph->graph.edge_count() : 0; }

size_t prio_graph_prerequisites(const prio_graph* graph, size_t i, size_t* out, size_t capacity) {
  if (!graph || i >= graph->graph.size()) return SIZE_MAX;
  const auto p = graph->graph.prerequisites(static_cast<FeatureIndex>(i));
  for (size_t k = 0; out && k < p.size() && k < capacity; ++k) out[k] = p[k];
  return p.size();
}

size_t prio_graph_dependents(const prio_graph* graph, size_t i, size_t* out, size_t capacity) {
  if (!graph || i >= graph->graph.size()) return SIZE_MAX;
  const auto p = graph->graph.dependents(static_cast<FeatureIndex>(i));
  for (size_t k = 0; out && k < p.size() && k < capacity; ++k) out[k] = p[k];
  return p.size();
}

size_t prio_graph_ready(const prio_graph* graph, const size_t* done, size_t done_count, size_t* out, size_t capacity, prio_error** err) {
  return guarded(err, SIZE_MAX, [&]() -> size_t {
    require(graph, "prio_graph_ready", "graph");
    if (done_count > 0) require(done, "prio_graph_ready", "done");
    std::vector<FeatureIndex> d;
    for (size_t k = 0; k < done_count; ++k) {
      if (done[k] >= graph->graph.size())
        fail(prio::errc::invalid_argument, "prio_graph_ready: done[" + std::to_string(k) + "] = " + std::to_string(done[k]) +
                                               " is not a feature index (the backlog has " + std::to_string(graph->graph.size()) + ")");
      d.push_back(static_cast<FeatureIndex>(done[k]));
    }
    const std::vector<FeatureIndex> r = prio::ready(graph->graph, d);
    for (size_t k = 0; out && k < r.size() && k < capacity; ++k) out[k] = r[k];
    return r.size();
  });
}

char* prio_ready_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err) {
  return json_call(err, size, [&] {
    const prio::ReadResult& read = read_of(backlog, "prio_ready_json");
    Options o(options_json, "prio_ready_json");
    const prio::Strategy strategy = o.strategy();
    const std::vector<std::string> done_ids = o.list("done");
    o.finish();
    check(read, strategy);
    const prio::Backlog& b = read.backlog;
    const std::vector<FeatureIndex> done = find_ids(b, done_ids, "done");
    const prio::Scores scores = strategy.score(b);
    return prio::report::ready_json(b, scores, done, prio::report::ready_sorted(b, scores, done));
  });
}

// ---- simulation ----------------------------------------------------------------

namespace {

prio_simulation* run_simulation(const prio_backlog* backlog, const char* options_json, prio_progress_fn progress, void* user,
                          const char* function, prio_error** err) {
  return guarded(err, static_cast<prio_simulation*>(nullptr), [&] {
    const prio::ReadResult& read = read_of(backlog, function);
    Options o(options_json, function);
    const std::string by = o.string("by", "rice");
    o.set("by", by.c_str());
    const prio::Strategy strategy = o.strategy();
    const prio::Missing missing = prio::parse_missing(o.string("missing", "error"));
    const bool strict = o.boolean("strict", false);
    std::string order = o.string("order", "none");
    prio::SimulationOptions so;
    so.draws = static_cast<std::size_t>(o.integer("draws", 10000));
    so.seed = o.integer("seed", 0);
    so.top_k = static_cast<std::size_t>(o.integer("top", 10));
    so.distribution = prio::report::parse_distribution(o.string("distribution", "triangular"));
    so.interval = o.number("interval", 0.9);
    so.threads = static_cast<unsigned>(o.integer("threads", 0));
    const auto limit = static_cast<std::size_t>(o.integer("limit", 0));
    o.finish();
    if (progress) so.on_progress = [progress, user](std::size_t done, std::size_t total) { return progress(done, total, user) != 0; };
    if (so.draws == 0) fail(prio::errc::invalid_argument, "prio_simulate: 'draws' must be at least 1", prio::Location{{}, "draws", {}, 0, 0});
    if (!(so.interval > 0 && so.interval < 1))
      fail(prio::errc::invalid_argument, "prio_simulate: 'interval' must be in (0, 1)", prio::Location{{}, "interval", {}, 0, 0});
    const prio::Backlog& b = read.backlog;
    (void)prio::report::order_policy(order, b);
    check(read, strategy);
    auto out = std::make_unique<prio_simulation>();
    out->read = backlog->read;
    out->sim = prio::report::simulate(b, strategy, by, missing, strict, order, so);
    out->point = strategy.score(b);
    out->order = std::move(order);
    out->limit = limit;
    out->ranking.assign(out->sim.ranking.begin(), out->sim.ranking.end());
    return out.release();
  });
}

}  // namespace

prio_simulation* prio_simulate(const prio_backlog* backlog, const char* options_json, prio_error** err) {
  return run_simulation(backlog, options_json, nullptr, nullptr, "prio_simulate", err);
}

prio_simulation* prio_simulate_with_progress(const prio_backlog* backlog, const char* options_json, prio_progress_fn progress,
                                             void* user, prio_error** err) {
  return run_simulation(backlog, options_json, progress, user, "prio_simulate_with_progress", err);
}

void prio_simulation_free(prio_simulation* simulation) { delete simulation; }
size_t prio_simulation_size(const prio_simulation* s) { return s ? static_cast<size_t>(s->sim.p_top_k.size()) : 0; }
const double* prio_simulation_p_top_k(const prio_simulation* s) { return s ? s->sim.p_top_k.data() : nullptr; }
const double* prio_simulation_median_rank(const prio_simulation* s) { return s ? s->sim.median_rank.data() : nullptr; }
const double* prio_simulation_rank_lo(const prio_simulation* s) { return s ? s->sim.rank_lo.data() : nullptr; }
const double* prio_simulation_rank_hi(const prio_simulation* s) { return s ? s->sim.rank_hi.data() : nullptr; }
const double* prio_simulation_score_lo(const prio_simulation* s) { return s ? s->sim.score_lo.data() : nullptr; }
const double* prio_simulation_score_median(const prio_simulation* s) { return s ? s->sim.score_median.data() : nullptr; }
const double* prio_simulation_score_hi(const prio_simulation* s) { return s ? s->sim.score_hi.data() : nullptr; }
const size_t* prio_simulation_ranking(const prio_simulation* s) { return s ? s->ranking.data() : nullptr; }

char* prio_simulation_to_json(const prio_simulation* simulation, size_t* size, prio_error** err) {
  return json_call(err, size, [&] {
    require(simulation, "prio_simulation_to_json", "simulation");
    const auto& s = *simulation;
    std::vector<FeatureIndex> rows = s.sim.ranking;
    if (s.limit > 0 && rows.size() > s.limit) rows.resize(s.limit);
    return prio::report::simulate_json(s.read->backlog, s.sim, s.point, s.order, rows);
  });
}

// ---- explanations and validation -----------------------------------------------

char* prio_explain_json(const prio_backlog* backlog, const char* id, const char* other_id, const char* options_json, size_t* size,
                        prio_error** err) {
  return json_call(err, size, [&] {
    const prio::ReadResult& read = read_of(backlog, "prio_explain_json");
    Options o(options_json, "prio_explain_json");
    const prio::Strategy strategy = o.strategy();
    o.finish();
    const prio::Backlog& b = read.backlog;
    const FeatureIndex a = feature(b, id, "prio_explain_json", "id");
    const std::optional<FeatureIndex> other =
        other_id ? std::optional<FeatureIndex>(feature(b, other_id, "prio_explain_json", "other_id")) : std::nullopt;
    check(read, strategy);
    return other ? prio::report::comparison_json(prio::explain(b, strategy, a, *other))
                 : prio::report::explanation_json(prio::explain(b, strategy, a));
  });
}

char* prio_validate_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err) {
  return json_call(err, size, [&] {
    const prio::ReadResult& read = read_of(backlog, "prio_validate_json");
    Options o(options_json, "prio_validate_json");
    const bool structure = o.boolean("structure_only", false);
    const prio::Strategy strategy = structure ? prio::report::structure_only() : o.strategy();
    o.finish();
    return prio::report::validate_json(read, prio::report::validation(read, strategy));
  });
}

// ---- experiments ---------------------------------------------------------------

char* prio_compare_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err) {
  return json_call(err, size, [&] {
    const prio::ReadResult& read = read_of(backlog, "prio_compare_json");
    Options o(options_json, "prio_compare_json");
    const auto strategies = o.strategies("rice,wsjf");
    const std::string order = o.string("order", "none");
    prio::CompareOptions co;
    co.top_k = static_cast<std::size_t>(o.integer("top", 10));
    co.rbo_p = o.number("rbo_p", 0.9);
    co.movers = static_cast<std::size_t>(o.integer("movers", 10));
    o.finish();
    if (!(co.rbo_p > 0 && co.rbo_p < 1))
      fail(prio::errc::invalid_argument, "prio_compare_json: 'rbo_p' must be in (0, 1)", prio::Location{{}, "rbo_p", {}, 0, 0});
    const prio::Backlog& b = read.backlog;
    (void)prio::report::order_policy(order, b);
    for (const auto& s : strategies) check(read, s.second);
    if (order != "none") co.order = [&b, &order](const prio::Scores& s) { return prio::report::order_features(b, s, order); };
    return prio::report::compare_json(b, prio::compare_strategies(b, strategies, co), order, co.rbo_p, co.top_k);
  });
}

char* prio_sensitivity_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err) {
  return json_call(err, size, [&] {
    const prio::ReadResult& read = read_of(backlog, "prio_sensitivity_json");
    Options o(options_json, "prio_sensitivity_json");
    const std::string weights = o.string("weights", "");
    const prio::Normalization n = prio::report::parse_normalization(o.string("normalization", "min_max"));
    const prio::Missing missing = prio::parse_missing(o.string("missing", "error"));
    const auto top = static_cast<std::size_t>(o.integer("top", 3));
    o.finish();
    if (weights.empty())
      fail(prio::errc::invalid_argument, "prio_sensitivity_json: 'weights' is required, e.g. \"retention=0.6,effort=-0.4\"",
           prio::Location{{}, "weights", {}, 0, 0});
    const prio::Weighted w = prio::weighted(prio::parse_weights(weights), n, missing);
    (void)w.weights();
    check(read, w);
    const prio::Sensitivity s = prio::sensitivity(read.backlog, w, {.top_k = top});
    return prio::report::sensitivity_json(read.backlog, s, w.name());
  });
}

char* prio_plan_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err) {
  return json_call(err, size, [&] {
    const prio::ReadResult& read = read_of(backlog, "prio_plan_json");
    Options o(options_json, "prio_plan_json");
    const prio::Strategy strategy = o.strategy();
    const std::string order = o.string("order", "greedy");
    prio::SprintOptions so;
    so.capacity = o.numbers("capacity");
    so.max_sprints = static_cast<std::size_t>(o.integer("sprints", 0));
    so.effort = o.string("effort", "effort");
    so.same_sprint_dependencies = !o.boolean("separate_sprints", false);
    so.plan_wont = o.boolean("plan_wont", false);
    o.finish();
    if (so.capacity.empty())
      fail(prio::errc::invalid_argument, "prio_plan_json: 'capacity' is required: points per sprint, a number or an array",
           prio::Location{{}, "capacity", {}, 0, 0});
    for (const double c : so.capacity)
      if (!(c > 0) || !std::isfinite(c))
        fail(prio::errc::invalid_argument, "prio_plan_json: 'capacity' values must be numbers > 0", prio::Location{{}, "capacity", {}, 0, 0});
    check(read, strategy);
    (void)prio::report::order_policy(order, read.backlog);
    return prio::report::plan_json(read.backlog, prio::report::plan(read.backlog, strategy, order, so), so.capacity);
  });
}

char* prio_release_json(const prio_backlog* backlog, const char* options_json, size_t* size, prio_error** err) {
  return json_call(err, size, [&] {
    const prio::ReadResult& read = read_of(backlog, "prio_release_json");
    Options o(options_json, "prio_release_json");
    const double budget = o.number("budget", -1);
    const std::vector<prio::Bundle> bundles = bundles_of(o);
    prio::ReleaseAttributes attr;
    attr.effort = o.string("effort", "effort");
    const std::string value = o.string("value", "");
    prio::ReleaseOptions ro;
    ro.time_limit = o.number("time_limit", 10);
    ro.seed = o.integer("seed", 1);
    const bool score = value.empty() && bundles.empty();
    std::optional<prio::Strategy> strategy;
    if (score) strategy = o.strategy();
    o.finish();
    if (!(budget >= 0))
      fail(prio::errc::invalid_argument, "prio_release_json: 'budget' (>= 0) is required: the effort the release may use",
           prio::Location{{}, "budget", {}, 0, 0});
    if (!(ro.time_limit >= 0))
      fail(prio::errc::invalid_argument, "prio_release_json: 'time_limit' must be >= 0", prio::Location{{}, "time_limit", {}, 0, 0});
    prio::Backlog b = read.backlog;
    if (!value.empty()) {
      attr.value = value;
    } else if (score) {
      // No bundles and no value column: each feature is worth its score.
      check(read, *strategy);
      Eigen::VectorXd v = strategy->score(b).values();
      for (Eigen::Index i = 0; i < v.size(); ++i)
        if (std::isnan(v[i]) || v[i] < 0) v[i] = 0;
      b.set_column("prio_release_value", v);
      attr.value = "prio_release_value";
    }
    const prio::DependencyGraph g(b);
    const prio::ReleaseSelection r = prio::select_release(b, g, bundles, budget, ro, attr);
    return prio::report::release_json(b, r, bundles, budget);
  });
}

}  // extern "C"
