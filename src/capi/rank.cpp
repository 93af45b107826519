// Scores and rankings through the C ABI: the same steps as `prio rank`.
#include <string>
#include <utility>

#include "internal.hpp"
#include "io/report.hpp"
#include "options.hpp"
#include "prio/validate.hpp"

namespace prio::capi {
namespace {

// The backlog checked against the strategy as `prio rank` checks it (unknown
// and self dependencies, cycles, the values the strategy needs), then scored.
Scores checked_score(const prio_backlog& backlog, const Strategy& strategy) {
  fail_on_errors(validate(backlog.backlog(), strategy), backlog.read.get());
  return strategy.score(backlog.backlog());
}

prio_scores* score(const prio_backlog* backlog, Options& o) {
  require(backlog, o.function, "backlog");
  const Strategy strategy = o.strategy();
  o.finish();
  auto out = std::make_unique<prio_scores>();
  out->scores = checked_score(*backlog, strategy);
  return out.release();
}

prio_ranking* rank(const prio_backlog* backlog, Options& o) {
  require(backlog, o.function, "backlog");
  const Strategy strategy = o.strategy();
  std::string order = o.string("order", "greedy");
  const std::uint64_t top = o.integer("top", 0);
  const std::vector<std::string> done = o.list("done");
  o.finish();
  const Backlog& b = backlog->backlog();
  (void)report::order_policy(order, b);  // an unknown policy fails before the backlog's problems
  auto out = std::make_unique<prio_ranking>();
  out->read = backlog->read;
  out->scores = checked_score(*backlog, strategy);
  out->done = find_ids(b, done, "done");
  out->ranking = report::order_features(b, out->scores, order);
  if (top > 0 && out->ranking.size() > top) out->ranking.resize(static_cast<std::size_t>(top));
  out->indices.assign(out->ranking.begin(), out->ranking.end());
  out->order = std::move(order);
  return out.release();
}

}  // namespace
}  // namespace prio::capi

using namespace prio::capi;

extern "C" {

prio_scores* prio_score(const prio_backlog* backlog, const char* strategy, prio_error** err) {
  return guarded(err, static_cast<prio_scores*>(nullptr), [&] {
    require(strategy, "prio_score", "strategy");
    Options o(nullptr, "prio_score");
    return score(backlog, o.set("by", strategy));
  });
}

prio_scores* prio_score_with_options(const prio_backlog* backlog, const char* options_json, prio_error** err) {
  return guarded(err, static_cast<prio_scores*>(nullptr), [&] {
    Options o(options_json, "prio_score_with_options");
    return score(backlog, o);
  });
}

void prio_scores_free(prio_scores* scores) { delete scores; }
size_t prio_scores_size(const prio_scores* scores) { return scores ? scores->scores.size() : 0; }
const double* prio_scores_values(const prio_scores* scores) { return scores ? scores->scores.values().data() : nullptr; }
const char* prio_scores_strategy(const prio_scores* scores) { return scores ? scores->scores.strategy().c_str() : ""; }

prio_ranking* prio_rank(const prio_backlog* backlog, const char* strategy, const char* order, prio_error** err) {
  return guarded(err, static_cast<prio_ranking*>(nullptr), [&] {
    require(strategy, "prio_rank", "strategy");
    Options o(nullptr, "prio_rank");
    return rank(backlog, o.set("by", strategy).set("order", order));
  });
}

prio_ranking* prio_rank_with_options(const prio_backlog* backlog, const char* options_json, prio_error** err) {
  return guarded(err, static_cast<prio_ranking*>(nullptr), [&] {
    Options o(options_json, "prio_rank_with_options");
    return rank(backlog, o);
  });
}

void prio_ranking_free(prio_ranking* ranking) { delete ranking; }
size_t prio_ranking_size(const prio_ranking* ranking) { return ranking ? ranking->ranking.size() : 0; }

const char* prio_ranking_id(const prio_ranking* ranking, size_t i) {
  if (!ranking || i >= ranking->ranking.size()) return nullptr;
  return ranking->read->backlog.id(ranking->ranking[i]).c_str();
}

const char* prio_ranking_title(const prio_ranking* ranking, size_t i) {
  if (!ranking || i >= ranking->ranking.size()) return nullptr;
  return ranking->read->backlog.title(ranking->ranking[i]).c_str();
}

double prio_ranking_score(const prio_ranking* ranking, size_t i) {
  if (!ranking || i >= ranking->ranking.size()) return not_a_number;
  return ranking->scores[ranking->ranking[i]];
}

size_t prio_ranking_index(const prio_ranking* ranking, size_t i) {
  if (!ranking || i >= ranking->ranking.size()) return SIZE_MAX;
  return ranking->indices[i];
}

const size_t* prio_ranking_indices(const prio_ranking* ranking) { return ranking ? ranking->indices.data() : nullptr; }

char* prio_ranking_to_json(const prio_ranking* ranking, size_t* size, prio_error** err) {
  return guarded(err, static_cast<char*>(nullptr), [&] {
    require(ranking, "prio_ranking_to_json", "ranking");
    const auto& r = *ranking;
    return to_c_string(prio::report::rank_json(r.read->backlog, r.scores, r.order, r.ranking, r.done), size);
  });
}

char* prio_ranking_to_csv(const prio_ranking* ranking, size_t* size, prio_error** err) {
  return guarded(err, static_cast<char*>(nullptr), [&] {
    require(ranking, "prio_ranking_to_csv", "ranking");
    const auto& r = *ranking;
    return to_c_string(prio::report::rank_csv(r.read->backlog, r.scores, r.ranking, r.done), size);
  });
}

}  // extern "C"
