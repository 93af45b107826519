// prio::io: CSV and JSON readers and writers, diagnostics, strategy specs.
#include <catch2/catch.hpp>

#include <prio/io.hpp>
#include <prio/spec.hpp>
#include <prio/prio.hpp>
#include "io/tool.hpp"  // the tool's helpers in prio::io (src/io, not installed)

#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

// The private spreadsheet guard of prio::io (header-only helpers).
#include "../../src/io/text.hpp"

namespace {

const double missing = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> messages(const prio::ReadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.to_string());
  return out;
}

// Bit for bit: -0 and 0 differ; any two NaNs (missing) are the same.
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

void require_equal(const prio::Backlog& a, const prio::Backlog& b) {
  REQUIRE(a.size() == b.size());
  REQUIRE(a.ids() == b.ids());
  REQUIRE(a.titles() == b.titles());
  REQUIRE(a.moscow() == b.moscow());
  REQUIRE(a.depends_on() == b.depends_on());
  REQUIRE(a.parents() == b.parents());
  REQUIRE(a.attributes() == b.attributes());
  for (const auto& name : a.attributes())
    for (prio::FeatureIndex i = 0; i < a.size(); ++i) {
      INFO(name << " of " << a.id(i) << ": " << a.value(i, name) << " vs " << b.value(i, name));
      REQUIRE(same(a.value(i, name), b.value(i, name)));
    }
}

}  // namespace

TEST_CASE("CSV: RFC 4180 quoting, embedded newlines, CRLF, BOM") {
  // RFC 4180 section 2: fields with commas, double quotes and line breaks are quoted;
  // a double quote inside is escaped by doubling it.
  const std::string text =
      "\xEF\xBB\xBF"
      "id,title,reach\r\n"
      "a,\"Hello, world\",1\r\n"
      "b,\"She said \"\"hi\"\"\",2\r\n"
      "c,\"two\r\nlines\",3\n"
      "d,\"\",\n"
      "\n";
  const auto r = prio::read_csv(text, {.file_name = "t.csv"});
  INFO(Catch::Detail::stringify(messages(r)));
  REQUIRE(r.ok());
  const auto& b = r.backlog;
  REQUIRE(b.size() == 4);
  CHECK(b.title(0) == "Hello, world");
  CHECK(b.title(1) == "She said \"hi\"");
  CHECK(b.title(2) == "two\r\nlines");
  CHECK(b.title(3).empty());
  CHECK(b.value(2, "reach") == 3);
  CHECK(std::isnan(b.value(3, "reach")));  // empty cell = missing
}

TEST_CASE("CSV: confidence as 0.8, 80 or 80%; MoSCoW spellings; depends_on lists") {
  const std::string text =
      "id,confidence,moscow,depends_on\n"
      "a,0.8,Must,\n"
      "b,80,should have,a\n"
      "c,80%,C,a; b\n"
      "d, 1 ,won't,\n"
      "e,100%,W,\n"
      "f,0,won\xE2\x80\x99t,\n";
  const auto r = prio::read_csv(text);
  INFO(Catch::Detail::stringify(messages(r)));
  REQUIRE(r.ok());
  const auto& b = r.backlog;
  for (prio::FeatureIndex i = 0; i < 3; ++i) CHECK(b.value(i, "confidence") == Approx(0.8).epsilon(1e-15));
  CHECK(b.value(3, "confidence") == 1);
  CHECK(b.value(4, "confidence") == 1);
  CHECK(b.value(5, "confidence") == 0);
  CHECK(b.moscow(0) == prio::Moscow::must);
  CHECK(b.moscow(1) == prio::Moscow::should);
  CHECK(b.moscow(2) == prio::Moscow::could);
  CHECK(b.moscow(3) == prio::Moscow::wont);
  CHECK(b.moscow(4) == prio::Moscow::wont);
  CHECK(b.moscow(5) == prio::Moscow::wont);
  CHECK(b.depends_on(2) == std::vector<std::string>{"a", "b"});
  CHECK(b.depends_on(0).empty());
}

