// The backlog model: building, lookups, columns, and every error path.
#include <prio/backlog.hpp>
#include <prio/scores.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <string>

using prio::Backlog;
using prio::errc;
using prio::Feature;

namespace {
errc code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const prio::error& e) {
    return e.code();
  }
  FAIL("expected a prio::error");
  return errc::invalid_argument;
}
}  // namespace

TEST_CASE("features are added row by row and looked up by id") {
  Backlog b;
  CHECK(b.empty());
  const auto sso = b.add(Feature{.id = "sso", .title = "Single sign-on", .attributes = {{"reach", 2000}, {"effort", 4}},
                                 .moscow = prio::Moscow::must});
  const auto dm = b.add(Feature{.id = "dark-mode", .title = "Dark mode", .attributes = {{"reach", 5000}, {"impact", 0.5}},
                                .depends_on = {"sso"}});
  REQUIRE(b.size() == 2);
  CHECK(sso == 0);
  CHECK(dm == 1);
  CHECK(b.index_of("dark-mode") == 1);
  CHECK(b.find("nope") == std::nullopt);
  CHECK(b.contains("sso"));
  CHECK(b.title(sso) == "Single sign-on");
  CHECK(b.moscow(sso) == prio::Moscow::must);
  CHECK(b.moscow(dm) == prio::Moscow::unset);
  CHECK(b.depends_on(dm) == std::vector<std::string>{"sso"});
  CHECK(b.attributes() == std::vector<std::string>{"reach", "effort", "impact"});
  // A column created by a later row is missing (NaN), never 0, for earlier rows.
  CHECK(std::isnan(b.value(sso, "impact")));
  CHECK(std::isnan(b.value(dm, "effort")));
  CHECK(b.value(dm, "impact") == 0.5);
  const auto reach = b.column("reach");
  REQUIRE(reach.size() == 2);
  CHECK(reach[0] == 2000);
  CHECK(reach[1] == 5000);
  CHECK(b.matrix().rows() == 2);
  CHECK(b.matrix().cols() == 3);
  // matrix() is a view of the backlog's storage (no copy): its columns are
  // the attribute columns, at the same addresses column() gives.
  const Eigen::Ref<const Eigen::MatrixXd> m = b.matrix();
  for (const auto& name : b.attributes()) {
    const auto j = *b.attribute_column(name);
    CHECK(m.col(j).data() == b.column(name).data());
    const double v = b.value(dm, name);
    CHECK((m(1, j) == v || (std::isnan(m(1, j)) && std::isnan(v))));
  }
  CHECK(std::isnan(m(0, 2)));
}

TEST_CASE("ids are unique and non-empty; values are finite") {
  Backlog b;
  b.add(Feature{.id = "a", .attributes = {{"reach", 1}}});
  CHECK(code_of([&] { b.add(Feature{.id = "a"}); }) == errc::duplicate_id);
  CHECK(code_of([&] { b.add(Feature{.id = ""}); }) == errc::empty_id);
  CHECK(code_of([&] { b.add(Feature{.id = "b", .attributes = {{"reach", std::nan("")}}}); }) == errc::non_finite_value);
  CHECK(code_of([&] { b.add(Feature{.id = "b", .attributes = {{"reach", INFINITY}}}); }) == errc::non_finite_value);
  CHECK(code_of([&] { b.add(Feature{.id = "b", .attributes = {{"reach", 1}, {"reach", 2}}}); }) == errc::invalid_argument);
  CHECK(code_of([&] { (void)b.index_of("zzz"); }) == errc::unknown_feature);
  CHECK(code_of([&] { (void)b.column("nope"); }) == errc::unknown_attribute);
  // A failed add leaves the backlog unchanged.
  CHECK(b.size() == 1);
  CHECK(b.attributes().size() == 1);
}

TEST_CASE("errors name the feature and the field") {
  Backlog b;
  b.add(Feature{.id = "sso"});
  try {
    b.add(Feature{.id = "x", .attributes = {{"effort", INFINITY}}});
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.feature() == "x");
    CHECK(e.field() == "effort");
    CHECK(std::string(e.what()) == "[prio.error.104] feature 'x', field 'effort': value is not a finite number (use a missing value instead)");
    CHECK(dynamic_cast<const std::runtime_error*>(&e) != nullptr);
  }
  try {
    b.add(Feature{.id = "sso"});
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.code() == errc::duplicate_id);
    CHECK(std::string(e.what()).find("feature 'sso', field 'id'") != std::string::npos);
  }
}

