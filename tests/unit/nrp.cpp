// The NRP instance reader, and the solver on the published nrp1 instance.
#include <catch2/catch.hpp>

#include "nrp_check.hpp"
#include "skip.hpp"

#include <prio/nrp.hpp>

#include <filesystem>
#include <sstream>
#include <string>

namespace {

std::string data_dir() { return std::string(PRIO_SHARED_DATA_DIR) + "/nrp"; }
bool have_data() { return std::filesystem::exists(data_dir() + "/classic/nrp1.txt"); }

prio::error parse_failure(const std::string& text) {
  std::istringstream in(text);
  try {
    (void)prio::read_nrp(in, "bad.txt");
  } catch (const prio::error& e) {
    return e;
  }
  FAIL("no error for: " << text);
  return prio::error(prio::errc::invalid_value, "unreachable");
}

}  // namespace

TEST_CASE("read_nrp reads levels, dependencies and customers") {
  // A small file in the format: two levels, one dependency, two customers.
  std::istringstream in("2\n3\n1 2 3\n2\n4 5\n1\n1 4\n2\n10 2 4 5\n7 1 2\n");
  const auto f = prio::read_nrp(in);
  REQUIRE(f.level_sizes == std::vector<std::size_t>{3, 2});
  REQUIRE(f.cost == std::vector<double>{1, 2, 3, 4, 5});
  REQUIRE(f.total_cost() == 15);
  REQUIRE(f.dependencies.size() == 1);
  REQUIRE(f.dependencies[0] == std::pair<std::uint32_t, std::uint32_t>{0, 3});
  REQUIRE(f.customers.size() == 2);
  REQUIRE(f.customers[0].profit == 10);
  REQUIRE(f.customers[0].requests == std::vector<std::uint32_t>{3, 4});
  const auto inst = prio::nrp_instance(f, 0.3);
  REQUIRE(inst.budget == 5);  // 4.5 rounds half up
  REQUIRE(inst.prerequisites[3] == std::vector<std::uint32_t>{0});
  REQUIRE(prio::nrp_instance(f, 0.5).budget == 8);  // 7.5
  REQUIRE(prio::nrp_budget(15, 0.7) == 11);        // 10.5
  REQUIRE(prio::nrp_budget(1198.0 / 0.3, 0.3) == 1198);
  // Customer 1 needs requirement 4 (which needs 1) and 5: cost 1 + 4 + 5 = 10.
  auto i10 = inst;
  i10.budget = 10;
  const auto sol = prio::solve_nrp(i10);
  REQUIRE(sol.value == 10);
  REQUIRE(sol.selected == std::vector<std::uint32_t>{0, 3, 4});
}

TEST_CASE("read_nrp reports malformed files with line and column") {
  auto e = parse_failure("1\n2\n3 x\n");
  REQUIRE(e.code() == prio::errc::parse_error);
  REQUIRE(e.where().file == "bad.txt");
  REQUIRE(e.where().line == 3);
  REQUIRE(e.where().column == 3);
  e = parse_failure("1\n2\n3 4\n0\n1\n5 1 3\n");  // requirement 3 of 2
  REQUIRE(e.where().line == 6);
  REQUIRE(std::string(e.what()).find("out of range") != std::string::npos);
  e = parse_failure("1\n2\n3 4\n0\n2\n5 1 1\n");  // a customer missing
  REQUIRE(std::string(e.what()).find("end of file") != std::string::npos);
  e = parse_failure("1\n1\n3\n0\n0\n9\n");
  REQUIRE(std::string(e.what()).find("after the last customer") != std::string::npos);
  e = parse_failure("1\n1\n-3\n0\n0\n");
  REQUIRE(e.where().line == 3);
  e = parse_failure("1\n2\n3 4\n1\n2 2\n0\n");
  REQUIRE(std::string(e.what()).find("itself") != std::string::npos);
  REQUIRE_THROWS_MATCHES(prio::read_nrp_file("/nonexistent/nrp.txt"), prio::error,
                         Catch::Matchers::Predicate<prio::error>([](const prio::error& x) { return x.code() == prio::errc::io_error; }));
}