TEST_CASE("CSV: every problem at once, each with line, column, feature and field") {
  const std::string text =
      "id,title,reach,confidence\n"
      "a,A,12O0,0.5\n"
      "b,B,5,150%\n"
      "c,C,1\n"
      ",D,1,1\n"
      "a,again,1,1\n";
  const auto r = prio::read_csv(text, {.file_name = "x.csv"});
  REQUIRE_FALSE(r.ok());
  const std::vector<std::string> expected{
      "x.csv:2:5: error: feature 'a', field 'reach': expected a number, got '12O0'",
      "x.csv:3:7: error: feature 'b', field 'confidence': a percentage must be at most 100%, got 150%",
      "x.csv:4:1: error: row has 3 field(s) but the header has 4",
      "x.csv:5:1: error: field 'id': feature id is empty",
      "x.csv:6:1: error: feature 'a', field 'id': duplicate feature id, first defined on line 2",
  };
  CHECK(messages(r) == expected);
}

TEST_CASE("CSV: the number of diagnostics is capped, with a note of how many more") {
  std::string text = "id,reach\n";
  for (int i = 0; i < 50; ++i) text += "f" + std::to_string(i) + ",x\n";
  const auto r = prio::read_csv(text, {.file_name = "x.csv", .max_diagnostics = 5});
  REQUIRE(r.diagnostics.size() == 6);
  CHECK(r.diagnostics.back().severity == prio::Severity::note);
  CHECK(r.diagnostics.back().message == "45 more problem(s) not shown");
}

TEST_CASE("CSV: structural errors") {
  CHECK(messages(prio::read_csv("", {.file_name = "e.csv"})) ==
        std::vector<std::string>{"e.csv:1:1: error: the file is empty (expected a header row: id,title,...)"});
  CHECK(messages(prio::read_csv("id,reach\r\n", {.file_name = "h.csv"})) ==
        std::vector<std::string>{"h.csv:1:1: error: the file has a header row but no features"});
  CHECK(messages(prio::read_csv("id,title\na,\"open\nb,c\n", {.file_name = "q.csv"})) ==
        std::vector<std::string>{"q.csv:2:3: error: unterminated quoted field (the quote opened here is never closed)"});
  CHECK(messages(prio::read_csv("name,reach\na,1\n", {.file_name = "n.csv"})) ==
        std::vector<std::string>{"n.csv:1:1: error: the header has no 'id' column (map one with --map id=COLUMN)"});
  CHECK(messages(prio::read_csv("id,title\na,\"x\"y\n", {.file_name = "t.csv"}))[0] ==
        "t.csv:2:6: error: feature 'a': unexpected character after a closing quote (quotes inside a quoted field are doubled: \"\")");
  CHECK(messages(prio::read_csv("id,title\na,b\xC3\x28\n", {.file_name = "u.csv"})) ==
        std::vector<std::string>{"u.csv:2:3: error: feature 'a', field 'title': invalid UTF-8"});
}

TEST_CASE("CSV: column mapping and ignored columns") {
  const std::string text = "Key,Summary,Users per quarter,Assignee\nPRJ-1,Login,1200,Ana\n";
  const auto r = prio::read_csv(text, {.column_map = {{"id", "Key"}, {"title", "Summary"}, {"reach", "Users per quarter"}},
                                       .ignore_columns = {"Assignee"}});
  INFO(Catch::Detail::stringify(messages(r)));
  REQUIRE(r.ok());
  CHECK(r.backlog.id(0) == "PRJ-1");
  CHECK(r.backlog.title(0) == "Login");
  CHECK(r.backlog.value(0, "reach") == 1200);
  CHECK(r.backlog.attributes() == std::vector<std::string>{"reach"});
  const auto bad = prio::read_csv(text, {.file_name = "m.csv", .column_map = {{"id", "Key"}, {"effort", "Estimate"}}});
  CHECK(messages(bad)[0] == "m.csv:1: error: field 'effort': mapped to column 'Estimate', which the header does not have");
  CHECK(prio::parse_column_mapping("reach=\"Users per quarter\"") == std::pair<std::string, std::string>{"reach", "Users per quarter"});
  CHECK_THROWS_AS(prio::parse_column_mapping("reach"), prio::error);
}

