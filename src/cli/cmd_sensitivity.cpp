// prio sensitivity: how far each weight of a weighted score may move before the top changes.
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "prio/experiment/sensitivity.hpp"

namespace prio::cli {

namespace {

struct SensitivityArgs {
  InputArgs input;
  OutputArgs output;
  std::string weights;
  std::string normalization = "min_max";
  std::string missing = "error";
  std::size_t top = 3;
};

std::string change(const std::optional<double>& d) {
  if (!d) return "never";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * *d);
  return buf;
}
std::string fixed(double v) {
  if (std::isnan(v)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

int run(const SensitivityArgs& a, Context& ctx) {
  if (a.weights.empty()) throw UsageError("--weights is required, e.g. --weights retention=0.6,effort=-0.4 or a weights file");
  Weighted w;
  try {
    w = weighted(parse_weights(a.weights), report::parse_normalization(a.normalization), parse_missing(a.missing));
    (void)w.weights();
  } catch (const prio::error& e) {
    throw UsageError(e.description());
  }
  const Strategy strategy = w;
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  const Sensitivity s = sensitivity(b, w, {.top_k = a.top});
  auto id_of = [&b](const std::optional<FeatureIndex>& f) { return f ? b.id(*f) : std::string(); };

  std::string text;
  if (a.output.format == "json") {
    text = report::sensitivity_json(b, s, w.name());
  } else if (a.output.format == "csv") {
    Table t;  // CSV: the per-weight table only (the other checks: table or JSON)
    t.header = {"criterion", "weight", "top1_up", "top1_up_rival", "top1_down", "top1_down_rival", "top_k_up", "top_k_down"};
    t.right = {false, true, true, false, true, false, true, true};  // numbers stay unescaped in CSV
    for (const auto& x : s.weights)
      t.rows.push_back({x.criterion, format_number(x.weight), x.top1_up ? format_number(*x.top1_up) : "", id_of(x.top1_up_rival),
                        x.top1_down ? format_number(*x.top1_down) : "", id_of(x.top1_down_rival),
                        x.top_k_up ? format_number(*x.top_k_up) : "", x.top_k_down ? format_number(*x.top_k_down) : ""});
    text = render_csv(t);
  } else {
    const bool md = a.output.format == "markdown";
    auto render = [md](const Table& t) { return md ? render_markdown(t) : render_text(t); };
    const std::string k = std::to_string(s.top_k);
    Table t;
    t.header = {"Criterion", "Weight", "First: raise", "New first", "First: lower", "New first", "Top " + k + ": raise", "Top " + k + ": lower"};
    t.right = {false, true, true, false, true, false, true, true};
    for (const auto& x : s.weights)
      t.rows.push_back({x.criterion, fixed(x.weight), change(x.top1_up), id_of(x.top1_up_rival), change(x.top1_down),
                        id_of(x.top1_down_rival), change(x.top_k_up), change(x.top_k_down)});
    text = (s.ranking.empty() ? std::string("(empty backlog)\n") : "First: " + b.id(s.ranking[0]) + " (" + w.name() + ")\n" + (md ? "\n" : ""));
    text += "Smallest change of each weight (relative, the others fixed) that changes the first feature or the top " + k + ":\n" + (md ? "\n" : "");
    text += render(t);
    if (!s.leave_one_out.empty()) {
      Table l;
      l.header = {"Without", "Kendall tau", "Spearman", "Top-" + k + " overlap", "Same first"};
      l.right = {false, true, true, true, false};
      for (const auto& x : s.leave_one_out)
        l.rows.push_back({x.criterion, fixed(x.kendall_tau), fixed(x.spearman), fixed(x.top_k_overlap), x.same_top1 ? "yes" : "no"});
      text += std::string(md ? "\n" : "\n") + "Leaving one criterion out, against the full ranking:\n" + (md ? "\n" : "") + render(l);
    }
    Table r;
    r.header = {"Normalization", "Rank reversal", "Moved", "Kendall tau", "Dominated on"};
    r.right = {false, false, true, true, false};
    for (const auto& x : s.rank_reversal)
      r.rows.push_back({std::string(to_string(x.normalization)), x.reordered ? "YES" : "no", std::to_string(x.moved), fixed(x.kendall_tau),
                        x.worsened.empty() ? "(scale ends)" : x.worsened});
    text += std::string("\n") + "Adding a dominated feature (worst on every criterion): does it reorder the others?\n" + (md ? "\n" : "") + render(r);
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_sensitivity(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SensitivityArgs>();
  CLI::App* cmd = add_command(app, ctx, "sensitivity",
                              "How robust is a weighted ranking? Weight changes that alter the top, leave-one-criterion-out, rank reversal",
                              "prio sensitivity examples/backlog.csv --weights retention=0.6,revenue=0.4,effort=-0.3 --top 3",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_option("--weights", args->weights, "NAME=W,... (a negative weight makes a cost criterion) or a weights file")->required();
  cmd->add_option("--normalization", args->normalization, "min_max | z_score | vector | rank")->capture_default_str();
  cmd->add_option("--missing", args->missing, "Missing values: error | worst | skip")->capture_default_str();
  cmd->add_option("--top", args->top, "k: also report changes of the set of the first k")->check(whole_number())->capture_default_str();
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
