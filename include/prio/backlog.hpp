// The backlog: features stored column by column.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "prio/detail/fwd.hpp"
#include "prio/detail/id_index.hpp"
#include "prio/error.hpp"
#include "prio/version.hpp"

namespace prio {
inline namespace v1 {

/// Dense index of a feature in its backlog: 0 .. size()-1, in insertion order.
using FeatureIndex = std::uint32_t;

/// MoSCoW category. `unset` (not yet triaged) ranks after `could` and before
/// `wont` in prio::moscow.
enum class Moscow : std::uint8_t { must = 0, should = 1, could = 2, unset = 3, wont = 4 };

[[nodiscard]] constexpr std::string_view to_string(Moscow m) noexcept {
  switch (m) {
    case Moscow::must: return "must";
    case Moscow::should: return "should";
    case Moscow::could: return "could";
    case Moscow::wont: return "wont";
    case Moscow::unset: return "";
  }
  return "";
}

/// One feature, for building a backlog row by row with designated initializers:
/// `prio::Feature{.id = "sso", .title = "Single sign-on", .attributes = {{"reach", 2000}}}`.
struct Feature {
  std::string id;
  std::string title;
  std::vector<std::pair<std::string, double>> attributes;
  Moscow moscow = Moscow::unset;
  std::vector<std::string> depends_on;
  /// The id of the feature this one belongs to (an epic, an initiative);
  /// empty = none. Checked by prio::validate and the file readers.
  std::string parent;
};

/// A product backlog: ids, titles, numeric attributes (one Eigen matrix,
/// column-major, missing = NaN), MoSCoW categories, dependencies and an
/// optional parent per feature (a hierarchy: epics and their stories).
///
/// Ids are unique and non-empty and looked up in O(1), attribute names too.
/// Adding rows is amortized O(attributes), adding an attribute amortized
/// O(rows). A Backlog has value semantics; copies are independent.
class Backlog {
 public:
  Backlog() = default;

  /// Reserves room for n features.
  void reserve(std::size_t n) {
    ids_mut().reserve(n);
    titles_.reserve(n);
    moscow_.reserve(n);
    depends_on_.reserve(n);
    parents_.reserve(n);
    index_.reserve(n);
    grow_rows(n);
  }

  /// Reserves room for n attributes (columns), so that adding that many
  /// attributes with set_column or add() copies no earlier column. Without
  /// it, columns grow geometrically: adding k attributes is amortized O(k).
  void reserve_attributes(std::size_t n) {
    attribute_index_.reserve(n);
    grow_columns(static_cast<Eigen::Index>(n));
  }

  /// Appends a feature and returns its index. Throws prio::error
  /// (duplicate_id, empty_id, non_finite_value, duplicate attribute as
  /// invalid_argument) naming the feature and field; on throw the backlog is
  /// unchanged. A new attribute name adds a column, NaN for earlier rows.
  FeatureIndex add(Feature f) {
    const std::uint32_t h = check_new_id(f.id);
    for (std::size_t a = 0; a < f.attributes.size(); ++a) {
      const auto& [name, value] = f.attributes[a];
      if (name.empty()) throw error(errc::invalid_argument, "attribute name is empty", Location{f.id, {}, {}, 0, 0});
      if (!std::isfinite(value))
        throw error(errc::non_finite_value, "value is not a finite number (use a missing value instead)", Location{f.id, name, {}, 0, 0});
      for (std::size_t b = 0; b < a; ++b)
        if (f.attributes[b].first == name)
          throw error(errc::invalid_argument, "attribute given twice", Location{f.id, name, {}, 0, 0});
    }
    const auto row = static_cast<FeatureIndex>(size());
    index_.reserve(size() + 1);  // insert() below then cannot throw
    grow_rows(size() + 1);
    for (const auto& [name, value] : f.attributes) {
      const Eigen::Index col = ensure_attribute(name);
      data_(static_cast<Eigen::Index>(row), col) = value;
    }
    ids_mut().push_back(std::move(f.id));
    index_.insert(h, row);
    titles_.push_back(std::move(f.title));
    moscow_.push_back(f.moscow);
    depends_on_.push_back(std::move(f.depends_on));
    parents_.push_back(std::move(f.parent));
    return row;
  }

  /// Builds a backlog of the given ids (titles empty, no attributes); the
  /// columns are then set with set_column, set_titles, set_moscow,
  /// set_depends_on, set_parents. Throws like add().
  [[nodiscard]] static Backlog from_ids(std::vector<std::string> ids) {
    Backlog b;
    if (const std::int64_t dup = b.index_new_ids(ids); dup >= 0)
      throw error(errc::duplicate_id, "duplicate feature id", Location{ids[static_cast<std::size_t>(dup)], "id", {}, 0, 0});
    const std::size_t n = ids.size();
    b.ids_ = std::make_shared<std::vector<std::string>>(std::move(ids));
    b.titles_.assign(n, {});
    b.moscow_.assign(n, Moscow::unset);
    b.depends_on_.assign(n, {});
    b.parents_.assign(n, {});
    b.grow_rows(n);
    return b;
  }

  /// Sets (adds or replaces) a whole attribute column. NaN marks a missing
  /// value; an infinite value is an error naming the feature and field.
  void set_column(const std::string& name, const Eigen::Ref<const Eigen::VectorXd>& values) {
    check_size(static_cast<std::size_t>(values.size()), name);
    if (name.empty()) throw error(errc::invalid_argument, "attribute name is empty");
    // One vectorizable test (x - x is NaN exactly for infinities and NaN);
    // the offending feature is searched for only when there is one.
    if (std::isnan((values.array() - values.array()).sum()) && values.array().isInf().any())
      for (Eigen::Index i = 0; i < values.size(); ++i)
        if (std::isinf(values[i]))
          throw error(errc::non_finite_value, "value is infinite", Location{id(static_cast<FeatureIndex>(i)), name, {}, 0, 0});
    const Eigen::Index col = ensure_attribute(name);
    data_.col(col).head(values.size()) = values;
  }
  void set_titles(std::vector<std::string> titles) {
    check_size(titles.size(), "title");
    titles_ = std::move(titles);
  }
  void set_moscow(std::vector<Moscow> moscow) {
    check_size(moscow.size(), "moscow");
    moscow_ = std::move(moscow);
  }
  void set_depends_on(std::vector<std::vector<std::string>> depends_on) {
    check_size(depends_on.size(), "depends_on");
    depends_on_ = std::move(depends_on);
  }
  /// Each feature's parent id (empty = none), aligned with the backlog.
  /// Not checked here: prio::validate reports unknown parents and cycles.
  void set_parents(std::vector<std::string> parents) {
    check_size(parents.size(), "parent");
    parents_ = std::move(parents);
  }
  void set_title(FeatureIndex i, std::string title) { titles_.at(i) = std::move(title); }
  void set_moscow(FeatureIndex i, Moscow m) { moscow_.at(i) = m; }
  void set_depends_on(FeatureIndex i, std::vector<std::string> deps) { depends_on_.at(i) = std::move(deps); }
  void set_parent(FeatureIndex i, std::string parent) { parents_.at(i) = std::move(parent); }
  /// Sets one value; NaN clears it. Adds the attribute column if it is new.
  void set_value(FeatureIndex i, const std::string& name, double value) {
    if (i >= size()) throw error(errc::unknown_feature, "feature index out of range");
    if (std::isinf(value)) throw error(errc::non_finite_value, "value is infinite", Location{id(i), name, {}, 0, 0});
    const Eigen::Index col = ensure_attribute(name);
    data_(static_cast<Eigen::Index>(i), col) = value;
  }

  [[nodiscard]] std::size_t size() const noexcept { return ids_ ? ids_->size() : 0; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }

  [[nodiscard]] const std::string& id(FeatureIndex i) const { return ids_->at(i); }
  [[nodiscard]] const std::string& title(FeatureIndex i) const { return titles_.at(i); }
  [[nodiscard]] Moscow moscow(FeatureIndex i) const { return moscow_.at(i); }
  [[nodiscard]] const std::vector<std::string>& depends_on(FeatureIndex i) const { return depends_on_.at(i); }
  /// The parent's id, empty when the feature has none.
  [[nodiscard]] const std::string& parent(FeatureIndex i) const { return parents_.at(i); }

  [[nodiscard]] const std::vector<std::string>& ids() const noexcept { return ids_ ? *ids_ : empty_ids(); }
  [[nodiscard]] const std::vector<std::string>& titles() const noexcept { return titles_; }
  [[nodiscard]] const std::vector<Moscow>& moscow() const noexcept { return moscow_; }
  [[nodiscard]] const std::vector<std::vector<std::string>>& depends_on() const noexcept { return depends_on_; }
  [[nodiscard]] const std::vector<std::string>& parents() const noexcept { return parents_; }
  /// True when at least one feature has a parent (the file writers add the
  /// parent column or field only then). O(size()).
  [[nodiscard]] bool has_parents() const noexcept {
    return std::any_of(parents_.begin(), parents_.end(), [](const std::string& p) { return !p.empty(); });
  }

  /// The index of a feature by id, or std::nullopt. O(1).
  [[nodiscard]] std::optional<FeatureIndex> find(std::string_view id) const {
    const std::int64_t row = index_.find(id, ids());
    if (row < 0) return std::nullopt;
    return static_cast<FeatureIndex>(row);
  }
  [[nodiscard]] bool contains(std::string_view id) const { return index_.find(id, ids()) >= 0; }
  /// The index of a feature by id; throws prio::error (unknown_feature).
  [[nodiscard]] FeatureIndex index_of(std::string_view id) const {
    if (auto i = find(id)) return *i;
    throw error(errc::unknown_feature, "no feature with this id", Location{std::string(id), {}, {}, 0, 0});
  }

  /// Attribute names, in the order their columns were created.
  [[nodiscard]] const std::vector<std::string>& attributes() const noexcept { return attribute_names_; }
  [[nodiscard]] bool has_attribute(std::string_view name) const { return attribute_column(name).has_value(); }
  /// The attribute's column in matrix(), in O(1).
  [[nodiscard]] std::optional<Eigen::Index> attribute_column(std::string_view name) const {
    const std::int64_t c = attribute_index_.find(name, attribute_names_);
    if (c < 0) return std::nullopt;
    return static_cast<Eigen::Index>(c);
  }

  /// An attribute as a vector aligned with the backlog (a view, no copy);
  /// missing values are NaN. Throws prio::error (unknown_attribute).
  [[nodiscard]] Eigen::Ref<const Eigen::VectorXd> column(std::string_view name) const {
    const auto c = attribute_column(name);
    if (!c) throw error(errc::unknown_attribute, "the backlog has no attribute with this name", Location{{}, std::string(name), {}, 0, 0});
    return data_.col(*c).head(static_cast<Eigen::Index>(size()));
  }
  /// One value (NaN when missing or when the attribute does not exist).
  [[nodiscard]] double value(FeatureIndex i, std::string_view name) const {
    const auto c = attribute_column(name);
    if (!c || i >= size()) return std::numeric_limits<double>::quiet_NaN();
    return data_(static_cast<Eigen::Index>(i), *c);
  }
  /// All attributes: size() rows, attributes().size() columns, column j is
  /// attribute j (attribute_column gives j), NaN = missing. A view of the
  /// backlog's own storage, no copy (so `matrix().col(j)` stays valid as long
  /// as the backlog does and is not modified).
  [[nodiscard]] Eigen::Ref<const Eigen::MatrixXd> matrix() const {
    return data_.topLeftCorner(static_cast<Eigen::Index>(size()), static_cast<Eigen::Index>(attribute_names_.size()));
  }

  /// Shared, immutable view of the ids, kept alive by prio::Scores so that
  /// ranking can break ties by id without copying strings: pass it to the
  /// Scores constructor when writing a ScoringModel.
  [[nodiscard]] std::shared_ptr<const std::vector<std::string>> shared_ids() const {
    if (!ids_) return std::make_shared<const std::vector<std::string>>();
    return ids_;
  }

 private:
  friend struct detail::BacklogAccess;  // the graph and the importers look ids up in batches
  static const std::vector<std::string>& empty_ids() {
    static const std::vector<std::string> none;
    return none;
  }
  std::vector<std::string>& ids_mut() {
    // Copy on write: a Scores object may share the ids.
    if (!ids_) ids_ = std::make_shared<std::vector<std::string>>();
    else if (ids_.use_count() > 1) ids_ = std::make_shared<std::vector<std::string>>(*ids_);
    return *ids_;
  }
  // Indexes ids as rows 0 .. n - 1 of this (empty) backlog, stopping at the
  // first bad row as add() one row after the other would: throws for an empty
  // id, returns the row of an id that repeats an earlier one (-1: none). On a
  // bad row the index is left empty.
  std::int64_t index_new_ids(const std::vector<std::string>& ids) {
    const auto empty = static_cast<std::int64_t>(
        std::find_if(ids.begin(), ids.end(), [](const std::string& id) { return id.empty(); }) - ids.begin());
    const std::int64_t dup = index_.insert_each(ids);
    if (dup < 0 && empty == static_cast<std::int64_t>(ids.size())) return -1;
    index_.clear();
    if (dup >= 0 && dup < empty) return dup;
    throw error(errc::empty_id, "feature id is empty", Location{{}, "id", {}, 0, 0});
  }
  // Returns the id's hash for the index.
  std::uint32_t check_new_id(const std::string& id) const {
    if (id.empty()) throw error(errc::empty_id, "feature id is empty", Location{{}, "id", {}, 0, 0});
    const std::uint32_t h = detail::IdIndex::hash(id);
    if (index_.find(id, h, ids()) >= 0) throw error(errc::duplicate_id, "duplicate feature id", Location{id, "id", {}, 0, 0});
    return h;
  }
  void check_size(std::size_t n, std::string_view field) const {
    if (n != size())
      throw error(errc::size_mismatch,
                  "column has " + std::to_string(n) + " values but the backlog has " + std::to_string(size()) + " features",
                  Location{{}, std::string(field), {}, 0, 0});
  }
  // Rows grow geometrically so that add() is amortized O(attributes).
  void grow_rows(std::size_t n) {
    const auto need = static_cast<Eigen::Index>(n);
    if (need <= data_.rows()) return;
    const Eigen::Index cap = std::max<Eigen::Index>(need, std::max<Eigen::Index>(16, data_.rows() * 2));
    Eigen::MatrixXd grown = Eigen::MatrixXd::Constant(cap, data_.cols(), std::numeric_limits<double>::quiet_NaN());
    grown.topRows(data_.rows()) = data_;
    data_.swap(grown);
  }
  // Columns grow geometrically too (spare columns are NaN), so that adding
  // attributes one by one is amortized O(rows) each, not O(rows x attributes).
  void grow_columns(Eigen::Index need) {
    if (need <= data_.cols()) return;
    Eigen::MatrixXd grown = Eigen::MatrixXd::Constant(data_.rows(), need, std::numeric_limits<double>::quiet_NaN());
    grown.leftCols(data_.cols()) = data_;
    data_.swap(grown);
  }
  Eigen::Index ensure_attribute(const std::string& name) {
    const std::uint32_t h = detail::IdIndex::hash(name);
    if (const std::int64_t c = attribute_index_.find(name, h, attribute_names_); c >= 0) return static_cast<Eigen::Index>(c);
    const auto col = static_cast<Eigen::Index>(attribute_names_.size());
    grow_columns(col < data_.cols() ? col + 1 : std::max<Eigen::Index>(col + 1, std::max<Eigen::Index>(4, 2 * data_.cols())));
    attribute_index_.reserve(attribute_names_.size() + 1);  // insert() below then cannot throw
    attribute_names_.push_back(name);
    attribute_index_.insert(h, static_cast<std::uint32_t>(col));
    return col;
  }

  std::shared_ptr<std::vector<std::string>> ids_;
  std::vector<std::string> titles_;
  std::vector<Moscow> moscow_;
  std::vector<std::vector<std::string>> depends_on_;
  std::vector<std::string> parents_;  // "" = no parent
  detail::IdIndex index_;  // rows by id; keys are the strings in ids_
  std::vector<std::string> attribute_names_;
  detail::IdIndex attribute_index_;  // columns by name; keys are the strings in attribute_names_
  Eigen::MatrixXd data_;  // capacity rows x capacity attributes; cells past size() or attributes() are NaN
};

}  // namespace v1
}  // namespace prio
