// Options of the C ABI's calls: a small JSON object whose keys are the
// command-line tool's long options ('-' written as '_').
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "prio/backlog.hpp"
#include "prio/io.hpp"
#include "prio/strategy.hpp"

namespace prio::capi {

class Options {
 public:
  /// Parses options_json (NULL or "" = {}); `function` names the call in errors.
  Options(const char* options_json, const char* function);

  [[nodiscard]] bool has(const char* key) const;
  /// Sets a string option (an explicit argument of a call); NULL leaves it unset.
  Options& set(const char* key, const char* value);
  [[nodiscard]] std::string string(const char* key, std::string fallback);
  [[nodiscard]] bool boolean(const char* key, bool fallback);
  [[nodiscard]] double number(const char* key, double fallback);
  [[nodiscard]] std::uint64_t integer(const char* key, std::uint64_t fallback);
  /// An array of strings, or one comma-separated string.
  [[nodiscard]] std::vector<std::string> list(const char* key, std::vector<std::string> fallback = {});
  /// The value itself (marked as used); a null json when absent.
  [[nodiscard]] const nlohmann::json& raw(const char* key);
  /// A number or an array of numbers.
  [[nodiscard]] std::vector<double> numbers(const char* key);
  /// An object of string values.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> string_map(const char* key);

  /// The strategy of "by" (default `by`), "weights", "missing", "strict", as
  /// the tool's --by, --weights, --missing and --strict.
  [[nodiscard]] Strategy strategy(const char* fallback_by = "rice");
  /// The strategies of a list in "by" (an array or comma-separated), each
  /// with "weights" when it is a weighted one, as `prio compare --by`.
  [[nodiscard]] std::vector<std::pair<std::string, Strategy>> strategies(const char* fallback_by);
  /// Fails naming every key that no getter asked for (a typo, an option of another call).
  void finish() const;

  const char* function;

 private:
  [[nodiscard]] const nlohmann::json* get(const char* key);
  [[noreturn]] void wrong_type(const char* key, const char* expected) const;
  nlohmann::json json_;
  std::set<std::string> used_;
};

/// Feature indices of ids; fails (unknown_feature) naming an unknown id.
[[nodiscard]] std::vector<FeatureIndex> find_ids(const Backlog& b, const std::vector<std::string>& ids, const char* what);

/// ReadOptions from {"file_name", "map", "ignore", "percent_columns"}.
[[nodiscard]] ReadOptions read_options(const char* options_json, const char* function);

}  // namespace prio::capi
