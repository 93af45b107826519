// prio rank: score a backlog and list it best first, respecting dependencies.
#include <algorithm>
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
  // For people (table, Markdown), as prio plan: a strategy that ignores
  // MoSCoW categories the backlog has, when that puts a Must behind a lower one.
  const bool for_people = a.output.format == "table" || a.output.format == "markdown";
  if (const std::string flag = for_people ? moscow_by(b, strategy, a.strategy.by) : std::string(); !flag.empty()) {
    std::size_t behind = 0;
    bool lower_seen = false;
    for (const FeatureIndex i : ranking) {
      lower_seen = lower_seen || b.moscow(i) == Moscow::should || b.moscow(i) == Moscow::could;
      behind += lower_seen && b.moscow(i) == Moscow::must;
    }
    if (behind > 0) print_warnings(ctx, "prio rank: warning: ", {moscow_hint(behind, strategy, flag, "ranked")});
  }
  if (a.top > 0 && ranking.size() > a.top) ranking.resize(a.top);
  report::Blockers blockers(b, done);
  std::string text;
  if (a.output.format == "json") {
    text = report::rank_json(b, scores, a.order, ranking, done);
  } else if (a.output.format == "csv") {
    text = report::rank_csv(b, scores, ranking, done);
  } else {
    Table t;
    t.header = {"#", "ID", "Title", "Score", "MoSCoW", "Blocked by"};
    t.right = {true, false, false, true, false, false};
    std::size_t place = 0;
    for (const FeatureIndex i : ranking) {
      std::string deps;
      for (const std::string* d : blockers(i)) deps += (deps.empty() ? "" : ", ") + *d;
      t.rows.push_back({std::to_string(++place), b.id(i), truncate(b.title(i), 40), human_number(scores[i]),
                        moscow_label(b.moscow(i)), deps});
    }
    text = a.output.format == "markdown" ? render_markdown(t) : render_text(t);
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
  cmd->add_option("--top", args->top, "Show only the first N features (0 = all)")->check(whole_number());
  cmd->add_option("--done", args->done, "Features already done, comma-separated: not listed as blockers");
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
