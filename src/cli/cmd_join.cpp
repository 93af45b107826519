// prio join: analytics metrics (Mixpanel / Amplitude CSV exports) joined to a backlog by feature.
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"

namespace prio::cli {

std::string backlog_output_format(const std::string& to, const std::string& output);

namespace {

struct JoinArgs {
  InputArgs input;
  std::string metrics;
  std::string on;
  std::vector<std::string> metric;
  std::string since;
  bool add = false;
  std::string to;
  std::string output;
};

int run(const JoinArgs& a, Context& ctx) {
  JoinOptions o;
  o.file_name = a.metrics;
  o.on = a.on;
  o.add = a.add;
  try {
    for (const auto& m : a.metric) o.metrics.push_back(parse_metric_spec(m));
  } catch (const prio::error& e) {
    throw UsageError("--metric: " + e.description());
  }
  if (!a.since.empty()) {
    bool ambiguous = false;
    o.since = parse_export_date(a.since, &ambiguous);
    if (!o.since)
      throw UsageError("--since: " + std::string(ambiguous ? "ambiguous date '" : "not a date: '") + a.since + "' (write YYYY-MM-DD)");
  }
  const std::string to = backlog_output_format(a.to, a.output);
  auto read = load_backlog(a.input, ctx);
  if (!read) return exit_invalid_input;
  const JoinResult r = join_metrics_file(read->backlog, a.metrics, o);
  for (const auto& d : r.diagnostics) ctx.err << d.to_string() << '\n';
  if (!r.ok()) return exit_invalid_input;
  write_output(a.output, to == "json" ? write_json(read->backlog) : write_csv(read->backlog), ctx);
  return exit_ok;
}

}  // namespace

void register_join(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<JoinArgs>();
  CLI::App* cmd = add_command(app, ctx, "join", "Set (or add to) backlog attributes from an analytics CSV export, joined by feature id",
                              "prio join backlog.csv mixpanel.csv --on feature --metric reach=unique_users:sum --since 2026-01-01",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_option("METRICS", args->metrics, "Metrics CSV: long (a Date column, one column per metric) or wide (one column per date)")->required();
  cmd->add_option("--on", args->on, "The metrics file's column holding the feature id")->required();
  cmd->add_option("--metric", args->metric, "ATTRIBUTE=COLUMN[:sum|mean|max|last] (repeatable; default sum)")->required();
  cmd->add_option("--since", args->since, "Leave out dates before this one (YYYY-MM-DD)");
  cmd->add_flag("--add", args->add, "Add to the attribute's value instead of replacing it");
  cmd->add_option("--to", args->to, "csv | json (default: from the -o file name, else csv)");
  cmd->add_option("-o,--output", args->output, "Write to this file (atomically) instead of stdout");
}

}  // namespace prio::cli
