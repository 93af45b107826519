// Import profiles: Jira / JPD, Linear, Trello and Notion exports read as backlogs.
#include <catch2/catch.hpp>

#include <prio/import.hpp>
#include <prio/io.hpp>

#include "io/csv_scanner.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>

namespace {

prio::ImportResult load(prio::ImportProfile p, const std::string& name, prio::ImportOptions o = {}) {
  return prio::read_import_file(p, std::string(PRIO_TEST_DATA_DIR) + "/import/" + name, std::move(o));
}

std::vector<std::string> deps(const prio::ImportResult& r, const std::string& id) {
  auto d = r.backlog.depends_on(r.backlog.index_of(id));
  std::sort(d.begin(), d.end());
  return d;
}

bool has_message(const prio::ImportResult& r, prio::Severity s, const std::string& part, std::size_t line = 0) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const prio::Diagnostic& d) {
    return d.severity == s && d.message.find(part) != std::string::npos && (line == 0 || d.where.line == line);
  });
}

}  // namespace

TEST_CASE("profile names parse in any case; unknown ones do not") {
  CHECK(prio::parse_import_profile("JIRA") == prio::ImportProfile::jira);
  CHECK(prio::parse_import_profile("notion") == prio::ImportProfile::notion);
  CHECK_FALSE(prio::parse_import_profile("asana"));
}

TEST_CASE("export dates: ISO, Jira's default, month names, numeric with one part above 12; ambiguous ones refused") {
  CHECK(prio::parse_export_date("2026-02-15") == 20499);
  CHECK(prio::parse_export_date("2026-02-15T10:00:00.000Z") == 20499);
  CHECK(prio::parse_export_date("15/Feb/26 4:37 PM") == 20499);
  CHECK(prio::parse_export_date("Feb 15, 2026") == 20499);
  CHECK(prio::parse_export_date("15/02/2026") == 20499);
  CHECK(prio::parse_export_date("02/15/2026") == 20499);
  bool ambiguous = false;
  CHECK_FALSE(prio::parse_export_date("03/04/2026", &ambiguous));
  CHECK(ambiguous);
  CHECK_FALSE(prio::parse_export_date("2026-02-30"));
}

TEST_CASE("Jira: keys, summaries, story points from either field, seconds as hours, priority ordinal, due dates") {
  const auto r = load(prio::ImportProfile::jira, "jira.csv");
  INFO((r.diagnostics.empty() ? std::string() : r.diagnostics.front().to_string()));
  REQUIRE(r.ok());
  const auto& b = r.backlog;
  REQUIRE(b.size() == 6);  // SCRUM-5 is done
  CHECK_FALSE(b.contains("SCRUM-5"));
  CHECK(b.title(b.index_of("SCRUM-2")) == "Single sign-on");
  CHECK(b.value(b.index_of("SCRUM-2"), "effort") == 5);    // Story point estimate
  CHECK(b.value(b.index_of("SCRUM-3"), "effort") == 3);    // Story Points, written 3.0
  CHECK(b.value(b.index_of("SCRUM-4"), "effort") == 2);    // both, equal: no conflict
  CHECK(std::isnan(b.value(b.index_of("SCRUM-1"), "effort")));
  CHECK(b.value(b.index_of("SCRUM-2"), "original_estimate_hours") == 8);  // 28800 s; header "Original estimate " (trailing space)
  CHECK(b.value(b.index_of("SCRUM-4"), "time_spent_hours") == 3.5);       // 12600 s
  CHECK(b.value(b.index_of("SCRUM-2"), "priority") == 5);  // Highest
  CHECK(b.value(b.index_of("SCRUM-7"), "priority") == 2);  // Low
  CHECK(b.value(b.index_of("SCRUM-2"), "due") == 20499);   // 15/Feb/26 4:37 PM
  CHECK(b.value(b.index_of("SCRUM-4"), "due") == 20513);
}

