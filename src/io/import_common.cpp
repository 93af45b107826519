// What the import profiles share: profile names, export dates, number cells
// with units, the CSV header of an export, and resolving links once every
// row is known.
#include "import_common.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <functional>

#include "prio/detail/backlog_access.hpp"
#include "prio/detail/prefetch.hpp"
#include "text.hpp"

namespace prio::inline v1::detail {

std::vector<std::string_view> split_list(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const std::size_t k = s.find(sep);
    const std::string_view part = trim(s.substr(0, k));
    if (!part.empty()) out.push_back(part);
    if (k == std::string_view::npos) break;
    s.remove_prefix(k + 1);
  }
  return out;
}

bool parse_double(std::string_view s, double& v) noexcept {
  if (s.empty()) return false;
  const auto r = fast_float::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(v);
}

CellPos position_of(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') ++line, start = i + 1;
  return {line, offset - start + 1};
}

bool clean_number(std::string_view in, bool decimal_comma, std::string& out) {
  out.clear();
  std::string_view s = trim(in);
  // Currency in front: $ € £ (UTF-8) or a code followed by a space.
  for (const std::string_view cur : {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"})
    if (s.substr(0, cur.size()) == cur) s = trim(s.substr(cur.size()));
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s = trim(s.substr(1));
    for (const std::string_view cur : {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"})
      if (s.substr(0, cur.size()) == cur) s = trim(s.substr(cur.size()));
  }
  std::size_t k = 0;
  while (k < s.size() && ((s[k] >= '0' && s[k] <= '9') || s[k] == '.' || s[k] == ',' ||
                          ((s[k] == 'e' || s[k] == 'E') && k > 0 && k + 1 < s.size() &&
                           ((s[k + 1] >= '0' && s[k + 1] <= '9') || s[k + 1] == '-' || s[k + 1] == '+')) ||
                          ((s[k] == '-' || s[k] == '+') && k > 0 && (s[k - 1] == 'e' || s[k - 1] == 'E'))))
    ++k;
  const std::string_view digits = s.substr(0, k);
  std::string_view rest = trim(s.substr(k));
  if (digits.empty()) return false;
  if (negative) out += '-';
  const std::size_t commas = static_cast<std::size_t>(std::count(digits.begin(), digits.end(), ','));
  const bool has_dot = digits.find('.') != std::string_view::npos;
  if (commas == 0) {
    out += digits;
  } else if (decimal_comma && commas == 1 && !has_dot) {
    for (char c : digits) out += c == ',' ? '.' : c;
  } else {
    // Thousands separators: 1,234,567.5 (each group after a comma has 3 digits).
    std::size_t start = 0;
    const std::size_t int_end = has_dot ? digits.find('.') : digits.size();
    bool groups_ok = digits.find(',') > 0;
    for (std::size_t c = digits.find(','); c != std::string_view::npos && c < int_end; c = digits.find(',', c + 1)) {
      const std::size_t next = std::min(digits.find(',', c + 1), int_end);
      if (next - c - 1 != 3) groups_ok = false;
    }
    if (!groups_ok || digits.find(',', int_end) != std::string_view::npos) return false;
    for (char c : digits.substr(start))
      if (c != ',') out += c;
  }
  if (rest.empty()) return true;
  if (rest == "%") {
    out += '%';
    return true;
  }
  // A unit word: letters (and a trailing dot or slash unit such as "pts", "days", "h", "USD").
  for (char c : rest)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '/' || c == ' ' || static_cast<unsigned char>(c) >= 0x80))
      return false;
  return true;
}

}  // namespace prio::v1::detail

