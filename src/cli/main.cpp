// The `prio` command-line tool: builds the CLI11 app from the commands
// listed in commands.hpp and maps every outcome to an exit code
// (0 ok, 1 invalid input, 2 usage error).
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "prio/version.hpp"

int main(int argc, char** argv) {
  prio::cli::Context ctx{std::cout, std::cerr};
  CLI::App app{"prio: dependency-aware backlog prioritization (RICE, ICE, WSJF, MoSCoW, weighted KPIs).\n"
               "Example: prio rank examples/backlog.csv --by wsjf --top 10",
               "prio"};
  app.set_version_flag("--version", std::string("prio ") + PRIO_VERSION_STRING);
  app.require_subcommand(1);
  app.fallthrough(false);
#define PRIO_CLI_REGISTER(name) prio::cli::register_##name(app, ctx);
  PRIO_CLI_COMMANDS(PRIO_CLI_REGISTER)
#undef PRIO_CLI_REGISTER
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e, std::cout, std::cerr);
    return rc == 0 ? prio::cli::exit_ok : prio::cli::exit_usage;
  }
  return ctx.exit_code;
}