TEST_CASE("a backlog is built from whole columns") {
  Backlog b = Backlog::from_ids({"a", "b", "c"});
  Eigen::VectorXd reach(3);
  reach << 10, 20, std::nan("");
  b.set_column("reach", reach);
  b.set_titles({"A", "B", "C"});
  b.set_moscow({prio::Moscow::must, prio::Moscow::could, prio::Moscow::wont});
  b.set_depends_on({{}, {"a"}, {"a", "b"}});
  CHECK(b.size() == 3);
  CHECK(b.index_of("c") == 2);
  CHECK(b.value(1, "reach") == 20);
  CHECK(std::isnan(b.value(2, "reach")));
  CHECK(b.title(2) == "C");
  CHECK(b.depends_on(2).size() == 2);
  CHECK(code_of([&] { b.set_column("x", Eigen::VectorXd::Zero(2)); }) == errc::size_mismatch);
  CHECK(code_of([&] { b.set_titles({"only one"}); }) == errc::size_mismatch);
  Eigen::VectorXd bad = Eigen::VectorXd::Zero(3);
  bad[1] = -INFINITY;
  try {
    b.set_column("effort", bad);
    FAIL("no throw");
  } catch (const prio::error& e) {
    CHECK(e.code() == errc::non_finite_value);
    CHECK(e.feature() == "b");
    CHECK(e.field() == "effort");
  }
  CHECK(code_of([] { (void)Backlog::from_ids({"a", "a"}); }) == errc::duplicate_id);
  CHECK(code_of([] { (void)Backlog::from_ids({"a", ""}); }) == errc::empty_id);
  // Rows can still be added after building from columns.
  b.add(Feature{.id = "d", .attributes = {{"reach", 40}}});
  CHECK(b.value(3, "reach") == 40);
}

TEST_CASE("many rows: amortized growth keeps every value") {
  Backlog b;
  for (int i = 0; i < 5000; ++i) b.add(Feature{.id = "f" + std::to_string(i), .attributes = {{"x", i}}});
  b.add(Feature{.id = "late", .attributes = {{"y", 1}}});
  REQUIRE(b.size() == 5001);
  const auto x = b.column("x");
  for (Eigen::Index i = 0; i < 5000; ++i) REQUIRE(x[i] == static_cast<double>(i));
  CHECK(std::isnan(x[5000]));
  CHECK(std::isnan(b.value(0, "y")));
  CHECK(b.index_of("f4321") == 4321);
}

TEST_CASE("scores keep the ids they were computed with (copy on write)") {
  Backlog b;
  b.add(Feature{.id = "a"});
  const prio::Scores s(Eigen::VectorXd::Ones(1), b.shared_ids(), "test");
  b.add(Feature{.id = "b"});
  CHECK(s.size() == 1);
  CHECK(s.ids() == std::vector<std::string>{"a"});
  CHECK(b.ids() == std::vector<std::string>{"a", "b"});
  Backlog copy = b;
  copy.add(Feature{.id = "c"});
  CHECK(b.size() == 2);
  CHECK(copy.size() == 3);
  CHECK_FALSE(b.contains("c"));
}

TEST_CASE("many attributes: columns found by name, values kept through column growth, copies independent") {
  // Against a reference built from std::map over a random mix of set_column,
  // set_value and add() with new and old attribute names (wide files add a
  // column per header cell; the columns must not be found by a linear search
  // nor copied for every new one).
  std::mt19937_64 rng(2026);
  for (const bool reserve : {false, true}) {
    Backlog b = Backlog::from_ids({"a", "b", "c"});
    if (reserve) b.reserve_attributes(700);
    std::map<std::string, std::vector<double>> ref;
    std::vector<std::string> order;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (int step = 0; step < 1500; ++step) {
      const std::string name = "k" + std::to_string(rng() % 900);
      const auto kind = rng() % 3;
      if (!ref.count(name)) {
        order.push_back(name);
        ref[name].assign(b.size(), nan);
      }
      if (kind == 0) {
        Eigen::VectorXd v(static_cast<Eigen::Index>(b.size()));
        for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = static_cast<double>(rng() % 1000);
        b.set_column(name, v);
        ref[name].assign(v.data(), v.data() + v.size());
      } else if (kind == 1) {
        const auto i = static_cast<prio::FeatureIndex>(rng() % b.size());
        b.set_value(i, name, static_cast<double>(step));
        ref[name][i] = static_cast<double>(step);
      } else {
        Feature f{.id = "f" + std::to_string(step), .attributes = {{name, 0.5 * step}}};
        b.add(f);
        for (auto& [n, col] : ref) col.push_back(n == name ? 0.5 * step : nan);
      }
    }
    const Backlog copy = b;
    b.set_column(order.front(), Eigen::VectorXd::Zero(static_cast<Eigen::Index>(b.size())));  // must not reach the copy
    REQUIRE(copy.attributes() == order);
    const auto m = copy.matrix();
    REQUIRE(static_cast<std::size_t>(m.rows()) == copy.size());
    REQUIRE(static_cast<std::size_t>(m.cols()) == order.size());
    for (std::size_t c = 0; c < order.size(); ++c) {
      REQUIRE(copy.attribute_column(order[c]) == static_cast<Eigen::Index>(c));
      const auto& want = ref[order[c]];
      for (prio::FeatureIndex i = 0; i < copy.size(); ++i) {
        const double got = m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c));
        REQUIRE(((std::isnan(got) && std::isnan(want[i])) || got == want[i]));
        REQUIRE(((std::isnan(copy.value(i, order[c])) && std::isnan(want[i])) || copy.value(i, order[c]) == want[i]));
      }
    }
    CHECK_FALSE(copy.attribute_column("k900"));
    CHECK(b.column(order.front()).isZero());
  }
}
