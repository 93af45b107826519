// prio ready: the frontier, the features whose prerequisites are all done.
#include <algorithm>
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "prio/graph.hpp"
#include "prio/score.hpp"

namespace prio::cli {

namespace {

struct ReadyArgs {
  InputArgs input;
  StrategyArgs strategy;
  OutputArgs output;
  std::string done;
};

int run(const ReadyArgs& a, Context& ctx) {
  const Strategy strategy = make_strategy(a.strategy);
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  const std::vector<FeatureIndex> done = parse_id_list(b, a.done, "--done");
  const Scores scores = strategy.score(b);
  const std::vector<FeatureIndex> frontier = report::ready_sorted(b, scores, done);

  std::string text;
  if (a.output.format == "json") {
    text = report::ready_json(b, scores, done, frontier);
  } else {
    const bool machine = a.output.format == "csv";
    Table t;
    t.header = machine ? std::vector<std::string>{"id", "title", "score", "moscow"}
                       : std::vector<std::string>{"ID", "Title", "Score", "MoSCoW"};
    t.right = {false, false, true, false};
    for (const FeatureIndex i : frontier)
      t.rows.push_back({b.id(i), b.title(i), machine ? format_number(scores[i]) : human_number(scores[i]),
                        machine ? std::string(to_string(b.moscow(i))) : moscow_label(b.moscow(i))});
    text = a.output.format == "markdown" ? render_markdown(t) : machine ? render_csv(t) : render_text(t);
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_ready(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ReadyArgs>();
  CLI::App* cmd = add_command(app, ctx, "ready", "List the features that can start now: every prerequisite is done (best first)",
                              "prio ready examples/backlog.csv --done sso,api-v2", [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_option("--done", args->done, "Features already done, comma-separated");
  add_strategy_options(cmd, args->strategy);
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
