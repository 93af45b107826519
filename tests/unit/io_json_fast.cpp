// read_json's fast parser (src/io/json_fast.hpp) against nlohmann/json's SAX
// parser, which it stands in for on well-formed text: on generated JSON,
// valid and broken, the same events with the same positions, and never an
// acceptance of text nlohmann rejects.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "../../src/io/json_fast.hpp"
#include "../../src/io/json_position.hpp"
#include "../../src/io/text.hpp"

namespace {

// Records every event with the offset of *last at that moment; returns false
// at event number `stop_at` (counting from 0), as a handler that stops does.
struct Recorder : nlohmann::json_sax<nlohmann::json> {
  const char* begin = nullptr;
  const char** last = nullptr;
  std::size_t stop_at = SIZE_MAX;
  std::vector<std::string> events;
  bool error = false;

  bool add(std::string e) {
    events.push_back(std::move(e) + " @" + std::to_string(*last - begin));
    return events.size() - 1 != stop_at;
  }
  bool null() override { return add("null"); }
  bool boolean(bool v) override { return add(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return add("int " + std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add("unsigned " + std::to_string(v)); }
  bool number_float(number_float_t v, const string_t& token) override {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return add("float " + std::to_string(bits) + " " + token);
  }
  bool string(string_t& s) override { return add("string " + s); }
  bool binary(binary_t&) override { return add("binary"); }
  bool start_object(std::size_t n) override { return add("{ " + std::to_string(n)); }
  bool end_object() override { return add("}"); }
  bool start_array(std::size_t n) override { return add("[ " + std::to_string(n)); }
  bool end_array() override { return add("]"); }
  bool key(string_t& k) override { return add("key " + k); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    error = true;
    return false;
  }
};

struct Outcome {
  std::vector<std::string> events;
  bool error = false;  // nlohmann: a parse error; fast: `careful`
  bool stopped = false;
};

// The events of parsing text with nlohmann's parser or (fast) the fast one.
Outcome parse(const std::string& text, std::size_t stop_at, bool fast) {
  const char* last = text.data();
  Recorder r;
  r.begin = text.data();
  r.last = &last;
  r.stop_at = stop_at;
  if (fast) {
    const auto result = prio::detail::parse_json_fast(text.data(), text.data() + text.size(), r, &last);
    return {r.events, result == prio::detail::FastJson::careful, result == prio::detail::FastJson::stopped};
  }
  const bool ok = nlohmann::json::sax_parse(prio::detail::TrackingIterator{text.data(), &last},
                                            prio::detail::TrackingIterator{text.data() + text.size(), &last}, &r);
  return {r.events, r.error, !ok && !r.error};
}
Outcome with_nlohmann(const std::string& text, std::size_t stop_at) { return parse(text, stop_at, false); }
Outcome with_fast(const std::string& text, std::size_t stop_at) { return parse(text, stop_at, true); }

// Random JSON: nested values, strings with escapes, surrogate pairs and
// UTF-8, numbers of every shape (-0, 64-bit edges, beyond, exponents, overflow).
struct Gen {
  std::mt19937_64 rng;
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); }
  std::string ws() {
    static const char* const spaces[] = {"", "", " ", "\n", "\r\n  ", "\t"};
    return spaces[pick(6)];
  }
  std::string str() {
    static const char* const parts[] = {"a", "id", "features", "Feature 1, with a comma", "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t",
                                        "\\u00e9", "\\u0000", "\\uD83D\\uDE00", "\\u20AC", "é", "😀", "€", " ", "\\uFFFF"};
    std::string s = "\"";
    for (std::size_t k = pick(4); k > 0; --k) s += parts[pick(std::size(parts))];
    return s + "\"";
  }
  std::string number() {
    static const char* const numbers[] = {"0", "-0", "7", "-12", "0.5", "-0.0", "1e5", "1E+5", "2.5e-3", "123456789",
                                          "9223372036854775807", "-9223372036854775808", "-9223372036854775809",
                                          "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
                                          "9007199254740993", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308"};
    return numbers[pick(std::size(numbers))];
  }
  std::string value(int depth) {
    switch (pick(depth > 3 ? 4 : 6)) {
      case 0: return str();
      case 1: return number();
      case 2: return number();
      case 3: {
        static const char* const words[] = {"true", "false", "null"};
        return words[pick(3)];
      }
      case 4: {
        std::string s = "{" + ws();
        for (std::size_t k = pick(4); k > 0; --k) s += str() + ws() + ":" + ws() + value(depth + 1) + ws() + (k > 1 ? "," + ws() : "");
        return s + "}";
      }
      default: {
        std::string s = "[" + ws();
        for (std::size_t k = pick(4); k > 0; --k) s += value(depth + 1) + ws() + (k > 1 ? "," + ws() : "");
        return s + "]";
      }
    }
  }
  // A few bytes changed: deleted, repeated, or replaced with JSON punctuation.
  std::string broken(std::string s) {
    static const char bytes[] = "{}[],:\"\\-+.e0 9tu\x01";
    for (std::size_t k = 1 + pick(2); k > 0 && !s.empty(); --k) {
      const std::size_t at = pick(s.size());
      switch (pick(3)) {
        case 0: s.erase(at, 1); break;
        case 1: s.insert(at, 1, s[at]); break;
        default: s[at] = bytes[pick(sizeof bytes - 1)];
      }
    }
    return s;
  }
};

}  // namespace

TEST_CASE("json fast path: the same events and positions as nlohmann's parser, and never accepts what it rejects") {
  Gen gen{std::mt19937_64(2026)};
  std::size_t accepted = 0, careful = 0, stops = 0;
  for (int n = 0; n < 6000; ++n) {
    std::string text = gen.ws() + gen.value(0) + gen.ws();
    if (n % 3 == 1) text = gen.broken(text);
    if (!prio::detail::valid_utf8(text)) continue;  // read_json reports invalid UTF-8 before parsing
    const std::size_t stop_at = n % 5 == 4 ? gen.pick(8) : SIZE_MAX;
    const Outcome slow = with_nlohmann(text, stop_at), fast = with_fast(text, stop_at);
    INFO(text);
    if (fast.error) {
      ++careful;
      // Everything delivered before giving up is what nlohmann delivered
      // too; and nlohmann rejects the text (nothing valid is sent back).
      REQUIRE(fast.events.size() <= slow.events.size());
      CHECK(std::equal(fast.events.begin(), fast.events.end(), slow.events.begin()));
      CHECK(slow.error);
      continue;
    }
    CHECK(fast.events == slow.events);
    CHECK(fast.stopped == slow.stopped);
    CHECK(!slow.error);
    accepted += !fast.stopped;
    stops += fast.stopped;
  }
  // The generator reaches every outcome.
  CHECK(accepted > 1000);
  CHECK(careful > 500);
  CHECK(stops > 100);
}

TEST_CASE("json fast path: positions at the end of the text and around numbers") {
  for (const std::string text : {"5", "-0", " 12 ", "[1,2]", "{\"a\":1.5e3}", "\"x\"", "[true,null,false]", "{}", "[]", "  {\"k\" : [ ] }\n"}) {
    INFO(text);
    const Outcome slow = with_nlohmann(text, SIZE_MAX), fast = with_fast(text, SIZE_MAX);
    CHECK_FALSE(fast.error);
    CHECK(fast.events == slow.events);
  }
  for (const std::string text : {"", " ", "01", "1.", ".5", "+1", "1e", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "\"\\uD800\"", "\"\\uDC00\"",
                                 "\"\\x\"", "\"a\nb\"", "tru", "nul", "[1] 2", "1e400", "{\"a\":1", "\"open"}) {
    INFO(text);
    CHECK(with_fast(text, SIZE_MAX).error);
    CHECK(with_nlohmann(text, SIZE_MAX).error);
  }
}