namespace prio {
inline namespace v1 {

std::optional<ImportProfile> parse_import_profile(std::string_view name) noexcept {
  for (auto p : {ImportProfile::jira, ImportProfile::linear, ImportProfile::trello, ImportProfile::notion})
    if (detail::iequals(name, to_string(p))) return p;
  return std::nullopt;
}

std::string import_profile_names() { return "jira, linear, trello, notion"; }

namespace {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool valid_day(std::int64_t y, unsigned m, unsigned d) noexcept {
  static constexpr unsigned len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= len[m - 1] + (m == 2 && leap ? 1u : 0u);
}

int month_of(std::string_view s) noexcept {
  static constexpr const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() < 3) return 0;
  for (int m = 0; m < 12; ++m)
    if (detail::iequals(s.substr(0, 3), names[m])) return m + 1;
  return 0;
}

bool read_uint(std::string_view& s, unsigned& v, std::size_t max_digits) noexcept {
  std::size_t k = 0;
  v = 0;
  while (k < s.size() && k < max_digits && s[k] >= '0' && s[k] <= '9') v = v * 10 + static_cast<unsigned>(s[k++] - '0');
  if (k == 0) return false;
  s.remove_prefix(k);
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_export_date(std::string_view text, bool* ambiguous) noexcept {
  if (ambiguous) *ambiguous = false;
  std::string_view s = detail::trim(text);
  unsigned a = 0, b = 0, c = 0;
  std::string_view t = s;
  if (!read_uint(t, a, 4)) {
    // "Feb 15, 2026"
    const int m = month_of(t);
    if (!m) return std::nullopt;
    std::size_t k = 0;
    while (k < t.size() && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z') || t[k] == '.')) ++k;
    t = detail::trim(t.substr(k));
    if (!read_uint(t, b, 2)) return std::nullopt;
    if (!t.empty() && t.front() == ',') t.remove_prefix(1);
    t = detail::trim(t);
    if (!read_uint(t, c, 4) || !valid_day(c, static_cast<unsigned>(m), b)) return std::nullopt;
    return days_from_civil(c, static_cast<unsigned>(m), b);
  }
  const std::size_t first_len = s.size() - t.size();
  if (t.empty()) return std::nullopt;
  const char sep = t.front();
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  t.remove_prefix(1);
  if (first_len == 4 && sep == '-') {  // ISO 2026-02-15[T...]
    if (!read_uint(t, b, 2) || t.empty() || t.front() != '-') return std::nullopt;
    t.remove_prefix(1);
    if (!read_uint(t, c, 2) || !valid_day(a, b, c)) return std::nullopt;
    if (!t.empty() && t.front() != 'T' && t.front() != ' ') return std::nullopt;
    return days_from_civil(a, b, c);
  }
  // 15/Feb/26 (Jira's default) or 15/02/2026.
  int month = month_of(t);
  if (month) {
    while (!t.empty() && t.front() != sep) t.remove_prefix(1);
    if (t.empty()) return std::nullopt;
    t.remove_prefix(1);
    const std::size_t before = t.size();
    if (!read_uint(t, c, 4)) return std::nullopt;
    std::int64_t year = c;
    if (before - t.size() == 2) year += 2000;
    if (!valid_day(year, static_cast<unsigned>(month), a)) return std::nullopt;
    return days_from_civil(year, static_cast<unsigned>(month), a);
  }
  if (!read_uint(t, b, 2) || t.empty() || t.front() != sep) return std::nullopt;
  t.remove_prefix(1);
  const std::size_t before = t.size();
  if (!read_uint(t, c, 4)) return std::nullopt;
  std::int64_t year = c;
  if (before - t.size() == 2) year += 2000;
  unsigned day = 0, mon = 0;
  if (a > 12 && b <= 12) day = a, mon = b;
  else if (b > 12 && a <= 12) day = b, mon = a;
  else if (a == b && a <= 12) day = a, mon = a;
  else if (a <= 12 && b <= 12) {
    if (ambiguous) *ambiguous = true;
    return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!valid_day(year, mon, day)) return std::nullopt;
  return days_from_civil(year, mon, day);
}

}  // namespace v1
}  // namespace prio

namespace prio::inline v1::detail {

namespace {
// A cell of at most 15 decimal digits: its value, exactly (what fast_float
// gives for it, without the general parser). False for anything else.
bool small_integer(std::string_view s, double& v) noexcept {
  if (s.empty() || s.size() > 15) return false;
  std::uint64_t n = 0;
  for (const char c : s) {
    const auto d = static_cast<unsigned>(static_cast<unsigned char>(c) - '0');
    if (d > 9) return false;
    n = n * 10 + d;
  }
  v = static_cast<double>(n);
  return true;
}

// A Jira priority name in any case: Highest..Lowest or Blocker..Trivial ->
// 5..1; false for anything else. The name's length and second letter pick
// its one candidate (no two names share a slot), so a cell costs one
// comparison however the priorities are mixed.
bool jira_priority(std::string_view s, double& v) noexcept {
  struct Name {
    std::string_view name;
    double value;
  };
  static constexpr auto slot = [](std::string_view n) noexcept {
    const unsigned c = static_cast<unsigned char>(n[1]);
    return (n.size() + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)) % 16;
  };
  static constexpr std::array<Name, 10> names = {{{"highest", 5}, {"high", 4}, {"medium", 3}, {"low", 2}, {"lowest", 1},
                                                   {"blocker", 5}, {"critical", 4}, {"major", 3}, {"minor", 2}, {"trivial", 1}}};
  static constexpr auto table = [] {
    std::array<Name, 16> t{};
    for (const Name& n : names) t[slot(n.name)] = n;
    return t;
  }();
  static_assert([] {
    for (const Name& n : names)
      if (table[slot(n.name)].name != n.name) return false;
    return true;
  }(), "two Jira priority names share a slot");
  if (s.size() < 2) return false;
  const Name& n = table[slot(s)];
  if (!iequals(s, n.name)) return false;
  v = n.value;
  return true;
}
}  // namespace

void ImportSink::set_value(std::size_t attr, CellKind kind, std::string_view raw, CellPos pos, bool decimal_comma) {
  // Most number cells are small integers (points, seconds): read them directly.
  if (double v = 0; (kind == CellKind::number || kind == CellKind::seconds) && small_integer(raw, v))
    return b_.set_number(attr, kind == CellKind::seconds ? v / 3600.0 : v, pos);
  const std::string_view s = trim(spreadsheet_unescape(trim(raw)));
  if (s.empty()) return;
  const std::string& name = b_.attribute_name(attr);
  auto bad = [&](const std::string& expected) {
    b_.row_problem(errc::invalid_value, pos, name, "expected " + expected + ", got " + quote_for_message(s));
  };
  switch (kind) {
    case CellKind::number:
    case CellKind::seconds: {
      // Other plain numbers are read directly too (what set_cell does with a
      // plain number); units, separators and percentages go the long way.
      if (double v = 0; parse_double(s, v)) return b_.set_number(attr, kind == CellKind::seconds ? v / 3600.0 : v, pos);
      std::string clean;
      if (!clean_number(s, decimal_comma, clean)) return bad("a number");
      if (kind == CellKind::number) return b_.set_cell(attr, clean, pos);
      double v = 0;
      const auto r = fast_float::from_chars(clean.data(), clean.data() + clean.size(), v);
      if (r.ec != std::errc() || r.ptr != clean.data() + clean.size()) return bad("a number of seconds");
      return b_.set_number(attr, v / 3600.0, pos);
    }
    case CellKind::jira_priority: {
      if (double v = 0; jira_priority(s, v)) return b_.set_number(attr, v, pos);
      return bad("a Jira priority (Highest, High, Medium, Low, Lowest or Blocker, Critical, Major, Minor, Trivial)");
    }
    case CellKind::linear_priority: {
      static constexpr std::pair<const char*, double> names[] = {
          {"no priority", 0}, {"urgent", 4}, {"high", 3}, {"medium", 2}, {"low", 1},
          {"0", 0}, {"1", 4}, {"2", 3}, {"3", 2}, {"4", 1}};
      for (const auto& [n, v] : names)
        if (iequals(s, n)) return b_.set_number(attr, v, pos);
      return bad("a Linear priority (No priority, Urgent, High, Medium, Low or 0..4)");
    }
    case CellKind::select_priority: {
      static constexpr std::pair<const char*, double> names[] = {
          {"urgent", 4}, {"critical", 4}, {"highest", 4}, {"p0", 4}, {"high", 3}, {"p1", 3},
          {"medium", 2}, {"normal", 2}, {"p2", 2}, {"low", 1}, {"lowest", 1}, {"p3", 1}};
      for (const auto& [n, v] : names)
        if (iequals(s, n)) return b_.set_number(attr, v, pos);
      return bad("a priority (Urgent/Critical/P0, High/P1, Medium/P2, Low/P3)");
    }
    case CellKind::count: return;  // the caller counts values across repeated columns
    case CellKind::date: {
      bool ambiguous = false;
      const auto d = parse_export_date(s, &ambiguous);
      if (ambiguous)
        return b_.row_problem(errc::invalid_value, pos, name,
                              "ambiguous date " + quote_for_message(s) + " (day/month or month/day?): write it as YYYY-MM-DD");
      if (!d) return bad("a date (YYYY-MM-DD, 15/Feb/26 or Feb 15, 2026)");
      return b_.set_number(attr, static_cast<double>(*d), pos);
    }
  }
}

void ImportSink::reserve(std::size_t rows) {
  b_.reserve(rows);
  status_.reserve(rows);
  labels_.reserve(rows);
  done_row_.reserve(rows);
  links_.reserve(rows);
  aliases_.reserve(rows);
}

void ImportSink::end_row() {
  const std::size_t before = b_.rows();
  const bool kept = b_.row_has_id();
  b_.end_row();
  if (kept && b_.rows() == before) {
    status_.push_back(std::move(cur_status_));
    labels_.push_back(std::move(cur_labels_));
    done_row_.push_back(cur_done_ ? 1 : 0);
  } else {  // dropped: so are its links and aliases
    links_.resize(links_begin_);
    aliases_.resize(aliases_begin_);
    text_.resize(text_begin_);
  }
  cur_status_ = {};
  cur_labels_ = {};
}

void ImportSink::skip_done(std::string_view id, std::initializer_list<std::string_view> aliases) {
  for (const auto a : aliases) done_.emplace(a);
  done_.emplace(id);
  ++done_rows_;
}

namespace {
// What a link names once every row is known (ImportSink::resolve_links).
constexpr std::int64_t link_none = -1;       // no target and nothing to say (empty, done)
constexpr std::int64_t link_outside = -2;    // names nothing in the export: a warning
constexpr std::int64_t link_ambiguous = -3;  // an alias of several rows: a warning
}  // namespace

void ImportSink::resolve_links(const Backlog& bl, std::vector<std::int64_t>& target) {
  // Aliases: a name shared by two rows resolves to neither. Built on the
  // first link that is not an id (most exports link by id only).
  std::unordered_map<std::string_view, std::int64_t> alias;
  bool alias_built = false;
  auto build_alias = [&] {
    alias_built = true;
    for (const auto& a : aliases_) {
      const std::string_view name = text_of(a.text);
      if (bl.contains(name)) continue;
      const auto [it, fresh] = alias.emplace(name, static_cast<std::int64_t>(a.row));
      if (!fresh && it->second != static_cast<std::int64_t>(a.row)) it->second = -1;
    }
  };
  // A row (not yet checked for done), or link_none / link_outside / link_ambiguous.
  // hit: t's row by the id index, or -1.
  auto lookup = [&](std::string_view t, std::int64_t hit) -> std::int64_t {
    if (t.empty()) return link_none;
    if (hit >= 0) return hit;
    if (!alias_built) build_alias();
    const auto it = alias.find(t);
    if (it != alias.end() && it->second >= 0) return it->second;
    if (done_.count(std::string(t))) return link_none;  // left out as done: no longer blocks
    return it != alias.end() ? link_ambiguous : link_outside;
  };
  auto name = [&](const Link& l) { return text_of(l.text); };
  const std::size_t n = bl.size();
  constexpr std::int64_t unset = -4;
  target.assign(links_.size(), unset);
  // Each row's links: links_[first[i] .. first[i + 1]) (rows in order).
  std::vector<std::uint32_t> first(n + 1, 0);
  for (const Link& l : links_) ++first[l.row + 1];
  for (std::size_t i = 0; i < n; ++i) first[i + 1] += first[i];
  // Jira writes each Blocks link on both of its issues: "a blocks b" on a
  // and "b is blocked by a" on b. Once b's link is resolved to a (by the id
  // index), a's links naming b get b by comparing texts: a's links were
  // just passed over (or come soon), so they are in the cache, where id
  // index lookups are not. Only links without such a mirror take the index.
  // The index's lookups miss the cache (ids named by links are all over
  // it): they go in one batch (find_each), in link order.
  std::size_t lookups = 0;
  for (const Link& l : links_) lookups += l.kind != LinkKind::blocks;
  std::size_t asked = 0, answered = 0;  // links: the next whose id is asked for, whose answer comes
  auto next_id = [&] {
    while (links_[asked].kind == LinkKind::blocks) ++asked;
    return name(links_[asked++]);
  };
  auto found = [&](std::size_t, std::int64_t hit) {
    while (links_[answered].kind == LinkKind::blocks) ++answered;
    const std::size_t l = answered++;
    const Link& k = links_[l];
    target[l] = lookup(name(k), hit);
    if (k.kind != LinkKind::blocked_by || target[l] < 0) return;
    const auto a = static_cast<std::size_t>(target[l]);
    if (done_row_[a]) return;  // a done issue no longer blocks: its blocks links are not read
    const std::string& b = bl.id(k.row);
    for (std::uint32_t m = first[a]; m < first[a + 1]; ++m)
      if (links_[m].kind == LinkKind::blocks && target[m] == unset && name(links_[m]) == b) target[m] = k.row;
  };
  BacklogAccess::find_each(bl, lookups, next_id, found);
  for (std::size_t l = 0; l < links_.size(); ++l)
    if (target[l] == unset) {
      if (done_row_[links_[l].row]) {
        target[l] = link_none;
        continue;
      }
      const std::string_view t = name(links_[l]);
      const auto hit = bl.find(t);
      target[l] = lookup(t, hit ? static_cast<std::int64_t>(*hit) : -1);
    }
}

ImportResult ImportSink::finish(std::shared_ptr<const std::string> text, std::vector<std::string> header, bool items) {
  // Otherwise `prio import -o` would write a file that prio then refuses to read.
  if (items && b_.rows() == 0 && b_.problems() == 0)
    b_.report(Severity::error, errc::parse_error, {1, 1}, {},
              done_rows_ == 0 ? "the export has no items to import"
                              : "the export has no items to import: its " + std::to_string(done_rows_) +
                                    " done item(s) were left out (keep_done, --keep-done, keeps them)");
  ImportResult out;
  static_cast<ReadResult&>(out) = b_.finish(std::move(text), std::move(header));
  Backlog& bl = out.backlog;
  const std::size_t n = bl.size();
  if (n == status_.size()) {
    std::vector<std::int64_t> target;
    resolve_links(bl, target);
    // A link's row, or nothing (a warning when it names nothing in the export).
    auto resolve = [&](std::size_t l, const char* field, bool blocking = true) -> std::optional<FeatureIndex> {
      const Link& k = links_[l];
      const std::int64_t t = target[l];
      if (t >= 0) {
        if (blocking && done_row_[static_cast<std::size_t>(t)]) return std::nullopt;  // a done issue no longer blocks
        return static_cast<FeatureIndex>(t);
      }
      if (t == link_none) return std::nullopt;
      const std::string_view name = text_of(k.text);
      const std::string msg = t == link_ambiguous ? "links to " + quote_for_message(name) + ", which names more than one issue of the export; link ignored"
                                                  : "links to " + quote_for_message(name) + ", which is not in the export; link ignored";
      extra_.push_back(Diagnostic{Severity::warning, errc::ignored_link, Location{bl.id(static_cast<FeatureIndex>(k.row)), field, b_.file(), k.pos.line, k.pos.column}, msg});
      return std::nullopt;
    };
    std::vector<std::vector<std::string>> deps(n);
    auto add = [&](std::size_t i, FeatureIndex j) {
      if (j == i) return;
      const std::string& d = bl.id(j);
      if (std::find(deps[i].begin(), deps[i].end(), d) == deps[i].end()) deps[i].push_back(d);
    };
    // The parent columns only when some row names a parent.
    const bool any_parent = std::any_of(links_.begin(), links_.end(), [](const Link& l) { return l.kind == LinkKind::parent; });
    std::vector<std::string> parents(any_parent ? n : 0);
    std::vector<const Link*> parent_ref(any_parent ? n : 0, nullptr);
    // Row by row: what it is blocked by, then what it blocks, then its parent.
    // The rows a blocks link adds to lie anywhere ahead: their lists are
    // prefetched a few links before they are reached.
    constexpr std::size_t ahead = 16;
    std::size_t hinted = 0;
    for (std::size_t k = 0; k < links_.size();) {
      const std::size_t i = links_[k].row;
      std::size_t e = k;
      while (e < links_.size() && links_[e].row == i) ++e;
      for (const std::size_t end = std::min(links_.size(), e + ahead); hinted < end; ++hinted)
        if (links_[hinted].kind == LinkKind::blocks && target[hinted] >= 0) prefetch(&deps[static_cast<std::size_t>(target[hinted])]);
      for (std::size_t l = k; l < e; ++l)
        if (links_[l].kind == LinkKind::blocked_by)
          if (auto j = resolve(l, "depends_on")) add(i, *j);
      if (!done_row_[i])  // a done issue no longer blocks what it names
        for (std::size_t l = k; l < e; ++l)
          if (links_[l].kind == LinkKind::blocks)
            if (auto j = resolve(l, "depends_on")) add(*j, static_cast<FeatureIndex>(i));
      for (std::size_t l = k; l < e; ++l)
        if (links_[l].kind == LinkKind::parent) {
          parent_ref[i] = &links_[l];
          if (auto j = resolve(l, "parent", false)) parents[i] = bl.id(*j);
        }
      k = e;
    }
    out.status = std::move(status_);
    out.labels = std::move(labels_);
    bl.set_depends_on(std::move(deps));
    if (any_parent) bl.set_parents(std::move(parents));
    if (options_.roll_up_effort && bl.has_attribute("effort")) {
      const Eigen::VectorXd own = bl.column("effort");
      std::vector<std::vector<FeatureIndex>> children(n);
      for (FeatureIndex i = 0; i < n; ++i)
        if (!bl.parent(i).empty()) children[*bl.find(bl.parent(i))].push_back(i);
      std::vector<char> state(n, 0);  // 0 new, 1 on the stack, 2 done
      Eigen::VectorXd total = own;
      std::function<double(FeatureIndex)> sum = [&](FeatureIndex i) -> double {
        if (state[i] == 2) return total[i];
        if (state[i] == 1) return 0;  // a parent cycle: cut it
        state[i] = 1;
        double t = std::isnan(own[i]) ? 0 : own[i];
        bool any = !std::isnan(own[i]);
        for (const FeatureIndex c : children[i]) {
          const double v = sum(c);
          if (!std::isnan(v)) t += v, any = true;
        }
        total[i] = any ? t : std::numeric_limits<double>::quiet_NaN();
        state[i] = 2;
        return total[i];
      };
      for (std::size_t i = 0; i < n; ++i) (void)sum(static_cast<FeatureIndex>(i));
      bl.set_column("effort", total);
    }
    // A parent naming its own row, or parents in a cycle: errors at the parent cell.
    locate_parent_problems(out, options_.read.max_diagnostics, [&](Diagnostic& d) {
      if (const auto i = bl.find(d.where.feature); i && *i < parent_ref.size() && parent_ref[*i]) {
        d.where.file = b_.file();
        d.where.line = parent_ref[*i]->pos.line;
        d.where.column = parent_ref[*i]->pos.column;
      }
    });
  }
  std::stable_sort(extra_.begin(), extra_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.where.line != b.where.line ? a.where.line < b.where.line : a.where.column < b.where.column;
  });
  for (auto& d : extra_) out.diagnostics.push_back(std::move(d));
  return out;
}

ImportCsv::ImportCsv(const std::string& text, const ReadOptions& options, bool case_insensitive)
    : text_(text), options_(options), ci_(case_insensitive), begin_(text.data()) {
  const char* end = text.data() + text.size();
  if (text.size() >= 3 && std::memcmp(begin_, "\xEF\xBB\xBF", 3) == 0) begin_ += 3;  // UTF-8 BOM
  // Localized exports (German, French ...) separate with ';': whichever of
  // ',' and ';' the header line has more of outside quotes.
  std::size_t commas = 0, semis = 0;
  bool quoted = false;
  for (const char* p = begin_; p < end; ++p) {
    if (*p == '"') quoted = !quoted;
    else if (!quoted && (*p == '\n' || *p == '\r')) break;
    else if (!quoted && *p == ',') ++commas;
    else if (!quoted && *p == ';') ++semis;
  }
  sep_ = semis > commas ? ';' : ',';
  scan_ = std::make_unique<CsvScanner>(begin_, end, 1, begin_, sep_);
}

bool ImportCsv::read_header(ImportSink& sink, std::string_view expected) {
  std::vector<CsvCell> cells;
  bool have = false;
  while (scan_->next(cells, scratch_, problems_, options_.max_cell_bytes)) {
    bool blank = true;
    for (const auto& c : cells)
      if (c.quoted || !trim(c.text).empty()) blank = false;
    if (!blank) {
      have = true;
      break;
    }
  }
  for (auto& p : problems_) sink.builder().report(Severity::error, errc::parse_error, {p.line, p.column}, {}, std::move(p.message));
  problems_.clear();
  if (!have) {
    if (sink.builder().problems() == 0)
      sink.builder().report(Severity::error, errc::parse_error, {1, 1}, {}, "the file is empty (expected " + std::string(expected) + ")");
    return false;
  }
  header_line_ = cells.front().line;
  for (const auto& c : cells) {
    std::string_view name = trim(c.text);
    if (!valid_utf8(name)) {
      sink.builder().report(Severity::error, errc::parse_error, {c.line, c.column}, {}, "invalid UTF-8 in the header");
      return false;
    }
    names_.emplace_back(name);
    header_pos_.push_back({c.line, c.column});
  }
  return true;
}

std::vector<std::size_t> ImportCsv::columns(std::string_view name) const {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < names_.size(); ++k)
    if (ci_ ? iequals(names_[k], name) : names_[k] == name) out.push_back(k);
  return out;
}

