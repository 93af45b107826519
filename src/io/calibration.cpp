// The calibration file (JSON, schema 1) and text columns read for grouping.
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "prio/io.hpp"
#include "csv_scanner.hpp"
#include "json_position.hpp"
#include "text.hpp"
#include "tool.hpp"

namespace prio {
inline namespace v1 {

namespace {

std::string number(double v) {
  const std::string s = format_number(v);
  return s.empty() ? "null" : s;
}

void write_fit(std::string& o, const RatioFit& f, const char* indent) {
  o += std::string("{") + (f.group.empty() ? "" : "\"group\": " + json_quote(f.group) + ", ") + "\"count\": " + std::to_string(f.count) +
       ", \"median\": " + number(f.median) + ", \"p10\": " + number(f.p10) + ", \"p50\": " + number(f.p50) + ", \"p90\": " + number(f.p90) +
       ",\n" + indent + " \"mu\": " + number(f.mu) + ", \"sigma\": " + number(f.sigma) + ", \"ks_d\": " + number(f.ks_d) +
       ", \"ks_critical\": " + number(f.ks_critical) + "}";
}

void write_ids(std::string& o, const char* key, const std::vector<std::string>& ids, bool last) {
  o += std::string("    \"") + key + "\": [";
  for (std::size_t i = 0; i < ids.size(); ++i) o += (i ? ", " : "") + json_quote(ids[i]);
  o += last ? "]\n" : "],\n";
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(errc::io_error, "cannot open the file", Location{{}, {}, path.string(), 0, 0});
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

// Line and column (1-based, in bytes) of a byte offset.
Location where_in(const std::string& file, std::string_view text, std::size_t byte, std::string field = {}) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return Location{{}, std::move(field), file, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(col)};
}

double get_number(const nlohmann::json& o, const char* key, const std::string& file, const std::string& where, bool required) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) throw error(errc::parse_error, "the calibration has no '" + std::string(key) + "'" + where, Location{{}, key, file, 0, 0});
    return std::nan("");
  }
  if (!it->is_number()) throw error(errc::parse_error, "'" + std::string(key) + "' must be a number" + where, Location{{}, key, file, 0, 0});
  return it->get<double>();
}

RatioFit read_fit(const nlohmann::json& o, const std::string& file, const std::string& where) {
  if (!o.is_object()) throw error(errc::parse_error, "a fit must be an object" + where, Location{{}, {}, file, 0, 0});
  RatioFit f;
  if (o.contains("group")) {
    if (!o["group"].is_string()) throw error(errc::parse_error, "'group' must be a string" + where, Location{{}, "group", file, 0, 0});
    f.group = o["group"].get<std::string>();
  }
  const double count = get_number(o, "count", file, where, false);
  f.count = std::isfinite(count) && count >= 0 ? static_cast<std::size_t>(count) : 0;
  f.median = get_number(o, "median", file, where, false);
  f.p10 = get_number(o, "p10", file, where, false);
  f.p50 = get_number(o, "p50", file, where, false);
  f.p90 = get_number(o, "p90", file, where, false);
  f.mu = get_number(o, "mu", file, where, true);
  f.sigma = get_number(o, "sigma", file, where, true);
  f.ks_d = get_number(o, "ks_d", file, where, false);
  f.ks_critical = get_number(o, "ks_critical", file, where, false);
  if (!std::isfinite(f.mu)) throw error(errc::invalid_value, "mu must be finite" + where, Location{{}, "mu", file, 0, 0});
  if (!(std::isfinite(f.sigma) && f.sigma >= 0))
    throw error(errc::invalid_value, "sigma must be finite and >= 0, got " + format_number(f.sigma) + where, Location{{}, "sigma", file, 0, 0});
  return f;
}

}  // namespace

std::string write_calibration(const Calibration& c) {
  std::string o = "{\"schema\": 1, \"kind\": \"prio.calibration\", \"ratio\": \"actual / estimate\", \"quantiles\": \"Hyndman-Fan type 7\",\n";
  o += " \"estimate\": " + json_quote(c.estimate) + ", \"actual\": " + json_quote(c.actual) +
       ", \"group_by\": " + (c.group_by.empty() ? std::string("null") : json_quote(c.group_by)) + ", \"features\": " + std::to_string(c.features) + ",\n";
  o += " \"overall\": ";
  write_fit(o, c.overall, "           ");
  o += ",\n \"groups\": [";
  for (std::size_t i = 0; i < c.groups.size(); ++i) {
    o += i ? ",\n   " : "\n   ";
    write_fit(o, c.groups[i], "   ");
  }
  o += c.groups.empty() ? "],\n" : "\n ],\n";
  o += " \"excluded\": {\n";
  write_ids(o, "missing_estimate", c.excluded.missing_estimate, false);
  write_ids(o, "missing_actual", c.excluded.missing_actual, false);
  write_ids(o, "zero_estimate", c.excluded.zero_estimate, false);
  write_ids(o, "zero_actual", c.excluded.zero_actual, false);
  write_ids(o, "negative", c.excluded.negative, true);
  o += " }\n}\n";
  return o;
}

