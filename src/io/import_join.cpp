// Analytics metrics (Mixpanel / Amplitude CSV exports) joined to a backlog by
// feature id: long layout (a date column, one row per feature and day) or
// wide layout (one column per date, an optional metric / event column).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "import_common.hpp"
#include "text.hpp"

namespace prio {
inline namespace v1 {

MetricSpec parse_metric_spec(std::string_view spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
    throw error(errc::invalid_argument, "expected ATTRIBUTE=COLUMN[:sum|mean|max|last], got '" + std::string(spec) + "'");
  MetricSpec m;
  m.attribute = std::string(detail::trim(spec.substr(0, eq)));
  std::string_view rest = detail::trim(spec.substr(eq + 1));
  if (const std::size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    const std::string_view agg = detail::trim(rest.substr(colon + 1));
    if (agg == "sum") m.aggregate = Aggregate::sum;
    else if (agg == "mean") m.aggregate = Aggregate::mean;
    else if (agg == "max") m.aggregate = Aggregate::max;
    else if (agg == "last") m.aggregate = Aggregate::last;
    else throw error(errc::invalid_argument, "unknown aggregate '" + std::string(agg) + "' in '" + std::string(spec) + "' (accepted: sum, mean, max, last)");
    rest = detail::trim(rest.substr(0, colon));
  }
  m.source = std::string(rest);
  if (m.attribute.empty() || m.source.empty())
    throw error(errc::invalid_argument, "expected ATTRIBUTE=COLUMN[:sum|mean|max|last], got '" + std::string(spec) + "'");
  return m;
}

namespace {

struct Acc {
  double sum = 0, max = -std::numeric_limits<double>::infinity(), last = std::numeric_limits<double>::quiet_NaN();
  std::int64_t last_date = std::numeric_limits<std::int64_t>::min();
  std::size_t count = 0;
  void add(double v, std::int64_t date) {
    sum += v;
    max = std::max(max, v);
    ++count;
    if (date >= last_date) last = v, last_date = date;
  }
  [[nodiscard]] double get(Aggregate a) const {
    if (count == 0) return std::numeric_limits<double>::quiet_NaN();
    switch (a) {
      case Aggregate::sum: return sum;
      case Aggregate::mean: return sum / static_cast<double>(count);
      case Aggregate::max: return max;
      case Aggregate::last: return last;
    }
    return sum;
  }
};

bool is_date_column(std::string_view name) {
  for (const char* n : {"date", "day", "time", "timestamp", "datetime"})
    if (detail::iequals(name, n)) return true;
  return false;
}

}  // namespace

JoinResult join_metrics(Backlog& backlog, std::string metrics_csv, const JoinOptions& options) {
  JoinResult out;
  ReadOptions read;
  read.file_name = options.file_name;
  detail::CsvSession session(std::move(metrics_csv), read);
  auto& sink = session.sink;
  auto& csv = session.csv;
  auto& b = session.builder();
  auto done = [&]() {
    out.diagnostics = session.diagnostics();
    return out;
  };
  if (!csv.read_header(sink, "a metrics CSV header")) return done();
  const auto on = csv.columns(options.on);
  if (on.empty()) {
    b.report(Severity::error, errc::parse_error, {csv.header_line(), 1}, {},
             "the metrics header has no column '" + options.on + "' (the --on column holding the feature id)");
    return done();
  }
  std::vector<std::size_t> date_cols;  // wide: one column per date
  std::vector<std::int64_t> dates;
  std::optional<std::size_t> date_col;
  std::optional<std::size_t> metric_col;
  for (std::size_t k = 0; k < csv.names().size(); ++k) {
    if (k == on.front()) continue;
    const std::string& n = csv.names()[k];
    if (is_date_column(n) && !date_col) date_col = k;
    else if ((detail::iequals(n, "metric") || detail::iequals(n, "event") || detail::iequals(n, "measure")) && !metric_col) metric_col = k;
    else if (bool amb = false; auto d = parse_export_date(n, &amb)) date_cols.push_back(k), dates.push_back(*d);
    else if (amb)
      b.report(Severity::error, errc::parse_error, csv.header_pos(k), {},
               "ambiguous date " + detail::quote_for_message(n) + " in the header (day/month or month/day?): write it as YYYY-MM-DD");
  }
  out.wide = !date_col && !date_cols.empty();
  const std::size_t m = options.metrics.size();
  std::vector<std::size_t> source(m, 0);
  if (!out.wide) {
    std::string missing;
    for (std::size_t i = 0; i < m; ++i) {
      const auto cols = csv.columns(options.metrics[i].source);
      if (cols.empty()) missing += (missing.empty() ? "'" : ", '") + options.metrics[i].source + "'";
      else source[i] = cols.front();
    }
    if (!missing.empty())
      b.report(Severity::error, errc::parse_error, {csv.header_line(), 1}, {}, "the metrics header lacks the column(s) " + missing);
    if (options.since && !date_col)
      b.report(Severity::error, errc::parse_error, {csv.header_line(), 1}, {}, "--since needs a date column (Date, Day or Time) or one column per date");
  } else if (!metric_col && m > 1) {
    b.report(Severity::error, errc::parse_error, {csv.header_line(), 1}, {},
             "a wide export without a metric / event column holds one metric, but " + std::to_string(m) + " were asked for");
  }
  if (b.problems() > 0) return done();

  std::vector<std::string> keys;
  std::unordered_map<std::string, std::size_t> key_index;
  std::vector<std::size_t> key_line;
  std::vector<std::vector<Acc>> acc;  // key -> metric
  std::vector<detail::CsvCell> cells;
  std::uint64_t offset = 0;
  std::string clean;
  auto read_value = [&](const detail::CsvCell& c, double& v) {
    const std::string_view s = detail::trim(c.text);
    if (s.empty()) return false;
    if (!detail::clean_number(s, csv.separator() == ';', clean) || clean.back() == '%' || !detail::parse_double(clean, v)) {
      b.report(Severity::error, errc::invalid_value, {c.line, c.column}, {}, "expected a number, got " + detail::quote_for_message(s));
      return false;
    }
    return true;
  };
  while (csv.next(cells, sink, offset)) {
    const std::string key(detail::trim(cells[on.front()].text));
    if (key.empty()) continue;
    auto [it, fresh] = key_index.emplace(key, keys.size());
    if (fresh) {
      keys.push_back(key);
      key_line.push_back(cells.front().line);
      acc.emplace_back(m);
    }
    auto& a = acc[it->second];
    if (!out.wide) {
      std::int64_t date = static_cast<std::int64_t>(cells.front().line);  // row order when there is no date
      if (date_col) {
        const auto& dc = cells[*date_col];
        bool amb = false;
        const auto d = parse_export_date(dc.text, &amb);
        if (!d) {
          b.report(Severity::error, errc::invalid_value, {dc.line, dc.column}, {},
                   amb ? "ambiguous date " + detail::quote_for_message(detail::trim(dc.text)) + " (day/month or month/day?): write it as YYYY-MM-DD"
                       : "expected a date, got " + detail::quote_for_message(detail::trim(dc.text)));
          continue;
        }
        if (options.since && *d < *options.since) continue;
        date = *d;
      }
      for (std::size_t i = 0; i < m; ++i) {
        double v = 0;
        if (read_value(cells[source[i]], v)) a[i].add(v, date);
      }
    } else {
      for (std::size_t i = 0; i < m; ++i) {
        if (metric_col && !detail::iequals(detail::trim(cells[*metric_col].text), options.metrics[i].source)) continue;
        for (std::size_t d = 0; d < date_cols.size(); ++d) {
          if (options.since && dates[d] < *options.since) continue;
          double v = 0;
          if (read_value(cells[date_cols[d]], v)) a[i].add(v, dates[d]);
        }
      }
    }
  }
  if (b.problems() > 0) return done();
  // Unmatched keys on both sides are reported, not errors.
  std::vector<char> matched(backlog.size(), 0);
  std::vector<std::pair<FeatureIndex, std::size_t>> hits;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (auto i = backlog.find(keys[k])) {
      matched[*i] = 1;
      hits.emplace_back(*i, k);
    } else {
      out.unmatched_metrics.push_back(keys[k]);
      b.report(Severity::warning, errc::unmatched_metrics, {key_line[k], on.front() + 1}, {},
               "metrics for " + detail::quote_for_message(keys[k]) + ", which is not a feature of the backlog");
    }
  }
  for (FeatureIndex i = 0; i < backlog.size(); ++i)
    if (!matched[i]) out.unmatched_features.push_back(backlog.id(i));
  for (std::size_t i = 0; i < m; ++i) {
    const auto& spec = options.metrics[i];
    Eigen::VectorXd col = backlog.has_attribute(spec.attribute)
                              ? Eigen::VectorXd(backlog.column(spec.attribute))
                              : Eigen::VectorXd::Constant(static_cast<Eigen::Index>(backlog.size()), std::numeric_limits<double>::quiet_NaN());
    for (const auto& [f, k] : hits) {
      const double v = acc[k][i].get(spec.aggregate);
      if (std::isnan(v)) continue;
      double& x = col[static_cast<Eigen::Index>(f)];
      x = options.add && !std::isnan(x) ? x + v : v;
    }
    backlog.set_column(spec.attribute, col);
  }
  done();
  for (const auto& id : out.unmatched_features)
    out.diagnostics.push_back(Diagnostic{Severity::warning, errc::no_metrics, Location{id, {}, options.file_name, 0, 0},
                                         "the metrics file has no row for this feature"});
  return out;
}

JoinResult join_metrics_file(Backlog& backlog, const std::filesystem::path& path, JoinOptions options) {
  return detail::with_file<JoinResult>(path, options.file_name,
                                       [&](std::string text) { return join_metrics(backlog, std::move(text), options); });
}

}  // namespace v1
}  // namespace prio
