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
#include "svg.hpp"

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
  std::string chart = "heatmap";
};


// The rank-agreement heat map: Kendall tau of every pair of strategies, a
// diverging colour (vermillion: opposite orders, blue: the same order) with
// the value written in each cell.
std::string heatmap_svg(const StrategyComparison& c, std::size_t features) {
  using svg::Anchor;
  const std::size_t s = c.names.size();
  double label_w = 40, cell = 70;
  for (const auto& n : c.names) {
    label_w = std::max(label_w, svg::text_width(svg::fit(n, 200)));
    cell = std::max(cell, svg::text_width(svg::fit(n, 200)) + 12);
  }
  const double margin = 20, left = margin + label_w + 12, top = 100;
  const double width = std::max(left + cell * static_cast<double>(s) + margin, 560.0);
  const double height = top + cell * static_cast<double>(s) + 70;
  std::string desc = "Heat map of Kendall tau between the rankings of " + std::to_string(s) + " strategies on " + std::to_string(features) +
                     " features (1: the same order, -1: the reverse).";
  for (std::size_t i = 0; i < s; ++i)
    for (std::size_t j = i + 1; j < s; ++j)
      desc += " " + c.names[i] + " and " + c.names[j] + ": " + decimal(c.kendall_tau(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)), 2) + ".";
  svg::Document d(width, height, "Rank agreement", desc);
  d.text(margin, 26, "Rank agreement (Kendall tau)", Anchor::start, {.size = 16, .bold = true, .fill = {}});
  d.text(margin, 46, "1 = the same order, 0 = unrelated, -1 = the reverse; " + std::to_string(features) + " features", Anchor::start,
         {.size = 12, .bold = false, .fill = "#444444"});
  d.legend(margin, 72, {{"-1", svg::diverging(-1)}, {"-0.5", svg::diverging(-0.5)}, {"0", svg::diverging(0)}, {"0.5", svg::diverging(0.5)}, {"1", svg::diverging(1)}});
  for (std::size_t i = 0; i < s; ++i) {
    const std::string n = svg::fit(c.names[i], 200);
    d.text(left - 8, top + cell * (static_cast<double>(i) + 0.5) + 4, n, Anchor::end, {.size = 12, .bold = true, .fill = {}});
    d.text(left + cell * (static_cast<double>(i) + 0.5), top + cell * static_cast<double>(s) + 18, n, Anchor::middle, {.size = 12, .bold = true, .fill = {}});
    for (std::size_t j = 0; j < s; ++j) {
      const double v = c.kendall_tau(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      const double x = left + cell * static_cast<double>(j), y = top + cell * static_cast<double>(i);
      d.begin_group(c.names[i] + " vs " + c.names[j] + ": Kendall tau " + decimal(v, 3));
      d.rect(x, y, cell, cell, svg::diverging(v), "stroke=\"#ffffff\" stroke-width=\"2\"");
      d.text(x + cell / 2, y + cell / 2 + 5, decimal(v, 2), Anchor::middle, {.size = 14, .bold = false, .fill = std::abs(v) > 0.6 ? "#ffffff" : "#000000"});
      d.end_group();
    }
  }
  d.text(left + cell * static_cast<double>(s) / 2, top + cell * static_cast<double>(s) + 44, "strategy", Anchor::middle, {.size = 12, .bold = true, .fill = {}});
  return d.finish();
}

