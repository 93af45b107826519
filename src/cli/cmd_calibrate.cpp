// prio calibrate: how far actuals land from estimates in a history (the
// ratio actual / estimate: bias, percentiles, a lognormal fit), overall and
// per group; the JSON output is the calibration file `prio simulate
// --calibration` reads.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "prio/experiment/calibrate.hpp"

namespace prio::cli {

namespace {

struct CalibrateArgs {
  InputArgs input;
  OutputArgs output;
  std::string estimate, actual, by;
};

int run(CalibrateArgs a, Context& ctx) {
  if (a.output.format == "table" && a.output.output.ends_with(".json")) a.output.format = "json";
  std::vector<std::string> labels;
  std::vector<std::pair<std::string, std::string>> text_labels;
  const bool by_moscow = a.by == "moscow";
  if (!a.by.empty() && !by_moscow) {
    if (a.input.file == "-") throw UsageError("--by reads the file twice; give a file name, not '-'");
    text_labels = read_text_column(a.input.file, a.by);  // throws naming the column when it is absent
    a.input.ignore.push_back(a.by);
  }
  auto read = load_backlog(a.input, ctx);
  if (!read) return exit_invalid_input;
  const Backlog& b = read->backlog;
  if (by_moscow) {
    for (FeatureIndex i = 0; i < b.size(); ++i) labels.push_back(b.moscow(i) == Moscow::unset ? std::string() : std::string(to_string(b.moscow(i))));
  } else if (!a.by.empty()) {
    labels.assign(b.size(), std::string());
    for (const auto& [id, label] : text_labels)
      if (const auto i = b.find(id)) labels[*i] = label;
  }
  const Calibration c = calibrate(b, a.estimate, a.actual, a.by.empty() ? nullptr : &labels, a.by);
  std::string text;
  if (a.output.format == "json") {
    text = write_calibration(c);
  } else {
    const bool machine = a.output.format == "csv";
    Table t;
    t.header = machine ? std::vector<std::string>{"group", "count", "median", "p10", "p50", "p90", "mu", "sigma", "ks_d", "ks_critical"}
                       : std::vector<std::string>{"Group", "Count", "Median ratio", "P10", "P50", "P90", "mu", "sigma", "KS D", "KS 5%"};
    t.right.assign(t.header.size(), true);
    t.right[0] = false;
    auto row = [&](const RatioFit& f) {
      t.rows.push_back({f.group.empty() ? (machine ? std::string() : std::string("(all)")) : f.group, std::to_string(f.count), report_number(f.median, machine),
                        report_number(f.p10, machine), report_number(f.p50, machine), report_number(f.p90, machine), report_number(f.mu, machine), report_number(f.sigma, machine),
                        report_number(f.ks_d, machine), report_number(f.ks_critical, machine)});
    };
    row(c.overall);
    for (const auto& g : c.groups) row(g);
    if (machine) {
      text = render_csv(t);
    } else {
      const bool md = a.output.format == "markdown";
      text = "Ratio " + c.actual + " / " + c.estimate + " over " + std::to_string(c.overall.count) + " of " + std::to_string(c.features) +
             " features" + (c.group_by.empty() ? "" : ", by " + c.group_by) + " (percentiles: Hyndman-Fan type 7; lognormal fit of the ratio)\n" +
             (md ? "\n" : "");
      text += md ? render_markdown(t) : render_text(t);
      const auto& x = c.excluded;
      auto list = [&](const char* what, const std::vector<std::string>& ids) {
        if (ids.empty()) return;
        text += std::string(md ? "\n" : "") + "Left out, " + what + " (" + std::to_string(ids.size()) + "): ";
        for (std::size_t i = 0; i < ids.size(); ++i) text += (i ? ", " : "") + ids[i];
        text += "\n";
      };
      if (x.total() == 0) text += std::string(md ? "\n" : "") + "No feature left out.\n";
      list("missing estimate", x.missing_estimate);
      list("missing actual", x.missing_actual);
      list("zero estimate", x.zero_estimate);
      list("zero actual", x.zero_actual);
      list("negative", x.negative);
    }
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_calibrate(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = add_command(app, ctx, "calibrate",
                              "Fit actual / estimate from a history (bias, 10/50/90th percentiles, lognormal fit), overall and per group; "
                              "-o FILE.json saves the calibration for prio simulate --calibration",
                              "prio calibrate examples/history.csv --estimate effort --actual actual_effort --by team -o calibration.json",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_option("--estimate", args->estimate, "The estimate column (e.g. effort, story points)")->required();
  cmd->add_option("--actual", args->actual, "The actual column (e.g. actual_effort, time spent)")->required();
  cmd->add_option("--by", args->by, "Group column (a text column such as team or issue type, or moscow)");
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