TEST_CASE("read_nrp: the published instances have their documented sizes") {
  if (!have_data()) {
    PRIO_SKIP("../shared/data absent");
  }
  struct Size {
    const char* file;
    std::vector<std::size_t> levels;
    std::size_t dependencies, customers;
  };
  // Counted from the files by an independent script (whitespace-split integers);
  // the requirement and customer counts of the realistic sets match Xuan et al. (TSE 2012).
  const Size sizes[] = {
      {"classic/nrp1.txt", {20, 40, 80}, 97, 100},
      {"classic/nrp2.txt", {20, 40, 80, 160, 320}, 556, 500},
      {"classic/nrp3.txt", {250, 500, 750}, 1486, 500},
      {"classic/nrp4.txt", {250, 500, 750, 1000, 750}, 4961, 750},
      {"classic/nrp5.txt", {500, 500, 500}, 2036, 1000},
      {"realistic/nrp-e1.txt", {3502}, 0, 536},
      {"realistic/nrp-e2.txt", {4254}, 0, 491},
      {"realistic/nrp-e3.txt", {2844}, 0, 456},
      {"realistic/nrp-e4.txt", {3186}, 0, 399},
      {"realistic/nrp-g1.txt", {2690}, 0, 445},
      {"realistic/nrp-g2.txt", {2650}, 0, 315},
      {"realistic/nrp-g3.txt", {2512}, 0, 423},
      {"realistic/nrp-g4.txt", {2246}, 0, 294},
      {"realistic/nrp-m1.txt", {4060}, 0, 768},
      {"realistic/nrp-m2.txt", {4368}, 0, 617},
      {"realistic/nrp-m3.txt", {3566}, 0, 765},
      {"realistic/nrp-m4.txt", {3643}, 0, 568},
  };
  for (const auto& s : sizes) {
    INFO(s.file);
    const auto f = prio::read_nrp_file(data_dir() + "/" + s.file);
    REQUIRE(f.level_sizes == s.levels);
    REQUIRE(f.dependencies.size() == s.dependencies);
    REQUIRE(f.customers.size() == s.customers);
  }
}

TEST_CASE("the independent NRP check catches a wrong answer") {
  // Two requirements (costs 2 and 3), 1 before 2; customer 0 (profit 5) wants 2.
  std::istringstream in("1\n2\n2 3\n1\n1 2\n1\n5 1 2\n");
  const auto f = prio::read_nrp(in);
  prio::NrpSolution good{{0, 1}, {0}, 5, 5, {}, false, 0, 0};
  CHECK(prio_test::check_nrp_answer(f, 1.0, good).empty());
  auto no_prerequisite = good;
  no_prerequisite.selected = {1};
  no_prerequisite.cost = 3;
  CHECK_FALSE(prio_test::check_nrp_answer(f, 1.0, no_prerequisite).empty());
  auto wrong_value = good;
  wrong_value.value = 6;
  CHECK_FALSE(prio_test::check_nrp_answer(f, 1.0, wrong_value).empty());
  CHECK_FALSE(prio_test::check_nrp_answer(f, 0.5, good).empty());  // budget 3 (2.5 rounds up), cost 5
  const prio_test::NrpKnown known{"", 1.0, 5, 5};
  auto below = good;
  below.selected = {};
  below.satisfied = {};
  below.cost = below.value = 0;
  CHECK_FALSE(prio_test::check_nrp_answer(f, 1.0, below, &known).empty());
}

// Debug builds run nrp1 and nrp-g2 (the sanitizer build nrp-g2 only, to keep
// CI short); bench_nrp checks all 34 (instance, ratio) pairs the same way in
// the release build.
TEST_CASE("solve_nrp on published instances: feasible, closed, >= BMA and within the stated gap of the optimum") {
  if (!have_data()) PRIO_SKIP("../shared/data absent");
  for (const auto& k : prio_test::nrp_known()) {
    const std::string file = k.file;
#ifdef __SANITIZE_ADDRESS__
    if (file != "realistic/nrp-g2.txt") continue;  // the sanitizer build: the quick instance only
#else
    if (file != "classic/nrp1.txt" && file != "realistic/nrp-g2.txt") continue;
#endif
    INFO(file << " at ratio " << k.ratio);
    const auto f = prio::read_nrp_file(data_dir() + "/" + file);
    const auto sol = prio::solve_nrp(prio::nrp_instance(f, k.ratio), prio::ReleaseOptions{.time_limit = 60, .seed = 1});
    for (const auto& p : prio_test::check_nrp_answer(f, k.ratio, sol, &k)) FAIL_CHECK(p);
    REQUIRE(sol.bound.has_value());
    CHECK(*sol.bound >= k.optimum);
  }
}