TEST_CASE("Jira: Blocks links from both ends deduplicated, done blockers dropped, outside links warned") {
  const auto r = load(prio::ImportProfile::jira, "jira.csv");
  REQUIRE(r.ok());
  CHECK(deps(r, "SCRUM-3") == std::vector<std::string>{"SCRUM-2"});
  CHECK(deps(r, "SCRUM-4") == std::vector<std::string>{"SCRUM-2"});
  CHECK(deps(r, "SCRUM-2").empty());  // Relates links are not dependencies
  CHECK(deps(r, "SCRUM-6").empty());  // blocked by SCRUM-5, which is done
  CHECK(has_message(r, prio::Severity::warning, "'SCRUM-99', which is not in the export", 8));
  // With --keep-done the done issue is kept, and still does not block.
  prio::ImportOptions o;
  o.keep_done = true;
  const auto k = load(prio::ImportProfile::jira, "jira.csv", o);
  REQUIRE(k.ok());
  CHECK(k.backlog.contains("SCRUM-5"));
  CHECK(deps(k, "SCRUM-6").empty());
}

TEST_CASE("Jira: repeated columns are lists, Parent keys and numeric Parent ids keep the hierarchy, roll-up sums children") {
  const auto r = load(prio::ImportProfile::jira, "jira.csv");
  REQUIRE(r.ok());
  const auto i1 = r.backlog.index_of("SCRUM-1"), i3 = r.backlog.index_of("SCRUM-3"), i7 = r.backlog.index_of("SCRUM-7");
  CHECK(r.labels[i1] == std::vector<std::string>{"web", "ux"});
  CHECK(r.labels[i3] == std::vector<std::string>{"security", "backend"});
  CHECK(r.backlog.parent(i3) == "SCRUM-1");
  CHECK(r.backlog.parent(i7) == "SCRUM-1");  // only the numeric Parent id 10000
  CHECK(r.status[i1] == "In Progress");
  prio::ImportOptions o;
  o.roll_up_effort = true;
  const auto u = load(prio::ImportProfile::jira, "jira.csv", o);
  CHECK(u.backlog.value(u.backlog.index_of("SCRUM-1"), "effort") == 8);  // 5 + 3 (SCRUM-7 has none)
}

TEST_CASE("Jira: conflicting story points are an error at the cell; equal ones are not") {
  const auto r = load(prio::ImportProfile::jira, "../bad_import/jira_conflict.csv");
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].where.line == 2);
  CHECK(r.diagnostics[0].where.column == 27);
  CHECK(r.diagnostics[0].where.feature == "APP-1");
  CHECK(r.diagnostics[0].message.find("conflicting values: '3'") != std::string::npos);
  // --map effort=... picks one field and the conflict is gone.
  prio::ImportOptions o;
  o.read.column_map = {{"effort", "Custom field (Story Points)"}};
  const auto m = load(prio::ImportProfile::jira, "../bad_import/jira_conflict.csv", o);
  REQUIRE(m.ok());
  CHECK(m.backlog.value(0, "effort") == 5);
}

TEST_CASE("Jira: a localized ';' export with a decimal comma reads with --map for translated names") {
  prio::ImportOptions o;
  o.read.column_map = {{"id", "Vorgangsschl\xc3\xbcssel"}, {"title", "Zusammenfassung"}};
  const auto r = load(prio::ImportProfile::jira, "jira_de.csv", o);
  REQUIRE(r.ok());
  REQUIRE(r.backlog.size() == 2);
  CHECK(r.backlog.value(0, "effort") == 4.5);
  CHECK(r.backlog.value(0, "original_estimate_hours") == 1.5);
  const auto bad = load(prio::ImportProfile::jira, "jira_de.csv");
  REQUIRE_FALSE(bad.ok());
  CHECK(has_message(bad, prio::Severity::error, "'Issue key', 'Summary'", 1));
}

TEST_CASE("Jira Product Discovery ideas: impact, effort, confidence, reach, value and a goal count") {
  const auto r = load(prio::ImportProfile::jira, "jira_jpd.csv");
  REQUIRE(r.ok());
  const auto& b = r.backlog;
  const auto i = b.index_of("IDEA-1");
  CHECK(b.value(i, "impact") == 4);
  CHECK(b.value(i, "effort") == 2);
  CHECK(b.value(i, "reach") == 1200);
  CHECK(b.value(i, "value") == 5);
  CHECK(b.value(i, "goals") == 2);
  CHECK(b.value(b.index_of("IDEA-3"), "goals") == 0);
}