TEST_CASE("JSON: features, nulls, percent strings, positions of errors") {
  const std::string text = R"({"schema": 1, "features": [
  {"id": "a", "title": "A", "reach": 10, "confidence": "80%", "moscow": "Must", "depends_on": []},
  {"id": "b", "reach": null, "effort": 2, "depends_on": ["a"]},
  {"id": 7, "depends_on": "a;b"}
]})";
  const auto r = prio::read_json(text);
  INFO(Catch::Detail::stringify(messages(r)));
  REQUIRE(r.ok());
  const auto& b = r.backlog;
  REQUIRE(b.size() == 3);
  CHECK(b.value(0, "confidence") == Approx(0.8));
  CHECK(std::isnan(b.value(1, "reach")));
  CHECK(b.value(1, "effort") == 2);
  CHECK(std::isnan(b.value(0, "effort")));
  CHECK(b.id(2) == "7");
  CHECK(b.depends_on(2) == std::vector<std::string>{"a", "b"});

  const std::string bad = "{\"features\": [\n  {\"id\": \"a\", \"reach\": \"lots\", \"reach\": 1},\n  {\"title\": \"no id\"}\n]}";
  CHECK(messages(prio::read_json(bad, {.file_name = "b.json"})) ==
        std::vector<std::string>{"b.json:2:15: error: feature 'a', field 'reach': expected a number, got 'lots'",
                                 "b.json:2:32: error: feature 'a', field 'reach': the key appears twice in this feature",
                                 "b.json:3:3: error: field 'id': feature has no \"id\""});
  CHECK(messages(prio::read_json("[1]", {.file_name = "s.json"}))[0] ==
        "s.json:1:1: error: expected an object with a \"features\" array: {\"features\": [...]}, got an array");
  CHECK(messages(prio::read_json("{\"features\": {}}", {.file_name = "s.json"}))[0] ==
        "s.json:1:14: error: \"features\" must be an array of objects, got an object");
  CHECK(messages(prio::read_json("{\"items\": []}", {.file_name = "s.json"}))[0] ==
        "s.json:1:13: error: expected an object with a \"features\" array: {\"features\": [...]}");
  CHECK(messages(prio::read_json("{\"features\": [\n{\"id\": \"a\",}]}", {.file_name = "s.json"}))[0].starts_with(
      "s.json:2:12: error: invalid JSON: syntax error"));
}

TEST_CASE("JSON: keys in any order, mapped, ignored, repeated or nested, each read as its name says") {
  // Features repeat the previous feature's keys in order, or not; a key only
  // ever nested makes no column; the source map finds each key of each feature.
  const std::string text = R"({"features": [
  {"ID": "a", "Reach": 10, "imp": 2, "skip": 5, "extra": {"x": 1}},
  {"imp": 3, "ID": "b", "Reach": 20, "skip": "text", "effort": 4},
  {"ID": "c", "Reach": 30, "Reach": 31, "imp": 1, "effort": -1, "title": ["t"]}
]})";
  prio::ReadOptions options{.file_name = "k.json"};
  options.column_map = {{"id", "ID"}, {"reach", "Reach"}, {"impact", "imp"}};
  options.ignore_columns = {"skip"};
  const auto r = prio::read_json(text, options);
  CHECK(messages(r) == std::vector<std::string>{
                           "k.json:2:58: error: feature 'a', field 'extra': expected a number, got a nested object or array",
                           "k.json:4:28: error: feature 'c', field 'reach': the key appears twice in this feature",
                           "k.json:4:74: error: feature 'c', field 'title': expected a string, got a nested object or array"});
  const auto& b = r.backlog;
  REQUIRE(b.size() == 3);
  CHECK_FALSE(b.has_attribute("extra"));
  CHECK_FALSE(b.has_attribute("skip"));
  CHECK(b.attributes() == std::vector<std::string>{"reach", "impact", "effort"});
  CHECK(b.value(1, "impact") == 3);
  CHECK(b.value(1, "reach") == 20);
  CHECK(b.value(2, "reach") == 31);
  CHECK(std::isnan(b.value(0, "effort")));
  prio::Diagnostic d{prio::Severity::error, prio::errc::invalid_value, prio::Location{"c", "effort", {}, 0, 0}, "negative"};
  r.source.locate(d, b);
  CHECK(d.to_string() == "k.json:4:51: error: feature 'c', field 'effort': negative");
  prio::Diagnostic e{prio::Severity::error, prio::errc::invalid_value, prio::Location{"b", "impact", {}, 0, 0}, "x"};
  r.source.locate(e, b);
  CHECK(e.where.line == 3);
  CHECK(e.where.column == 4);
}

