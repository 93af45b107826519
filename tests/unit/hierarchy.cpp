// The parent hierarchy: Backlog::parent, prio::validate's parent checks, the
// parent column / field of prio's CSV and JSON files, and importers filling it.
#include <catch2/catch.hpp>

#include <prio/import.hpp>
#include <prio/io.hpp>
#include <prio/prio.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

std::vector<std::string> messages(const std::vector<prio::Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.to_string());
  return out;
}

std::vector<prio::Diagnostic> parent_problems(const prio::Backlog& b) {
  std::vector<prio::Diagnostic> out;
  for (auto& d : prio::validate(b))
    if (d.where.field == "parent") out.push_back(std::move(d));
  return out;
}

prio::Backlog with_parents(const std::vector<std::pair<std::string, std::string>>& rows) {
  prio::Backlog b;
  for (const auto& [id, parent] : rows) b.add(prio::Feature{.id = id, .parent = parent});
  return b;
}

}  // namespace

TEST_CASE("Backlog: an optional parent per feature, set row by row or as a column") {
  prio::Backlog b;
  b.add(prio::Feature{.id = "epic", .title = "Checkout"});
  b.add(prio::Feature{.id = "s1", .title = "Pay by card", .parent = "epic"});
  REQUIRE(b.parent(0).empty());
  REQUIRE(b.parent(1) == "epic");
  REQUIRE(b.parents() == std::vector<std::string>{"", "epic"});
  REQUIRE(b.has_parents());
  b.set_parent(1, "");
  REQUIRE_FALSE(b.has_parents());
  b.set_parents({"", "epic"});
  REQUIRE(b.parent(1) == "epic");
  CHECK_THROWS_MATCHES(b.set_parents({"epic"}), prio::error,
                       Catch::Matchers::Predicate<prio::error>([](const prio::error& e) {
                         return e.code() == prio::errc::size_mismatch && e.where().field == "parent";
                       }));
  CHECK_THROWS_AS(b.set_parent(2, "epic"), std::out_of_range);
  const auto fresh = prio::Backlog::from_ids({"a", "b"});
  CHECK(fresh.parents() == std::vector<std::string>{"", ""});
  CHECK_FALSE(fresh.has_parents());
  // Value semantics: a copy keeps its own parents.
  prio::Backlog copy = b;
  copy.set_parent(1, "");
  CHECK(b.parent(1) == "epic");
  // A failed add leaves the backlog unchanged, parents included.
  CHECK_THROWS(b.add(prio::Feature{.id = "s1", .parent = "epic"}));
  CHECK(b.parents().size() == 2);
}

TEST_CASE("validate: unknown parent, own parent, parent cycles, each once") {
  CHECK(parent_problems(with_parents({{"a", ""}, {"b", "a"}, {"c", "b"}})).empty());
  const auto b = with_parents({{"a", "zz"}, {"b", "b"}, {"c", "e"}, {"d", "c"}, {"e", "d"}, {"f", "c"}, {"g", "h"}, {"h", "g"}});
  CHECK(messages(parent_problems(b)) == std::vector<std::string>{
                                           "error: feature 'a', field 'parent': the parent 'zz' is not a feature of this backlog",
                                           "error: feature 'b', field 'parent': is its own parent",
                                           "error: feature 'c', field 'parent': is in a parent cycle (each feature followed by its parent): c -> e -> d -> c",
                                           "error: feature 'g', field 'parent': is in a parent cycle (each feature followed by its parent): g -> h -> g"});
  const auto ds = parent_problems(b);
  CHECK(ds[0].code == prio::errc::unknown_feature);
  CHECK(ds[1].code == prio::errc::cycle);
  CHECK(ds[2].code == prio::errc::cycle);
  CHECK(std::all_of(ds.begin(), ds.end(), [](const prio::Diagnostic& d) { return d.severity == prio::Severity::error; }));
}

