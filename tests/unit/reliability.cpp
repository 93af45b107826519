// Reliability of prio::io and release selection: exact round trips of the
// writers (compared by bits), reading any stream, file errors, duplicate keys
// and headers, percentages outside percent columns, and the release budget.
#include <catch2/catch.hpp>

#include <prio/io.hpp>
#include <prio/spec.hpp>
#include <prio/prio.hpp>
#include <prio/release.hpp>
#include "io/tool.hpp"  // the tool's helpers in prio::io (src/io, not installed)

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

std::uint64_t bits(double v) { return std::bit_cast<std::uint64_t>(v); }

std::string messages(const prio::ReadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.to_string() + "\n";
  return out;
}

// Same backlog, every double compared by its bits (NaN = missing by isnan).
void require_same_bits(const prio::Backlog& a, const prio::Backlog& b) {
  REQUIRE(a.ids() == b.ids());
  REQUIRE(a.titles() == b.titles());
  REQUIRE(a.moscow() == b.moscow());
  REQUIRE(a.depends_on() == b.depends_on());
  REQUIRE(a.attributes() == b.attributes());
  for (const auto& name : a.attributes())
    for (prio::FeatureIndex i = 0; i < a.size(); ++i) {
      const double x = a.value(i, name), y = b.value(i, name);
      INFO(name << " of feature " << i << ": " << x << " vs " << y);
      if (std::isnan(x)) REQUIRE(std::isnan(y));
      else REQUIRE(bits(x) == bits(y));
    }
}

// Values a writer gets wrong first: signed zeros, denormals, extremes.
const std::vector<double> awkward{-0.0,
                                  0.0,
                                  std::numeric_limits<double>::denorm_min(),
                                  -std::numeric_limits<double>::denorm_min(),
                                  0x1.fffffffffffffp-1023,  // largest denormal
                                  std::numeric_limits<double>::min(),
                                  std::numeric_limits<double>::max(),
                                  -std::numeric_limits<double>::max(),
                                  std::numeric_limits<double>::epsilon(),
                                  1e22,
                                  1e23,
                                  9007199254740993.0,
                                  18446744073709551616.0,
                                  -9223372036854775808.0,
                                  0.1,
                                  1.0 / 3};

// Text with everything CSV and JSON must escape; ids avoid ';' (the
// depends_on separator) and edge blanks (trimmed, as in every spreadsheet).
std::string random_text(std::mt19937_64& rng, bool id) {
  static const std::vector<std::string> pieces{"a", "Z", "\"", ",", "\n", "\r\n", "'", "\\", "é", "日本", "🎉", "x y", "=1+2", "\t", "|", "<b>", "{}"};
  std::string s;
  const std::size_t len = 1 + rng() % 7;
  for (std::size_t k = 0; k < len; ++k) s += pieces[rng() % pieces.size()];
  if (id) s = "k" + s + "k";
  else {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  }
  return s;
}

prio::Backlog random_backlog(std::mt19937_64& rng, std::size_t n) {
  const std::vector<std::string> attrs{"reach", "effort", "score, \"adjusted\"", "é"};
  prio::Backlog b;
  for (std::size_t i = 0; i < n; ++i) {
    prio::Feature f;
    f.id = std::to_string(i) + random_text(rng, true);
    f.title = random_text(rng, false);
    for (const auto& a : attrs) {
      const auto pick = rng() % 8;
      if (pick == 0) continue;  // missing
      double v;
      if (pick <= 3) v = awkward[rng() % awkward.size()];
      else if (pick == 4) v = std::ldexp(static_cast<double>(rng() % 1000), -1074 + static_cast<int>(rng() % 60));  // denormal range
      else do v = std::bit_cast<double>(rng());
        while (!std::isfinite(v));
      f.attributes.emplace_back(a, v);
    }
    f.moscow = static_cast<prio::Moscow>(rng() % 5);
    for (std::size_t k = 0; k < i && k < 3; ++k)
      if (rng() % 3 == 0) f.depends_on.push_back(b.id(static_cast<prio::FeatureIndex>(rng() % i)));
    b.add(std::move(f));
  }
  for (const auto& a : attrs)
    if (!b.has_attribute(a)) b.set_value(0, a, -0.0);
  return b;
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string t = (std::filesystem::temp_directory_path() / "prio-reliability-XXXXXX").string();
    REQUIRE(::mkdtemp(t.data()) != nullptr);
    path = t;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

const std::string small_csv = "id,title,reach,effort\na,A,10,2\nb,B,20,4\n";

}  // namespace

