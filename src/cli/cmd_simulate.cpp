// prio simulate: Monte Carlo rank stability under the uncertain estimates (x_lo / x_hi columns).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "prio/experiment/simulate.hpp"
#include "prio/experiment/calibrate.hpp"
#include "prio/graph.hpp"
#include "prio/order.hpp"
#include "prio/score.hpp"
#include "prio/strategies/ice.hpp"
#include "prio/strategies/rice.hpp"
#include "prio/strategies/wsjf.hpp"
#include "svg.hpp"

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
  bool no_rank_stats = false;
  bool no_score_stats = false;
  bool exact_stats = false;
  std::string calibration;  // --calibration FILE
  CLI::Option* distribution_option = nullptr;
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

// Rank stability as a picture: per feature (best first) P(top k) as a bar and
// the rank interval as a whisker with the median rank as a dot.
std::string stability_svg(const Backlog& b, const Simulation& sim, const std::vector<FeatureIndex>& rows, const std::string& interval,
                          const std::string& strategy) {
  using svg::Anchor;
  const double margin = 20, row_h = 22, top = 84, bar_w = 260, rank_w = 320, gap = 40;
  double label_w = 40;
  std::vector<std::string> labels;
  for (const FeatureIndex f : rows) {
    labels.push_back(svg::fit(b.id(f), 220));
    label_w = std::max(label_w, svg::text_width(labels.back()));
  }
  const double x0 = margin + label_w + 10, x1 = x0 + bar_w + gap, plot_h = static_cast<double>(rows.size()) * row_h;
  const double width = x1 + rank_w + 50, height = top + plot_h + 60;
  const std::string k = std::to_string(sim.top_k);
  const bool ranks = sim.rank_lo.size() == static_cast<Eigen::Index>(b.size());
  std::string desc = "Rank stability of " + std::to_string(rows.size()) + " features under " + std::to_string(sim.draws) + " draws (seed " +
                     std::to_string(sim.seed) + ", " + strategy + "): for each, the probability of being in the top " + k +
                     (ranks ? " and the " + interval + " rank interval with the median rank" : "") + ".";
  for (const FeatureIndex f : rows) {
    const auto i = static_cast<Eigen::Index>(f);
    desc += " " + b.id(f) + ": P(top " + k + ") " + svg::number(100 * sim.p_top_k[i]) + "%";
    if (ranks) desc += ", ranks " + svg::number(sim.rank_lo[i]) + " to " + svg::number(sim.rank_hi[i]) + ", median " + svg::number(sim.median_rank[i]);
    desc += ".";
  }
  svg::Document d(std::max(width, 640.0), height, "Rank stability", desc);
  d.text(margin, 26, "Rank stability", Anchor::start, {.size = 16, .bold = true, .fill = {}});
  d.text(margin, 46, svg::fit(std::to_string(sim.draws) + " draws, seed " + std::to_string(sim.seed) + ", " + strategy, width - 2 * margin),
         Anchor::start, {.size = 12, .bold = false, .fill = "#444444"});
  d.text(x0, top - 12, "P(top " + k + ")", Anchor::start, {.size = 12, .bold = true, .fill = {}});
  const svg::Scale ps{0, 1, x0, x0 + bar_w};
  const svg::Scale rs{1, std::max(2.0, static_cast<double>(b.size())), x1, x1 + rank_w};
  svg::x_axis(d, ps, top + plot_h, top, "probability of a place in the top " + k,
              [](double v) { return svg::number(100 * v) + "%"; });
  if (ranks) {
    d.text(x1, top - 12, "Rank: " + interval + " interval and median", Anchor::start, {.size = 12, .bold = true, .fill = {}});
    svg::x_axis(d, rs, top + plot_h, top, "rank (1 = first)");
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto i = static_cast<Eigen::Index>(rows[r]);
    const double y = top + static_cast<double>(r) * row_h;
    d.begin_group(b.id(rows[r]) + ": P(top " + k + ") " + svg::number(100 * sim.p_top_k[i]) + "%" +
                  (ranks ? ", ranks " + svg::number(sim.rank_lo[i]) + "-" + svg::number(sim.rank_hi[i]) : std::string()));
    d.text(x0 - 8, y + 15, labels[r], Anchor::end);
    d.rect(x0, y + 4, ps(sim.p_top_k[i]) - x0, row_h - 8, "#0072B2");
    if (ranks) {
      const double cy = y + row_h / 2;
      d.line(rs(sim.rank_lo[i]), cy, rs(sim.rank_hi[i]), cy, "#000000", "stroke-width=\"2\"");
      d.raw("<circle cx=\"" + svg::fixed(rs(sim.median_rank[i]), 1) + "\" cy=\"" + svg::fixed(cy, 1) + "\" r=\"4\" fill=\"#E69F00\" stroke=\"#000000\"/>");
    }
    d.end_group();
  }
  return d.finish();
}