// The bump chart: the rank of each feature under each strategy (one column
// per strategy, a line per feature), for the features in any strategy's top
// k. Ranks below 3k are drawn on one "lower" line.
std::string bump_svg(const Backlog& b, const StrategyComparison& c, std::size_t k) {
  using svg::Anchor;
  const std::size_t s = c.names.size(), n = b.size();
  k = std::max<std::size_t>(1, std::min(k, n));
  std::vector<std::vector<std::size_t>> pos;
  for (const auto& r : c.rankings) pos.push_back(rank_positions(r));
  std::vector<FeatureIndex> shown;
  std::vector<char> in(n, 0);
  for (const auto& r : c.rankings)
    for (std::size_t q = 0; q < k && q < r.size(); ++q)
      if (!in[r[q]]) {
        in[r[q]] = 1;
        shown.push_back(r[q]);
      }
  std::size_t deepest = k;
  for (const FeatureIndex f : shown)
    for (std::size_t i = 0; i < s; ++i) deepest = std::max(deepest, pos[i][f] + 1);
  const std::size_t cap = std::min(deepest, 3 * k);
  const bool lower = deepest > cap;
  const double row_h = 20, margin = 20, col_gap = 180, top = 110, label_w = 200;
  const double x0 = margin + label_w + 40, x_last = x0 + col_gap * static_cast<double>(s > 1 ? s - 1 : 0);
  const double width = std::max(x_last + 40 + label_w + margin, 640.0);
  auto y_of = [&](std::size_t p) { return top + row_h * static_cast<double>(std::min(p, cap)); };  // p: 0-based; cap: the lower line
  const double height = y_of(cap) + (lower ? row_h : 0) + 60;
  std::string desc = "Bump chart: the rank of each feature in the top " + std::to_string(k) + " of any of " + std::to_string(s) +
                     " strategies (" ;
  for (std::size_t i = 0; i < s; ++i) desc += (i ? ", " : "") + c.names[i];
  desc += ").";
  for (const FeatureIndex f : shown) {
    desc += " " + b.id(f) + ":";
    for (std::size_t i = 0; i < s; ++i) desc += (i ? ", " : " ") + c.names[i] + " " + std::to_string(pos[i][f] + 1);
    desc += ".";
  }
  svg::Document d(width, height, "Rank per strategy", desc);
  d.text(margin, 26, "Rank per strategy", Anchor::start, {.size = 16, .bold = true, .fill = {}});
  d.text(margin, 46, "The features in any strategy's top " + std::to_string(k) + "; 1 = first" +
                         (lower ? "; ranks below " + std::to_string(cap) + " on the bottom line" : ""),
         Anchor::start, {.size = 12, .bold = false, .fill = "#444444"});
  for (std::size_t i = 0; i < s; ++i) {
    const double x = x0 + col_gap * static_cast<double>(i);
    d.line(x, top - 10, x, y_of(cap - 1) + 10, "#cccccc");
    d.text(x, top - 22, svg::fit(c.names[i], col_gap - 20), Anchor::middle, {.size = 12, .bold = true, .fill = {}});
  }
  // Rank numbers on the left axis.
  for (std::size_t p = 0; p < cap; ++p)
    if (p == 0 || (p + 1) % 5 == 0) d.text(x0 - 10, y_of(p) + 4, std::to_string(p + 1), Anchor::end, {.size = 10, .bold = false, .fill = "#777777"});
  if (lower) d.text(x0 - 10, y_of(cap) + 4, "lower", Anchor::end, {.size = 10, .bold = false, .fill = "#777777"});
  const auto& colours = svg::palette();
  for (std::size_t m = 0; m < shown.size(); ++m) {
    const FeatureIndex f = shown[m];
    const std::string colour = colours[m % colours.size()];
    std::string tip = b.id(f) + ":";
    for (std::size_t i = 0; i < s; ++i) tip += (i ? ", " : " ") + c.names[i] + " " + std::to_string(pos[i][f] + 1);
    d.begin_group(tip);
    std::string pts;
    for (std::size_t i = 0; i < s; ++i) pts += decimal(x0 + col_gap * static_cast<double>(i), 1) + "," + decimal(y_of(pos[i][f]), 1) + " ";
    d.raw("<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2.5\"/>");
    for (std::size_t i = 0; i < s; ++i)
      d.raw("<circle cx=\"" + decimal(x0 + col_gap * static_cast<double>(i), 1) + "\" cy=\"" + decimal(y_of(pos[i][f]), 1) + "\" r=\"4\" fill=\"" + colour +
            "\" stroke=\"#333333\"/>");
    // The id at the left of the first column and the right of the last, where
    // its rank is above the lower line (elsewhere the place may be taken).
    const std::string label = svg::fit(b.id(f), label_w - 10);
    if (pos[0][f] < cap) d.text(x0 - 10 - 24, y_of(pos[0][f]) + 4, label, Anchor::end);
    if (s > 1 && pos[s - 1][f] < cap) d.text(x_last + 12, y_of(pos[s - 1][f]) + 4, label, Anchor::start);
    d.end_group();
  }
  return d.finish();
}

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
  if (a.output.format == "svg" || a.output.output.ends_with(".svg")) {
    if (a.chart == "bump") text = bump_svg(b, c, a.top);
    else text = heatmap_svg(c, b.size());
  } else if (a.output.format == "json") {
    text = report::compare_json(b, c, a.order, a.rbo_p, a.top);
  } else {
    const bool machine = a.output.format == "csv";
    Table pairs;
    pairs.header = machine ? std::vector<std::string>{"a", "b", "kendall_tau", "spearman", "rbo", "top_k_overlap", "footrule"}
                           : std::vector<std::string>{"A", "B", "Kendall tau", "Spearman", "RBO (p=" + decimal(a.rbo_p, 2) + ")",
                                                      "Top-" + std::to_string(a.top) + " overlap", "Footrule"};
    pairs.right = {false, false, true, true, true, true, true};
    auto num = [machine](double v) { return machine ? format_number(v) : decimal(v); };
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
  cmd->add_option("--chart", args->chart,
                  "The SVG chart (-o FILE.svg or --format svg): heatmap (Kendall tau of every pair) | bump (rank per strategy of the "
                  "features in any top k, k = --top)")
      ->check(CLI::IsMember({"heatmap", "bump"}))
      ->capture_default_str();
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown", "svg"});
}

}  // namespace prio::cli
