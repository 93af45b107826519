// prio kano: Kano categories and Berger's CS+ / CS- from a survey, printed or
// set as attributes of a backlog.
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"

namespace prio::cli {

std::string backlog_output_format(const std::string& to, const std::string& output);

namespace {

struct KanoArgs {
  std::string survey;
  std::string into;
  bool must = false;
  std::string to;
  OutputArgs output;
};

int run(const KanoArgs& a, Context& ctx) {
  const KanoResult survey = read_kano_file(a.survey);
  for (const auto& d : survey.diagnostics) ctx.err << d.to_string() << '\n';
  if (!survey.ok()) return exit_invalid_input;
  if (!a.into.empty()) {
    const std::string to = backlog_output_format(a.to, a.output.output);
    InputArgs in;
    in.file = a.into;
    auto read = load_backlog(in, ctx);
    if (!read) return exit_invalid_input;
    for (const auto& id : apply_kano(read->backlog, survey, a.must))
      ctx.err << a.survey << ": warning: feature '" << id << "' of the survey is not in the backlog\n";
    write_output(a.output.output, to == "json" ? write_json(read->backlog) : write_csv(read->backlog), ctx);
    return exit_ok;
  }
  if (a.must) throw UsageError("--must-be-must needs --into BACKLOG");
  std::string text;
  if (a.output.format == "json") {
    text = "{\"features\": [";
    for (std::size_t k = 0; k < survey.features.size(); ++k) {
      const auto& f = survey.features[k];
      text += (k ? ",\n  " : "\n  ") + std::string("{\"id\": ") + json_string(f.id) + ", \"answers\": " + std::to_string(f.answers) +
              ", \"category\": " + json_string(to_string(f.category));
      for (int c = 0; c < 6; ++c)
        text += ", \"" + std::string(1, "AOMIRQ"[c]) + "\": " + std::to_string(f.count[static_cast<std::size_t>(c)]);
      text += ", \"cs_plus\": " + json_number(f.cs_plus) + ", \"cs_minus\": " + json_number(f.cs_minus) + "}";
    }
    text += "\n]}\n";
  } else {
    Table t;
    t.header = {"Feature", "Answers", "Category", "A", "O", "M", "I", "R", "Q", "CS+", "CS-"};
    t.right = {false, true, false, true, true, true, true, true, true, true, true};
    const bool machine = a.output.format == "csv";
    for (const auto& f : survey.features) {
      std::vector<std::string> row = {f.id, std::to_string(f.answers), std::string(to_string(f.category))};
      for (std::size_t c = 0; c < 6; ++c) row.push_back(std::to_string(f.count[c]));
      row.push_back(machine ? json_number(f.cs_plus) : human_number(f.cs_plus));
      row.push_back(machine ? json_number(f.cs_minus) : human_number(f.cs_minus));
      t.rows.push_back(std::move(row));
    }
    text = a.output.format == "markdown" ? render_markdown(t) : machine ? render_csv(t) : render_text(t);
  }
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_kano(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<KanoArgs>();
  CLI::App* cmd = add_command(app, ctx, "kano",
                              "Kano categories and CS+ / CS- from a survey (respondent,feature,functional,dysfunctional)",
                              "prio kano survey.csv --into backlog.csv --must-be-must -o backlog-kano.csv",
                              [args, &ctx] { return run(*args, ctx); });
  cmd->add_option("SURVEY", args->survey, "Survey CSV: respondent, feature, functional, dysfunctional (like|expect|neutral|live with|dislike or 1..5)")
      ->required();
  cmd->add_option("--into", args->into, "Set kano_cs_plus, kano_cs_minus and the category shares kano_a..kano_q on this backlog and write it");
  cmd->add_flag("--must-be-must", args->must, "With --into: Must-be features become MoSCoW must");
  cmd->add_option("--to", args->to, "With --into: csv | json (default: from the -o file name, else csv)");
  add_output_options(cmd, args->output, {"table", "csv", "json", "markdown"});
}

}  // namespace prio::cli