TEST_CASE("Jira: bad input is a located error") {
  CHECK(has_message(load(prio::ImportProfile::jira, "../bad_import/jira_priority.csv"), prio::Severity::error, "expected a Jira priority", 2));
  const auto d = load(prio::ImportProfile::jira, "../bad_import/jira_date.csv");
  CHECK(has_message(d, prio::Severity::error, "ambiguous date '03/04/2026'", 2));
  CHECK_FALSE(has_message(d, prio::Severity::error, "13/04/2026"));
  const auto k = load(prio::ImportProfile::jira, "../bad_import/jira_nokey.csv");
  CHECK(has_message(k, prio::Severity::error, "lacks the required column(s) 'Issue key', 'Summary'", 1));
  const auto t = load(prio::ImportProfile::jira, "trello.json");
  CHECK(has_message(t, prio::Severity::error, "does not look like a Jira CSV export", 1));
  const auto n = load(prio::ImportProfile::jira, "notion.csv");
  CHECK(has_message(n, prio::Severity::error, "does not look like a Jira CSV export", 1));
}

TEST_CASE("Linear: any-case headers, inverted priority, escaping stripped, links by id or title, archived and done rows skipped") {
  const auto r = load(prio::ImportProfile::linear, "linear.csv");
  INFO((r.diagnostics.empty() ? std::string() : r.diagnostics.front().to_string()));
  REQUIRE(r.ok());
  const auto& b = r.backlog;
  CHECK(b.size() == 5);  // ENG-5 archived, ENG-6 done
  CHECK_FALSE(b.contains("ENG-5"));
  CHECK_FALSE(b.contains("ENG-6"));
  CHECK(b.title(b.index_of("ENG-2")) == "=SUM(A1) injection test");
  CHECK(b.value(b.index_of("ENG-2"), "priority") == 4);  // Urgent
  CHECK(b.value(b.index_of("ENG-1"), "priority") == 3);  // High
  CHECK(b.value(b.index_of("ENG-4"), "priority") == 1);  // Low
  CHECK(b.value(b.index_of("ENG-3"), "priority") == 0);  // No priority: last
  CHECK(b.value(b.index_of("ENG-2"), "effort") == 3);
  CHECK(b.value(b.index_of("ENG-2"), "due") == 20574);
  CHECK(deps(r, "ENG-3") == std::vector<std::string>{"ENG-1", "ENG-2"});  // Blocked By ENG-1; ENG-2 blocks it
  CHECK(deps(r, "ENG-4") == std::vector<std::string>{"ENG-2"});           // by title "Invoice PDFs"
  CHECK(deps(r, "ENG-7").empty());                                        // "Tax rules" is done
  const auto i1 = b.index_of("ENG-1"), i2 = b.index_of("ENG-2");
  CHECK(r.labels[i1] == std::vector<std::string>{"Billing", "Backend"});
  CHECK(r.labels[i2] == std::vector<std::string>{"-negative"});
  CHECK(r.backlog.parent(i2) == "ENG-1");
  prio::ImportOptions o;
  o.roll_up_effort = true;
  const auto u = load(prio::ImportProfile::linear, "linear.csv", o);
  CHECK(u.backlog.value(u.backlog.index_of("ENG-1"), "effort") == 16);  // 8 + 3 + 5
}

TEST_CASE("Trello: cards, list names, labels by name or colour, custom fields, checklists, pos; closed skipped") {
  const auto r = load(prio::ImportProfile::trello, "trello.json");
  INFO((r.diagnostics.empty() ? std::string() : r.diagnostics.front().to_string()));
  REQUIRE(r.ok());
  const auto& b = r.backlog;
  CHECK(b.ids() == std::vector<std::string>{"1", "2", "6"});  // 3 is Done, 4 closed, 5 in a closed list
  const auto c1 = b.index_of("1"), c2 = b.index_of("2");
  CHECK(b.title(c1) == "Referral program");
  CHECK(r.status[c1] == "Ideas");
  CHECK(b.value(c1, "reach") == 1500);        // number custom field, a string in the export
  CHECK(b.value(c1, "effort") == 2);          // list field: option M, the second
  CHECK(b.value(c1, "committed") == 1);       // checkbox
  CHECK(b.value(c1, "checklist_done") == 0.5);
  CHECK(b.value(c2, "pos") == 16383.5);
  CHECK(std::isnan(b.value(c2, "checklist_done")));
  CHECK(r.labels[c1] == std::vector<std::string>{"Growth"});
  CHECK(r.labels[c2] == std::vector<std::string>{"red"});
  CHECK(b.depends_on(c2).empty());  // description links are opt-in
  prio::ImportOptions o;
  o.description_links = true;
  const auto l = load(prio::ImportProfile::trello, "trello.json", o);
  REQUIRE(l.ok());
  CHECK(deps(l, "2") == std::vector<std::string>{"1"});  // #3 is done
  CHECK(deps(l, "6") == std::vector<std::string>{"1"});  // by card link
}

