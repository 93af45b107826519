// The backlog's id index (detail::IdIndex): the same answers as a std::map
// over generated ids, through growth, copies and errors.
#include <catch2/catch.hpp>

#include <prio/backlog.hpp>
#include <prio/detail/backlog_access.hpp>
#include <prio/detail/id_index.hpp>

#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

// Ids as backlogs have them: prefixes with numbers, near-duplicates, long and
// one-character ids, bytes beyond ASCII.
std::vector<std::string> generated_ids(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> out;
  const char* prefixes[] = {"F", "PROJ-", "feature_", "", "é-"};
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = prefixes[rng() % 5] + std::to_string(rng() % (3 * n + 1));
    if (rng() % 7 == 0) id += std::string(static_cast<std::size_t>(rng() % 40), 'x');
    if (rng() % 11 == 0) id = std::string(1, static_cast<char>('a' + rng() % 26));
    out.push_back(std::move(id));
  }
  return out;
}

}  // namespace

TEST_CASE("id index: its id compare is std::string's, for every length and every differing byte") {
  // Strings that differ in one byte, at each position of each length 0..40
  // (the word compares cover 4..16 bytes with overlapping loads), and in
  // length only; each compared as views into longer buffers too.
  std::mt19937_64 rng(5);
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'a');
    for (char& c : a) c = static_cast<char>(rng() % 256);
    const std::string padded = a + "tail";
    CHECK(prio::detail::ids_equal(a, std::string_view(padded).substr(0, n)));
    CHECK(prio::detail::ids_equal(a, a + "") == true);
    CHECK_FALSE(prio::detail::ids_equal(a, a + "x"));
    CHECK_FALSE(prio::detail::ids_equal(a + "x", a));
    for (std::size_t k = 0; k < n; ++k) {
      std::string b = a;
      b[k] = static_cast<char>(b[k] ^ (1 << (rng() % 8)));
      INFO("length " << n << ", byte " << k);
      REQUIRE_FALSE(prio::detail::ids_equal(a, b));
      REQUIRE_FALSE(prio::detail::ids_equal(std::string_view(padded).substr(0, n), b));
    }
  }
}

TEST_CASE("id index: finds every id added and no other, like std::map, through growth") {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    const std::vector<std::string> candidates = generated_ids(5000, seed);
    std::vector<std::string> ids;
    std::map<std::string, std::uint32_t> want;
    prio::detail::IdIndex index;  // starts empty: grows through every power of two
    for (const auto& id : candidates) {
      const auto h = prio::detail::IdIndex::hash(id);
      const std::int64_t found = index.find(id, h, ids);
      const auto it = want.find(id);
      REQUIRE((found >= 0) == (it != want.end()));
      if (found >= 0) {
        CHECK(static_cast<std::uint32_t>(found) == it->second);
        continue;
      }
      const auto row = static_cast<std::uint32_t>(ids.size());
      ids.push_back(id);
      index.insert(h, row);
      want.emplace(id, row);
    }
    CHECK(index.size() == want.size());
    for (const auto& [id, row] : want) CHECK(index.find(id, ids) == static_cast<std::int64_t>(row));
    for (const auto& probe : generated_ids(2000, seed + 100))
      CHECK((index.find(probe, ids) >= 0) == (want.count(probe) == 1));
    CHECK(index.find("", ids) == -1);
  }
}

TEST_CASE("backlog ids: from_ids and add find every id, reject duplicates and empty ids, and copies are independent") {
  std::vector<std::string> ids;
  for (int i = 0; i < 3000; ++i) ids.push_back("F" + std::to_string(i));
  prio::Backlog b = prio::Backlog::from_ids(ids);
  for (prio::FeatureIndex i = 0; i < ids.size(); ++i) CHECK(b.index_of(ids[i]) == i);
  CHECK_FALSE(b.contains("F3000"));
  CHECK_FALSE(b.find("f1").has_value());

  try {
    (void)prio::Backlog::from_ids({"a", "b", "a"});
    FAIL("no error");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::duplicate_id);
    CHECK(e.where().feature == "a");
  }
  CHECK_THROWS_AS(prio::Backlog::from_ids({"a", ""}), prio::error);

  prio::Backlog copy = b;
  CHECK(copy.add(prio::Feature{.id = "new"}) == 3000);
  CHECK(copy.index_of("new") == 3000);
  CHECK(copy.index_of("F2999") == 2999);
  CHECK_FALSE(b.contains("new"));  // the original is unchanged
  CHECK_THROWS_AS(copy.add(prio::Feature{.id = "F17"}), prio::error);
  CHECK(copy.size() == 3001);  // a rejected add leaves the backlog unchanged
  CHECK(copy.index_of("F17") == 17);

  prio::Backlog grown;
  for (int i = 0; i < 1000; ++i) grown.add(prio::Feature{.id = "x" + std::to_string(i)});
  for (int i = 0; i < 1000; ++i) CHECK(grown.index_of("x" + std::to_string(i)) == static_cast<prio::FeatureIndex>(i));
}

