// prio backtest: which strategy would have chosen best, judged by what
// actually happened (a history with realized value and actual cost); a league
// table with bootstrap intervals, paired differences and an SVG chart.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "io/list.hpp"
#include "prio/experiment/backtest.hpp"
#include "svg.hpp"

namespace prio::cli {

namespace {

struct BacktestArgs {
  InputArgs input;
  OutputArgs output;
  std::string strategies = "rice,wsjf";
  std::string weights, missing = "error";
  bool strict = false;
  std::string value, cost;
  std::size_t k = 10, bootstrap = 1000;
  double budget_ratio = 0.3, confidence = 0.95;
  std::uint64_t seed = 0;
  unsigned threads = 0;
};

// weighted[:NORMALIZATION][:W=x;W=y]: inline weights after the last ':' (';' between them).
Strategy make_one(const BacktestArgs& a, const std::string& spec) {
  StrategyArgs s{.by = spec, .weights = {}, .missing = a.missing, .strict = a.strict};
  if (spec.starts_with("weighted")) {
    const std::size_t colon = spec.rfind(':');
    if (colon != std::string::npos && spec.find('=', colon) != std::string::npos) {
      s.by = spec.substr(0, colon);
      s.weights = spec.substr(colon + 1);
    } else {
      s.weights = a.weights;
    }
  }
  return make_strategy(s);
}

// "0.974 [0.949, 0.987]", or the estimate alone without resamples.
std::string with_interval(const Interval& x) {
  if (std::isnan(x.lo) && std::isnan(x.hi)) return report_number(x.estimate, false);
  return report_number(x.estimate, false) + " [" + report_number(x.lo, false) + ", " + report_number(x.hi, false) + "]";
}

std::string human_measure(Measure m, std::size_t k) {
  const std::string ks = std::to_string(k);
  switch (m) {
    case Measure::value_captured: return "Value captured";
    case Measure::ndcg: return "NDCG@" + ks + " (v/c)";
    case Measure::precision: return "P@" + ks + " (v/c)";
    case Measure::ndcg_value: return "NDCG@" + ks + " (v)";
    case Measure::precision_value: return "P@" + ks + " (v)";
    case Measure::kendall_tau: return "Kendall tau";
    case Measure::spearman: return "Spearman";
  }
  return "";
}

std::string ids_json(const Backlog& b, const std::vector<FeatureIndex>& v) {
  std::string o = "[";
  for (std::size_t i = 0; i < v.size(); ++i) o += (i ? ", " : "") + json_string(b.id(v[i]));
  return o + "]";
}

std::string to_json(const Backlog& b, const Backtest& bt) {
  std::string o = "{\"schema\": 1, \"value\": " + json_string(bt.value_column) + ", \"cost\": " + json_string(bt.cost_column) +
                  ", \"k\": " + std::to_string(bt.k) + ", \"budget_ratio\": " + json_number(bt.budget_ratio) + ", \"budget\": " +
                  json_number(bt.budget) + ", \"total_cost\": " + json_number(bt.total_cost) + ", \"total_value\": " + json_number(bt.total_value) +
                  ",\n \"bootstrap\": " + std::to_string(bt.bootstrap) + ", \"seed\": " + std::to_string(bt.seed) + ", \"confidence\": " +
                  json_number(bt.confidence) + ", \"features\": " + std::to_string(bt.features) + ", \"missing_outcome\": [";
  for (std::size_t i = 0; i < bt.missing_outcome.size(); ++i) o += (i ? ", " : "") + json_string(bt.missing_outcome[i]);
  o += "],\n \"optimum\": {\"value\": " + json_number(bt.optimum_value) + ", \"cost\": " + json_number(bt.optimum_cost) +
       ", \"bound\": " + json_number(bt.optimum_bound) + ", \"proven\": " + (bt.optimum_proven ? "true" : "false") + ", \"unproven_resamples\": " + std::to_string(bt.unproven_resamples) +
       ", \"gap\": " + json_number(bt.optimum_gap) +
       ", \"features\": " + ids_json(b, bt.optimum) + "},\n \"strategies\": [";
  for (std::size_t s = 0; s < bt.strategies.size(); ++s) {
    const auto& st = bt.strategies[s];
    o += (s ? ",\n  " : "\n  ") + std::string("{\"rank\": ") + std::to_string(s + 1) + ", \"name\": " + json_string(st.name) + ", \"measures\": {";
    for (std::size_t m = 0; m < measure_count; ++m) {
      const auto& x = st.measures[m];
      o += (m ? ", " : "") + json_string(to_string(all_measures[m])) + ": {\"estimate\": " + json_number(x.estimate) + ", \"lo\": " +
           json_number(x.lo) + ", \"hi\": " + json_number(x.hi) + "}";
    }
    o += "},\n   \"funded_value\": " + json_number(st.funded_value) + ", \"funded_cost\": " + json_number(st.funded_cost) +
         ", \"funded\": " + ids_json(b, st.funded) + "}";
  }
  o += "],\n \"comparisons\": [";
  for (std::size_t i = 0; i < bt.comparisons.size(); ++i) {
    const auto& c = bt.comparisons[i];
    o += (i ? ",\n  " : "\n  ") + std::string("{\"a\": ") + json_string(c.a) + ", \"b\": " + json_string(c.b) + ", \"measure\": " +
         json_string(to_string(c.measure)) + ", \"difference\": " + json_number(c.difference.estimate) + ", \"lo\": " + json_number(c.difference.lo) +
         ", \"hi\": " + json_number(c.difference.hi) + ", \"significant\": " + (c.significant ? "true" : "false") + "}";
  }
  o += bt.comparisons.empty() ? "]}\n" : "\n ]}\n";
  return o;
}

std::string to_svg(const Backtest& bt) {
  std::vector<svg::Bar> bars;
  std::string desc = "League table of " + std::to_string(bt.strategies.size()) + " strategies on " + std::to_string(bt.features) +
                     " delivered features: the share of the hindsight optimum each would have captured within a budget of " +
                     human_number(100 * bt.budget_ratio) + "% of the actual cost, with " + human_number(100 * bt.confidence) +
                     "% bootstrap intervals.";
  for (const auto& s : bt.strategies) {
    const Interval& x = s[Measure::value_captured];
    bars.push_back({s.name, x.estimate, x.lo, x.hi, with_interval(x)});
    desc += " " + s.name + ": " + with_interval(x) + ".";
  }
  return svg::bar_chart("Value captured, share of the hindsight optimum", desc,
                        "Share of the hindsight optimum (budget " + human_number(100 * bt.budget_ratio) + "% of actual cost)", bars, 1.0);
}

int run(BacktestArgs a, Context& ctx) {
  const std::vector<std::string> specs = report::split_list(a.strategies);
  if (specs.empty()) throw UsageError("--strategies needs at least one strategy, e.g. --strategies rice,wsjf");
  std::vector<std::pair<std::string, Strategy>> strategies;
  for (const auto& s : specs) strategies.emplace_back(s, make_one(a, s));
  if (a.output.output.ends_with(".svg")) a.output.format = "svg";
  if (a.k == 0) throw UsageError("--k must be at least 1");
  if (!(a.budget_ratio > 0 && a.budget_ratio <= 1)) throw UsageError("--budget-ratio must be in (0, 1]");
  if (!(a.confidence > 0 && a.confidence < 1)) throw UsageError("--confidence must be in (0, 1)");
  auto read = load_backlog(a.input, ctx, &strategies.front().second);
  if (!read) return exit_invalid_input;
  for (const auto& s : strategies)
    if (!check_backlog(*read, s.second, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  Backtest bt;
  try {
    bt = backtest(b, strategies,
                  {.value = a.value, .cost = a.cost, .k = a.k, .budget_ratio = a.budget_ratio, .bootstrap = a.bootstrap, .seed = a.seed,
                   .confidence = a.confidence, .threads = a.threads});
  } catch (const prio::error& e) {
    if (e.feature().empty()) throw;
    print_diagnostics({Diagnostic{Severity::error, e.code(), e.where(), e.description()}}, *read, ctx);  // with file:line:column
    return exit_invalid_input;
  }
  std::string text;
  if (a.output.format == "json") {
    text = to_json(b, bt);
  } else if (a.output.format == "svg") {
    text = to_svg(bt);
  } else {
    const bool machine = a.output.format == "csv";
    Table t;
    t.header = {machine ? "rank" : "#", machine ? "strategy" : "Strategy"};
    for (auto m : all_measures) {
      if (machine) {
        const std::string n(to_string(m));
        for (const auto& suffix : {"", "_lo", "_hi"}) t.header.push_back(n + suffix);
      } else {
        t.header.push_back(human_measure(m, bt.k));
      }
    }
    t.right.assign(t.header.size(), true);
    t.right[1] = false;
    for (std::size_t s = 0; s < bt.strategies.size(); ++s) {
      std::vector<std::string> row{std::to_string(s + 1), bt.strategies[s].name};
      for (const auto& x : bt.strategies[s].measures) {
        if (machine) {
          row.push_back(report_number(x.estimate, true));
          row.push_back(report_number(x.lo, true));
          row.push_back(report_number(x.hi, true));
        } else {
          row.push_back(with_interval(x));
        }
      }
      t.rows.push_back(std::move(row));
    }
    if (machine) {
      text = render_csv(t);
    } else {
      const bool md = a.output.format == "markdown";
      const std::string gap = md ? "\n" : "";
      text = "Backtest of " + std::to_string(bt.features) + " delivered features: value '" + bt.value_column + "', cost '" + bt.cost_column +
             "', k = " + std::to_string(bt.k) + ", budget " + human_number(100 * bt.budget_ratio) + "% of the actual cost = " +
             human_number(bt.budget) + ", " + std::to_string(bt.bootstrap) + " bootstrap resamples (seed " + std::to_string(bt.seed) + "), " +
             human_number(100 * bt.confidence) + "% intervals\n" + gap;
      text += md ? render_markdown(t) : render_text(t);
      text += "\nHindsight optimum: value " + human_number(bt.optimum_value) + " at cost " + human_number(bt.optimum_cost) + " (" +
              std::to_string(bt.optimum.size()) + " features" + (bt.optimum_proven ? ", proven optimal" : ", the best found, not proven optimal (node limit); upper bound " + human_number(bt.optimum_bound)) + ")";
      if (bt.unproven_resamples > 0) text += "; " + std::to_string(bt.unproven_resamples) + " resamples not proven";
      if (bt.optimum_gap > 0)
        text += "\nValue captured is measured against the best optimum found: it reads at most " + human_number(100 * bt.optimum_gap) +
                "% high (largest gap to the upper bound)";
      text += "\n";
      if (bt.strategies.size() > 1) {
        Table p;
        p.header = {"A", "B", "Value captured A - B", "NDCG (v/c) A - B", "Real?"};
        p.right = {false, false, true, true, false};
        for (std::size_t i = 0; i < bt.comparisons.size(); i += measure_count) {
          const auto& vc = bt.comparisons[i];
          const auto& nd = bt.comparisons[i + 1];
          std::string real = vc.significant ? "value" : "";
          if (nd.significant) real += real.empty() ? "ndcg" : ", ndcg";
          p.rows.push_back({vc.a, vc.b, with_interval(vc.difference), with_interval(nd.difference), real.empty() ? "no" : real});
        }
        text += "\nPaired differences (same resamples; real = the interval excludes 0):\n" + gap;
        text += md ? render_markdown(p) : render_text(p);
      }
      if (!bt.missing_outcome.empty()) {
        text += "\nLeft out, no outcome (" + std::to_string(bt.missing_outcome.size()) + "): ";
        for (std::size_t i = 0; i < bt.missing_outcome.size(); ++i) text += (i ? ", " : "") + bt.missing_outcome[i];
        text += "\n";
      }
    }
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_backtest(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<BacktestArgs>();
  CLI::App* cmd = add_command(
      app, ctx, "backtest",
      "Which strategy would have chosen best? Rank a history by its estimates and judge each ranking by realized value and actual cost "
      "(NDCG, precision, Kendall tau, Spearman, value captured within a budget), with bootstrap intervals",
      "prio backtest examples/history.csv --strategies rice,wsjf,\"weighted:retention=0.6;effort=-0.4\" --value realized_value "
      "--cost actual_effort -o league.svg",
      [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_option("--strategies", args->strategies,
                  "Strategies, comma-separated: rice | ice | ice-average | wsjf | moscow[:SECONDARY] | weighted[:NORMALIZATION][:W=x;W=y]")
      ->capture_default_str();
  cmd->add_option("--weights", args->weights, "Weights for a 'weighted' strategy without inline weights");
  cmd->add_option("--missing", args->missing, "Missing estimates: error | worst | skip")->capture_default_str();
  cmd->add_flag("--strict", args->strict, "Enforce the frameworks' scales");
  cmd->add_option("--value", args->value, "Realized value column (>= 0; empty = no outcome yet)")->required();
  cmd->add_option("--cost", args->cost, "Actual cost column (> 0; empty = no outcome yet)")->required();
  cmd->add_option("--k", args->k, "k of NDCG@k and precision@k")->capture_default_str();
  cmd->add_option("--budget-ratio", args->budget_ratio, "Budget as a share of the total actual cost")->capture_default_str();
  cmd->add_option("--bootstrap", args->bootstrap, "Bootstrap resamples (0: no intervals)")->capture_default_str();
  cmd->add_option("--seed", args->seed, "Random seed: the same seed gives the same result")->capture_default_str();
  cmd->add_option("--confidence", args->confidence, "Central probability of the intervals")->capture_default_str();
  cmd->add_option("--threads", args->threads, "Threads (0 = all cores); the result does not depend on it")->capture_default_str();
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown", "svg"});
}

}  // namespace prio::cli
