// prio::io importers: backlogs read straight from the exports of the tools
// teams keep them in (Jira / Jira Product Discovery CSV, Linear CSV, Trello
// board JSON, Notion database CSV), analytics metrics joined by feature
// (Mixpanel / Amplitude CSV exports) and Kano surveys.
//
// Compiled part: link the prio::io target. Readers never throw for bad
// input: every problem is a Diagnostic with file:line:column.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/error.hpp"
#include "prio/io.hpp"
#include "prio/version.hpp"

namespace prio {
inline namespace v1 {

// ---- import profiles --------------------------------------------------------

/// The export formats prio reads. Each is a documented default mapping
/// (README, "Importing from Jira, Linear, Trello, Notion") plus the format's
/// quirks; ReadOptions::column_map overrides any field of it.
enum class ImportProfile : std::uint8_t { jira, linear, trello, notion };

[[nodiscard]] constexpr std::string_view to_string(ImportProfile p) noexcept {
  switch (p) {
    case ImportProfile::jira: return "jira";
    case ImportProfile::linear: return "linear";
    case ImportProfile::trello: return "trello";
    case ImportProfile::notion: return "notion";
  }
  return "";
}

/// "jira" | "linear" | "trello" | "notion" (any case); nothing when unknown.
[[nodiscard]] std::optional<ImportProfile> parse_import_profile(std::string_view name) noexcept;

/// The accepted profile names, for messages: "jira, linear, trello, notion".
[[nodiscard]] std::string import_profile_names();

struct ImportOptions {
  /// File name for diagnostics, --map overrides (prio name -> the export's
  /// column, or for Trello a custom field's name), ignored columns, percent columns.
  ReadOptions read;
  /// Keep done / closed / canceled issues (left out by default). A blocker
  /// that is done no longer blocks either way.
  bool keep_done = false;
  /// Jira, Linear, Notion: a parent's effort becomes its own effort (0 when
  /// missing) plus the effort of all its descendants in the export.
  bool roll_up_effort = false;
  /// Trello: "blocked by #12", "depends on #12" or a card link after those
  /// words in a card's description become dependencies.
  bool description_links = false;
};

/// A backlog read from an export, with what a Backlog has no column for.
/// Vectors are aligned with `backlog` (one entry per feature). The hierarchy
/// (Jira's Parent, Linear's Parent issue, Notion's Parent item) is in the
/// backlog itself: `backlog.parent(i)`, resolved to ids of the export.
struct ImportResult : ReadResult {
  std::vector<std::string> status;               ///< the tool's status / list name
  std::vector<std::vector<std::string>> labels;  ///< labels / tags / multi-select values
};

/// Reads an export held in memory. O(bytes).
[[nodiscard]] ImportResult read_import(ImportProfile profile, std::string text, const ImportOptions& options = {});

/// Reads an export file ("-" = standard input). A file that cannot be opened is a diagnostic.
[[nodiscard]] ImportResult read_import_file(ImportProfile profile, const std::filesystem::path& path, ImportOptions options = {});

// ---- dates ------------------------------------------------------------------

/// Parses a date the exports write: ISO `2026-02-15` (a time after it is
/// ignored), Jira's `15/Feb/26 4:37 PM`, `Feb 15, 2026`, and numeric
/// `15/02/2026` or `02/15/2026` when one part is above 12. Returns days since
/// 1970-01-01; nothing for an unknown form. `ambiguous` is set for numeric
/// dates such as `03/04/2026` that read both ways (and nothing is returned).
[[nodiscard]] std::optional<std::int64_t> parse_export_date(std::string_view text, bool* ambiguous = nullptr) noexcept;

// ---- analytics metrics joined by feature ------------------------------------

enum class Aggregate : std::uint8_t { sum, mean, max, last };

/// One `--metric reach=unique_users:sum`: the backlog attribute, the metrics
/// file's column (long layout) or metric / event name (wide layout), and how
/// the values of one feature are combined.
struct MetricSpec {
  std::string attribute;
  std::string source;
  Aggregate aggregate = Aggregate::sum;
};

/// Parses `reach=unique_users[:sum|mean|max|last]`. Throws prio::error (invalid_argument).
[[nodiscard]] MetricSpec parse_metric_spec(std::string_view spec);

struct JoinOptions {
  std::string file_name;   ///< for diagnostics
  std::string on;          ///< the metrics file's column holding the feature id
  std::vector<MetricSpec> metrics;
  std::optional<std::int64_t> since;  ///< days since 1970-01-01: earlier dates are left out
  bool add = false;                   ///< add to the attribute's value instead of replacing it
};

struct JoinResult {
  std::vector<Diagnostic> diagnostics;  ///< errors, and a warning per unmatched key on either side
  std::vector<std::string> unmatched_metrics;   ///< keys of the metrics file not in the backlog
  std::vector<std::string> unmatched_features;  ///< backlog ids without any metric row
  bool wide = false;                            ///< the layout that was detected
  [[nodiscard]] bool ok() const noexcept { return !has_errors(diagnostics); }
};

/// Reads a Mixpanel- / Amplitude-style CSV export, long (a date column and one
/// column per metric, one row per feature and day) or wide (one column per
/// date; an optional `metric`/`event` column names the metric of each row),
/// aggregates per feature and sets (or adds to) the backlog's attributes. On
/// an error the backlog is unchanged. O(bytes + features).
[[nodiscard]] JoinResult join_metrics(Backlog& backlog, std::string metrics_csv, const JoinOptions& options);
/// join_metrics on a file ("-" = standard input); file_name defaults to the path.
[[nodiscard]] JoinResult join_metrics_file(Backlog& backlog, const std::filesystem::path& path, JoinOptions options);

// ---- Kano surveys -----------------------------------------------------------

/// Kano answers, in the order of the questionnaire.
enum class KanoAnswer : std::uint8_t { like, expect, neutral, live_with, dislike };
/// Attractive, One-dimensional, Must-be, Indifferent, Reverse, Questionable.
enum class KanoCategory : std::uint8_t { attractive, one_dimensional, must_be, indifferent, reverse, questionable };

[[nodiscard]] std::string_view to_string(KanoCategory c) noexcept;
/// The standard evaluation table (functional answer x dysfunctional answer).
[[nodiscard]] KanoCategory kano_category(KanoAnswer functional, KanoAnswer dysfunctional) noexcept;
/// like | expect (must-be, "I expect it") | neutral | live with (tolerate) |
/// dislike, any case, or 1..5 in that order. False when unknown.
[[nodiscard]] bool parse_kano_answer(std::string_view text, KanoAnswer& out) noexcept;

struct KanoFeature {
  std::string id;
  std::size_t answers = 0;
  /// Counts per category, indexed by KanoCategory.
  std::array<std::size_t, 6> count{};
  /// The most frequent category; ties go to Must-be > One-dimensional >
  /// Attractive > Indifferent > Reverse > Questionable.
  KanoCategory category = KanoCategory::indifferent;
  /// Berger et al. (1993): CS+ = (A+O)/(A+O+M+I), CS- = -(O+M)/(A+O+M+I);
  /// NaN when A+O+M+I = 0.
  double cs_plus = 0;
  double cs_minus = 0;
  [[nodiscard]] double share(KanoCategory c) const noexcept {
    return answers ? static_cast<double>(count[static_cast<std::size_t>(c)]) / static_cast<double>(answers) : 0.0;
  }
};

struct KanoResult {
  std::vector<KanoFeature> features;  ///< in order of first appearance
  std::vector<Diagnostic> diagnostics;
  [[nodiscard]] bool ok() const noexcept { return !has_errors(diagnostics); }
};

/// Reads a survey CSV: columns respondent, feature, functional, dysfunctional
/// (names any case; --map style overrides in options.column_map). O(bytes).
[[nodiscard]] KanoResult read_kano(std::string text, const ReadOptions& options = {});
/// read_kano on a file ("-" = standard input); file_name defaults to the path.
[[nodiscard]] KanoResult read_kano_file(const std::filesystem::path& path, ReadOptions options = {});

/// Sets attributes kano_cs_plus, kano_cs_minus and kano_a, kano_o, kano_m,
/// kano_i, kano_r, kano_q (shares of all answers) on the features of
/// `backlog` that the survey has; with `must_be_is_must`, Must-be features
/// become MoSCoW must. Returns the survey features the backlog does not have.
std::vector<std::string> apply_kano(Backlog& backlog, const KanoResult& survey, bool must_be_is_must = false);

}  // namespace v1
}  // namespace prio