TEST_CASE("Trello: not a board, broken JSON and unknown mapped fields are located errors") {
  CHECK(has_message(load(prio::ImportProfile::trello, "../bad_import/jira_conflict.csv"), prio::Severity::error, "does not look like a Trello board export", 1));
  const auto broken = prio::read_import(prio::ImportProfile::trello, "{\"cards\": [\n  {\"name\": }\n]}");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.diagnostics[0].where.line == 2);
  CHECK(has_message(prio::read_import(prio::ImportProfile::trello, "{\"cards\": []}"), prio::Severity::error, "'cards' and 'lists'"));
  // A number beyond a double's range is a located error, not an escaping exception (found by fuzz_import).
  const auto overflow = prio::read_import(prio::ImportProfile::trello, "{\"cards\": [],\n \"lists\": [], \"pos\": 2.5E46113}");
  REQUIRE_FALSE(overflow.ok());
  REQUIRE(overflow.diagnostics.size() == 1);
  CHECK(overflow.diagnostics[0].where.line == 2);
  CHECK(overflow.diagnostics[0].where.column == 22);
  CHECK(overflow.diagnostics[0].message == "invalid JSON: number overflow parsing '2.5E46113'");
  prio::ImportOptions o;
  o.read.column_map = {{"reach", "Users"}};
  CHECK(has_message(load(prio::ImportProfile::trello, "trello.json", o), prio::Severity::error, "neither a custom field"));
}

TEST_CASE("Notion: relation cells resolved to ids, selects, numbers with units and percent") {
  const auto r = load(prio::ImportProfile::notion, "notion.csv");
  INFO((r.diagnostics.empty() ? std::string() : r.diagnostics.front().to_string()));
  REQUIRE(r.ok());
  const auto& b = r.backlog;
  CHECK(b.size() == 3);  // Old export is Done
  const auto s = b.index_of("Smart search"), f = b.index_of("Search filters"), v = b.index_of("Saved views, shared");
  CHECK(b.value(s, "reach") == 1200);
  CHECK(b.value(s, "effort") == 5);
  CHECK(b.value(s, "confidence") == 0.8);
  CHECK(b.value(s, "revenue") == 12000);
  CHECK(b.value(v, "revenue") == 800);
  CHECK(b.value(s, "priority") == 3);
  CHECK(b.moscow(s) == prio::Moscow::must);
  CHECK_FALSE(b.has_attribute("notes"));
  CHECK(b.depends_on(f) == std::vector<std::string>{"Smart search"});
  CHECK(b.depends_on(v) == std::vector<std::string>{"Search filters"});  // Old export is done
  CHECK(r.backlog.parent(f) == "Smart search");
  CHECK(r.labels[s] == std::vector<std::string>{"Search", "AI"});
  const auto bad = load(prio::ImportProfile::notion, "../bad_import/notion_no_name.csv");
  CHECK(has_message(bad, prio::Severity::error, "lacks the required column(s) 'Name'", 1));
}

TEST_CASE("Linear: bad input is a located error") {
  const auto p = load(prio::ImportProfile::linear, "../bad_import/linear_bad_priority.csv");
  CHECK(has_message(p, prio::Severity::error, "expected a Linear priority", 2));
  CHECK(p.diagnostics[0].where.column == 30);
  CHECK(has_message(load(prio::ImportProfile::linear, "../bad_import/linear_not_linear.csv"), prio::Severity::error,
                    "does not look like a Linear CSV export", 1));
  CHECK(has_message(load(prio::ImportProfile::linear, "trello.json"), prio::Severity::error, "got JSON", 1));
  CHECK(has_message(prio::read_import(prio::ImportProfile::linear, "ID,Team,Status\nENG-1,Eng,Todo\n"), prio::Severity::error,
                    "lacks the required column(s) 'Title'", 1));
}

