// prio graph: the dependency graph with scores, as Graphviz DOT.
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "prio/graph.hpp"
#include "prio/score.hpp"

namespace prio::cli {

namespace {

struct GraphArgs {
  InputArgs input;
  StrategyArgs strategy;
  std::string output;
};

int run(const GraphArgs& a, Context& ctx) {
  const Strategy strategy = make_strategy(a.strategy);
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  const Scores scores = strategy.score(b);
  const DependencyGraph g(b);
  write_output(a.output, to_dot(g, b, scores), ctx);
  return exit_ok;
}

}  // namespace

void register_graph(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<GraphArgs>();
  CLI::App* cmd = add_command(app, ctx, "graph", "Write the dependency graph with scores as Graphviz DOT",
                              "prio graph examples/backlog.csv --by wsjf -o graph.dot && dot -Tsvg graph.dot -o graph.svg",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  add_strategy_options(cmd, args->strategy);
  cmd->add_option("-o,--output", args->output, "Write to this file (atomically) instead of stdout");
}

}  // namespace prio::cli
