// prio validate: every problem of a backlog file, for the strategy it will be ranked with.
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"

namespace prio::cli {

namespace {

struct ValidateArgs {
  InputArgs input;
  StrategyArgs strategy;
  bool structure_only = false;
  std::string format = "text";
};

int run(const ValidateArgs& a, Context& ctx) {
  const Strategy strategy = a.structure_only ? report::structure_only() : make_strategy(a.strategy);
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (a.format == "json") {
    const std::vector<Diagnostic> ds = report::validation(*read, strategy);
    write_output({}, report::validate_json(*read, ds), ctx);
    return has_errors(ds) ? exit_invalid_input : exit_ok;
  }
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  ctx.out << read->source.file() << ": ok: " << read->backlog.size() << " features, "
          << read->backlog.attributes().size() << " attributes\n";
  return exit_ok;
}

}  // namespace

void register_validate(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = add_command(app, ctx, "validate",
                              "Report every problem in a backlog file at once (exit 1 when there is an error)",
                              "prio validate examples/backlog.csv --by wsjf", [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  add_strategy_options(cmd, args->strategy);
  cmd->add_flag("--structure-only", args->structure_only,
                "Check the file and the dependencies only, not the values a strategy needs");
  cmd->add_option("--format", args->format,
                  "text (problems on stderr) | json (on stdout, with the reader's warnings; problems found while reading stay on stderr)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

}  // namespace prio::cli
