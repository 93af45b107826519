// prio plan: pack the ranked backlog into sprints under capacity and
// dependencies; a table, CSV, JSON, or an SVG roadmap (-o roadmap.svg).
#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "prio/graph.hpp"
#include "prio/plan.hpp"
#include "prio/score.hpp"

namespace prio::cli {

namespace {

struct PlanArgs {
  InputArgs input;
  StrategyArgs strategy;
  OutputArgs output;
  std::string order = "greedy";
  std::vector<double> capacity;
  std::size_t sprints = 0;
  std::string effort = "effort";
  bool separate = false;
  bool plan_wont = false;
};

std::string xml(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fixed(double v, int digits) {
  std::ostringstream os;
  os.precision(digits);
  os << std::fixed << v;
  return os.str();
}

// A label cut to n code points with an ellipsis.
std::string cut(const std::string& s, std::size_t n) {
  std::size_t cps = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cps == n) return s.substr(0, i) + "\u2026";
    ++cps;
  }
  return s;
}

const char* fill_of(Moscow m) {
  switch (m) {
    case Moscow::must: return "#d9534f";
    case Moscow::should: return "#f0ad4e";
    case Moscow::could: return "#5bc0de";
    case Moscow::wont: return "#bbbbbb";
    case Moscow::unset: return "#8fbc8f";
  }
  return "#8fbc8f";
}

// The roadmap: one column per sprint, features as boxes stacked in placement
// order with heights proportional to effort, a capacity frame, the cumulative
// value under each sprint, and a last column of what is not planned and why.
std::string roadmap_svg(const Backlog& b, const SprintPlan& plan, const std::string& effort_attr) {
  const auto effort = b.column(effort_attr);
  const double col_w = 170, gap = 20, left = 20, top = 60, box_w = col_w - 20;
  double max_cap = 1;
  for (const auto& s : plan.sprints) max_cap = std::max(max_cap, s.capacity);
  const double scale = 360.0 / max_cap;  // px per effort point
  const auto unplanned = plan.unplanned();
  const std::size_t cols = plan.sprints.size() + (unplanned.empty() ? 0 : 1);
  const double width = left * 2 + static_cast<double>(std::max<std::size_t>(cols, 1)) * (col_w + gap) + (unplanned.empty() ? 0 : 110);
  double height = top + 360 + 70;
  height = std::max(height, top + 30 + static_cast<double>(unplanned.size()) * 22 + 40);
  std::string o;
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fixed(width, 0) + "\" height=\"" + fixed(height, 0) + "\" viewBox=\"0 0 " +
       fixed(width, 0) + " " + fixed(height, 0) + "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
  o += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  o += "<text x=\"" + fixed(left, 0) + "\" y=\"24\" font-size=\"16\" font-weight=\"bold\">Roadmap</text>\n";
  // Legend.
  double lx = left + 110;
  for (const Moscow m : {Moscow::must, Moscow::should, Moscow::could, Moscow::unset}) {
    o += "<rect x=\"" + fixed(lx, 0) + "\" y=\"13\" width=\"12\" height=\"12\" fill=\"" + fill_of(m) + "\"/>";
    o += "<text x=\"" + fixed(lx + 16, 0) + "\" y=\"23\">" + (m == Moscow::unset ? std::string("untriaged") : std::string(to_string(m))) + "</text>\n";
    lx += 90;
  }
  for (std::size_t s = 0; s < plan.sprints.size(); ++s) {
    const auto& sp = plan.sprints[s];
    const double x = left + static_cast<double>(s) * (col_w + gap);
    o += "<text x=\"" + fixed(x, 0) + "\" y=\"" + fixed(top - 12, 0) + "\" font-weight=\"bold\">Sprint " + std::to_string(s + 1) + "</text>";
    o += "<text x=\"" + fixed(x + col_w - 10, 0) + "\" y=\"" + fixed(top - 12, 0) + "\" text-anchor=\"end\" fill=\"#555\">" + format_number(sp.used) +
         " / " + format_number(sp.capacity) + "</text>\n";
    o += "<rect x=\"" + fixed(x, 1) + "\" y=\"" + fixed(top, 1) + "\" width=\"" + fixed(col_w - 10, 1) + "\" height=\"" + fixed(sp.capacity * scale, 1) +
         "\" fill=\"#f7f7f7\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n";
    double y = top;
    for (const FeatureIndex i : sp.features) {
      const double h = std::max(effort[static_cast<Eigen::Index>(i)] * scale, 2.0);
      o += "<g><title>" + xml(b.id(i) + (b.title(i).empty() ? "" : ": " + b.title(i)) + " (effort " + format_number(effort[static_cast<Eigen::Index>(i)]) + ")") +
           "</title><rect x=\"" + fixed(x + 5, 1) + "\" y=\"" + fixed(y + 1, 1) + "\" width=\"" + fixed(box_w - 10, 1) + "\" height=\"" + fixed(h - 2, 1) +
           "\" rx=\"3\" fill=\"" + fill_of(b.moscow(i)) + "\" stroke=\"#333\" stroke-width=\"0.5\"/>";
      if (h >= 14) o += "<text x=\"" + fixed(x + 10, 1) + "\" y=\"" + fixed(y + std::min(h / 2 + 4, 16.0), 1) + "\">" + xml(cut(b.id(i), 20)) + "</text>";
      o += "</g>\n";
      y += h;
    }
    o += "<text x=\"" + fixed(x, 0) + "\" y=\"" + fixed(top + sp.capacity * scale + 18, 0) + "\" fill=\"#555\">value " + format_number(sp.value) +
         ", total " + format_number(sp.cumulative_value) + "</text>\n";
  }
  if (!unplanned.empty()) {
    const double x = left + static_cast<double>(plan.sprints.size()) * (col_w + gap);
    o += "<text x=\"" + fixed(x, 0) + "\" y=\"" + fixed(top - 12, 0) + "\" font-weight=\"bold\">Not planned</text>\n";
    double y = top;
    for (const FeatureIndex i : unplanned) {
      std::string why(to_string(plan.status[i]));
      if (plan.blocked_by[i]) why += " by " + b.id(*plan.blocked_by[i]);
      o += "<rect x=\"" + fixed(x + 5, 1) + "\" y=\"" + fixed(y, 1) + "\" width=\"" + fixed(box_w + 100, 1) +
           "\" height=\"18\" rx=\"3\" fill=\"#eeeeee\" stroke=\"#999\" stroke-width=\"0.5\"/>";
      o += "<text x=\"" + fixed(x + 10, 1) + "\" y=\"" + fixed(y + 13, 1) + "\" font-size=\"11\">" + xml(cut(b.id(i) + " (" + why + ")", 40)) + "</text>\n";
      y += 22;
    }
  }
  o += "</svg>\n";
  return o;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int run(const PlanArgs& a, Context& ctx) {
  if (a.capacity.empty()) throw UsageError("--capacity is required: points per sprint, one value or a comma-separated list");
  for (const double c : a.capacity)
    if (!(c > 0) || !std::isfinite(c)) throw UsageError("--capacity values must be numbers > 0");
  const Strategy strategy = make_strategy(a.strategy);
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  if (!b.has_attribute(a.effort)) throw UsageError("the backlog has no '" + a.effort + "' column (choose one with --effort)");
  check_order(b, a.order);
  SprintOptions o;
  o.capacity = a.capacity;
  o.effort = a.effort;
  o.max_sprints = a.sprints;
  o.same_sprint_dependencies = !a.separate;
  o.plan_wont = a.plan_wont;
  const report::PlanResult result = report::plan(b, strategy, a.order, o);
  const SprintPlan& plan = result.plan;
  const PlanMoscowReport& mr = result.moscow;
  const auto effort = b.column(a.effort);

  std::string text;
  const bool svg = a.output.format == "svg" || ends_with(a.output.output, ".svg");
  if (svg) {
    text = roadmap_svg(b, plan, a.effort);
  } else if (a.output.format == "json") {
    text = report::plan_json(b, result, a.capacity);
  } else {
    const bool csv = a.output.format == "csv";
    Table t;
    t.header = csv ? std::vector<std::string>{"sprint", "id", "title", "effort", "moscow", "status"}
                   : std::vector<std::string>{"Sprint", "ID", "Title", "Effort", "MoSCoW", "Status"};
    t.right = {true, false, false, true, false, false};
    for (std::size_t s = 0; s < plan.sprints.size(); ++s)
      for (const FeatureIndex i : plan.sprints[s].features)
        t.rows.push_back({std::to_string(s + 1), b.id(i), b.title(i), format_number(effort[static_cast<Eigen::Index>(i)]),
                          csv ? std::string(to_string(b.moscow(i))) : moscow_label(b.moscow(i)), "planned"});
    for (const FeatureIndex i : plan.unplanned()) {
      std::string why(to_string(plan.status[i]));
      if (plan.blocked_by[i]) why += " by " + b.id(*plan.blocked_by[i]);
      const double e = effort[static_cast<Eigen::Index>(i)];
      t.rows.push_back({"", b.id(i), b.title(i), std::isnan(e) ? "" : format_number(e),
                        csv ? std::string(to_string(b.moscow(i))) : moscow_label(b.moscow(i)), why});
    }
    text = csv ? render_csv(t) : a.output.format == "markdown" ? render_markdown(t) : render_text(t);
    if (!csv) {
      text += "\n";
      for (std::size_t s = 0; s < plan.sprints.size(); ++s) {
        const auto& sp = plan.sprints[s];
        text += "sprint " + std::to_string(s + 1) + ": " + format_number(sp.used) + " of " + format_number(sp.capacity) + " used, value " +
                human_number(sp.value) + ", cumulative " + human_number(sp.cumulative_value) + ", must " +
                fixed(100 * mr.sprints[s].report[Moscow::must].share, 0) + "%, could " + fixed(100 * mr.sprints[s].report[Moscow::could].share, 0) + "%\n";
      }
      for (const auto& d : mr.diagnostics) ctx.err << "prio plan: " << d.to_string() << "\n";
      for (std::size_t s = 0; s < mr.sprints.size(); ++s)
        for (const auto& d : mr.sprints[s].report.diagnostics)
          if (d.severity == Severity::warning && d.code == errc::invalid_value)
            ctx.err << "prio plan: sprint " << (s + 1) << ": " << d.message << "\n";
    }
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_plan(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* cmd = add_command(app, ctx, "plan",
                              "Pack the ranked backlog into sprints: capacity and dependencies kept, first fit in value order, "
                              "MoSCoW shares per sprint; -o roadmap.svg draws the roadmap",
                              "prio plan examples/backlog.csv --capacity 10 -o roadmap.svg", [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_option("--capacity", args->capacity, "Effort per sprint: one value, or a comma-separated list (the last repeats)")->delimiter(',');
  cmd->add_option("--sprints", args->sprints, "At most this many sprints (default: as many as needed)");
  cmd->add_option("--effort", args->effort, "Effort attribute (default effort)");
  cmd->add_flag("--separate-sprints", args->separate, "Never put a feature in the same sprint as one of its prerequisites");
  cmd->add_flag("--plan-wont", args->plan_wont, "Plan Won't features too");
  cmd->add_option("--order", args->order, std::string("Value order before packing: ") + order_names);
  add_strategy_options(cmd, args->strategy);
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown", "svg"});
}

}  // namespace prio::cli