const std::string* ImportCsv::mapped(std::string_view prio_name) const {
  for (const auto& [name, column] : options_.column_map)
    if (name == prio_name) return &column;
  return nullptr;
}

std::vector<std::size_t> ImportCsv::field(std::string_view prio_name, const std::vector<std::string>& defaults) const {
  std::vector<std::size_t> cols;
  if (const std::string* m = mapped(prio_name)) {
    cols = columns(*m);
  } else {
    for (const auto& d : defaults) {
      // A column another field is mapped to by --map belongs to that field.
      bool taken = false;
      for (const auto& [name, column] : options_.column_map)
        if (ci_ ? iequals(column, d) : column == d) taken = true;
      if (taken) continue;
      for (std::size_t k : columns(d)) cols.push_back(k);
    }
  }
  std::erase_if(cols, [&](std::size_t k) {
    return std::find(options_.ignore_columns.begin(), options_.ignore_columns.end(), names_[k]) != options_.ignore_columns.end();
  });
  return cols;
}

bool ImportCsv::check_maps(ImportSink& sink) const {
  bool ok = true;
  for (const auto& [name, column] : options_.column_map)
    if (columns(column).empty()) {
      sink.builder().report(Severity::error, errc::invalid_argument, {header_line_, 0}, name,
                            "mapped to column '" + column + "', which the header does not have");
      ok = false;
    }
  return ok;
}

