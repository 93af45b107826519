// Kano surveys: the standard evaluation table (Berger et al. 1993, after
// Kano et al. 1984), category counts and the satisfaction / dissatisfaction
// coefficients CS+ and CS-.
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "import_common.hpp"
#include "text.hpp"

namespace prio {
inline namespace v1 {

std::string_view to_string(KanoCategory c) noexcept {
  switch (c) {
    case KanoCategory::attractive: return "attractive";
    case KanoCategory::one_dimensional: return "one-dimensional";
    case KanoCategory::must_be: return "must-be";
    case KanoCategory::indifferent: return "indifferent";
    case KanoCategory::reverse: return "reverse";
    case KanoCategory::questionable: return "questionable";
  }
  return "";
}

KanoCategory kano_category(KanoAnswer functional, KanoAnswer dysfunctional) noexcept {
  using C = KanoCategory;
  // Rows: functional like, expect, neutral, live with, dislike; columns: the dysfunctional answer.
  static constexpr C table[5][5] = {
      {C::questionable, C::attractive, C::attractive, C::attractive, C::one_dimensional},
      {C::reverse, C::indifferent, C::indifferent, C::indifferent, C::must_be},
      {C::reverse, C::indifferent, C::indifferent, C::indifferent, C::must_be},
      {C::reverse, C::indifferent, C::indifferent, C::indifferent, C::must_be},
      {C::reverse, C::reverse, C::reverse, C::reverse, C::questionable},
  };
  return table[static_cast<int>(functional)][static_cast<int>(dysfunctional)];
}

bool parse_kano_answer(std::string_view text, KanoAnswer& out) noexcept {
  const std::string_view s = detail::trim(text);
  static constexpr std::pair<const char*, KanoAnswer> names[] = {
      {"like", KanoAnswer::like},          {"i like it", KanoAnswer::like},         {"1", KanoAnswer::like},
      {"expect", KanoAnswer::expect},      {"i expect it", KanoAnswer::expect},     {"must-be", KanoAnswer::expect},
      {"must be", KanoAnswer::expect},     {"2", KanoAnswer::expect},               {"neutral", KanoAnswer::neutral},
      {"i am neutral", KanoAnswer::neutral}, {"3", KanoAnswer::neutral},            {"live with", KanoAnswer::live_with},
      {"live_with", KanoAnswer::live_with}, {"i can live with it", KanoAnswer::live_with}, {"tolerate", KanoAnswer::live_with},
      {"4", KanoAnswer::live_with},        {"dislike", KanoAnswer::dislike},        {"i dislike it", KanoAnswer::dislike},
      {"5", KanoAnswer::dislike}};
  for (const auto& [n, a] : names)
    if (detail::iequals(s, n)) {
      out = a;
      return true;
    }
  return false;
}

KanoResult read_kano(std::string text_in, const ReadOptions& options) {
  KanoResult out;
  detail::CsvSession session(std::move(text_in), options);
  auto& sink = session.sink;
  auto& csv = session.csv;
  auto& b = session.builder();
  auto done = [&]() {
    out.diagnostics = session.diagnostics();
    return out;
  };
  if (!csv.read_header(sink, "a Kano survey header: respondent,feature,functional,dysfunctional")) return done();
  const char* names[] = {"respondent", "feature", "functional", "dysfunctional"};
  std::size_t col[4] = {};
  std::vector<std::pair<std::string, std::string>> missing;
  for (int k = 0; k < 4; ++k) {
    const auto c = csv.field(names[k], {names[k]});
    if (c.empty()) missing.emplace_back(names[k], csv.mapped(names[k]) ? *csv.mapped(names[k]) : names[k]);
    else col[k] = c.front();
  }
  if (!missing.empty()) {
    detail::report_missing(sink, csv, missing, "Kano survey");
    return done();
  }
  std::unordered_map<std::string, std::size_t> index;
  std::unordered_set<std::string> seen;  // respondent \x1f feature
  std::vector<detail::CsvCell> cells;
  std::uint64_t offset = 0;
  while (csv.next(cells, sink, offset)) {
    const std::string_view respondent = detail::trim(cells[col[0]].text);
    const std::string_view feature = detail::trim(cells[col[1]].text);
    if (feature.empty()) {
      b.report(Severity::error, errc::empty_id, {cells[col[1]].line, cells[col[1]].column}, "feature", "the feature is empty");
      continue;
    }
    KanoAnswer a[2];
    bool ok = true;
    for (int k = 0; k < 2; ++k)
      if (!parse_kano_answer(cells[col[2 + k]].text, a[k])) {
        b.report(Severity::error, errc::invalid_value, {cells[col[2 + k]].line, cells[col[2 + k]].column}, names[2 + k],
                 "expected like, expect, neutral, live with or dislike (or 1..5), got " + detail::quote_for_message(detail::trim(cells[col[2 + k]].text)));
        ok = false;
      }
    if (!ok) continue;
    if (!respondent.empty() && !seen.insert(std::string(respondent) + '\x1f' + std::string(feature)).second) {
      b.report(Severity::error, errc::invalid_value, {cells[col[0]].line, cells[col[0]].column}, "respondent",
               "respondent " + detail::quote_for_message(respondent) + " answered feature " + detail::quote_for_message(feature) + " twice");
      continue;
    }
    auto [it, fresh] = index.emplace(std::string(feature), out.features.size());
    if (fresh) out.features.push_back(KanoFeature{std::string(feature)});
    KanoFeature& f = out.features[it->second];
    ++f.answers;
    ++f.count[static_cast<std::size_t>(kano_category(a[0], a[1]))];
  }
  if (out.features.empty() && b.problems() == 0)
    b.report(Severity::error, errc::parse_error, {csv.header_line(), 1}, {}, "the survey has a header row but no answers");
  for (auto& f : out.features) {
    using C = KanoCategory;
    const auto n = [&f](C c) { return static_cast<double>(f.count[static_cast<std::size_t>(c)]); };
    // Ties: the category that matters most for the product first (Berger et al.: M > O > A > I).
    C best = C::must_be;
    for (C c : {C::must_be, C::one_dimensional, C::attractive, C::indifferent, C::reverse, C::questionable})
      if (n(c) > n(best)) best = c;
    f.category = best;
    const double denom = n(C::attractive) + n(C::one_dimensional) + n(C::must_be) + n(C::indifferent);
    f.cs_plus = denom > 0 ? (n(C::attractive) + n(C::one_dimensional)) / denom : std::numeric_limits<double>::quiet_NaN();
    f.cs_minus = denom > 0 ? -(n(C::one_dimensional) + n(C::must_be)) / denom : std::numeric_limits<double>::quiet_NaN();
  }
  return done();
}

std::vector<std::string> apply_kano(Backlog& backlog, const KanoResult& survey, bool must_be_is_must) {
  std::vector<std::string> unknown;
  const auto n = static_cast<Eigen::Index>(backlog.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const char* names[] = {"kano_a", "kano_o", "kano_m", "kano_i", "kano_r", "kano_q"};
  std::vector<Eigen::VectorXd> cols(8, Eigen::VectorXd::Constant(n, nan));
  for (const auto& f : survey.features) {
    const auto i = backlog.find(f.id);
    if (!i) {
      unknown.push_back(f.id);
      continue;
    }
    cols[0][*i] = f.cs_plus;
    cols[1][*i] = f.cs_minus;
    for (std::size_t c = 0; c < 6; ++c) cols[2 + c][*i] = f.share(static_cast<KanoCategory>(c));
    if (must_be_is_must && f.category == KanoCategory::must_be) backlog.set_moscow(*i, Moscow::must);
  }
  backlog.set_column("kano_cs_plus", cols[0]);
  backlog.set_column("kano_cs_minus", cols[1]);
  for (std::size_t c = 0; c < 6; ++c) backlog.set_column(names[c], cols[2 + c]);
  return unknown;
}

KanoResult read_kano_file(const std::filesystem::path& path, ReadOptions options) {
  return detail::with_file<KanoResult>(path, options.file_name, [&](std::string text) { return read_kano(std::move(text), options); });
}

}  // namespace v1
}  // namespace prio
