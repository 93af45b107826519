// prio plan: pack the ranked backlog into sprints under capacity and
// dependencies; a table, CSV, JSON, or an SVG roadmap (-o roadmap.svg).
#include <algorithm>
#include <cctype>
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
#include "svg.hpp"

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
  bool arrows = false;
};

using svg::Anchor;
using svg::fixed;
using svg::Box;
using svg::Font;

// Fill and text colour of a feature box by MoSCoW category (Okabe-Ito colours).
std::pair<const char*, const char*> colours_of(Moscow m) {
  switch (m) {
    case Moscow::must: return {"#D55E00", "#ffffff"};
    case Moscow::should: return {"#E69F00", "#000000"};
    case Moscow::could: return {"#56B4E9", "#000000"};
    case Moscow::wont: return {"#CC79A7", "#000000"};
    case Moscow::unset: return {"#DDDDDD", "#000000"};
  }
  return {"#DDDDDD", "#000000"};
}

std::string reason(const Backlog& b, const SprintPlan& plan, FeatureIndex i) {
  switch (plan.status[i]) {
    case PlanStatus::wont: return "won't (MoSCoW)";
    case PlanStatus::no_effort: return "no effort value";
    case PlanStatus::too_large: return "larger than any sprint";
    case PlanStatus::capacity: return "no room within --sprints";
    case PlanStatus::blocked: return plan.blocked_by[i] ? "blocked by " + b.id(*plan.blocked_by[i]) : "blocked";
    case PlanStatus::planned: break;
  }
  return "planned";
}

