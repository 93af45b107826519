// Shared pieces of the `prio` commands: exit codes, reading a backlog with
// its diagnostics, --by / --weights / --missing, --order, output formats and
// writing to stdout or atomically to -o FILE.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/import.hpp"
#include "prio/io.hpp"
#include "prio/scores.hpp"
#include "prio/spec.hpp"
#include "prio/strategy.hpp"
#include "io/report.hpp"
#include "io/tool.hpp"

namespace prio::cli {

enum ExitCode : int { exit_ok = 0, exit_invalid_input = 1, exit_usage = 2 };

/// Where a command writes, and the exit code it leaves for main().
struct Context {
  std::ostream& out;
  std::ostream& err;
  int exit_code = exit_ok;
  bool out_failed = false;  // a failed write to `out` was already reported
};

/// Builds the app and runs one command line; what main() does, callable with
/// any streams (the argument fuzzer). Returns the exit code.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

/// A message with every quoted value ('...' or "...") cut to about 80
/// characters and any line to 400, so a huge bad value is never echoed whole.
[[nodiscard]] std::string clip_message(std::string_view message);

// ---- checked option values (usage errors, exit 2) ---------------------------

/// A whole number from 0 to `max` (counts, limits, seeds): "-1", "1.5", "1e3"
/// and numbers that overflow are refused, never wrapped.
[[nodiscard]] CLI::Validator whole_number(std::uint64_t max = UINT64_MAX);
/// A finite number >= `min` (budgets, capacities, seconds); NaN and inf are
/// refused. `above`: strictly greater than min.
[[nodiscard]] CLI::Validator finite_number(double min, bool above = false);
/// A comma-separated list of numbers, each passing `check`; an empty item
/// ("10,,5") is refused, not skipped.
CLI::Option* add_number_list_option(CLI::App* cmd, const std::string& name, std::vector<double>& out, const std::string& description,
                                    const CLI::Validator& check);

/// A bad option value found by a command (exit code 2).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Adds a subcommand. `body` runs when the subcommand is given and returns the
/// exit code; it may throw UsageError (-> "prio NAME: error: ...", exit 2) or
/// prio::error (-> the message, exit 1). `example` is shown in --help.
CLI::App* add_command(CLI::App& app, Context& ctx, const std::string& name, const std::string& description,
                      const std::string& example, std::function<int()> body);

// ---- reading a backlog ------------------------------------------------------

struct InputArgs {
  std::string file;
  std::vector<std::string> maps;  // --map name=Column
  std::string map_file;           // --map-file FILE
  std::vector<std::string> ignore;
  std::string percent_columns = "confidence";  // --percent-columns, comma-separated, or "none"
  bool percent_plain_numbers = true;           // ReadOptions::percent_plain_numbers (false for convert)
  // ---- import profiles (--from) ----
  std::string from;  // --from jira|linear|trello|notion: read FILE as that tool's export
  ImportOptions import;  // keep_done, roll_up_effort, description_links (set by `prio import`)
};
/// Adds the FILE positional and --map, --map-file, --ignore.
void add_input_options(CLI::App* cmd, InputArgs& args);

/// Reads the backlog and prints every reader diagnostic to ctx.err. Returns
/// nothing when there was an error (the caller returns exit_invalid_input);
/// then, with a strategy, the values that did read are checked against it
/// too, so that one run lists every problem. Throws UsageError for a bad --map.
[[nodiscard]] std::optional<ReadResult> load_backlog(const InputArgs& args, Context& ctx, const Strategy* strategy = nullptr);

/// Locates (file:line:column) and prints diagnostics; true when any is an error.
bool print_diagnostics(std::vector<Diagnostic> diagnostics, const ReadResult& read, Context& ctx);

// ---- strategies -------------------------------------------------------------

struct StrategyArgs {
  std::string by = "rice";
  std::string weights;
  std::string missing = "error";
  bool strict = false;
};
/// Adds --by, --weights, --missing, --strict.
void add_strategy_options(CLI::App* cmd, StrategyArgs& args);
/// parse_strategy with the options; throws UsageError.
[[nodiscard]] Strategy make_strategy(const StrategyArgs& args);

/// Checks the backlog against the strategy (prio::validate(b, strategy) and
/// dependency cycles), prints every diagnostic and returns true when clean.
[[nodiscard]] bool check_backlog(const ReadResult& read, const Strategy& strategy, Context& ctx);

// ---- ordering ---------------------------------------------------------------

using report::order_names;
/// Throws UsageError unless the policy is known and usable for the backlog.
void check_order(const Backlog& backlog, const std::string& policy);
/// report::order_features (the one the C ABI calls too) with an unknown
/// policy or a missing effort column as a UsageError; prio::error for a graph problem.
[[nodiscard]] std::vector<FeatureIndex> order_features(const Backlog& backlog, const Scores& scores, const std::string& policy);

/// Feature indices of a comma-separated id list; throws UsageError naming an unknown id.
[[nodiscard]] std::vector<FeatureIndex> parse_id_list(const Backlog& backlog, const std::string& list, const char* option);

/// For every feature, the prerequisites not in `done`, as ids.
[[nodiscard]] std::vector<std::vector<std::string>> unmet(const Backlog& backlog, const std::vector<FeatureIndex>& done);

// ---- output -----------------------------------------------------------------

struct OutputArgs {
  std::string format = "table";
  std::string output;  // empty or "-": stdout
};
/// Adds --format (one of `formats`, the first the default) and -o/--output.
void add_output_options(CLI::App* cmd, OutputArgs& args, const std::vector<std::string>& formats);

/// Writes content to stdout (checked and flushed), or to the file: a regular
/// file (or none yet) through a temporary file in the same directory renamed
/// over it, keeping an existing file's permissions, so a failure never leaves
/// a partial file and never touches an existing one; a symbolic link is
/// followed to the file it names; anything else (a FIFO, a device,
/// /dev/stdout) is written straight into, never replaced. Throws prio::error
/// (io_error). add_command refuses an output that is the same file as an
/// input before the command runs.

void write_output(const std::string& path, std::string_view content, Context& ctx);

/// Prints warnings one per line with `prefix`, at most `shown` of them, then
/// one line with how many more there were: a long plan never floods stderr.
void print_warnings(Context& ctx, const std::string& prefix, const std::vector<std::string>& lines, std::size_t shown = 5);

/// When the backlog has MoSCoW categories and `strategy` ignores them (it is
/// not moscow:...): the --by value that ranks Musts first ("moscow:" + by);
/// otherwise "".
[[nodiscard]] std::string moscow_by(const Backlog& backlog, const Strategy& strategy, const std::string& by);
/// The one line that replaces a warning per Must behind a Should or Could
/// when the strategy ignores MoSCoW: how many, why, and the flag that fixes it.
[[nodiscard]] std::string moscow_hint(std::size_t musts_behind, const Strategy& strategy, const std::string& flag, std::string_view verb);

/// A table of strings rendered as text (aligned columns), Markdown or CSV.
struct Table {
  std::vector<std::string> header;
  std::vector<bool> right;  // right-aligned columns (numbers)
  std::vector<std::vector<std::string>> rows;
};
[[nodiscard]] std::string render_text(const Table& t);
[[nodiscard]] std::string render_markdown(const Table& t);
[[nodiscard]] std::string render_csv(const Table& t);
/// One row of render_csv's output, for a table written row by row (without
/// holding every row): the header's cells are all text, a row's cells are
/// text unless their column is right-aligned (numbers).
void append_csv_row(std::string& out, const std::vector<std::string>& cells, const std::vector<bool>& right, bool header);
/// One CSV field (RFC 4180 quoting); a `text` cell starting with = + - @ (or
/// tab, CR, or an escaping ') gets a leading ' so no spreadsheet runs it.
void append_csv_cell(std::string& out, std::string_view s, bool text = true);

/// A JSON string literal.
[[nodiscard]] std::string json_string(std::string_view s);
/// A JSON number (shortest round-trip form) or null for NaN / infinity.
[[nodiscard]] std::string json_number(double v);
/// A number with `digits` decimals for people ("n/a" for NaN).
[[nodiscard]] std::string decimal(double v, int digits = 3);
/// A number in a report's cells: the shortest round-trip form for machines
/// (CSV, JSON: format_number), `decimal` with 3 decimals for people.
[[nodiscard]] std::string report_number(double v, bool machine);
/// A score for people: 6 significant digits ("missing" for NaN).
[[nodiscard]] std::string human_number(double v);
/// "must", "should", "could", "won't" or "".
[[nodiscard]] std::string moscow_label(Moscow m);

}  // namespace prio::cli