TEST_CASE("Jira: a numeric 'Parent id' column resolves through 'Issue id'") {
  const auto r = prio::read_import(prio::ImportProfile::jira,
                                   "Issue key,Issue id,Summary,Status,Parent id\nAPP-1,100,Epic,To Do,\nAPP-2,101,Story,To Do,100\n");
  REQUIRE(r.ok());
  CHECK(r.backlog.parent(1) == "APP-1");
  CHECK(r.backlog.parent(0).empty());
}

TEST_CASE("an export with nothing to import is an error, as an empty backlog file is") {
  // Found by fuzz_import: a header-only export imported "successfully" into an
  // empty backlog that `prio import -o` wrote and prio's own reader refused.
  const auto header_only = prio::read_import(prio::ImportProfile::notion, "Name,Status\n");
  CHECK_FALSE(header_only.ok());
  CHECK(has_message(header_only, prio::Severity::error, "the export has no items to import", 1));
  const auto all_done = prio::read_import(prio::ImportProfile::linear,
                                          "Id,Title,Status,Estimate\nENG-1,Billing,Done,3\nENG-2,Search,Canceled,2\n");
  CHECK(has_message(all_done, prio::Severity::error, "its 2 done item(s) were left out (keep_done, --keep-done, keeps them)", 1));
  const auto kept = prio::read_import(prio::ImportProfile::linear, "Id,Title,Status,Estimate\nENG-1,Billing,Done,3\nENG-2,Search,Canceled,2\n",
                                      {.keep_done = true});
  CHECK(kept.ok());
  CHECK(kept.backlog.size() == 2);
  const auto empty_board = prio::read_import(prio::ImportProfile::trello, R"({"name": "Roadmap", "cards": [], "lists": []})");
  CHECK(has_message(empty_board, prio::Severity::error, "the export has no items to import"));
  // The readers agree: what an import accepts, prio's CSV writer and reader round-trip.
  const auto one = prio::read_import(prio::ImportProfile::notion, "Name,Status\nSearch,Not started\n");
  REQUIRE(one.ok());
  CHECK(prio::read_csv(prio::write_csv(one.backlog)).ok());
}

TEST_CASE("columns and custom fields without a usable name are left out, not thrown") {
  // Found by fuzz_import: an unnamed numeric column made an attribute named ""
  // and read_import threw instead of returning a backlog or diagnostics.
  const auto notion = prio::read_import(prio::ImportProfile::notion, "Name,,Effort\nSearch,3,5\n");
  REQUIRE(notion.ok());
  CHECK(notion.backlog.attributes() == std::vector<std::string>{"effort"});
  const auto trello = prio::read_import(prio::ImportProfile::trello, R"({"name": "B", "lists": [{"id": "l1", "name": "To do"}],
    "customFields": [{"id": "f1", "name": "", "type": "number"}, {"id": "f2", "name": "Reach", "type": "number"}],
    "cards": [{"id": "c1", "name": "Search", "idList": "l1", "idShort": 1,
               "customFieldItems": [{"idCustomField": "f1", "value": {"number": "3"}}, {"idCustomField": "f2", "value": {"number": "40"}}]}]})");
  REQUIRE(trello.ok());
  CHECK(trello.backlog.attributes() == std::vector<std::string>{"reach"});
}