TEST_CASE("Diagnostics found after reading point at the cell") {
  const std::string text = "id,title,reach,impact,confidence,effort,depends_on\na,A,1,1,1,1,\nb,\"B,\nb\",1,1,1,-2,a;zz\n";
  const auto r = prio::read_csv(text, {.file_name = "v.csv"});
  REQUIRE(r.ok());
  auto diags = prio::validate(r.backlog, prio::rice());
  REQUIRE(diags.size() == 2);
  for (auto& d : diags) r.locate(d);
  CHECK(diags[0].to_string() == "v.csv:4:13: error: feature 'b', field 'depends_on': depends on unknown feature 'zz'");
  CHECK(diags[1].to_string() == "v.csv:4:10: error: feature 'b', field 'effort': effort must be > 0, got -2");
}

TEST_CASE("Numbers print in the shortest form that reads back exactly") {
  CHECK(prio::format_number(0.1) == "0.1");
  CHECK(prio::format_number(1200) == "1200");
  CHECK(prio::format_number(1.0 / 3) == "0.3333333333333333");
  CHECK(prio::format_number(-0.0) == "0");
  CHECK(prio::format_number(1e300) == "1e+300");
  CHECK(prio::format_number(missing).empty());
}

namespace {

// A random backlog with awkward text and arbitrary finite doubles.
prio::Backlog random_backlog(std::mt19937_64& rng, std::size_t n) {
  const std::vector<std::string> pieces{"a", "B", " ", ",", "\"", "\n", "\r\n", ";", "é", "日本", "x y", "'", "\t", "#", "|",
                                        "=", "+", "-", "@", "''", "'="};
  auto text = [&](bool id) {
    std::string s;
    const std::size_t len = 1 + rng() % 6;
    for (std::size_t k = 0; k < len; ++k) {
      const std::string& p = pieces[rng() % pieces.size()];
      if (id && (p == ";" || p == "\n" || p == "\r\n" || p == " " || p == "\t")) continue;
      s += p;
    }
    return s;
  };
  const std::vector<std::string> attrs{"reach", "effort", "x_lo", "x_hi", "score, adjusted"};
  prio::Backlog b;
  for (std::size_t i = 0; i < n; ++i) {
    prio::Feature f;
    // Ids that a spreadsheet would run as formulas, or that look escaped.
    static const std::vector<std::string> id_prefix{"", "", "=", "+", "-", "@", "'", "''", "'=", "'-", "=+"};
    f.id = id_prefix[rng() % id_prefix.size()] + "f" + std::to_string(i) + text(true);
    if (f.id.back() == ' ') f.id += 'z';
    f.title = text(false);
    while (!f.title.empty() && (f.title.front() == ' ' || f.title.front() == '\t')) f.title.erase(0, 1);
    while (!f.title.empty() && (f.title.back() == ' ' || f.title.back() == '\t')) f.title.pop_back();
    for (const auto& a : attrs) {
      if (rng() % 4 == 0) continue;  // missing
      double v;
      do v = std::bit_cast<double>(rng());
      while (!std::isfinite(v));
      if (rng() % 2) v = static_cast<double>(rng() % 1000) / 8;
      f.attributes.emplace_back(a, v);
    }
    f.moscow = static_cast<prio::Moscow>(rng() % 5);
    for (std::size_t k = 0; k < i && k < 3; ++k)
      if (rng() % 3 == 0) f.depends_on.push_back(b.id(static_cast<prio::FeatureIndex>(rng() % i)));
    // A hierarchy in some backlogs (parents earlier in the file: no cycles).
    if (i > 0 && n % 2 == 0 && rng() % 3 == 0) f.parent = b.id(static_cast<prio::FeatureIndex>(rng() % i));
    b.add(std::move(f));
  }
  // Every attribute present at least once keeps the column order stable.
  for (const auto& a : attrs)
    if (!b.has_attribute(a)) b.set_value(0, a, 1);
  return b;
}

}  // namespace

