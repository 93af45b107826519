#include "builder.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>
#include <unordered_map>

#include "prio/detail/backlog_access.hpp"
#include "prio/detail/hierarchy.hpp"
#include "text.hpp"

namespace prio::inline v1::detail {

namespace {
SourceMapAccess::Position to_position(CellPos p) {
  return {static_cast<std::uint32_t>(std::min<std::size_t>(p.line, UINT32_MAX)),
          static_cast<std::uint32_t>(std::min<std::size_t>(p.column, UINT32_MAX))};
}
}  // namespace

RowBuilder::RowBuilder(const ReadOptions& options, FileFormat format)
    : options_(options), format_(format), file_(options.file_name.empty() ? "<input>" : options.file_name) {}

void RowBuilder::keep(Diagnostic d) {
  ++problem_count_;
  if (kept_.size() < options_.max_diagnostics) kept_.push_back(std::move(d));
}

void RowBuilder::report(Severity severity, errc code, CellPos pos, std::string field, std::string message) {
  keep(Diagnostic{severity, code, Location{{}, std::move(field), file_, pos.line, pos.column}, std::move(message)});
}

void RowBuilder::row_problem(errc code, CellPos pos, std::string field, std::string message) {
  pending_.push_back(Pending{code, pos, std::move(field), std::move(message)});
}

std::size_t RowBuilder::attribute(std::string_view name) {
  if (auto it = attr_index_.find(name); it != attr_index_.end()) return it->second;
  const std::size_t a = attr_names_.size();
  attr_names_.emplace_back(name);
  attr_percent_.push_back(std::find(options_.percent_columns.begin(), options_.percent_columns.end(), name) !=
                          options_.percent_columns.end());
  attr_index_.emplace(std::string(name), a);
  std::vector<double> col;
  col.reserve(ids_.capacity() + 1);
  col.assign(ids_.size(), std::numeric_limits<double>::quiet_NaN());  // includes the row being read
  attr_values_.push_back(std::move(col));
  attr_stamp_.push_back(0);
  return a;
}

void RowBuilder::reserve(std::size_t rows) {
  ids_.reserve(rows);
  titles_.reserve(rows);
  moscow_.reserve(rows);
  depends_.reserve(rows);
  parents_.reserve(rows);
  row_offset_.reserve(rows);
  row_position_.reserve(rows);
  id_position_.reserve(rows);
  for (auto& c : attr_values_) c.reserve(rows);
}

void RowBuilder::begin_row(CellPos pos, std::uint64_t offset) {
  in_row_ = true;
  row_has_id_ = false;
  pending_.clear();
  ids_.emplace_back();
  titles_.emplace_back();
  moscow_.push_back(Moscow::unset);
  depends_.emplace_back();
  parents_.emplace_back();
  row_offset_.push_back(offset);
  row_position_.push_back(to_position(pos));
  id_position_.push_back(to_position(pos));
  if (format_ == FileFormat::json) json_key_start_.push_back(json_keys_.size());
  for (auto& c : attr_values_) c.push_back(std::numeric_limits<double>::quiet_NaN());
}

bool RowBuilder::check_text(std::string_view s, CellPos pos, const char* field) {
  if (valid_utf8(s)) return true;
  row_problem(errc::parse_error, pos, field, "invalid UTF-8");
  return false;
}

void RowBuilder::set_id(std::string_view raw, CellPos pos) {
  id_position_.back() = to_position(pos);
  const std::string_view id = trim(raw);
  if (!check_text(id, pos, "id")) return;
  if (id.empty()) {
    row_problem(errc::empty_id, pos, "id", "feature id is empty");
    return;
  }
  if (id.find(';') != std::string_view::npos) {
    row_problem(errc::invalid_value, pos, "id", "feature id " + quote_for_message(id) + " contains ';', which separates depends_on ids");
    return;
  }
  ids_.back().assign(id);
  row_has_id_ = true;
}

void RowBuilder::set_title(std::string_view raw, CellPos pos) {
  if (!check_text(raw, pos, "title")) return;
  titles_.back().assign(trim(raw));
}

void RowBuilder::set_moscow(std::string_view raw, CellPos pos) {
  Moscow m = Moscow::unset;
  if (!parse_moscow(raw, m)) {
    row_problem(errc::invalid_value, pos, "moscow",
                "expected must, should, could or won't (or M, S, C, W), got " + quote_for_message(trim(raw)));
    return;
  }
  moscow_.back() = m;
}

void RowBuilder::add_dependency(std::string_view raw, CellPos pos) {
  const std::string_view d = trim(raw);
  if (d.empty()) return;
  if (!check_text(d, pos, "depends_on")) return;
  depends_.back().emplace_back(d);
}

void RowBuilder::set_parent(std::string_view raw, CellPos pos) {
  const std::string_view p = trim(raw);
  if (p.empty()) return;
  if (!check_text(p, pos, "parent")) return;
  if (p.find(';') != std::string_view::npos) {
    row_problem(errc::invalid_value, pos, "parent", "a feature has one parent, got " + quote_for_message(p) + " (ids never contain ';')");
    return;
  }
  parents_.back().assign(p);
  any_parent_ = true;
}

void RowBuilder::set_depends_text(std::string_view raw, CellPos pos) {
  if (raw.empty()) return;
  // One allocation for the row's list, not one per doubling.
  auto& list = depends_.back();
  list.reserve(list.size() + 1 + static_cast<std::size_t>(std::count(raw.begin(), raw.end(), ';')));
  while (!raw.empty()) {
    const std::size_t k = raw.find(';');
    add_dependency(raw.substr(0, k), pos);
    if (k == std::string_view::npos) break;
    raw.remove_prefix(k + 1);
  }
}

void RowBuilder::set_number(std::size_t attr, double value, CellPos pos) {
  if (!std::isfinite(value)) {
    row_problem(errc::non_finite_value, pos, attr_names_[attr], "value is not a finite number (leave the cell empty for a missing value)");
    return;
  }
  if (attr_percent_[attr] && options_.percent_plain_numbers && value > 1) {
    if (value > 100) {
      row_problem(errc::invalid_value, pos, attr_names_[attr],
                  "a fraction must be at most 1 (or 100%), got " + format_number(value));
      return;
    }
    value /= 100;
  }
  attr_values_[attr].back() = value;
}

void RowBuilder::set_cell(std::size_t attr, std::string_view raw, CellPos pos) {
  std::string_view s = trim(raw);
  if (s.empty()) return;  // missing
  bool percent = false;
  if (s.back() == '%') {
    percent = true;
    s = trim(s.substr(0, s.size() - 1));
  }
  std::string_view digits = s;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  double v = 0;
  const auto r = fast_float::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (digits.empty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size() ||
      (!digits.empty() && (digits.front() == 'i' || digits.front() == 'I' || digits.front() == 'n' || digits.front() == 'N'))) {
    if (r.ec == std::errc::result_out_of_range) {
      row_problem(errc::non_finite_value, pos, attr_names_[attr], "number " + quote_for_message(trim(raw)) + " is out of range");
      return;
    }
    row_problem(errc::invalid_value, pos, attr_names_[attr], "expected a number, got " + quote_for_message(trim(raw)));
    return;
  }
  if (!std::isfinite(v)) {
    row_problem(errc::non_finite_value, pos, attr_names_[attr], "number " + quote_for_message(trim(raw)) + " is out of range");
    return;
  }
  if (percent) {
    // "50%" in a column that is not a percent column (reach, effort) has no
    // agreed meaning: an error naming the cell, never a silent 0.5.
    if (!attr_percent_[attr]) {
      row_problem(errc::invalid_value, pos, attr_names_[attr],
                  "a percentage " + quote_for_message(trim(raw)) + " in a column that is not a percent column (expected a number; " +
                      "list the column in --percent-columns to read percentages)");
      return;
    }
    if (v > 100) {
      row_problem(errc::invalid_value, pos, attr_names_[attr], "a percentage must be at most 100%, got " + std::string(s) + "%");
      return;
    }
    attr_values_[attr].back() = v / 100;
    return;
  }
  set_number(attr, v, pos);
}

void RowBuilder::note_field(std::uint32_t name, CellPos pos) {
  if (format_ == FileFormat::json) json_keys_.push_back({name, to_position(pos)});
}

std::uint32_t RowBuilder::json_name(std::string_view field) {
  auto it = json_name_index_.find(field);
  if (it == json_name_index_.end()) {
    it = json_name_index_.emplace(std::string(field), static_cast<std::uint32_t>(json_names_.size())).first;
    json_names_.emplace_back(field);
  }
  return it->second;
}

void RowBuilder::end_row() {
  in_row_ = false;
  const std::string feature = row_has_id_ ? ids_.back() : std::string{};
  for (auto& p : pending_)
    keep(Diagnostic{Severity::error, p.code, Location{feature, std::move(p.field), file_, p.pos.line, p.pos.column},
                    std::move(p.message)});
  pending_.clear();
  if (!row_has_id_) drop_row();
}

void RowBuilder::drop_row() {
  in_row_ = false;
  pending_.clear();
  ids_.pop_back();
  titles_.pop_back();
  moscow_.pop_back();
  depends_.pop_back();
  parents_.pop_back();
  row_offset_.pop_back();
  row_position_.pop_back();
  id_position_.pop_back();
  if (format_ == FileFormat::json) {
    json_keys_.resize(json_key_start_.back());
    json_key_start_.pop_back();
  }
  for (auto& c : attr_values_) c.pop_back();
}

void locate_parent_problems(ReadResult& r, std::size_t max_diagnostics, const std::function<void(Diagnostic&)>& place) {
  std::vector<Diagnostic> found;
  check_parents(r.backlog, found);
  if (found.empty()) return;
  const bool noted = !r.diagnostics.empty() && r.diagnostics.back().severity == Severity::note;
  std::size_t more = 0;
  for (auto& d : found) {
    if (noted || r.diagnostics.size() >= max_diagnostics) {
      ++more;
      continue;
    }
    if (place) place(d);
    r.locate(d);
    r.diagnostics.push_back(std::move(d));
  }
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::size_t la = a.where.line == 0 ? SIZE_MAX : a.where.line, lb = b.where.line == 0 ? SIZE_MAX : b.where.line;
    return la != lb ? la < lb : a.where.column < b.where.column;
  });
  if (more != 0 && !noted)
    r.diagnostics.push_back(Diagnostic{Severity::note, errc::parse_error, Location{{}, {}, r.source.file(), 0, 0},
                                       std::to_string(more) + " more problem(s) not shown"});
}

