// prio sensitivity: how far each weight of a weighted score may move before the top changes.
#include <cmath>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "prio/experiment/sensitivity.hpp"
#include "svg.hpp"

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

// A tornado chart: per criterion, the smallest relative change of its weight
// that changes the first feature, lowering to the left and raising to the
// right; the most sensitive criterion (the shortest bar) on top.
std::string tornado_svg(const Backlog& b, const Sensitivity& s, const std::string& name) {
  using svg::Anchor;
  std::vector<std::size_t> order(s.weights.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto reach = [&s](std::size_t i) {
    double m = INFINITY;
    if (s.weights[i].top1_up) m = std::min(m, std::abs(*s.weights[i].top1_up));
    if (s.weights[i].top1_down) m = std::min(m, std::abs(*s.weights[i].top1_down));
    return m;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return reach(x) < reach(y); });
  double most = 0.1;
  for (const auto& w : s.weights)
    for (const auto& c : {w.top1_up, w.top1_down})
      if (c && std::isfinite(*c)) most = std::max(most, std::abs(*c));
  const double margin = 20, row_h = 30, top = 90, half = 240;
  double label_w = 60;
  for (const auto& w : s.weights) label_w = std::max(label_w, svg::text_width(svg::fit(w.criterion, 200)));
  const double cx = margin + label_w + 20 + half + 60, plot_h = static_cast<double>(order.size()) * row_h;
  const double width = cx + half + 120, height = top + plot_h + 70;
  const std::string first = s.ranking.empty() ? std::string("(none)") : b.id(s.ranking[0]);
  std::string desc = "Tornado chart of " + name + ": for each weight, the smallest relative change (the others fixed) that makes another feature first instead of " + first + ".";
  for (const std::size_t i : order)
    desc += " " + s.weights[i].criterion + ": lower " + change(s.weights[i].top1_down) + ", raise " + change(s.weights[i].top1_up) + ".";
  svg::Document d(width, height, "Weight sensitivity", desc);
  d.text(margin, 26, "Weight sensitivity", Anchor::start, {.size = 16, .bold = true, .fill = {}});
  d.text(margin, 46, svg::fit("First now: " + first + " (" + name + "). A shorter bar: a smaller change puts another feature first.", width - 2 * margin),
         Anchor::start, {.size = 12, .bold = false, .fill = "#444444"});
  const double lx = d.legend(cx - half, 72, {{"lowering the weight", "#D55E00"}, {"raising the weight", "#0072B2"}});
  (void)lx;
  const svg::Scale xs{-most, most, cx - half, cx + half};
  svg::x_axis(d, xs, top + plot_h, top, "relative change of the weight", [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.0f%%", 100 * v);
    return std::string(v == 0 ? "0" : buf);
  }, 6);
  d.line(cx, top, cx, top + plot_h, "#333333");
  for (std::size_t r = 0; r < order.size(); ++r) {
    const auto& w = s.weights[order[r]];
    const double y = top + static_cast<double>(r) * row_h, cy = y + row_h / 2;
    d.begin_group(w.criterion + " (weight " + decimal(w.weight) + "): lower " + change(w.top1_down) + ", raise " + change(w.top1_up));
    d.text(margin + label_w + 10, cy + 4, svg::fit(w.criterion, 200), Anchor::end);
    if (w.top1_down) {
      d.rect(xs(*w.top1_down), y + 5, cx - xs(*w.top1_down), row_h - 10, "#D55E00");
      d.text(xs(*w.top1_down) - 4, cy + 4, change(w.top1_down), Anchor::end, {.size = 11, .bold = false, .fill = "#333333"});
    } else {
      d.text(cx - 6, cy + 4, "never", Anchor::end, {.size = 11, .bold = false, .fill = "#777777"});
    }
    if (w.top1_up) {
      d.rect(cx, y + 5, xs(*w.top1_up) - cx, row_h - 10, "#0072B2");
      d.text(xs(*w.top1_up) + 4, cy + 4, change(w.top1_up), Anchor::start, {.size = 11, .bold = false, .fill = "#333333"});
    } else {
      d.text(cx + 6, cy + 4, "never", Anchor::start, {.size = 11, .bold = false, .fill = "#777777"});
    }
    d.end_group();
  }
  return d.finish();
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
  if (a.output.format == "svg" || a.output.output.ends_with(".svg")) {
    text = tornado_svg(b, s, w.name());
  } else if (a.output.format == "json") {
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
      t.rows.push_back({x.criterion, decimal(x.weight), change(x.top1_up), id_of(x.top1_up_rival), change(x.top1_down),
                        id_of(x.top1_down_rival), change(x.top_k_up), change(x.top_k_down)});
    text = (s.ranking.empty() ? std::string("(empty backlog)\n") : "First: " + b.id(s.ranking[0]) + " (" + w.name() + ")\n" + (md ? "\n" : ""));
    text += "Smallest change of each weight (relative, the others fixed) that changes the first feature or the top " + k + ":\n" + (md ? "\n" : "");
    text += render(t);
    if (!s.leave_one_out.empty()) {
      Table l;
      l.header = {"Without", "Kendall tau", "Spearman", "Top-" + k + " overlap", "Same first"};
      l.right = {false, true, true, true, false};
      for (const auto& x : s.leave_one_out)
        l.rows.push_back({x.criterion, decimal(x.kendall_tau), decimal(x.spearman), decimal(x.top_k_overlap), x.same_top1 ? "yes" : "no"});
      text += std::string(md ? "\n" : "\n") + "Leaving one criterion out, against the full ranking:\n" + (md ? "\n" : "") + render(l);
    }
    Table r;
    r.header = {"Normalization", "Rank reversal", "Moved", "Kendall tau", "Dominated on"};
    r.right = {false, false, true, true, false};
    for (const auto& x : s.rank_reversal)
      r.rows.push_back({std::string(to_string(x.normalization)), x.reordered ? "YES" : "no", std::to_string(x.moved), decimal(x.kendall_tau),
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
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown", "svg"});
}

}  // namespace prio::cli