TEST_CASE("Round trip: CSV -> JSON -> CSV keeps every value, bit for bit") {
  std::mt19937_64 rng(20261126);
  const prio::ReadOptions no_percent{.percent_columns = {}};
  for (int trial = 0; trial < 30; ++trial) {
    const prio::Backlog original = random_backlog(rng, 1 + static_cast<std::size_t>(rng() % 40));
    const std::string csv = prio::write_csv(original);
    const auto from_csv = prio::read_csv(csv, no_percent);
    INFO(csv);
    INFO(Catch::Detail::stringify(messages(from_csv)));
    REQUIRE(from_csv.ok());
    require_equal(original, from_csv.backlog);
    const std::string json = prio::write_json(from_csv.backlog);
    const auto from_json = prio::read_json(json, no_percent);
    INFO(json);
    INFO(Catch::Detail::stringify(messages(from_json)));
    REQUIRE(from_json.ok());
    require_equal(original, from_json.backlog);
    CHECK(prio::write_csv(from_json.backlog) == csv);
  }
}

TEST_CASE("Spreadsheet guard: escape and unescape, known cells") {
  using prio::detail::spreadsheet_escape;
  using prio::detail::spreadsheet_unescape;
  CHECK(spreadsheet_escape("=SUM(A1)") == "'=SUM(A1)");
  CHECK(spreadsheet_escape("+1") == "'+1");
  CHECK(spreadsheet_escape("-") == "'-");
  CHECK(spreadsheet_escape("@cmd") == "'@cmd");
  CHECK(spreadsheet_escape("\tx") == "'\tx");
  CHECK(spreadsheet_escape("\rx") == "'\rx");
  CHECK(spreadsheet_escape("'=x") == "''=x");
  CHECK(spreadsheet_escape("''") == "'''");
  CHECK(spreadsheet_escape("'") == "'");
  CHECK(spreadsheet_escape("'x") == "'x");
  CHECK(spreadsheet_escape("' =x") == "' =x");
  CHECK(spreadsheet_escape("").empty());
  CHECK(spreadsheet_escape("a=b") == "a=b");
  CHECK(spreadsheet_escape("é=") == "é=");
  CHECK(spreadsheet_unescape("'=SUM(A1)") == "=SUM(A1)");
  CHECK(spreadsheet_unescape("''=x") == "'=x");
  CHECK(spreadsheet_unescape("''") == "'");
  CHECK(spreadsheet_unescape("'") == "'");
  CHECK(spreadsheet_unescape("'x") == "'x");
  CHECK(spreadsheet_unescape("=x") == "=x");
  CHECK(spreadsheet_unescape("").empty());
}

TEST_CASE("Spreadsheet guard: unescape(escape(s)) == s and no escaped cell starts a formula") {
  using prio::detail::spreadsheet_escape;
  using prio::detail::spreadsheet_unescape;
  // Every string of up to 4 pieces over an alphabet of triggers, quotes,
  // spaces, ASCII and multi-byte UTF-8 (11^0 + ... + 11^4 = 16105 strings).
  const std::vector<std::string> alphabet{"'", "=", "+", "-", "@", "\t", "\r", "a", " ", "é", "日"};
  std::size_t checked = 0, escaped = 0;
  std::vector<std::string> level{""};
  for (int len = 0; len <= 4; ++len) {
    std::vector<std::string> next;
    for (const auto& s : level) {
      const std::string e = spreadsheet_escape(s);
      INFO(Catch::Detail::stringify(s) << " -> " << Catch::Detail::stringify(e));
      REQUIRE(spreadsheet_unescape(e) == s);
      if (!e.empty()) REQUIRE(std::string_view("=+-@\t\r").find(e.front()) == std::string_view::npos);
      REQUIRE((e == s || e == "'" + s));
      if (e != s) ++escaped;
      ++checked;
      for (const auto& p : alphabet) next.push_back(s + p);
    }
    level = std::move(next);
  }
  CHECK(checked == 16105);
  CHECK(escaped > 0);
}