TEST_CASE("Writers: random backlogs read back bit for bit from CSV and from JSON") {
  std::mt19937_64 rng(10);
  const prio::ReadOptions plain{.percent_columns = {}};
  for (int trial = 0; trial < 200; ++trial) {
    const prio::Backlog original = random_backlog(rng, 1 + static_cast<std::size_t>(rng() % 25));
    const std::string csv = prio::write_csv(original);
    const auto from_csv = prio::read_csv(csv, plain);
    INFO(csv);
    INFO(messages(from_csv));
    REQUIRE(from_csv.ok());
    require_same_bits(original, from_csv.backlog);
    const std::string json = prio::write_json(original);
    const auto from_json = prio::read_json(json, plain);
    INFO(json);
    INFO(messages(from_json));
    REQUIRE(from_json.ok());
    require_same_bits(original, from_json.backlog);
  }
}

TEST_CASE("Writers: -0 keeps its sign in CSV and JSON") {
  prio::Backlog b;
  b.add({.id = "z", .attributes = {{"delta", -0.0}, {"plus", 0.0}}});
  const std::string csv = prio::write_csv(b);
  CHECK(csv == "id,title,delta,plus,moscow,depends_on\nz,,-0,0,,\n");
  const std::string json = prio::write_json(b);
  CHECK(json.find("\"delta\": -0.0, \"plus\": 0,") != std::string::npos);
  const auto c = prio::read_csv(csv), j = prio::read_json(json);
  REQUIRE(c.ok());
  REQUIRE(j.ok());
  CHECK(std::signbit(c.backlog.value(0, "delta")));
  CHECK(std::signbit(j.backlog.value(0, "delta")));
  CHECK_FALSE(std::signbit(j.backlog.value(0, "plus")));
}

TEST_CASE("read_backlog reads pipes and FIFOs to the end, not by their size") {
  TempDir dir;
  SECTION("a FIFO") {
    const auto fifo = dir.path / "in.csv";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer([&] { std::ofstream(fifo) << small_csv; });
    const auto r = prio::read_backlog(fifo);
    writer.join();
    INFO(messages(r));
    REQUIRE(r.ok());
    CHECK(r.backlog.ids() == std::vector<std::string>{"a", "b"});
  }
  SECTION("a pipe, through /dev/fd/N, larger than a pipe buffer and a read block") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::string big = "id,title,reach,effort\n";
    for (int i = 0; big.size() < (3u << 20); ++i) big += "f" + std::to_string(i) + ",Feature number " + std::to_string(i) + ",10,2\n";
    std::thread writer([&] {
      const char* p = big.data();
      std::size_t left = big.size();
      while (left > 0) {
        const ssize_t w = ::write(fds[1], p, left);
        if (w <= 0) break;
        p += w;
        left -= static_cast<std::size_t>(w);
      }
      ::close(fds[1]);
    });
    const auto r = prio::read_backlog("/dev/fd/" + std::to_string(fds[0]));
    writer.join();
    ::close(fds[0]);
    INFO(messages(r).substr(0, 2000));
    REQUIRE(r.ok());
    CHECK(r.backlog.size() == static_cast<std::size_t>(std::count(big.begin(), big.end(), '\n') - 1));
  }
  SECTION("a /proc file, whose size reads as 0") {
    const auto r = prio::read_backlog("/proc/self/status");
    // It is read (not "empty"): its first line is taken as a header without an id column.
    REQUIRE_FALSE(r.ok());
    CHECK(messages(r).find("no 'id' column") != std::string::npos);
  }
}

