#include "options.hpp"

#include <limits>

#include "internal.hpp"

namespace prio::capi {

Options::Options(const char* options_json, const char* fn) : function(fn) {
  if (!options_json || !*options_json) {
    json_ = nlohmann::json::object();
    return;
  }
  json_ = nlohmann::json::parse(options_json, nullptr, false);
  if (json_.is_discarded())
    fail(errc::invalid_argument, std::string(function) + ": the options are not valid JSON: " + options_json);
  if (!json_.is_object())
    fail(errc::invalid_argument, std::string(function) + ": the options must be a JSON object, e.g. {\"by\": \"rice\"}");
}

bool Options::has(const char* key) const { return json_.contains(key); }

Options& Options::set(const char* key, const char* value) {
  if (value) json_[key] = value;
  return *this;
}

const nlohmann::json* Options::get(const char* key) {
  used_.insert(key);
  const auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return nullptr;
  return &*it;
}

void Options::wrong_type(const char* key, const char* expected) const {
  fail(errc::invalid_argument, std::string(function) + ": option '" + key + "' must be " + expected, Location{{}, key, {}, 0, 0});
}

std::string Options::string(const char* key, std::string fallback) {
  const auto* v = get(key);
  if (!v) return fallback;
  if (!v->is_string()) wrong_type(key, "a string");
  return v->get<std::string>();
}

bool Options::boolean(const char* key, bool fallback) {
  const auto* v = get(key);
  if (!v) return fallback;
  if (!v->is_boolean()) wrong_type(key, "true or false");
  return v->get<bool>();
}

double Options::number(const char* key, double fallback) {
  const auto* v = get(key);
  if (!v) return fallback;
  if (!v->is_number()) wrong_type(key, "a number");
  return v->get<double>();
}

std::uint64_t Options::integer(const char* key, std::uint64_t fallback) {
  const auto* v = get(key);
  if (!v) return fallback;
  if (!v->is_number_unsigned()) wrong_type(key, "a whole number >= 0");
  return v->get<std::uint64_t>();
}

std::vector<std::string> Options::list(const char* key, std::vector<std::string> fallback) {
  const auto* v = get(key);
  if (!v) return fallback;
  std::vector<std::string> out;
  if (v->is_string()) {
    const std::string s = v->get<std::string>();
    std::size_t start = 0;
    while (start <= s.size()) {
      const std::size_t k = s.find(',', start);
      std::string item = s.substr(start, k == std::string::npos ? std::string::npos : k - start);
      while (!item.empty() && item.front() == ' ') item.erase(item.begin());
      while (!item.empty() && item.back() == ' ') item.pop_back();
      if (!item.empty()) out.push_back(std::move(item));
      if (k == std::string::npos) break;
      start = k + 1;
    }
    return out;
  }
  if (!v->is_array()) wrong_type(key, "an array of strings or a comma-separated string");
  for (const auto& x : *v) {
    if (!x.is_string()) wrong_type(key, "an array of strings or a comma-separated string");
    out.push_back(x.get<std::string>());
  }
  return out;
}

const nlohmann::json& Options::raw(const char* key) {
  static const nlohmann::json null;
  const auto* v = get(key);
  return v ? *v : null;
}

std::vector<double> Options::numbers(const char* key) {
  const auto* v = get(key);
  if (!v) return {};
  if (v->is_number()) return {v->get<double>()};
  if (!v->is_array()) wrong_type(key, "a number or an array of numbers");
  std::vector<double> out;
  for (const auto& x : *v) {
    if (!x.is_number()) wrong_type(key, "a number or an array of numbers");
    out.push_back(x.get<double>());
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Options::string_map(const char* key) {
  const auto* v = get(key);
  std::vector<std::pair<std::string, std::string>> out;
  if (!v) return out;
  if (!v->is_object()) wrong_type(key, "an object of strings, e.g. {\"reach\": \"Users per quarter\"}");
  for (const auto& [k, x] : v->items()) {
    if (!x.is_string()) wrong_type(key, "an object of strings, e.g. {\"reach\": \"Users per quarter\"}");
    out.emplace_back(k, x.get<std::string>());
  }
  return out;
}

Strategy Options::strategy(const char* fallback_by) {
  const std::string by = string("by", fallback_by);
  StrategyOptions o;
  o.weights = string("weights", "");
  o.missing = parse_missing(string("missing", "error"));
  o.strict = boolean("strict", false);
  if (!o.weights.empty() && by.find("weighted") == std::string::npos)
    fail(errc::invalid_argument, std::string(function) + ": 'weights' is only used with a weighted strategy", Location{{}, "weights", {}, 0, 0});
  return parse_strategy(by, o);
}

std::vector<std::pair<std::string, Strategy>> Options::strategies(const char* fallback_by) {
  if (!has("by")) json_["by"] = fallback_by;  // "rice,wsjf": split as the user's text is
  const std::vector<std::string> names = list("by");
  if (names.empty()) fail(errc::invalid_argument, std::string(function) + ": 'by' needs at least one strategy, e.g. \"rice,wsjf\"");
  const std::string weights = string("weights", "");
  const Missing missing = parse_missing(string("missing", "error"));
  const bool strict = boolean("strict", false);
  std::vector<std::pair<std::string, Strategy>> out;
  bool any_weighted = false;
  for (const auto& n : names) {
    const bool weighted = n.find("weighted") != std::string::npos;
    any_weighted = any_weighted || weighted;
    out.emplace_back(n, parse_strategy(n, StrategyOptions{.weights = weighted ? weights : std::string(), .missing = missing, .strict = strict}));
  }
  if (!weights.empty() && !any_weighted)
    fail(errc::invalid_argument, std::string(function) + ": 'weights' is only used with a weighted strategy", Location{{}, "weights", {}, 0, 0});
  return out;
}

void Options::finish() const {
  std::string unknown;
  for (const auto& [k, v] : json_.items())
    if (!used_.count(k)) unknown += (unknown.empty() ? "'" : ", '") + k + "'";
  if (!unknown.empty()) fail(errc::invalid_argument, std::string(function) + ": unknown option " + unknown);
}

std::vector<FeatureIndex> find_ids(const Backlog& b, const std::vector<std::string>& ids, const char* what) {
  std::vector<FeatureIndex> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    const auto i = b.find(id);
    if (!i) fail(errc::unknown_feature, std::string(what) + ": no feature with id '" + id + "'", Location{id, {}, {}, 0, 0});
    out.push_back(*i);
  }
  return out;
}

ReadOptions read_options(const char* options_json, const char* function) {
  Options o(options_json, function);
  ReadOptions r;
  r.file_name = o.string("file_name", "");
  r.column_map = o.string_map("map");
  r.ignore_columns = o.list("ignore");
  r.percent_columns = o.list("percent_columns", r.percent_columns);
  if (r.percent_columns == std::vector<std::string>{"none"}) r.percent_columns.clear();  // as --percent-columns none
  o.finish();
  return r;
}

}  // namespace prio::capi
