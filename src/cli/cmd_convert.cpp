// prio convert: a backlog file from CSV to JSON or back, every value kept.
#include <cctype>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"

namespace prio::cli {

namespace {

struct ConvertArgs {
  InputArgs input;
  std::string to;
  std::string output;
};

int run(const ConvertArgs& a, Context& ctx) {
  std::string to = a.to;
  if (to.empty()) {
    const std::string& o = a.output;
    std::string ext = std::filesystem::path(o).extension().string();  // any case, as the reader takes X.JSON
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    to = ext == ".json" ? "json" : "csv";
  }
  if (to != "csv" && to != "json") throw UsageError("--to must be csv or json, got '" + to + "'");
  auto read = load_backlog(a.input, ctx);
  if (!read) return exit_invalid_input;
  write_output(a.output, to == "json" ? write_json(read->backlog) : write_csv(read->backlog), ctx);
  return exit_ok;
}

}  // namespace

void register_convert(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ConvertArgs>();
  // A conversion never changes a number: confidence 8 (ICE's 1-10 scale) stays 8;
  // "80%" in a percent column (--percent-columns) is the number 0.8.
  args->input.percent_plain_numbers = false;
  CLI::App* cmd = add_command(app, ctx, "convert", "Convert a backlog between CSV and JSON (numbers keep their exact value)",
                              "prio convert export.csv --map reach=\"Users per quarter\" -o backlog.json",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  cmd->add_option("--to", args->to, "csv | json (default: from the -o file name, else csv)");
  cmd->add_option("-o,--output", args->output, "Write to this file (atomically) instead of stdout");
}

}  // namespace prio::cli
