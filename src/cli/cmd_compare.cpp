// prio compare: rank a backlog with several strategies and measure how much they agree.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "io/list.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/graph.hpp"
#include "prio/order.hpp"

namespace prio::cli {

namespace {

struct CompareArgs {
  InputArgs input;
  StrategyArgs strategy;
  OutputArgs output;
  std::string order = "none";
  std::size_t top = 10;
  double rbo_p = 0.9;
  std::size_t movers = 10;
};

std::string fixed(double v, int digits = 3) { return decimal(v, digits); }

int run(const CompareArgs& a, Context& ctx) {
  const std::vector<std::string> names = report::split_list(a.strategy.by);
  if (names.empty()) throw UsageError("--by needs at least one strategy, e.g. --by rice,wsjf");
  if (!(a.rbo_p > 0 && a.rbo_p < 1)) throw UsageError("--rbo-p must be in (0, 1)");
  std::vector<std::pair<std::string, Strategy>> strategies;
  bool any_weighted = false;
  for (const auto& n : names) {
    StrategyArgs one = a.strategy;
    one.by = n;
    const bool weighted = n.find("weighted") != std::string::npos;
    any_weighted = any_weighted || weighted;
    if (!weighted) one.weights.clear();
    strategies.emplace_back(n, make_strategy(one));
  }
  if (!a.strategy.weights.empty() && !any_weighted) throw UsageError("--weights is only used with --by weighted");
  auto read = load_backlog(a.input, ctx, &strategies.front().second);
  if (!read) return exit_invalid_input;
  for (const auto& s : strategies)
    if (!check_backlog(*read, s.second, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  CompareOptions o{.rbo_p = a.rbo_p, .top_k = a.top, .movers = a.movers, .order = {}};
  if (a.order != "none") {
    (void)order_features(b, strategies.front().second.score(b), a.order);  // checks the policy name and the graph
    o.order = [&b, &a](const Scores& s) { return order_features(b, s, a.order); };
  }
  const StrategyComparison c = compare_strategies(b, strategies, o);
  const std::size_t s = c.names.size();

  std::string text;
  if (a.output.format == "json") {
    text = report::compare_json(b, c, a.order, a.rbo_p, a.top);
  } else {
    const bool machine = a.output.format == "csv";
    Table pairs;
    pairs.header = machine ? std::vector<std::string>{"a", "b", "kendall_tau", "spearman", "rbo", "top_k_overlap", "footrule"}
                           : std::vector<std::string>{"A", "B", "Kendall tau", "Spearman", "RBO (p=" + fixed(a.rbo_p, 2) + ")",
                                                      "Top-" + std::to_string(a.top) + " overlap", "Footrule"};
    pairs.right = {false, false, true, true, true, true, true};
    auto num = [machine](double v) { return machine ? format_number(v) : fixed(v); };
    for (std::size_t i = 0; i < s; ++i)
      for (std::size_t j = i + 1; j < s; ++j) {
        const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
        pairs.rows.push_back({c.names[i], c.names[j], num(c.kendall_tau(ii, jj)), num(c.spearman(ii, jj)), num(c.rbo(ii, jj)),
                              num(c.top_k_overlap(ii, jj)), num(c.footrule(ii, jj))});
      }
    if (machine) {
      text = render_csv(pairs);  // CSV: the pairwise table only (movers: table or JSON)
    } else {
      Table movers;
      movers.header = {"ID"};
      for (const auto& n : c.names) movers.header.push_back(n);
      movers.header.push_back("Spread");
      movers.right.assign(movers.header.size(), true);
      movers.right[0] = false;
      for (const Mover& mv : c.movers) {
        if (mv.spread == 0) break;
        std::vector<std::string> row{b.id(mv.feature)};
        for (std::size_t i = 0; i < s; ++i) row.push_back(std::to_string(rank_positions(c.rankings[i])[mv.feature] + 1));
        row.push_back(std::to_string(mv.spread));
        movers.rows.push_back(std::move(row));
      }
      const bool md = a.output.format == "markdown";
      text = (md ? render_markdown(pairs) : render_text(pairs));
      if (s < 2) text += "(one strategy: nothing to compare)\n";
      text += md ? "\nFeatures whose place moves most between strategies:\n\n" : "\nFeatures whose place moves most between strategies:\n";
      text += movers.rows.empty() ? std::string("(none: every strategy gives the same order)\n") : (md ? render_markdown(movers) : render_text(movers));
    }
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_compare(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CompareArgs>();
  args->strategy.by = "rice,wsjf";
  CLI::App* cmd = add_command(app, ctx, "compare",
                              "Rank a backlog with several strategies and measure their agreement (Kendall tau, Spearman, RBO, top-k overlap, footrule)",
                              "prio compare examples/backlog.csv --by rice,wsjf,weighted --weights examples/weights --top 5",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  add_strategy_options(cmd, args->strategy);
  cmd->get_option("--by")->description("Strategies to compare, comma-separated: rice | ice | ice-average | wsjf | moscow[:SECONDARY] | weighted[:NORMALIZATION]");
  cmd->add_option("--order", args->order, "Put each ranking in dependency order first: none | greedy | inherited | value-density")
      ->capture_default_str();
  cmd->add_option("--top", args->top, "k for the top-k overlap")->check(whole_number())->capture_default_str();
  cmd->add_option("--rbo-p", args->rbo_p, "Persistence of rank-biased overlap (0.9 weighs the top 10 by about 86%)")->check(finite_number(0, true))->capture_default_str();
  cmd->add_option("--movers", args->movers, "How many features that move most to list")->check(whole_number())->capture_default_str();
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