int run(SimulateArgs a, Context& ctx) {
  const Strategy strategy = make_strategy(a.strategy);
  // --calibration: draws lognormal ratios from the team's track record (the
  // calibration's group column, when the backlog has it, picks each feature's fit).
  std::optional<Calibration> calibration;
  std::vector<std::pair<std::string, std::string>> group_labels;
  if (!a.calibration.empty()) {
    calibration = read_calibration_file(a.calibration);
    if (a.distribution_option && a.distribution_option->count() > 0 && a.distribution != "lognormal")
      throw UsageError("--calibration draws lognormal ratios; leave out --distribution or give --distribution lognormal");
    a.distribution = "lognormal";
    if (!calibration->group_by.empty() && a.input.file != "-") {
      try {
        group_labels = read_text_column(a.input.file, calibration->group_by);
        a.input.ignore.push_back(calibration->group_by);
      } catch (const prio::error& e) {
        if (e.code() != errc::unknown_attribute) throw;
      }
    }
  }
  const Distribution dist = parse_distribution(a.distribution);
  if (a.draws == 0) throw UsageError("--draws must be at least 1");
  if (a.draws > std::numeric_limits<std::uint32_t>::max())
    throw UsageError("--draws " + std::to_string(a.draws) + " is over the limit of " + std::to_string(std::numeric_limits<std::uint32_t>::max()));
  if (!(a.interval > 0 && a.interval < 1)) throw UsageError("--interval must be in (0, 1)");
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  SimulationOptions o{.draws = a.draws, .seed = a.seed, .top_k = a.top, .distribution = dist, .interval = a.interval,
                      .threads = a.threads, .rank_stats = !a.no_rank_stats, .score_stats = !a.no_score_stats,
                      .exact_stats = a.exact_stats};
  if (calibration) {
    o.calibration = calibration;
    if (!group_labels.empty()) {
      o.calibration_groups.assign(b.size(), std::string());
      for (const auto& [id, label] : group_labels)
        if (const auto i = b.find(id)) o.calibration_groups[*i] = label;
    }
  }
  check_order(b, a.order);
  Simulation sim;
  try {
    sim = report::simulate(b, strategy, a.strategy.by, parse_missing(a.strategy.missing), a.strategy.strict, a.order, o);
  } catch (const prio::error& e) {
    // The library's advice names its options; give the command line's flags.
    if (e.code() != errc::invalid_argument || e.description().find("memory_limit") == std::string::npos) throw;
    throw UsageError("--draws " + std::to_string(a.draws) + " for " + std::to_string(b.size()) +
                     " features keeps too many ranks and scores in memory: lower --draws, " +
                     (a.exact_stats ? "leave out --exact-stats (estimates them in bounded memory), " : "") +
                     "or add --no-rank-stats and --no-score-stats (P(top k) needs neither)");
  }
  const Scores point = strategy.score(b);
  const bool picture = a.output.format == "svg" || a.output.output.ends_with(".svg");
  std::vector<FeatureIndex> rows = sim.ranking;
  const std::size_t limit = a.limit > 0 ? a.limit : picture ? 30 : 0;
  if (limit > 0 && rows.size() > limit) rows.resize(limit);
  const std::string k = std::to_string(sim.top_k);
  auto label = [](double pct) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", pct);
    return std::string(buf);
  };
  const std::string lo_q = label(100 * (1 - a.interval) / 2), hi_q = label(100 * (1 + a.interval) / 2);

  std::string text;
  if (picture) {
    text = stability_svg(b, sim, rows, label(100 * a.interval) + "%", strategy.name());
  } else if (a.output.format == "json") {
    text = report::simulate_json(b, sim, point, a.order, rows, a.calibration);
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
              std::string(to_string(dist)) + " ranges on: " + (uncertain.empty() ? "(none: the ranking is certain)" : uncertain) +
              (calibration ? " (" + calibration->estimate + " without a range: calibrated by " + a.calibration + ")" : "") + "\n";
      // Estimated statistics (large runs without --exact-stats) say how far off they may be.
      const double rank_error = sim.rank_error.size() > 0 && !a.no_rank_stats ? sim.rank_error.maxCoeff() : 0.0;
      const double score_error = sim.score_error.size() > 0 && !a.no_score_stats ? sim.score_error.maxCoeff() : 0.0;
      if (rank_error > 0 || score_error > 0)
        text += "Rank and score quantiles estimated in bounded memory: ranks within " + human_number(rank_error) +
                " of the exact order statistic, scores within " + human_number(score_error) + " (--exact-stats keeps every draw)\n";
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
  cmd->add_option("--draws", args->draws, "Number of Monte Carlo draws")->check(whole_number())->capture_default_str();
  cmd->add_option("--seed", args->seed, "Random seed: the same seed gives the same result")->check(whole_number())->capture_default_str();
  cmd->add_option("--top", args->top, "k of P(top k)")->check(whole_number())->capture_default_str();
  args->distribution_option = cmd->add_option("--distribution", args->distribution,
                  "triangular (mode = the estimate) | uniform | pert | lognormal (lo, hi = 5th and 95th percentiles)")
      ->capture_default_str();
  cmd->add_option("--calibration", args->calibration,
                  "Calibration file (prio calibrate -o FILE.json): features without a range on its estimate column are drawn as "
                  "estimate x the team's lognormal ratio actual / estimate");
  cmd->add_option("--interval", args->interval, "Central probability of the rank and score intervals")->check(finite_number(0, true))->capture_default_str();
  cmd->add_option("--order", args->order, "Put each draw in dependency order: none | greedy | inherited | value-density")
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores); the result does not depend on it")->check(whole_number(4096))->capture_default_str();
  cmd->add_option("--limit", args->limit, "Show only the first N features of the ranking (0 = all; the SVG chart shows 30 unless given)")->check(whole_number());
  cmd->add_flag("--no-rank-stats", args->no_rank_stats, "Leave out the median rank and rank interval (P(top k) stays)");
  cmd->add_flag("--no-score-stats", args->no_score_stats, "Leave out the score quantiles");
  cmd->add_flag("--exact-stats", args->exact_stats,
                "Keep every draw (12 bytes per draw and feature) for exact rank and score quantiles; without it, runs over 64 MiB "
                "of draws estimate them in bounded memory and the table says within how much");
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown", "svg"});
}

}  // namespace prio::cli