Calibration read_calibration(std::string_view text, const std::string& file_name) {
  nlohmann::json j;
  const char* last = text.data();
  try {
    j = nlohmann::json::parse(detail::TrackingIterator{text.data(), &last}, detail::TrackingIterator{text.data() + text.size(), &last});
  } catch (const nlohmann::json::exception& e) {  // syntax errors, and numbers beyond a double's range
    throw error(errc::parse_error, "not valid JSON: " + detail::json_error_message(e), where_in(file_name, text, detail::json_error_offset(e, text.data(), last)));
  }
  if (!j.is_object() || j.value("kind", std::string()) != "prio.calibration")
    throw error(errc::parse_error, "not a prio calibration file (expected {\"kind\": \"prio.calibration\", ...}, written by prio calibrate)",
                Location{{}, "kind", file_name, 0, 0});
  if (j.value("schema", 0) != 1)
    throw error(errc::parse_error, "unsupported calibration schema (this prio reads schema 1)", Location{{}, "schema", file_name, 0, 0});
  Calibration c;
  if (!j.contains("estimate") || !j["estimate"].is_string() || j["estimate"].get<std::string>().empty())
    throw error(errc::parse_error, "the calibration has no 'estimate' column name", Location{{}, "estimate", file_name, 0, 0});
  c.estimate = j["estimate"].get<std::string>();
  if (j.contains("actual") && j["actual"].is_string()) c.actual = j["actual"].get<std::string>();
  if (j.contains("group_by") && j["group_by"].is_string()) c.group_by = j["group_by"].get<std::string>();
  if (j.contains("features") && j["features"].is_number_unsigned()) c.features = j["features"].get<std::size_t>();
  if (!j.contains("overall")) throw error(errc::parse_error, "the calibration has no 'overall' fit", Location{{}, "overall", file_name, 0, 0});
  c.overall = read_fit(j["overall"], file_name, " (in 'overall')");
  if (j.contains("groups")) {
    if (!j["groups"].is_array()) throw error(errc::parse_error, "'groups' must be an array", Location{{}, "groups", file_name, 0, 0});
    for (std::size_t i = 0; i < j["groups"].size(); ++i)
      c.groups.push_back(read_fit(j["groups"][i], file_name, " (in groups[" + std::to_string(i) + "])"));
  }
  if (j.contains("excluded") && j["excluded"].is_object()) {
    auto ids = [&](const char* key, std::vector<std::string>& out) {
      const auto& e = j["excluded"];
      if (!e.contains(key) || !e[key].is_array()) return;
      for (const auto& id : e[key])
        if (id.is_string()) out.push_back(id.get<std::string>());
    };
    ids("missing_estimate", c.excluded.missing_estimate);
    ids("missing_actual", c.excluded.missing_actual);
    ids("zero_estimate", c.excluded.zero_estimate);
    ids("zero_actual", c.excluded.zero_actual);
    ids("negative", c.excluded.negative);
  }
  return c;
}

Calibration read_calibration_file(const std::filesystem::path& path) { return read_calibration(slurp(path), path.string()); }

std::vector<std::pair<std::string, std::string>> read_text_column(const std::filesystem::path& path, const std::string& column) {
  const std::string file = path.string();
  const std::string text = slurp(path);
  std::vector<std::pair<std::string, std::string>> out;
  if (detail::iequals(path.extension().string(), ".json")) {
    nlohmann::json j;
    const char* last = text.data();
    try {
      j = nlohmann::json::parse(detail::TrackingIterator{text.data(), &last}, detail::TrackingIterator{text.data() + text.size(), &last});
    } catch (const nlohmann::json::exception& e) {  // syntax errors, and numbers beyond a double's range
      throw error(errc::parse_error, "not valid JSON", where_in(file, text, detail::json_error_offset(e, text.data(), last)));
    }
    if (!j.is_object() || !j.contains("features") || !j["features"].is_array())
      throw error(errc::parse_error, "expected {\"features\": [...]}", Location{{}, {}, file, 0, 0});
    bool seen = false;
    for (const auto& f : j["features"]) {
      if (!f.is_object() || !f.contains("id") || !f["id"].is_string()) continue;
      std::string label;
      if (f.contains(column)) {
        seen = true;
        const auto& v = f[column];
        label = v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump();
      }
      out.emplace_back(f["id"].get<std::string>(), std::move(label));
    }
    if (!seen && !out.empty())
      throw error(errc::unknown_attribute, "no feature has a '" + column + "' key", Location{{}, column, file, 0, 0});
    return out;
  }
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (end - begin >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) begin += 3;
  detail::CsvScanner scan(begin, end);
  std::vector<detail::CsvCell> cells;
  std::string scratch;
  std::vector<detail::CsvProblem> problems;
  std::size_t id_col = std::string::npos, col = std::string::npos;
  bool header = true;
  while (scan.next(cells, scratch, problems, 65536)) {
    bool blank = true;
    for (const auto& c : cells) blank = blank && !c.quoted && detail::trim(c.text).empty();
    if (blank) continue;
    if (header) {
      for (std::size_t k = 0; k < cells.size(); ++k) {
        const std::string_view name = detail::trim(cells[k].text);
        if (name == "id") id_col = k;
        if (name == column) col = k;
      }
      if (col == std::string::npos)
        throw error(errc::unknown_attribute, "the file has no column '" + column + "'", Location{{}, column, file, 1, 1});
      if (id_col == std::string::npos) throw error(errc::unknown_attribute, "the file has no 'id' column", Location{{}, "id", file, 1, 1});
      header = false;
      continue;
    }
    const auto cell = [&cells](std::size_t k) { return k < cells.size() ? std::string(detail::trim(cells[k].text)) : std::string(); };
    out.emplace_back(cell(id_col), cell(col));
  }
  if (!problems.empty())
    throw error(errc::parse_error, problems.front().message,
                Location{{}, {}, file, static_cast<std::uint32_t>(problems.front().line), static_cast<std::uint32_t>(problems.front().column)});
  return out;
}

}  // namespace v1
}  // namespace prio
