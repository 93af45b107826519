// prio rank: score a backlog and list it best first, respecting dependencies.
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "prio/score.hpp"

namespace prio::cli {

namespace {

struct RankArgs {
  InputArgs input;
  StrategyArgs strategy;
  OutputArgs output;
  std::string order = "greedy";
  std::size_t top = 0;
  std::string done;
};

std::string truncate(const std::string& s, std::size_t max_code_points) {
  std::size_t cps = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cps == max_code_points - 3) {
      // Enough room for the rest?
      std::size_t rest = 0;
      for (std::size_t j = i; j < s.size(); ++j) rest += (static_cast<unsigned char>(s[j]) & 0xC0) != 0x80;
      if (rest <= 3) return s;
      return s.substr(0, i) + "...";
    }
    ++cps;
  }
  return s;
}

int run(const RankArgs& a, Context& ctx) {
  const Strategy strategy = make_strategy(a.strategy);
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  const Scores scores = strategy.score(b);
  const std::vector<FeatureIndex> done = parse_id_list(b, a.done, "--done");
  std::vector<FeatureIndex> ranking = order_features(b, scores, a.order);
  if (a.top > 0 && ranking.size() > a.top) ranking.resize(a.top);
  const auto blocked = unmet(b, done);

  std::string text;
  if (a.output.format == "json") {
    text = "{\"schema\": 1, \"strategy\": " + json_string(scores.strategy()) + ", \"order\": " + json_string(a.order) +
           ", \"ranking\": [";
    std::size_t place = 0;
    for (const FeatureIndex i : ranking) {
      text += place == 0 ? "\n  " : ",\n  ";
      text += "{\"rank\": " + std::to_string(++place) + ", \"id\": " + json_string(b.id(i)) + ", \"title\": " +
              json_string(b.title(i)) + ", \"score\": " + json_number(scores[i]) + ", \"moscow\": " +
              (b.moscow(i) == Moscow::unset ? std::string("null") : json_string(to_string(b.moscow(i)))) + ", \"blocked_by\": [";
      for (std::size_t k = 0; k < blocked[i].size(); ++k) text += (k ? ", " : "") + json_string(blocked[i][k]);
      text += "]}";
    }
    text += ranking.empty() ? "]}\n" : "\n]}\n";
  } else {
    Table t;
    const bool machine = a.output.format == "csv";
    t.header = machine ? std::vector<std::string>{"rank", "id", "title", "score", "moscow", "blocked_by"}
                       : std::vector<std::string>{"#", "ID", "Title", "Score", "MoSCoW", "Blocked by"};
    t.right = {true, false, false, true, false, false};
    std::size_t place = 0;
    for (const FeatureIndex i : ranking) {
      std::string deps;
      for (const auto& d : blocked[i]) deps += (deps.empty() ? "" : (machine ? ";" : ", ")) + d;
      t.rows.push_back({std::to_string(++place), b.id(i), machine ? b.title(i) : truncate(b.title(i), 40),
                        machine ? format_number(scores[i]) : human_number(scores[i]),
                        machine ? std::string(to_string(b.moscow(i))) : moscow_label(b.moscow(i)), deps});
    }
    if (a.output.format == "markdown") text = render_markdown(t);
    else if (machine) text = render_csv(t);
    else text = render_text(t);
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_rank(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<RankArgs>();
  CLI::App* cmd = add_command(app, ctx, "rank", "Score a backlog and list it best first, respecting dependencies",
                              "prio rank examples/backlog.csv --by moscow:wsjf --top 10 --format markdown -o ranking.md",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  add_strategy_options(cmd, args->strategy);
  cmd->add_option("--order", args->order,
                  "Dependency order: greedy (best ready feature first) | inherited (a blocker ranks as high as what it "
                  "unblocks) | value-density (score per effort over time) | none (scores only)")
      ->capture_default_str();
  cmd->add_option("--top", args->top, "Show only the first N features (0 = all)");
  cmd->add_option("--done", args->done, "Features already done, comma-separated: not listed as blockers");
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