ReadResult RowBuilder::finish(std::shared_ptr<const std::string> text, std::vector<std::string> header) {
  ReadResult r;
  // Fast path: the backlog takes the columns as read and stops at the first
  // duplicate id; only then are all duplicates looked for, to report each
  // with the line of its first definition.
  const std::size_t n = ids_.size();
  const bool duplicates = BacklogAccess::adopt_columns(r.backlog, ids_, titles_, moscow_, depends_, parents_) >= 0;
  if (duplicates) {
    std::unordered_map<std::string_view, std::uint32_t> first;
    first.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto [it, fresh] = first.emplace(ids_[i], static_cast<std::uint32_t>(i));
      if (fresh) continue;
      const auto where = id_position_[i];
      keep(Diagnostic{Severity::error, errc::duplicate_id, Location{ids_[i], "id", file_, where.line, where.column},
                      "duplicate feature id, first defined on line " + std::to_string(row_position_[it->second].line)});
    }
  }
  if (problem_count_ > kept_.size()) {
    const std::size_t more = problem_count_ - kept_.size();
    std::stable_sort(kept_.begin(), kept_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.where.line != b.where.line ? a.where.line < b.where.line : a.where.column < b.where.column;
    });
    kept_.push_back(Diagnostic{Severity::note, errc::more_problems, Location{{}, {}, file_, 0, 0},
                               std::to_string(more) + " more problem(s) not shown"});
  } else {
    std::stable_sort(kept_.begin(), kept_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.where.line != b.where.line ? a.where.line < b.where.line : a.where.column < b.where.column;
    });
  }
  r.diagnostics = std::move(kept_);
  const bool check_parents = !duplicates && any_parent_;
  if (!duplicates) {
    r.backlog.reserve_attributes(attr_names_.size());
    for (std::size_t a = 0; a < attr_names_.size(); ++a)
      r.backlog.set_column(attr_names_[a], Eigen::Map<const Eigen::VectorXd>(attr_values_[a].data(), static_cast<Eigen::Index>(n)));
  }
  if (format_ == FileFormat::json) json_key_start_.push_back(json_keys_.size());
  r.source = SourceMapAccess::make(file_, format_, std::move(text), std::move(header), std::move(row_offset_),
                                   std::move(row_position_), std::move(json_names_), std::move(json_keys_), std::move(json_key_start_));
  if (check_parents) locate_parent_problems(r, options_.max_diagnostics);
  return r;
}

}  // namespace prio::v1::detail