// The roadmap: sprints of a fixed width wrapped into rows of at most six, each
// a column headed by its number and the effort used of its capacity (with a
// bar), one box per feature in placement order (id and effort), the sprint's
// value and the cumulative value under it; a legend; the features not
// planned with the reason; optional arrows from a prerequisite to a dependent
// planned in a later sprint. Every label is cut to its box, and the document
// records every text box it places (the layout check in its last line).
std::string roadmap_svg(const Backlog& b, const SprintPlan& plan, const std::string& effort_attr, const std::string& subtitle,
                        bool arrows) {
  const auto effort = b.column(effort_attr);
  const double margin = 20, col_w = 180, gap = 16, pitch = 22, box_h = 20, head = 50;
  const std::size_t n_sprints = plan.sprints.size();
  const std::size_t per_row = std::clamp<std::size_t>(n_sprints, 1, 6);
  const std::size_t rows = (n_sprints + per_row - 1) / per_row;
  const auto unplanned = plan.unplanned();
  const double grid_w = static_cast<double>(per_row) * (col_w + gap) - gap;
  const double width = std::max(margin * 2 + grid_w, 760.0);
  // Rows: a header, the feature boxes, two footer lines.
  std::vector<double> row_y(rows + 1);
  row_y[0] = 100;
  for (std::size_t r = 0; r < rows; ++r) {
    std::size_t most = 0;
    for (std::size_t s = r * per_row; s < std::min(n_sprints, (r + 1) * per_row); ++s) most = std::max(most, plan.sprints[s].features.size());
    row_y[r + 1] = row_y[r] + head + static_cast<double>(most) * pitch + 50;
  }
  const double list_col_w = 360;
  const std::size_t list_cols = std::max<std::size_t>(1, static_cast<std::size_t>((width - 2 * margin + gap) / (list_col_w + gap)));
  const std::size_t list_rows = (unplanned.size() + list_cols - 1) / list_cols;
  const double list_top = row_y[rows] + (n_sprints == 0 ? 0 : 10);
  const double height = list_top + (unplanned.empty() ? 0 : 30 + static_cast<double>(list_rows) * pitch) + margin;

  // The text alternative: every sprint's features, then what is not planned.
  std::string desc = "Roadmap of " + std::to_string(b.size()) + " features in " + std::to_string(n_sprints) + " sprints (" + subtitle + ").";
  for (std::size_t s = 0; s < n_sprints; ++s) {
    desc += " Sprint " + std::to_string(s + 1) + ":";
    for (std::size_t k = 0; k < plan.sprints[s].features.size(); ++k) desc += (k ? ", " : " ") + b.id(plan.sprints[s].features[k]);
    desc += ".";
  }
  if (!unplanned.empty()) {
    desc += " Not planned:";
    for (std::size_t k = 0; k < unplanned.size(); ++k) desc += (k ? ", " : " ") + b.id(unplanned[k]) + " (" + reason(b, plan, unplanned[k]) + ")";
    desc += ".";
  }
  svg::Document d(width, height, "Roadmap", desc);
  d.text(margin, 28, "Roadmap", Anchor::start, {.size = 16, .bold = true, .fill = {}});
  d.text(margin, 50, svg::fit(subtitle, width - 2 * margin), Anchor::start, {.size = 12, .bold = false, .fill = "#444444"});
  double lx = d.legend(margin, 76, {{"must", colours_of(Moscow::must).first}, {"should", colours_of(Moscow::should).first},
                                    {"could", colours_of(Moscow::could).first}, {"won't", colours_of(Moscow::wont).first},
                                    {"untriaged", colours_of(Moscow::unset).first}});
  d.text(lx, 76, "box: id and effort", Anchor::start, {.size = 12, .bold = false, .fill = "#444444"});
  if (arrows) {
    lx += svg::text_width("box: id and effort") + 20;
    d.line(lx, 72, lx + 30, 72, "#555555", "stroke-width=\"1.2\" marker-end=\"url(#arrow)\"");
    d.text(lx + 38, 76, "prerequisite to dependent", Anchor::start, {.size = 12, .bold = false, .fill = "#444444"});
  }

  // Where each planned feature's box is.
  std::vector<Box> where(b.size());
  for (std::size_t s = 0; s < n_sprints; ++s) {
    const double x = margin + static_cast<double>(s % per_row) * (col_w + gap), y0 = row_y[s / per_row] + head;
    for (std::size_t k = 0; k < plan.sprints[s].features.size(); ++k)
      where[plan.sprints[s].features[k]] = Box{x, y0 + static_cast<double>(k) * pitch, col_w, box_h};
  }
  if (arrows) {
    d.raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
          "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555555\"/></marker></defs>\n");
    const DependencyGraph g(b);
    for (FeatureIndex p = 0; p < b.size(); ++p) {
      if (!plan.sprint[p]) continue;
      for (const FeatureIndex q : g.dependents(p)) {
        if (!plan.sprint[q] || *plan.sprint[q] == *plan.sprint[p]) continue;
        // Routed along the free lanes: the gutter right of the prerequisite's
        // column, the gap above the dependent's row, the gutter left of the
        // dependent's column; never across a label.
        const Box& a = where[p];
        const Box& z = where[q];
        const std::size_t sp = *plan.sprint[p], sq = *plan.sprint[q];
        const double x1 = a.x + a.w, y1 = a.y + a.h / 2, x2 = z.x, y2 = z.y + z.h / 2;
        const double right_gutter = x1 + gap / 2, left_gutter = x2 - gap / 2;
        std::string path = "M" + fixed(x1, 1) + "," + fixed(y1, 1) + " H" + fixed(right_gutter, 1);
        if (sq / per_row == sp / per_row && sq % per_row == sp % per_row + 1) {
          path += " V" + fixed(y2, 1);
        } else {
          const double lane = row_y[sq / per_row] - 6;
          path += " V" + fixed(lane, 1) + " H" + fixed(left_gutter, 1) + " V" + fixed(y2, 1);
        }
        path += " H" + fixed(x2 - 1, 1);
        d.raw("<path d=\"" + path + "\" fill=\"none\" stroke=\"#555555\" stroke-opacity=\"0.8\" stroke-width=\"1.2\" "
              "stroke-linejoin=\"round\" marker-end=\"url(#arrow)\"/>\n");
      }
    }
  }

  for (std::size_t s = 0; s < n_sprints; ++s) {
    const auto& sp = plan.sprints[s];
    const double x = margin + static_cast<double>(s % per_row) * (col_w + gap), y0 = row_y[s / per_row];
    d.text(x, y0 + 14, "Sprint " + std::to_string(s + 1), Anchor::start, {.size = 13, .bold = true, .fill = {}});
    d.text(x + col_w, y0 + 14, svg::fit(svg::number(sp.used) + " / " + svg::number(sp.capacity), col_w - 90), Anchor::end,
           {.size = 12, .bold = false, .fill = "#444444"});
    d.rect(x, y0 + 24, col_w, 8, "#eeeeee", "stroke=\"#999999\" stroke-width=\"0.5\"");
    d.rect(x, y0 + 24, col_w * std::clamp(sp.capacity > 0 ? sp.used / sp.capacity : 0.0, 0.0, 1.0), 8, "#0072B2");
    for (const FeatureIndex i : sp.features) {
      const Box& bx = where[i];
      const auto [fill, ink] = colours_of(b.moscow(i));
      const double e = effort[static_cast<Eigen::Index>(i)];
      d.begin_group(b.id(i) + (b.title(i).empty() ? "" : ": " + b.title(i)) + " (effort " + svg::number(e) + ", sprint " + std::to_string(s + 1) + ")");
      d.rect(bx.x, bx.y, bx.w, bx.h, fill, "rx=\"3\" stroke=\"#333333\" stroke-width=\"0.5\"");
      const std::string e_text = svg::number(e);
      const Box eb = d.text(bx.x + bx.w - 5, bx.y + 14, e_text, Anchor::end, {.size = 11, .bold = false, .fill = ink});
      d.text(bx.x + 5, bx.y + 14, svg::fit(b.id(i), eb.x - bx.x - 12), Anchor::start, {.size = 12, .bold = false, .fill = ink});
      d.end_group();
    }
    const double fy = row_y[s / per_row + 1] - 50 + 16;
    d.text(x, fy, svg::fit("value " + svg::number(sp.value), col_w), Anchor::start, {.size = 12, .bold = false, .fill = "#444444"});
    d.text(x, fy + 16, svg::fit("cumulative " + svg::number(sp.cumulative_value), col_w), Anchor::start,
           {.size = 12, .bold = false, .fill = "#444444"});
  }
  if (!unplanned.empty()) {
    d.text(margin, list_top + 14, "Not planned (" + std::to_string(unplanned.size()) + ")", Anchor::start, {.size = 13, .bold = true, .fill = {}});
    for (std::size_t k = 0; k < unplanned.size(); ++k) {
      const FeatureIndex i = unplanned[k];
      const double x = margin + static_cast<double>(k % list_cols) * (list_col_w + gap), y = list_top + 26 + static_cast<double>(k / list_cols) * pitch;
      d.begin_group(b.id(i) + (b.title(i).empty() ? "" : ": " + b.title(i)) + " (" + reason(b, plan, i) + ")");
      d.rect(x, y, 12, 12, colours_of(b.moscow(i)).first, "stroke=\"#333333\" stroke-width=\"0.5\"");
      d.text(x + 18, y + 11, svg::fit(b.id(i) + ": " + reason(b, plan, i), list_col_w - 24));
      d.end_group();
    }
  }
  return d.finish();
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
    std::string capacity;
    for (const double c : a.capacity) capacity += (capacity.empty() ? "" : ", ") + svg::number(c);
    const std::size_t planned = b.size() - plan.unplanned().size();
    const std::string subtitle = std::to_string(planned) + " of " + std::to_string(b.size()) + " features planned in " +
                                 std::to_string(plan.sprints.size()) + " sprints of capacity " + capacity + " (" + a.effort + "); " +
                                 strategy.name() + ", order " + a.order;
    text = roadmap_svg(b, plan, a.effort, subtitle, a.arrows);
  } else if (a.output.format == "json") {
    text = report::plan_json(b, result, a.capacity);
  } else {
    const bool csv = a.output.format == "csv";
    Table t;
    t.header = csv ? std::vector<std::string>{"sprint", "id", "title", "effort", "moscow", "status"}
                   : std::vector<std::string>{"Sprint", "ID", "Title", "Effort", "MoSCoW", "Status"};
    t.right = {true, false, false, true, false, false};
    // CSV is written row by row (no table of every row: at 10^6 features
    // that was most of the command's memory); text and Markdown align
    // columns over all rows.
    if (csv) {
      text.reserve(b.size() * 64);  // a row is ~50 bytes: no copy of a growing buffer (only the pages written are touched)
      append_csv_row(text, t.header, t.right, true);
    }
    auto add = [&](std::vector<std::string> row) {
      if (csv) append_csv_row(text, row, t.right, false);
      else t.rows.push_back(std::move(row));
    };
    for (std::size_t s = 0; s < plan.sprints.size(); ++s)
      for (const FeatureIndex i : plan.sprints[s].features)
        add({std::to_string(s + 1), b.id(i), b.title(i), format_number(effort[static_cast<Eigen::Index>(i)]),
             csv ? std::string(to_string(b.moscow(i))) : moscow_label(b.moscow(i)), "planned"});
    for (const FeatureIndex i : plan.unplanned()) {
      std::string why(to_string(plan.status[i]));
      if (plan.blocked_by[i]) why += " by " + b.id(*plan.blocked_by[i]);
      const double e = effort[static_cast<Eigen::Index>(i)];
      add({"", b.id(i), b.title(i), std::isnan(e) ? "" : format_number(e), csv ? std::string(to_string(b.moscow(i))) : moscow_label(b.moscow(i)),
           why});
    }
    if (!csv) text = a.output.format == "markdown" ? render_markdown(t) : render_text(t);
    if (!csv) {
      text += "\n";
      for (std::size_t s = 0; s < plan.sprints.size(); ++s) {
        const auto& sp = plan.sprints[s];
        text += "sprint " + std::to_string(s + 1) + ": " + format_number(sp.used) + " of " + format_number(sp.capacity) + " used, value " +
                human_number(sp.value) + ", cumulative " + human_number(sp.cumulative_value) + ", must " +
                fixed(100 * mr.sprints[s].report[Moscow::must].share, 0) + "%, could " + fixed(100 * mr.sprints[s].report[Moscow::could].share, 0) + "%\n";
      }
      std::vector<std::string> order_warnings, share_warnings;
      // A strategy that ignores MoSCoW puts Musts behind Coulds by design: one
      // line that says so and names the flag, not a line per Must.
      const std::string flag = moscow_by(b, strategy, a.strategy.by);
      if (!flag.empty() && !mr.diagnostics.empty()) order_warnings.push_back("warning: " + moscow_hint(mr.diagnostics.size(), strategy, flag, "planned"));
      else
        for (const auto& d : mr.diagnostics) order_warnings.push_back(d.to_string());
      // The DSDM share findings, one line per kind: "Could features take 44%
      // (sprint 3), 0% (sprint 5), ... of the effort; DSDM advises about 20%".
      std::vector<std::pair<std::string, std::vector<std::string>>> kinds;  // message with {} for the share -> "share (sprint s)"
      for (std::size_t s = 0; s < mr.sprints.size(); ++s)
        for (const auto& d : mr.sprints[s].report.diagnostics) {
          if (d.code != errc::moscow_share) continue;
          std::string key = d.message, share;
          if (const auto pct = key.find('%'); pct != std::string::npos) {
            std::size_t start = pct;
            while (start > 0 && (std::isdigit(static_cast<unsigned char>(key[start - 1])) || key[start - 1] == '.')) --start;
            share = key.substr(start, pct + 1 - start);
            key.replace(start, pct + 1 - start, "{}");
          }
          auto it = std::find_if(kinds.begin(), kinds.end(), [&key](const auto& k) { return k.first == key; });
          if (it == kinds.end()) it = kinds.insert(kinds.end(), {key, {}});
          it->second.push_back(share + " (sprint " + std::to_string(s + 1) + ")");
        }
      for (auto& [key, where] : kinds) {
        std::string list;
        for (std::size_t k = 0; k < where.size() && k < 8; ++k) list += (k ? ", " : "") + where[k];
        if (where.size() > 8) list += ", ... (" + std::to_string(where.size()) + " sprints in all)";
        if (const auto at = key.find("{}"); at != std::string::npos) key.replace(at, 2, list);
        else key += " (" + list + ")";
        share_warnings.push_back(key);
      }
      print_warnings(ctx, "prio plan: ", order_warnings);
      print_warnings(ctx, "prio plan: ", share_warnings);
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
  add_number_list_option(cmd, "--capacity", args->capacity, "Effort per sprint: one value, or a comma-separated list (the last repeats)",
                         finite_number(0, true));
  cmd->add_option("--sprints", args->sprints, "At most this many sprints (default: as many as needed)")->check(whole_number());
  cmd->add_option("--effort", args->effort, "Effort attribute (default effort)");
  cmd->add_flag("--separate-sprints", args->separate, "Never put a feature in the same sprint as one of its prerequisites");
  cmd->add_flag("--plan-wont", args->plan_wont, "Plan Won't features too");
  cmd->add_flag("--arrows", args->arrows, "SVG roadmap: draw an arrow from each prerequisite to a dependent planned in a later sprint");
  cmd->add_option("--order", args->order, std::string("Value order before packing: ") + order_names);
  add_strategy_options(cmd, args->strategy);
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown", "svg"});
}

}  // namespace prio::cli