namespace {

// A generated Jira export and what its links must become, worked out here
// from the rules alone: an inward link "b is blocked by t" and an outward
// link "a blocks t" name an issue by key or by its numeric Issue id (an id
// shared by two issues names neither); a done issue no longer blocks (links
// to it are dropped, its outward links are not read); a link naming a done
// issue that was left out is dropped silently; any other unknown name is a
// warning at the link's cell. Links appear on one side, both sides or twice.
struct LinkCase {
  std::string csv;
  std::map<std::string, std::set<std::string>> deps;         // kept issue -> blockers
  std::set<std::pair<std::size_t, std::size_t>> warnings;  // line, column of each ignored link
};

LinkCase link_case(std::uint64_t seed, bool keep_done) {
  std::mt19937_64 rng(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const std::size_t n = 1 + pick(30);
  std::vector<std::string> key(n), num(n);
  std::vector<bool> done(n);
  for (std::size_t i = 0; i < n; ++i) {
    key[i] = "K-" + std::to_string(i + 1);
    num[i] = std::to_string(500 + i);
    done[i] = pick(5) == 0;
  }
  if (n > 2 && pick(3) == 0) num[pick(n)] = num[pick(n)];  // a numeric id shared by two issues
  const std::size_t outs = 1 + pick(2), ins = 1 + pick(2);
  std::vector<std::vector<std::string>> out(n), in(n);
  auto name_of = [&](std::size_t j) -> std::string {
    const std::size_t c = pick(10);
    if (c == 0) return "ZZ-" + std::to_string(pick(4));  // outside the export
    if (c == 1) return num[j];
    return key[j];
  };
  for (std::size_t e = 0, links = pick(2 * n + 1); e < links; ++e) {
    const std::size_t a = pick(n), b = pick(n), side = pick(5);  // a blocks b
    if (side != 4 && out[a].size() < outs) out[a].push_back(name_of(b));
    if (side >= 2 && in[b].size() < ins) in[b].push_back(name_of(a));
  }
  LinkCase c;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  c.csv = "Issue key,Issue id,Summary,Status Category";
  for (std::size_t k = 0; k < outs; ++k) c.csv += ",Outward issue link (Blocks)";
  for (std::size_t k = 0; k < ins; ++k) c.csv += ",Inward issue link (Blocks)";
  c.csv += "\n";
  std::vector<std::size_t> line(n);
  std::vector<std::vector<std::size_t>> out_col(n), in_col(n);
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t i = order[r];
    line[i] = r + 2;
    std::string row = key[i] + "," + num[i] + ",Issue " + std::to_string(i) + "," + (done[i] ? "Done" : "To Do");
    for (std::size_t k = 0; k < outs; ++k) {
      out_col[i].push_back(row.size() + 2);
      row += "," + (k < out[i].size() ? out[i][k] : "");
    }
    for (std::size_t k = 0; k < ins; ++k) {
      in_col[i].push_back(row.size() + 2);
      row += "," + (k < in[i].size() ? in[i][k] : "");
    }
    c.csv += row + "\n";
  }
  // The rules.
  auto kept = [&](std::size_t i) { return keep_done || !done[i]; };
  enum class To { row, silent, warn };
  auto resolve = [&](const std::string& t, std::size_t& row) -> To {
    for (std::size_t j = 0; j < n; ++j)
      if (kept(j) && key[j] == t) return row = j, To::row;
    std::size_t hits = 0;
    for (std::size_t j = 0; j < n; ++j)
      if (kept(j) && num[j] == t) ++hits, row = j;
    if (hits == 1) return To::row;
    for (std::size_t j = 0; j < n; ++j)
      if (!kept(j) && (key[j] == t || num[j] == t)) return To::silent;
    return To::warn;
  };
  for (std::size_t i = 0; i < n; ++i)
    if (kept(i)) c.deps[key[i]];
  for (std::size_t i = 0; i < n; ++i) {
    if (!kept(i)) continue;
    for (std::size_t k = 0; k < in[i].size(); ++k) {
      std::size_t j = 0;
      const To to = resolve(in[i][k], j);
      if (to == To::warn) c.warnings.insert({line[i], in_col[i][k]});
      if (to == To::row && !done[j] && j != i) c.deps[key[i]].insert(key[j]);
    }
    if (done[i]) continue;
    for (std::size_t k = 0; k < out[i].size(); ++k) {
      std::size_t j = 0;
      const To to = resolve(out[i][k], j);
      if (to == To::warn) c.warnings.insert({line[i], out_col[i][k]});
      if (to == To::row && !done[j] && j != i) c.deps[key[j]].insert(key[i]);
    }
  }
  return c;
}

}  // namespace