TEST_CASE("CSV fields: has_csv_special finds , \" CR LF anywhere, as find_first_of does, over every byte value") {
  std::mt19937_64 rng(17);
  std::size_t hits = 0;
  for (int round = 0; round < 20000; ++round) {
    // Lengths past a vector register (the scan has no early exit), bytes of
    // every value, the four specials rare so that most fields have none.
    std::string s(rng() % 70, 'a');
    for (char& c : s) c = rng() % 8 == 0 ? static_cast<char>(rng() % 256) : static_cast<char>('a' + rng() % 26);
    if (round % 5 == 0 && !s.empty()) s[rng() % s.size()] = ",\"\r\n"[rng() % 4];
    const bool want = s.find_first_of(",\"\r\n") != std::string::npos;
    INFO(Catch::Detail::stringify(s));
    REQUIRE(prio::detail::has_csv_special(s) == want);
    hits += want;
  }
  CHECK(hits > 4000);
  CHECK(hits < 16000);
}

TEST_CASE("CSV: text cells starting with = + - @ are written escaped and read back exactly") {
  prio::Backlog b;
  b.add(prio::Feature{.id = "-a", .title = "=SUM(A1)", .attributes = {{"reach", -0.5}}, .moscow = prio::Moscow::must, .depends_on = {}});
  b.add(prio::Feature{.id = "@b", .title = "'=x, y", .attributes = {{"reach", 2}}, .moscow = prio::Moscow::unset, .depends_on = {"-a"}});
  b.add(prio::Feature{.id = "'c", .title = "+1", .attributes = {{"reach", -3}}, .moscow = prio::Moscow::unset, .depends_on = {"@b", "-a"}});
  const std::string csv = prio::write_csv(b);
  CHECK(csv ==
        "id,title,reach,moscow,depends_on\n"
        "'-a,'=SUM(A1),-0.5,must,\n"
        "'@b,\"''=x, y\",2,,'-a\n"
        "'c,'+1,-3,,'@b;-a\n");
  const auto r = prio::read_csv(csv);
  INFO(Catch::Detail::stringify(messages(r)));
  REQUIRE(r.ok());
  require_equal(b, r.backlog);
  CHECK(prio::write_csv(r.backlog) == csv);
}

TEST_CASE("CSV: a user's cells with a leading ' before = + - @ ' are read without it") {
  // As spreadsheets and Linear write them; other leading quotes are kept.
  const auto r = prio::read_csv("id,title,'=score,depends_on\n'=a,'+b,1,\n'@c,''quoted',2,'=a\nd,'plain,3,\n");
  INFO(Catch::Detail::stringify(messages(r)));
  REQUIRE(r.ok());
  CHECK(r.backlog.ids() == std::vector<std::string>{"=a", "@c", "d"});
  CHECK(r.backlog.titles() == std::vector<std::string>{"+b", "'quoted'", "'plain"});
  CHECK(r.backlog.attributes() == std::vector<std::string>{"=score"});
  CHECK(r.backlog.depends_on()[1] == std::vector<std::string>{"=a"});
}

TEST_CASE("Strategy specs") {
  CHECK(prio::parse_strategy("rice").name() == "rice");
  CHECK(prio::parse_strategy("ice").name() == "ice");
  CHECK(prio::parse_strategy("ice-average").name() == "ice-average");
  CHECK(prio::parse_strategy("wsjf").name() == "wsjf");
  CHECK(prio::parse_strategy("moscow").name() == "moscow(rice)");
  CHECK(prio::parse_strategy("moscow:wsjf").name() == "moscow(wsjf)");
  CHECK(prio::parse_strategy("weighted:z_score", {.weights = "a=1"}).name() == "weighted(z_score)");
  CHECK_THROWS_AS(prio::parse_strategy("weighted"), prio::error);
  CHECK_THROWS_AS(prio::parse_strategy("rise"), prio::error);
  CHECK_THROWS_AS(prio::parse_strategy("moscow:moscow"), prio::error);
  CHECK(prio::parse_missing("worst") == prio::Missing::worst);
  CHECK_THROWS_AS(prio::parse_missing("zero"), prio::error);

  const auto w = prio::parse_weights("retention=0.6, effort=-0.4;revenue = +1");
  REQUIRE(w.size() == 3);
  CHECK(w[0].attribute == "retention");
  CHECK(w[0].weight == 0.6);
  CHECK(w[0].direction == prio::Direction::benefit);
  CHECK(w[1].attribute == "effort");
  CHECK(w[1].weight == 0.4);
  CHECK(w[1].direction == prio::Direction::cost);
  CHECK(w[2].weight == 1);
  CHECK_THROWS_AS(prio::parse_weights("a=1,a=2"), prio::error);
  CHECK_THROWS_AS(prio::parse_weights("a"), prio::error);
  CHECK_THROWS_AS(prio::parse_weights("a=nan"), prio::error);

  // The weighted spec ranks like the library call it stands for.
  const auto r = prio::read_csv("id,retention,effort\na,1,5\nb,3,1\nc,2,2\n");
  REQUIRE(r.ok());
  const auto direct = prio::score(r.backlog, prio::weighted({{"retention", 0.6, prio::Direction::benefit},
                                                             {"effort", 0.4, prio::Direction::cost}}));
  const auto parsed = prio::parse_strategy("weighted", {.weights = "retention=0.6,effort=-0.4"}).score(r.backlog);
  CHECK(prio::rank(direct) == prio::rank(parsed));
  CHECK(direct.values().isApprox(parsed.values()));
}

