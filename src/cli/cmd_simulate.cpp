// prio simulate: Monte Carlo rank stability under the uncertain estimates (x_lo / x_hi columns).
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "prio/experiment/simulate.hpp"
#include "prio/graph.hpp"
#include "prio/order.hpp"
#include "prio/score.hpp"
#include "prio/strategies/ice.hpp"
#include "prio/strategies/rice.hpp"
#include "prio/strategies/wsjf.hpp"

namespace prio::cli {

namespace {

struct SimulateArgs {
  InputArgs input;
  StrategyArgs strategy;
  OutputArgs output;
  std::string order = "none";
  std::size_t draws = 10000;
  std::uint64_t seed = 0;
  std::size_t top = 10;
  std::string distribution = "triangular";
  unsigned threads = 0;
  std::size_t limit = 0;
  double interval = 0.9;
};

Distribution parse_distribution(const std::string& s) {
  try {
    return report::parse_distribution(s);
  } catch (const prio::error& e) {
    throw UsageError(e.description());
  }
}

std::string percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * p);
  return buf;
}

int run(const SimulateArgs& a, Context& ctx) {
  const Strategy strategy = make_strategy(a.strategy);
  const Distribution dist = parse_distribution(a.distribution);
  if (a.draws == 0) throw UsageError("--draws must be at least 1");
  if (!(a.interval > 0 && a.interval < 1)) throw UsageError("--interval must be in (0, 1)");
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  SimulationOptions o{.draws = a.draws, .seed = a.seed, .top_k = a.top, .distribution = dist, .interval = a.interval,
                      .threads = a.threads};
  check_order(b, a.order);
  const Simulation sim = report::simulate(b, strategy, a.strategy.by, parse_missing(a.strategy.missing), a.strategy.strict, a.order, o);
  const Scores point = strategy.score(b);
  std::vector<FeatureIndex> rows = sim.ranking;
  if (a.limit > 0 && rows.size() > a.limit) rows.resize(a.limit);
  const std::string k = std::to_string(sim.top_k);
  auto label = [](double pct) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", pct);
    return std::string(buf);
  };
  const std::string lo_q = label(100 * (1 - a.interval) / 2), hi_q = label(100 * (1 + a.interval) / 2);

  std::string text;
  if (a.output.format == "json") {
    text = report::simulate_json(b, sim, point, a.order, rows);
  } else {
    const bool machine = a.output.format == "csv";
    Table t;
    t.header = machine ? std::vector<std::string>{"rank", "id", "score", "p_top_k", "median_rank", "rank_lo", "rank_hi", "score_lo",
                                                  "score_median", "score_hi"}
                       : std::vector<std::string>{"#", "ID", "Score", "P(top " + k + ")", "Median rank", "Rank " + lo_q + "-" + hi_q + "%",
                                                  "Score " + lo_q + "%", "Median score", "Score " + hi_q + "%"};
    t.right.assign(t.header.size(), true);
    t.right[1] = false;
    std::size_t place = 0;
    for (const FeatureIndex f : rows) {
      const auto i = static_cast<Eigen::Index>(f);
      if (machine)
        t.rows.push_back({std::to_string(++place), b.id(f), format_number(point[f]), format_number(sim.p_top_k[i]),
                          format_number(sim.median_rank[i]), format_number(sim.rank_lo[i]), format_number(sim.rank_hi[i]),
                          format_number(sim.score_lo[i]), format_number(sim.score_median[i]), format_number(sim.score_hi[i])});
      else
        t.rows.push_back({std::to_string(++place), b.id(f), human_number(point[f]), percent(sim.p_top_k[i]), human_number(sim.median_rank[i]),
                          human_number(sim.rank_lo[i]) + "-" + human_number(sim.rank_hi[i]), human_number(sim.score_lo[i]),
                          human_number(sim.score_median[i]), human_number(sim.score_hi[i])});
    }
    if (machine) {
      text = render_csv(t);
    } else {
      const bool md = a.output.format == "markdown";
      std::string uncertain;
      for (const auto& u : sim.uncertain) uncertain += (uncertain.empty() ? "" : ", ") + u;
      text = (md ? render_markdown(t) : render_text(t));
      text += (md ? "\n" : "") + std::to_string(sim.draws) + " draws, seed " + std::to_string(sim.seed) + ", " +
              std::string(to_string(dist)) + " ranges on: " + (uncertain.empty() ? "(none: the ranking is certain)" : uncertain) + "\n";
    }
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_simulate(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* cmd = add_command(app, ctx, "simulate",
                              "How sure is the ranking? Draw the uncertain estimates (columns x_lo, x_hi beside x) and report P(top k) and rank intervals",
                              "prio simulate examples/backlog.csv --by rice --draws 10000 --seed 7 --top 5",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  add_strategy_options(cmd, args->strategy);
  cmd->add_option("--draws", args->draws, "Number of Monte Carlo draws")->capture_default_str();
  cmd->add_option("--seed", args->seed, "Random seed: the same seed gives the same result")->capture_default_str();
  cmd->add_option("--top", args->top, "k of P(top k)")->capture_default_str();
  cmd->add_option("--distribution", args->distribution,
                  "triangular (mode = the estimate) | uniform | pert | lognormal (lo, hi = 5th and 95th percentiles)")
      ->capture_default_str();
  cmd->add_option("--interval", args->interval, "Central probability of the rank and score intervals")->capture_default_str();
  cmd->add_option("--order", args->order, "Put each draw in dependency order: none | greedy | inherited | value-density")
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores); the result does not depend on it")->capture_default_str();
  cmd->add_option("--limit", args->limit, "Show only the first N features of the ranking (0 = all)");
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
