// prio explain: a feature's score term by term; with two ids, why one outranks the other.
#include <memory>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "prio/score.hpp"

namespace prio::cli {

namespace {

struct ExplainArgs {
  InputArgs input;
  StrategyArgs strategy;
  std::string a;
  std::string b;
  std::string format = "text";
};

int run(const ExplainArgs& args, Context& ctx) {
  const Strategy strategy = make_strategy(args.strategy);
  auto read = load_backlog(args.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  const Backlog& b = read->backlog;
  const FeatureIndex a = parse_id_list(b, args.a, "ID").at(0);
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  std::ostringstream out;
  const bool json = args.format == "json";
  if (args.b.empty()) {
    const Explanation e = prio::explain(b, strategy, a);
    if (json) out << report::explanation_json(e);
    else out << e << '\n';
  } else {
    const FeatureIndex other = parse_id_list(b, args.b, "ID2").at(0);
    const Comparison c = prio::explain(b, strategy, a, other);
    if (json) out << report::comparison_json(c);
    else out << c << '\n';
  }
  write_output({}, out.str(), ctx);
  return exit_ok;
}

}  // namespace

void register_explain(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = add_command(app, ctx, "explain", "Show a feature's score term by term; with two ids, why one outranks the other",
                              "prio explain examples/backlog.csv sso dark-mode --by rice",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_option("ID", args->a, "The feature to explain")->required();
  cmd->add_option("ID2", args->b, "A second feature to compare with");
  add_strategy_options(cmd, args->strategy);
  cmd->add_option("--format", args->format, "text | json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
}

}  // namespace prio::cli
