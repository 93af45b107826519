// The commands of the `prio` tool. Each lives in its own file
// src/cli/cmd_<name>.cpp and defines
//
//   void prio::cli::register_<name>(CLI::App& app, prio::cli::Context& ctx);
//
// which adds a subcommand with prio::cli::add_command (src/cli/common.hpp).
// To add a command: write src/cli/cmd_<name>.cpp and add one X(<name>) line
// below (CMake picks up cmd_*.cpp by itself; re-run cmake configure). The
// order of the lines is the order of `prio --help`.
#pragma once

#include <CLI/CLI.hpp>

#define PRIO_CLI_COMMANDS(X) \
  X(rank)                    \
  X(validate)                \
  X(explain)                 \
  X(ready)                   \
  X(graph)                   \
  X(plan)                    \
  X(release)                 \
  X(compare)                 \
  X(simulate)                \
  X(sensitivity)             \
  X(backtest)                \
  X(calibrate)               \
  X(convert)                 \
  X(import)                  \
  X(join)                    \
  X(kano)

namespace prio::cli {

struct Context;

#define PRIO_CLI_DECLARE(name) void register_##name(CLI::App& app, Context& ctx);
PRIO_CLI_COMMANDS(PRIO_CLI_DECLARE)
#undef PRIO_CLI_DECLARE

}  // namespace prio::cli
