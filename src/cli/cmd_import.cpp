// prio import: a backlog from a Jira, Linear, Trello or Notion export.
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"

namespace prio::cli {

namespace {

struct ImportArgs {
  InputArgs input;
  std::string to;
  std::string output;
};

// csv | json from --to, else from the -o file name.
std::string backlog_format(const std::string& to, const std::string& output) {
  std::string f = to;
  if (f.empty()) f = output.size() >= 5 && output.compare(output.size() - 5, 5, ".json") == 0 ? "json" : "csv";
  if (f != "csv" && f != "json") throw UsageError("--to must be csv or json, got '" + f + "'");
  return f;
}

int run(const ImportArgs& a, Context& ctx) {
  if (a.input.from.empty()) throw UsageError("--from is required: " + import_profile_names());
  const std::string to = backlog_format(a.to, a.output);
  auto read = load_backlog(a.input, ctx);
  if (!read) return exit_invalid_input;
  write_output(a.output, to == "json" ? write_json(read->backlog) : write_csv(read->backlog), ctx);
  return exit_ok;
}

}  // namespace

std::string backlog_output_format(const std::string& to, const std::string& output) { return backlog_format(to, output); }

void register_import(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = add_command(app, ctx, "import", "Read a Jira, Linear, Trello or Notion export as a prio backlog",
                              "prio import --from jira jira.csv -o backlog.csv", [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_flag("--keep-done", args->input.import.keep_done, "Keep done / closed / canceled issues (left out by default)");
  cmd->add_flag("--roll-up-effort", args->input.import.roll_up_effort,
                "A parent's effort becomes its own plus all its descendants' (Jira, Linear, Notion)");
  cmd->add_flag("--links-in-descriptions", args->input.import.description_links,
                "Trello: 'blocked by #12' or 'depends on #12' in a card's description is a dependency");
  cmd->add_option("--to", args->to, "csv | json (default: from the -o file name, else csv)");
  cmd->add_option("-o,--output", args->output, "Write to this file (atomically) instead of stdout");
}

}  // namespace prio::cli
