// The prio command line as a function: builds the CLI11 app from the commands
// listed in commands.hpp and runs one command line with the given streams.
#include "commands.hpp"
#include "common.hpp"
#include "prio/version.hpp"

namespace prio::cli {

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Context ctx{out, err};
  CLI::App app{"prio: dependency-aware backlog prioritization (RICE, ICE, WSJF, MoSCoW, weighted KPIs).\n"
               "Example: prio rank examples/backlog.csv --by wsjf --top 10",
               "prio"};
  app.set_version_flag("--version", std::string("prio ") + PRIO_VERSION_STRING);
  app.require_subcommand(1);
  app.fallthrough(false);
  // CLI11 quotes a bad value whole; a 1 MB argument must not come back whole.
  app.failure_message([](const CLI::App* a, const CLI::Error& e) { return clip_message(CLI::FailureMessage::simple(a, e)); });
#define PRIO_CLI_REGISTER(name) register_##name(app, ctx);
  PRIO_CLI_COMMANDS(PRIO_CLI_REGISTER)
#undef PRIO_CLI_REGISTER
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e, out, err);
    if (rc == 0 && !out.flush()) {  // --help or --version into a failed stdout
      err << "prio: error: cannot write to standard output\n";
      return exit_invalid_input;
    }
    return rc == 0 ? exit_ok : exit_usage;
  }
  if (!ctx.out_failed && !out.flush()) {
    err << "prio: error: cannot write to standard output\n";
    return ctx.exit_code == exit_ok ? exit_invalid_input : ctx.exit_code;
  }
  return ctx.exit_code;
}

}  // namespace prio::cli