std::size_t ImportCsv::records_left() const {
  // Counted in the first 64 KiB and extrapolated (+25%), at most one record
  // per header width of bytes (a record has a separator per column).
  const char* p = scan_->position();
  const char* end = text_.data() + text_.size();
  const auto left = static_cast<std::size_t>(end - p);
  const std::size_t sample = std::min<std::size_t>(left, 65536);
  const auto lines = static_cast<std::size_t>(std::count(p, p + sample, '\n')) + 1;
  if (sample == left) return lines;
  const std::size_t per_sample = lines * left / sample;
  const std::size_t estimate = per_sample + per_sample / 4 + 16;
  return std::min(estimate, left / std::max<std::size_t>(names_.size(), 1) + 1);
}

bool ImportCsv::next(std::vector<CsvCell>& cells, ImportSink& sink, std::uint64_t& offset) {
  for (;;) {
    offset = static_cast<std::uint64_t>(scan_->position() - text_.data());
    const bool got = scan_->next(cells, scratch_, problems_, options_.max_cell_bytes);
    for (auto& p : problems_) sink.builder().report(Severity::error, errc::parse_error, {p.line, p.column}, {}, std::move(p.message));
    const bool had_problems = !problems_.empty();
    problems_.clear();
    if (!got) return false;
    if (had_problems) continue;
    bool blank = true;
    for (const auto& c : cells)
      if (c.quoted || !trim(c.text).empty()) {
        blank = false;
        break;
      }
    if (blank) continue;
    if (cells.size() != names_.size()) {
      sink.builder().report(Severity::error, errc::parse_error, {cells.front().line, 1}, {},
                            "row has " + std::to_string(cells.size()) + " field(s) but the header has " + std::to_string(names_.size()));
      continue;
    }
    return true;
  }
}