TEST_CASE("Jira links (property): one side, both sides, repeated, to done, shared or outside names resolve by the rules") {
  std::size_t mirrored = 0, warned = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed)
    for (const bool keep_done : {false, true}) {
      const LinkCase c = link_case(seed, keep_done);
      prio::ImportOptions o;
      o.keep_done = keep_done;
      const auto r = prio::read_import(prio::ImportProfile::jira, c.csv, o);
      INFO("seed " << seed << " keep_done " << keep_done << "\n" << c.csv);
      if (c.deps.empty()) {
        CHECK_FALSE(r.ok());
        continue;
      }
      REQUIRE(r.ok());
      REQUIRE(r.backlog.size() == c.deps.size());
      std::set<std::pair<std::size_t, std::size_t>> warnings;
      for (const auto& d : r.diagnostics) {
        CHECK(d.severity == prio::Severity::warning);
        CHECK(d.code == prio::errc::ignored_link);
        warnings.insert({d.where.line, d.where.column});
      }
      CHECK(warnings == c.warnings);
      CHECK(r.diagnostics.size() == c.warnings.size());
      warned += c.warnings.size();
      for (const auto& [id, blockers] : c.deps) {
        const auto& got = r.backlog.depends_on(r.backlog.index_of(id));
        CHECK(std::set<std::string>(got.begin(), got.end()) == blockers);
        CHECK(got.size() == blockers.size());  // each blocker once
        mirrored += blockers.size();
      }
    }
  CHECK(mirrored > 1000);  // the cases exercise links, not only warnings
  CHECK(warned > 100);
}

TEST_CASE("Jira links: a blocker's place in depends_on follows the first row that names the link") {
  // K-3 names K-1 (inward) before K-1's own row names K-3 (outward); K-2's
  // outward link to K-3 comes on a later row than K-3's inward one to K-1.
  const std::string csv =
      "Issue key,Summary,Outward issue link (Blocks),Inward issue link (Blocks),Inward issue link (Blocks)\n"
      "K-3,three,,K-1,K-4\n"
      "K-1,one,K-3,,\n"
      "K-2,two,K-3,,\n"
      "K-4,four,K-3,,\n";
  const auto r = prio::read_import(prio::ImportProfile::jira, csv);
  REQUIRE(r.ok());
  CHECK(r.backlog.depends_on(r.backlog.index_of("K-3")) == std::vector<std::string>{"K-1", "K-4", "K-2"});
  CHECK(r.diagnostics.empty());
}

