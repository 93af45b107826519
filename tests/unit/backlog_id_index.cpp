// The backlog's id index (detail::IdIndex): the same answers as a std::map
// over generated ids, through growth, copies and errors.
#include <catch2/catch.hpp>

#include <prio/backlog.hpp>
#include <prio/detail/id_index.hpp>

#include <map>
#include <random>
#include <string>
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