std::optional<ImportResult> reject_json(const ImportOptions& o, const std::shared_ptr<const std::string>& text, std::string_view format,
                                        std::string_view expected) {
  const std::string_view head = trim(std::string_view(*text).substr(0, 64));
  if (head.empty() || (head.front() != '{' && head.front() != '[')) return std::nullopt;
  return import_error(o, text, {1, 1}, "this does not look like a " + std::string(format) + " (expected a CSV header with " + std::string(expected) + ", got JSON)");
}

ImportResult import_error(const ImportOptions& o, std::shared_ptr<const std::string> text, CellPos pos, std::string message) {
  ImportSink sink(o, FileFormat::csv);
  sink.builder().report(Severity::error, errc::parse_error, pos, {}, std::move(message));
  return sink.finish(std::move(text), {});
}

}  // namespace prio::v1::detail

namespace prio {
inline namespace v1 {

ImportResult read_import(ImportProfile profile, std::string text, const ImportOptions& options) {
  switch (profile) {
    case ImportProfile::jira: return detail::import_jira(std::move(text), options);
    case ImportProfile::linear: return detail::import_linear(std::move(text), options);
    case ImportProfile::trello: return detail::import_trello(std::move(text), options);
    case ImportProfile::notion: return detail::import_notion(std::move(text), options);
  }
  return {};
}

ImportResult read_import_file(ImportProfile profile, const std::filesystem::path& path, ImportOptions options) {
  return detail::with_file<ImportResult>(path, options.read.file_name,
                                         [&](std::string text) { return read_import(profile, std::move(text), options); });
}

}  // namespace v1
}  // namespace prio

