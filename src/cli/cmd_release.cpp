// prio release: the features to ship within a budget so that the most bundle
// value (customers, segments, objectives) is delivered: the Next Release Problem.
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "prio/graph.hpp"
#include "prio/nrp.hpp"
#include "prio/release.hpp"
#include "prio/score.hpp"

namespace prio::cli {

namespace {

struct ReleaseArgs {
  InputArgs input;
  StrategyArgs strategy;
  OutputArgs output;
  std::string nrp;
  double ratio = -1;
  double budget = -1;
  std::string bundles;
  std::string effort = "effort";
  std::string value;
  double time_limit = 10;
  std::uint64_t seed = 1;
};

std::string optional_number(const std::optional<double>& v) { return v ? json_number(*v) : std::string("null"); }

std::string gap_text(double value, const std::optional<double>& bound) {
  if (!bound || *bound <= 0) return "";
  const double gap = (*bound - value) / *bound;
  std::ostringstream os;
  os.precision(2);
  os << std::fixed << 100 * gap << "%";
  return os.str();
}

int run_nrp(const ReleaseArgs& a, Context& ctx) {
  if (a.ratio < 0 && a.budget < 0) throw UsageError("--nrp needs --budget-ratio R (or --budget B)");
  const NrpFile f = read_nrp_file(a.nrp);
  NrpInstance in = nrp_instance(f, a.ratio < 0 ? 0 : a.ratio);
  if (a.budget >= 0) in.budget = a.budget;
  ReleaseOptions opt;
  opt.time_limit = a.time_limit;
  opt.seed = a.seed;
  const NrpSolution sol = solve_nrp(in, opt);
  std::string text;
  if (a.output.format == "json") {
    text = "{\"schema\": 1, \"budget\": " + json_number(in.budget) + ", \"cost\": " + json_number(sol.cost) + ", \"value\": " +
           json_number(sol.value) + ", \"selected\": [";
    for (std::size_t k = 0; k < sol.selected.size(); ++k) text += (k ? ", " : "") + std::to_string(sol.selected[k] + 1);
    text += "], \"satisfied\": [";
    for (std::size_t k = 0; k < sol.satisfied.size(); ++k) text += (k ? ", " : "") + std::to_string(sol.satisfied[k] + 1);
    text += "], \"optimal\": " + std::string(sol.optimal ? "true" : "false") + ", \"bound\": " + optional_number(sol.bound) + "}\n";
  } else {
    const bool csv = a.output.format == "csv";
    Table t;
    t.header = csv ? std::vector<std::string>{"budget", "cost", "value", "bound", "gap", "optimal", "requirements", "customers", "seconds"}
                   : std::vector<std::string>{"Budget", "Cost", "Value", "Bound", "Gap", "Optimal", "Requirements", "Customers", "Seconds"};
    t.right = {true, true, true, true, true, false, true, true, true};
    std::ostringstream secs;
    secs.precision(2);
    secs << std::fixed << sol.seconds;
    t.rows.push_back({format_number(in.budget), format_number(sol.cost), format_number(sol.value), sol.bound ? format_number(*sol.bound) : "",
                      gap_text(sol.value, sol.bound), sol.optimal ? "yes" : "no", std::to_string(sol.selected.size()) + "/" + std::to_string(in.cost.size()),
                      std::to_string(sol.satisfied.size()) + "/" + std::to_string(in.bundles.size()), secs.str()});
    text = csv ? render_csv(t) : a.output.format == "markdown" ? render_markdown(t) : render_text(t);
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

int run_backlog(const ReleaseArgs& a, Context& ctx) {
  if (a.input.file.empty()) throw UsageError("give a backlog FILE, or --nrp FILE");
  if (a.budget < 0) throw UsageError("--budget B is required (the effort the release may use)");
  auto read = load_backlog(a.input, ctx);
  if (!read) return exit_invalid_input;
  Backlog b = read->backlog;
  const DependencyGraph g(b);
  ReleaseAttributes attr;
  attr.effort = a.effort;
  std::vector<Bundle> bundles;
  if (!a.bundles.empty()) bundles = report::read_bundles(a.bundles);
  if (!a.value.empty()) {
    attr.value = a.value;
  } else if (bundles.empty()) {
    // No bundles and no value column: each feature is worth its score.
    const Strategy strategy = make_strategy(a.strategy);
    if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
    const Scores s = strategy.score(b);
    Eigen::VectorXd v = s.values();
    for (Eigen::Index i = 0; i < v.size(); ++i)
      if (std::isnan(v[i]) || v[i] < 0) v[i] = 0;
    b.set_column("prio_release_value", v);
    attr.value = "prio_release_value";
  }
  ReleaseOptions opt;
  opt.time_limit = a.time_limit;
  opt.seed = a.seed;
  const ReleaseSelection r = select_release(b, g, bundles, a.budget, opt, attr);
  std::string text;
  if (a.output.format == "json") {
    text = report::release_json(b, r, bundles, a.budget);
  } else {
    const bool csv = a.output.format == "csv";
    Table t;
    t.header = csv ? std::vector<std::string>{"id", "title", "effort", "bundles"} : std::vector<std::string>{"ID", "Title", "Effort", "Delivers"};
    t.right = {false, false, true, false};
    const auto effort = b.column(a.effort);
    for (const FeatureIndex i : r.features) {
      std::string delivers;
      for (const std::size_t k : r.bundles)
        for (const auto& f : bundles[k].features)
          if (f == b.id(i)) delivers += (delivers.empty() ? "" : csv ? ";" : ", ") + bundles[k].id;
      t.rows.push_back({b.id(i), b.title(i), format_number(effort[static_cast<Eigen::Index>(i)]), delivers});
    }
    text = csv ? render_csv(t) : a.output.format == "markdown" ? render_markdown(t) : render_text(t);
    if (!csv) {
      text += "\ncost " + format_number(r.cost) + " of " + format_number(a.budget) + ", value " + format_number(r.value);
      if (r.optimal) text += " (optimal)";
      else if (r.bound) text += " (upper bound " + format_number(*r.bound) + ", gap at most " + gap_text(r.value, r.bound) + ")";
      text += "\n";
    }
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

int run(const ReleaseArgs& a, Context& ctx) {
  if (!(a.time_limit >= 0)) throw UsageError("--time-limit must be >= 0");
  if (!a.nrp.empty()) return run_nrp(a, ctx);
  return run_backlog(a, ctx);
}

}  // namespace

void register_release(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ReleaseArgs>();
  CLI::App* cmd = add_command(app, ctx, "release",
                              "Choose the features for a release within a budget, maximising the value of the bundles (customers, objectives) "
                              "delivered in full (the Next Release Problem)",
                              "prio release backlog.csv --budget 40 --bundles customers.csv", [args, &ctx] { return run(*args, ctx); });
  CLI::Option* file = cmd->add_option("FILE", args->input.file, "Backlog file: CSV, or JSON when the name ends in .json");
  CLI::Option* map = cmd->add_option("--map", args->input.maps, "Read a column under prio's name: NAME=COLUMN (repeatable)")->take_all();
  CLI::Option* map_file = cmd->add_option("--map-file", args->input.map_file, "File of NAME=COLUMN lines ('#' comments)");
  cmd->add_option("--budget", args->budget, "Effort the release may use (with --nrp: overrides --budget-ratio)")->check(finite_number(0));
  CLI::Option* bundles = cmd->add_option("--bundles", args->bundles, "Bundles CSV: header bundle,value,features; features separated by ';'");
  CLI::Option* effort = cmd->add_option("--effort", args->effort, "Effort attribute (default effort)");
  CLI::Option* value =
      cmd->add_option("--value", args->value, "Attribute with the value of a feature on its own (default: the --by score when there are no bundles)");
  CLI::Option* nrp = cmd->add_option("--nrp", args->nrp, "Solve an instance file in the NRP format (Bagnall et al.; Xuan et al.) instead of a backlog");
  cmd->add_option("--budget-ratio", args->ratio, "With --nrp: budget = ratio x total cost, rounded half up")->check(finite_number(0))->needs(nrp);
  cmd->add_option("--time-limit", args->time_limit, "Seconds for the search (default 10)")->check(finite_number(0));
  cmd->add_option("--seed", args->seed, "Seed of the search (default 1)")->check(whole_number());
  add_strategy_options(cmd, args->strategy);
  // An --nrp instance has no backlog: the backlog's options would be ignored.
  for (CLI::Option* o : {file, map, map_file, bundles, effort, value, cmd->get_option("--by"), cmd->get_option("--weights"),
                         cmd->get_option("--missing"), cmd->get_option("--strict")})
    nrp->excludes(o);
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