TEST_CASE("id index: insert_each answers as insert one id after the other, and stops at the first repeat") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(seed);
    // Sizes around the prefetch distance and the table's growth; ids drawn
    // from a small pool repeat early, from a large one late or never.
    const std::size_t n = static_cast<std::size_t>(rng() % (seed < 20 ? 40 : 5000));
    const std::vector<std::string> pool = generated_ids(seed % 2 ? 4 * n + 1 : n + 1, seed);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i) ids.push_back(pool[rng() % pool.size()]);
    // A part indexed one by one first (insert_each indexes from size() on).
    const std::size_t before = seed % 3 == 0 ? static_cast<std::size_t>(rng() % (n + 1)) : 0;
    std::map<std::string, std::uint32_t> want;
    std::int64_t want_repeat = -1;
    for (std::size_t r = 0; r < n && want_repeat < 0; ++r)
      if (!want.emplace(ids[r], static_cast<std::uint32_t>(r)).second) want_repeat = static_cast<std::int64_t>(r);
    if (want_repeat >= 0 && static_cast<std::size_t>(want_repeat) < before) continue;  // the prefix itself repeats

    prio::detail::IdIndex index;
    for (std::size_t r = 0; r < before; ++r) index.insert(prio::detail::IdIndex::hash(ids[r]), static_cast<std::uint32_t>(r));
    CHECK(index.insert_each(ids) == want_repeat);
    const std::size_t indexed = want_repeat < 0 ? n : static_cast<std::size_t>(want_repeat);
    CHECK(index.size() == indexed);
    for (std::size_t r = 0; r < indexed; ++r) CHECK(index.find(ids[r], ids) == static_cast<std::int64_t>(r));
    if (want_repeat >= 0) CHECK(index.find(ids[static_cast<std::size_t>(want_repeat)], ids) < want_repeat);
    for (const auto& probe : generated_ids(200, seed + 1000))
      CHECK((index.find(probe, ids) >= 0) == (want.count(probe) == 1 && want[probe] < indexed));
  }
}

namespace {
// What add() one feature after the other reports for a list of ids: the
// first error's code and the id it names, or no error.
std::pair<prio::errc, std::string> first_error_adding(const std::vector<std::string>& ids) {
  prio::Backlog b;
  try {
    for (const auto& id : ids) b.add(prio::Feature{.id = id});
  } catch (const prio::error& e) {
    return {e.code(), e.where().feature};
  }
  return {prio::errc{}, "none"};
}
std::pair<prio::errc, std::string> first_error_from_ids(const std::vector<std::string>& ids) {
  try {
    (void)prio::Backlog::from_ids(ids);
  } catch (const prio::error& e) {
    return {e.code(), e.where().feature};
  }
  return {prio::errc{}, "none"};
}
}  // namespace

TEST_CASE("backlog ids: from_ids reports the first bad row as add() row by row does (repeats and empty ids mixed)") {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    std::mt19937_64 rng(seed);
    const std::size_t n = 1 + static_cast<std::size_t>(rng() % 300);
    const std::vector<std::string> pool = generated_ids(seed % 2 ? 8 * n : n, seed);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i) ids.push_back(rng() % 97 == 0 ? std::string() : pool[rng() % pool.size()]);
    const auto want = first_error_adding(ids);
    CHECK(first_error_from_ids(ids) == want);
  }
}

TEST_CASE("backlog ids: adopt_columns moves every column in, or nothing when an id repeats") {
  using prio::Moscow;
  std::vector<std::string> ids{"a", "b", "c"}, titles{"A", "B", "C"}, parents{"", "a", ""};
  std::vector<Moscow> moscow{Moscow::must, Moscow::unset, Moscow::wont};
  std::vector<std::vector<std::string>> deps{{}, {"a"}, {"a", "b"}};
  prio::Backlog b = prio::Backlog::from_ids({"old"});
  REQUIRE(prio::detail::BacklogAccess::adopt_columns(b, ids, titles, moscow, deps, parents) == -1);
  REQUIRE(b.size() == 3);
  CHECK(b.index_of("c") == 2);
  CHECK_FALSE(b.contains("old"));
  CHECK(b.title(1) == "B");
  CHECK(b.moscow(2) == Moscow::wont);
  CHECK(b.depends_on(2) == std::vector<std::string>{"a", "b"});
  CHECK(b.parent(1) == "a");
  CHECK(b.has_parents());
  CHECK(b.attributes().empty());

  // No hierarchy: parents empty.
  std::vector<std::string> ids2{"x", "y"}, titles2{"X", ""}, none;
  std::vector<Moscow> moscow2(2, Moscow::unset);
  std::vector<std::vector<std::string>> deps2(2);
  REQUIRE(prio::detail::BacklogAccess::adopt_columns(b, ids2, titles2, moscow2, deps2, none) == -1);
  CHECK(b.size() == 2);
  CHECK_FALSE(b.has_parents());
  CHECK(b.parent(0).empty());

  // A repeat: its row, the columns left where they were, b empty.
  std::vector<std::string> ids3{"p", "q", "p", "q"}, titles3(4, "t");
  std::vector<Moscow> moscow3(4, Moscow::could);
  std::vector<std::vector<std::string>> deps3(4, {"p"});
  CHECK(prio::detail::BacklogAccess::adopt_columns(b, ids3, titles3, moscow3, deps3, none) == 2);
  CHECK(b.empty());
  CHECK_FALSE(b.contains("p"));
  CHECK(ids3 == std::vector<std::string>{"p", "q", "p", "q"});
  CHECK(titles3.size() == 4);
  CHECK(deps3[3] == std::vector<std::string>{"p"});

  // Columns of different lengths, an empty id: errors.
  std::vector<std::string> short_titles{"only one"};
  CHECK_THROWS_AS(prio::detail::BacklogAccess::adopt_columns(b, ids3, short_titles, moscow3, deps3, none), prio::error);
  std::vector<std::string> ids4{"a", ""}, titles4(2);
  std::vector<Moscow> moscow4(2, Moscow::unset);
  std::vector<std::vector<std::string>> deps4(2);
  try {
    (void)prio::detail::BacklogAccess::adopt_columns(b, ids4, titles4, moscow4, deps4, none);
    FAIL("no error");
  } catch (const prio::error& e) {
    CHECK(e.code() == prio::errc::empty_id);
  }
  CHECK(b.empty());
}