namespace prio::inline v1::detail {

std::vector<PlannedField> plan_fields(const ImportCsv& csv, ImportSink& sink, const std::vector<FieldSpec>& defaults,
                                      const std::vector<std::string>& reserved) {
  std::vector<PlannedField> out;
  auto add = [&](const std::string& name, std::vector<std::size_t> cols, CellKind kind) {
    if (cols.empty()) return;
    out.push_back(PlannedField{name, sink.builder().attribute(name), std::move(cols), kind});
  };
  for (const auto& f : defaults) add(f.name, csv.field(f.name, f.sources), f.kind);
  for (const auto& mapping : sink.options().read.column_map) {
    const std::string& name = mapping.first;  // a plain reference: lambdas below capture it (clang 14 cannot capture bindings)
    if (std::find(reserved.begin(), reserved.end(), name) != reserved.end()) continue;
    if (std::any_of(defaults.begin(), defaults.end(), [&](const FieldSpec& f) { return f.name == name; })) continue;
    if (std::any_of(out.begin(), out.end(), [&](const PlannedField& f) { return f.name == name; })) continue;
    add(name, csv.field(name, {}), CellKind::number);
  }
  return out;
}

namespace {
// A field with several source columns: the first filled one; a second one
// with another number is reported at its cell.
const CsvCell* first_filled(const PlannedField& f, const std::vector<CsvCell>& cells, ImportSink& sink, bool decimal_comma) {
  std::string a, b;
  const CsvCell* first = nullptr;
  for (std::size_t k : f.cols) {
    const CsvCell& c = cells[k];
    if (trim(c.text).empty()) continue;
    if (!first) {
      first = &c;
      continue;
    }
    // Two filled source columns (team- and company-managed story points,
    // a repeated column): the same number is fine, two numbers are not.
    const bool same = trim(c.text) == trim(first->text) ||
                      (clean_number(first->text, decimal_comma, a) && clean_number(c.text, decimal_comma, b) &&
                       std::strtod(a.c_str(), nullptr) == std::strtod(b.c_str(), nullptr) && a.back() != '%' && b.back() != '%');
    if (!same)
      sink.builder().row_problem(errc::invalid_value, {c.line, c.column}, f.name,
                                 "conflicting values: " + quote_for_message(trim(first->text)) + " (column " +
                                     std::to_string(first - cells.data() + 1) + ") and " + quote_for_message(trim(c.text)) +
                                     " (column " + std::to_string(&c - cells.data() + 1) + "); choose one with --map " + f.name + "=COLUMN");
  }
  return first;
}
}  // namespace

void apply_fields(const std::vector<PlannedField>& fields, const std::vector<CsvCell>& cells, ImportSink& sink, bool decimal_comma) {
  for (const auto& f : fields) {
    if (f.kind == CellKind::count) {
      double n = 0;
      for (std::size_t k : f.cols)
        if (!trim(ImportCsv::cell(cells, k)).empty()) ++n;
      sink.builder().set_number(f.attr, n, {cells[f.cols.front()].line, cells[f.cols.front()].column});
      continue;
    }
    // One source column: nothing to compare.
    const CsvCell* c = f.cols.size() == 1 ? &cells[f.cols.front()] : first_filled(f, cells, sink, decimal_comma);
    if (!c || c->text.empty()) continue;
    // Most cells are small integers (points, seconds) or priority names as
    // Jira writes them: read here, as set_value would.
    double v = 0;
    if ((f.kind == CellKind::number || f.kind == CellKind::seconds) && small_integer(c->text, v))
      sink.builder().set_number(f.attr, f.kind == CellKind::seconds ? v / 3600.0 : v, {c->line, c->column});
    else if (f.kind == CellKind::jira_priority && jira_priority(c->text, v))
      sink.builder().set_number(f.attr, v, {c->line, c->column});
    else
      sink.set_value(f.attr, f.kind, c->text, {c->line, c->column}, decimal_comma);
  }
}

void report_missing(ImportSink& sink, const ImportCsv& csv, const std::vector<std::pair<std::string, std::string>>& missing,
                    std::string_view format) {
  std::string list, maps;
  for (const auto& [name, column] : missing) {
    list += (list.empty() ? "'" : ", '") + column + "'";
    maps += (maps.empty() ? "--map " : " --map ") + name + "=COLUMN";
  }
  sink.builder().report(Severity::error, errc::parse_error, {csv.header_line(), 1}, {},
                        "the " + std::string(format) + " header lacks the required column(s) " + list + " (or map them: " + maps + ")");
}

}  // namespace prio::v1::detail