TEST_CASE("validate: the parent cycles of random hierarchies match a brute-force count") {
  std::mt19937_64 rng(1411);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 1 + rng() % 12;
    std::vector<int> up(n, -1);
    prio::Backlog b;
    for (std::size_t i = 0; i < n; ++i) b.add(prio::Feature{.id = "f" + std::to_string(i)});
    for (std::size_t i = 0; i < n; ++i)
      if (rng() % 3 != 0) {
        up[i] = static_cast<int>(rng() % n);
        b.set_parent(static_cast<prio::FeatureIndex>(i), "f" + std::to_string(up[i]));
      }
    // Brute force: i is on a cycle when walking up n steps from i comes back
    // to i; each cycle is the set of its members.
    std::set<std::set<int>> cycles;
    for (std::size_t i = 0; i < n; ++i) {
      std::set<int> seen{static_cast<int>(i)};
      int v = up[i];
      for (std::size_t step = 0; step < n && v >= 0 && v != static_cast<int>(i); ++step) {
        seen.insert(v);
        v = up[static_cast<std::size_t>(v)];
      }
      if (v == static_cast<int>(i)) cycles.insert(seen);
    }
    std::set<std::set<int>> found;
    for (const auto& d : parent_problems(b)) {
      REQUIRE(d.code == prio::errc::cycle);
      std::set<int> members;
      // "... : f3 -> f5 -> f3" or "is its own parent"
      const auto at = d.message.find(": ");
      if (at == std::string::npos) {
        members.insert(std::stoi(d.where.feature.substr(1)));
      } else {
        std::string path = d.message.substr(at + 2);
        for (std::size_t k = 0; k < path.size();) {
          const std::size_t e = path.find(" -> ", k);
          members.insert(std::stoi(path.substr(k + 1, e == std::string::npos ? std::string::npos : e - k - 1)));
          k = e == std::string::npos ? path.size() : e + 4;
        }
        // Named by the first member in backlog order.
        CHECK(d.where.feature == "f" + std::to_string(*members.begin()));
      }
      CHECK(found.insert(members).second);  // each cycle once
    }
    CHECK(found == cycles);
  }
}

TEST_CASE("CSV and JSON: the parent column round-trips exactly and appears only with a hierarchy") {
  prio::Backlog b;
  b.add(prio::Feature{.id = "epic", .title = "Checkout", .attributes = {{"effort", 8}}});
  b.add(prio::Feature{.id = "=s1", .title = "Pay by card", .attributes = {{"effort", 3}}, .depends_on = {"epic"}, .parent = "epic"});
  b.add(prio::Feature{.id = "s2", .title = "Receipt", .attributes = {{"effort", 2}}, .parent = "=s1"});
  const std::string csv = prio::write_csv(b);
  CHECK(csv ==
        "id,title,effort,moscow,depends_on,parent\n"
        "epic,Checkout,8,,,\n"
        "'=s1,Pay by card,3,,epic,epic\n"
        "s2,Receipt,2,,,'=s1\n");
  const auto from_csv = prio::read_csv(csv);
  REQUIRE(from_csv.ok());
  CHECK(from_csv.backlog.parents() == b.parents());
  const std::string json = prio::write_json(from_csv.backlog);
  CHECK(json ==
        "{\"features\": [\n"
        "  {\"id\": \"epic\", \"title\": \"Checkout\", \"effort\": 8, \"moscow\": null, \"depends_on\": [], \"parent\": null},\n"
        "  {\"id\": \"=s1\", \"title\": \"Pay by card\", \"effort\": 3, \"moscow\": null, \"depends_on\": [\"epic\"], \"parent\": \"epic\"},\n"
        "  {\"id\": \"s2\", \"title\": \"Receipt\", \"effort\": 2, \"moscow\": null, \"depends_on\": [], \"parent\": \"=s1\"}\n"
        "]}\n");
  const auto from_json = prio::read_json(json);
  REQUIRE(from_json.ok());
  CHECK(from_json.backlog.parents() == b.parents());
  CHECK(prio::write_csv(from_json.backlog) == csv);
  // Without a hierarchy the files keep their layout: no parent column or field.
  b.set_parents({"", "", ""});
  CHECK(prio::write_csv(b).substr(0, prio::write_csv(b).find('\n')) == "id,title,effort,moscow,depends_on");
  CHECK(prio::write_json(b).find("parent") == std::string::npos);
  // The column may sit anywhere, in any case; an empty cell and null are "no parent".
  const auto any_place = prio::read_csv("Parent,id\n,a\na,b\n");
  REQUIRE(any_place.ok());
  CHECK(any_place.backlog.parents() == std::vector<std::string>{"", "a"});
  CHECK_FALSE(any_place.backlog.has_attribute("Parent"));
  const auto nulls = prio::read_json(R"({"features": [{"id": 7}, {"id": "b", "parent": 7}, {"id": "c", "parent": null}]})");
  REQUIRE(nulls.ok());
  CHECK(nulls.backlog.parents() == std::vector<std::string>{"", "7", ""});
}

TEST_CASE("CSV: parent problems name file, line and column of the parent cell") {
  const auto r = prio::read_csv(
      "id,title,parent\n"
      "a,A,zz\n"
      "b,B,b\n"
      "c,C,d\n"
      "d,\"D,\nd\",c\n"
      "e,E,a;b\n",
      {.file_name = "h.csv"});
  CHECK_FALSE(r.ok());
  CHECK(messages(r.diagnostics) == std::vector<std::string>{
                                       "h.csv:2:5: error: feature 'a', field 'parent': the parent 'zz' is not a feature of this backlog",
                                       "h.csv:3:5: error: feature 'b', field 'parent': is its own parent",
                                       "h.csv:4:5: error: feature 'c', field 'parent': is in a parent cycle (each feature followed by its parent): c -> d -> c",
                                       "h.csv:7:5: error: feature 'e', field 'parent': a feature has one parent, got 'a;b' (ids never contain ';')"});
  // prio::validate finds the same problems in the backlog that was read, at the same cells.
  auto again = parent_problems(r.backlog);
  REQUIRE(again.size() == 3);
  for (auto& d : again) r.locate(d);
  CHECK(again[2].to_string() == r.diagnostics[2].to_string());
}