TEST_CASE("JSON: a huge numeric id is rejected, not converted (found by fuzzing)") {
  const auto r = prio::read_json(R"({"features": [{"id": 1e30, "reach": 1}]})", {.file_name = "n.json"});
  CHECK(messages(r) == std::vector<std::string>{"n.json:1:16: error: field 'id': expected a string"});
}

namespace {
std::filesystem::path temp_file(const std::string& name, const std::string& content) {
  const auto p = std::filesystem::temp_directory_path() / ("prio_test_io_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p, std::ios::binary) << content;
  return p;
}
}  // namespace

TEST_CASE("read_backlog: the format from the extension, the file name in diagnostics, unreadable files") {
  const auto csv = temp_file("b.csv", "id,reach,impact,confidence,effort\na,100,2,80%,4\nb,x,1,1,1\n");
  const auto r = prio::read_backlog(csv);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() == csv.string() + ":3:3: error: feature 'b', field 'reach': expected a number, got 'x'");
  CHECK(r.backlog.value(0, "confidence") == 0.8);  // percent reading on by default
  const auto j = temp_file("b.json", "{\"features\": [{\"id\": \"a\", \"confidence\": 8}]}");
  const auto rj = prio::read_backlog(j, {.percent_columns = {}});
  REQUIRE(rj.ok());
  CHECK(rj.backlog.ids() == std::vector<std::string>{"a"});
  CHECK(rj.backlog.value(0, "confidence") == 8);
  CHECK(prio::read_backlog(j).backlog.value(0, "confidence") == 0.08);
  const auto missing = prio::read_backlog("/nonexistent/prio/backlog.csv");
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].code == prio::errc::io_error);
  CHECK(missing.diagnostics[0].where.file == "/nonexistent/prio/backlog.csv");
  std::filesystem::remove(csv);
  std::filesystem::remove(j);
}

TEST_CASE("read_column_map: name = Column lines, comments, quotes, errors with file and line") {
  const auto good = temp_file("good.map", "# Jira\nid = Issue key\r\n\nreach=\"Users per quarter\"  # quoted\n  effort = Person-months\n");
  const auto m = prio::read_column_map(good);
  REQUIRE(m.size() == 3);
  CHECK(m[0] == std::pair<std::string, std::string>{"id", "Issue key"});
  CHECK(m[1] == std::pair<std::string, std::string>{"reach", "Users per quarter"});
  CHECK(m[2] == std::pair<std::string, std::string>{"effort", "Person-months"});
  const auto bad = temp_file("bad.map", "id = Issue key\nreach\n");
  try {
    (void)prio::read_column_map(bad);
    FAIL("no error");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::parse_error);
    CHECK(e.where().file == bad.string());
    CHECK(e.where().line == 2);
  }
  try {
    (void)prio::read_column_map("/nonexistent/prio/x.map");
    FAIL("no error");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::io_error);
  }
  std::filesystem::remove(good);
  std::filesystem::remove(bad);
}