namespace {

// RFC 4180 cells of a whole text, one character at a time: the reference the
// export scanner (which skips over plain bytes eight at a time) must match
// cell by cell, with lines, columns and problems.
struct RefCell {
  std::string text;
  std::size_t line, column;
  bool quoted;
  bool operator==(const RefCell&) const = default;
};

std::vector<std::vector<RefCell>> reference_records(const std::string& s, std::vector<std::string>& problems) {
  std::vector<std::vector<RefCell>> records;
  std::size_t i = 0, line = 1, line_start = 0;
  while (i < s.size()) {
    std::vector<RefCell> record;
    for (;;) {
      RefCell c{{}, line, i - line_start + 1, false};
      if (i < s.size() && s[i] == '"') {
        c.quoted = true;
        ++i;
        for (;;) {
          if (i >= s.size()) {
            problems.push_back(std::to_string(c.line) + ":" + std::to_string(c.column) + " unterminated");
            return records;
          }
          const char ch = s[i];
          if (ch == '"' && i + 1 < s.size() && s[i + 1] == '"') {
            c.text += '"';
            i += 2;
          } else if (ch == '"') {
            ++i;
            break;
          } else {
            if (ch == '\n' || (ch == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) {  // \r\n counts once, at the \n
              ++line;
              line_start = i + 1;
            }
            c.text += ch;
            ++i;
          }
        }
        if (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
          problems.push_back(std::to_string(line) + ":" + std::to_string(i - line_start + 1) + " after quote");
          while (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') ++i;
        }
      } else {
        while (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') c.text += s[i++];
      }
      record.push_back(c);
      if (i >= s.size()) break;
      if (s[i] == ',') {
        ++i;
        continue;
      }
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      ++i;
      ++line;
      line_start = i;
      break;
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

TEST_CASE("CSV scanner (property): cells, lines, columns and problems as a byte-at-a-time reading gives them") {
  std::mt19937_64 rng(20261127);
  const std::string alphabet[] = {"a", "bcdefghijk", ",", "\n", "\r", "\r\n", "\"", "\"\"", " ", "\xC3\xA9", "0123456789abcdef"};
  std::size_t cells = 0, multiline = 0;
  for (int t = 0; t < 3000; ++t) {
    std::string s;
    for (std::size_t k = 0, len = rng() % 40; k < len; ++k) s += alphabet[rng() % std::size(alphabet)];
    std::vector<std::string> want_problems;
    const auto want = reference_records(s, want_problems);
    prio::detail::CsvScanner scan(s.data(), s.data() + s.size());
    std::vector<prio::detail::CsvCell> got;
    std::string scratch;
    std::vector<prio::detail::CsvProblem> problems;
    std::vector<std::vector<RefCell>> records;
    while (scan.next(got, scratch, problems, std::size_t{1} << 20)) {
      std::vector<RefCell> r;
      for (const auto& c : got) r.push_back(RefCell{std::string(c.text), c.line, c.column, c.quoted});
      records.push_back(std::move(r));
    }
    std::vector<std::string> got_problems;
    for (const auto& p : problems)
      got_problems.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + (p.fatal ? " unterminated" : " after quote"));
    INFO("input: " << s);
    CHECK(got_problems == want_problems);
    REQUIRE(records.size() == want.size());
    for (std::size_t r = 0; r < want.size(); ++r) {
      CHECK(records[r] == want[r]);
      cells += want[r].size();
      for (const auto& c : want[r]) multiline += c.line != want[r].front().line ? 1U : 0U;
    }
  }
  CHECK(cells > 10000);
  CHECK(multiline > 100);
}

TEST_CASE("Jira priority (property): exactly the ten names, in any case and padding, read as 5..1; anything else is an error") {
  // The rules written out: a name (case-insensitive, surrounding spaces
  // ignored) among Highest..Lowest and Blocker..Trivial, or an empty cell.
  const std::vector<std::pair<std::string, double>> names = {
      {"Highest", 5}, {"High", 4}, {"Medium", 3}, {"Low", 2}, {"Lowest", 1},
      {"Blocker", 5}, {"Critical", 4}, {"Major", 3}, {"Minor", 2}, {"Trivial", 1}};
  auto expected = [&](const std::string& cell) -> std::optional<double> {
    std::string t = cell;
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    while (!t.empty() && t.back() == ' ') t.pop_back();
    for (const auto& [n, v] : names)
      if (t.size() == n.size() && std::equal(t.begin(), t.end(), n.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
          }))
        return v;
    return std::nullopt;
  };
  std::mt19937_64 rng(14);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const std::string letters = "aehiglmnorstvwkcbdjAEHILMORTWX@`-0 ";
  std::size_t valid = 0, invalid = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string cell = names[pick(names.size())].first;
    for (char& ch : cell)
      if (pick(2)) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    switch (pick(6)) {  // a near miss: one letter replaced, dropped or added; padding; or another word's length
      case 0: cell[pick(cell.size())] = letters[pick(letters.size())]; break;
      case 1: cell.erase(pick(cell.size()), 1); break;
      case 2: cell.insert(pick(cell.size() + 1), 1, letters[pick(letters.size())]); break;
      case 3: cell = std::string(pick(3), ' ') + cell + std::string(pick(3), ' '); break;
      case 4: cell = cell.substr(0, 1 + pick(cell.size())); break;
      default: break;
    }
    if (cell.find_first_not_of(' ') == std::string::npos) continue;  // an empty cell is no priority, not tested here
    const std::string csv = "Issue key,Summary,Priority\nK-1,one," + cell + "\n";
    const auto r = prio::read_import(prio::ImportProfile::jira, csv);
    INFO("cell [" << cell << "]");
    if (const auto v = expected(cell)) {
      REQUIRE(r.ok());
      CHECK(r.backlog.value(0, "priority") == *v);
      ++valid;
    } else {
      CHECK_FALSE(r.ok());
      CHECK(has_message(r, prio::Severity::error, "expected a Jira priority", 2));
      ++invalid;
    }
  }
  CHECK(valid > 1000);  // both sides of the rule are exercised
  CHECK(invalid > 1000);
}