TEST_CASE("JSON: parent problems name file, line and column of the parent key") {
  const auto r = prio::read_json(
      "{\"features\": [\n"
      "  {\"id\": \"a\", \"parent\": \"zz\"},\n"
      "  {\"id\": \"b\", \"parent\": [\"a\"]},\n"
      "  {\"id\": \"c\", \"parent\": \"c\"}\n"
      "]}\n",
      {.file_name = "h.json"});
  CHECK(messages(r.diagnostics) == std::vector<std::string>{
                                       "h.json:2:15: error: feature 'a', field 'parent': the parent 'zz' is not a feature of this backlog",
                                       "h.json:3:25: error: feature 'b', field 'parent': expected a string, got a nested object or array",
                                       "h.json:4:15: error: feature 'c', field 'parent': is its own parent"});
}

TEST_CASE("Parent problems are capped with the reader's other diagnostics") {
  std::string csv = "id,parent\n";
  for (int i = 0; i < 50; ++i) csv += "f" + std::to_string(i) + ",nosuch\n";
  const auto r = prio::read_csv(csv, {.max_diagnostics = 5});
  REQUIRE(r.diagnostics.size() == 6);
  CHECK(r.diagnostics.back().severity == prio::Severity::note);
  CHECK(r.diagnostics.back().message == "45 more problem(s) not shown");
}

TEST_CASE("Import: Jira's parent becomes the backlog's parent, written by write_csv") {
  const std::string jira =
      "Issue key,Issue id,Summary,Status,Parent,Parent key,Custom field (Story point estimate)\n"
      "APP-1,10001,Checkout,To Do,,,\n"
      "APP-2,10002,Pay by card,To Do,10001,,3\n"
      "APP-3,10003,Receipt,To Do,,APP-1,2\n"
      "APP-4,10004,Refunds,To Do,99999,,1\n";
  const auto r = prio::read_import(prio::ImportProfile::jira, jira, {.read = {.file_name = "jira.csv"}});
  REQUIRE(r.ok());
  CHECK(r.backlog.parents() == std::vector<std::string>{"", "APP-1", "APP-1", ""});
  // The parent outside the export is a warning naming the cell; the issue keeps no parent.
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() ==
        "jira.csv:5:27: warning: feature 'APP-4', field 'parent': links to '99999', which is not in the export; link ignored");
  const std::string csv = prio::write_csv(r.backlog);
  CHECK(csv.substr(0, csv.find('\n')) == "id,title,effort,moscow,depends_on,parent");
  const auto back = prio::read_csv(csv);
  REQUIRE(back.ok());
  CHECK(back.backlog.parents() == r.backlog.parents());
}

TEST_CASE("Import: an issue that is its own parent, or parents in a cycle, are errors at the parent cell") {
  const std::string jira =
      "Issue key,Summary,Parent key\n"
      "A-1,One,A-1\n"
      "A-2,Two,A-3\n"
      "A-3,Three,A-2\n";
  const auto r = prio::read_import(prio::ImportProfile::jira, jira, {.read = {.file_name = "j.csv"}});
  CHECK_FALSE(r.ok());
  CHECK(messages(r.diagnostics) == std::vector<std::string>{
                                       "j.csv:2:9: error: feature 'A-1', field 'parent': is its own parent",
                                       "j.csv:3:9: error: feature 'A-2', field 'parent': is in a parent cycle (each feature followed by its parent): A-2 -> A-3 -> A-2"});
}

TEST_CASE("Import: Linear's parent issue and Notion's parent item fill the backlog's parent") {
  const auto linear = prio::read_import(prio::ImportProfile::linear,
                                        "ID,Title,Status,Parent issue\nENG-1,Search,Todo,\nENG-2,Filters,Todo,ENG-1\n");
  REQUIRE(linear.ok());
  CHECK(linear.backlog.parents() == std::vector<std::string>{"", "ENG-1"});
  const auto notion = prio::read_import(
      prio::ImportProfile::notion,
      "Name,Status,Parent item\n"
      "Smart search,Not started,\n"
      "Filters,Not started,Smart search (https://www.notion.so/Smart-search-0123456789abcdef0123456789abcdef)\n");
  REQUIRE(notion.ok());
  REQUIRE(notion.backlog.size() == 2);
  CHECK(notion.backlog.parent(0).empty());
  CHECK(notion.backlog.parent(1) == notion.backlog.id(0));
}