TEST_CASE("File arguments that are directories are errors, never an empty file") {
  TempDir dir;
  CHECK_THROWS_WITH(prio::read_column_map(dir.path), Catch::Contains("is a directory"));
  CHECK_THROWS_WITH(prio::parse_weights(dir.path.string()), Catch::Contains("is a directory"));
  const auto r = prio::read_backlog(dir.path);
  REQUIRE_FALSE(r.ok());
  CHECK(messages(r).find("is a directory") != std::string::npos);
}

TEST_CASE("JSON: two \"features\" keys are an error naming both positions") {
  const auto r = prio::read_json("{\"features\": [{\"id\": \"a\"}],\n \"features\": [{\"id\": \"b\"}]}", {.file_name = "d.json"});
  REQUIRE_FALSE(r.ok());
  CHECK(messages(r) == "d.json:2:2: error: duplicate key \"features\" (first at line 1, column 2): a file holds one feature list\n");
}

TEST_CASE("A percentage in a column that is not a percent column is an error naming the cell") {
  const auto r = prio::read_csv("id,reach,confidence\na,50%,50%\n", {.file_name = "p.csv"});
  REQUIRE_FALSE(r.ok());
  CHECK(messages(r) ==
        "p.csv:2:3: error: feature 'a', field 'reach': a percentage '50%' in a column that is not a percent column (expected a number; "
        "list the column in --percent-columns to read percentages)\n");
  const auto ok = prio::read_csv("id,reach,confidence\na,50%,50%\n", {.percent_columns = {"reach", "confidence"}});
  REQUIRE(ok.ok());
  CHECK(ok.backlog.value(0, "reach") == 0.5);
}

TEST_CASE("CSV: a duplicate among 100000 header columns is found, with both column numbers") {
  std::string header = "id";
  for (int k = 1; k < 100000; ++k) header += ",c" + std::to_string(k);
  header += ",c7\n";
  const auto r = prio::read_csv(header + "a\n", {.file_name = "w.csv"});
  REQUIRE_FALSE(r.ok());
  CHECK(messages(r).find("error: field 'c7': the header names this column twice (columns 8 and 100001)") != std::string::npos);
}

TEST_CASE("select_release: no Won't feature and no cost above the budget, for budgets up to 1e300") {
  prio::ReadOptions o;
  const auto read = prio::read_backlog(PRIO_TEST_DATA_DIR "/../../examples/backlog.csv", o);
  REQUIRE(read.ok());
  prio::Backlog b = read.backlog;
  const prio::DependencyGraph g(b);
  const prio::Strategy rice = prio::parse_strategy("rice");
  Eigen::VectorXd v = rice.score(b).values();
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (std::isnan(v[i])) v[i] = 0;
  b.set_column("value", v);
  std::size_t wont = 0;
  for (prio::FeatureIndex i = 0; i < b.size(); ++i) wont += b.moscow(i) == prio::Moscow::wont;
  REQUIRE(wont > 0);
  for (const double budget : {0.0, 1.0, 7.0, 40.0, 1e3, 1e6, 1e9, 5e11, 1e13, 1e16, 1e100, 1e300}) {
    INFO("budget " << budget);
    prio::ReleaseOptions opt;
    opt.time_limit = 5;
    const auto r = prio::select_release(b, g, {}, budget, opt, {.effort = "effort", .value = "value"});
    CHECK(r.cost <= budget);
    for (const auto i : r.features) {
      INFO(b.id(i));
      CHECK(b.moscow(i) != prio::Moscow::wont);
    }
  }
}
