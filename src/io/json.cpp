// JSON reading (nlohmann's SAX parser, so every value gets a position) and
// writing (by hand: the output is a flat, fixed shape, and numbers must use
// the same shortest round-trip form as the CSV writer).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "builder.hpp"
#include "json_fast.hpp"
#include "json_position.hpp"
#include "prio/io.hpp"
#include "text.hpp"
#include "tool.hpp"

namespace prio {
inline namespace v1 {

namespace {

using detail::LineCounter;
using detail::TrackingIterator;

class Handler : public nlohmann::json_sax<nlohmann::json> {
 public:
  Handler(detail::RowBuilder& b, const ReadOptions& options, const char* begin, const char** last)
      : b_(b), options_(options), begin_(begin), last_(last), lines_(begin) {}

  bool null() override { return value(Kind::null, {}, 0); }
  bool boolean(bool) override { return value(Kind::other, {}, 0); }
  bool number_integer(number_integer_t v) override { return value(Kind::number, {}, static_cast<double>(v)); }
  bool number_unsigned(number_unsigned_t v) override { return value(Kind::number, {}, static_cast<double>(v)); }
  bool number_float(number_float_t v, const string_t&) override { return value(Kind::number, {}, v); }
  bool string(string_t& s) override { return value(Kind::string, s, 0); }
  bool binary(binary_t&) override { return value(Kind::other, {}, 0); }

  bool start_object(std::size_t) override {
    const detail::CellPos pos = here();
    switch (state_) {
      case State::root:
        state_ = State::top;
        return true;
      case State::top_value:
        if (key_ == "features") return shape_error(pos, "\"features\" must be an array of objects, got an object");
        return enter_skip(State::top);
      case State::feature_list:
        state_ = State::feature;
        b_.begin_row(pos, static_cast<std::uint64_t>(*last_ - begin_));
        if (!row_keys_.empty()) {  // the keys of the last feature with any: the guess for this one's
          previous_keys_.swap(row_keys_);
          row_keys_.clear();
        }
        in_feature_ = true;
        ++row_serial_;
        object_pos_ = pos;
        seen_id_ = seen_title_ = seen_moscow_ = seen_depends_ = seen_parent_ = false;
        return true;
      case State::feature_value:
      case State::depends_list:
        return start_bad_nested(pos);
      case State::skip:
        ++skip_depth_;
        return true;
      default:
        return true;
    }
  }
  bool end_object() override {
    switch (state_) {
      case State::top:
        state_ = State::done;
        if (!saw_features_) return shape_error(here(), "expected an object with a \"features\" array: {\"features\": [...]}");
        return true;
      case State::feature:
        if (!b_.row_has_id() && !seen_id_) b_.row_problem(errc::empty_id, object_pos_, "id", "feature has no \"id\"");
        b_.end_row();
        in_feature_ = false;
        state_ = State::feature_list;
        return true;
      case State::skip:
        return leave_skip();
      default:
        return true;
    }
  }
  bool start_array(std::size_t) override {
    const detail::CellPos pos = here();
    switch (state_) {
      case State::root: return shape_error(pos, "expected an object with a \"features\" array: {\"features\": [...]}, got an array");
      case State::top_value:
        if (key_ == "features") {
          saw_features_ = true;
          state_ = State::feature_list;
          return true;
        }
        return enter_skip(State::top);
      case State::feature_list: return shape_error(pos, "each element of \"features\" must be an object, got an array");
      case State::feature_value:
        if (keys_[key_at_].field == Field::depends_on) {
          state_ = State::depends_list;
          return true;
        }
        return start_bad_nested(pos);
      case State::depends_list: return start_bad_nested(pos);
      case State::skip:
        ++skip_depth_;
        return true;
      default:
        return true;
    }
  }
  bool end_array() override {
    switch (state_) {
      case State::feature_list: state_ = State::top; return true;
      case State::depends_list: state_ = State::feature; return true;
      case State::skip: return leave_skip();
      default: return true;
    }
  }
  bool key(string_t& k) override {
    const detail::CellPos pos = key_pos(k);
    if (state_ == State::top) {
      if (k == "features") {
        if (saw_features_key_)
          return shape_error(pos, "duplicate key \"features\" (first at line " + std::to_string(features_key_pos_.line) + ", column " +
                                      std::to_string(features_key_pos_.column) + "): a file holds one feature list");
        saw_features_key_ = true;
        features_key_pos_ = pos;
      }
      key_ = k;
      state_ = State::top_value;
      return true;
    }
    if (state_ == State::feature) {
      // Features tend to repeat their keys in the same order: the previous
      // feature's key at this place is tried before the look-up.
      const std::size_t at = row_keys_.size();
      key_at_ = at < previous_keys_.size() && keys_[previous_keys_[at]].raw == k ? previous_keys_[at] : key_index(k);
      row_keys_.push_back(key_at_);
      field_pos_ = pos;
      state_ = State::feature_value;
      b_.note_field(keys_[key_at_].note, pos);
      return true;
    }
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    std::string what = ex.what();
    if (const auto k = what.find("syntax error"); k != std::string::npos) what = what.substr(k);
    else if (const auto c = what.find(": "); c != std::string::npos) what = what.substr(c + 2);
    if (in_feature_) b_.drop_row();
    in_feature_ = false;
    b_.report(Severity::error, errc::parse_error, here(), {}, "invalid JSON: " + what);
    return false;
  }

  [[nodiscard]] bool complete() const noexcept { return state_ == State::done; }

 private:
  enum class State : std::uint8_t { root, top, top_value, feature_list, feature, feature_value, depends_list, skip, done };
  enum class Kind : std::uint8_t { null, number, string, other };

  detail::CellPos here() { return lines_.at(*last_); }
  // The key's opening quote (the lexer has just read its closing quote).
  detail::CellPos key_pos(const string_t& k) {
    const char* close = *last_;
    const char* open = close - static_cast<std::ptrdiff_t>(k.size()) - 1;
    if (open < begin_ || *open != '"') open = close;  // escapes in the key: use the closing quote
    return lines_.at(open);
  }
  std::string mapped(const std::string& k) const {
    for (const auto& [name, column] : options_.column_map)
      if (column == k) return name;
    return k;
  }
  // The index in keys_ of a feature's key, worked out when first seen.
  std::uint32_t key_index(const std::string& k) {
    if (const auto it = key_index_.find(k); it != key_index_.end()) return it->second;
    KeyInfo info;
    info.raw = k;
    info.name = mapped(k);
    const std::string& f = info.name;
    info.field = f == "id"           ? Field::id
                 : f == "title"      ? Field::title
                 : f == "moscow"     ? Field::moscow
                 : f == "depends_on" ? Field::depends_on
                 : f == "parent"     ? Field::parent
                 : f.empty()         ? Field::empty
                                     : Field::attribute;
    info.ignored = std::find(options_.ignore_columns.begin(), options_.ignore_columns.end(), f) != options_.ignore_columns.end();
    info.note = b_.json_name(f);
    const auto index = static_cast<std::uint32_t>(keys_.size());
    keys_.push_back(std::move(info));
    key_index_.emplace(k, index);
    return index;
  }

  bool shape_error(detail::CellPos pos, std::string message) {
    b_.report(Severity::error, errc::parse_error, pos, {}, std::move(message));
    return false;
  }
  bool enter_skip(State back) {
    saved_ = back;
    state_ = State::skip;
    skip_depth_ = 1;
    return true;
  }
  bool start_bad_nested(detail::CellPos pos) {
    b_.row_problem(errc::invalid_value, pos, keys_[key_at_].name, "expected a " + expected_kind() + ", got a nested object or array");
    saved_ = state_ == State::depends_list ? State::depends_list : State::feature;
    state_ = State::skip;
    skip_depth_ = 1;
    return true;
  }
  bool leave_skip() {
    if (--skip_depth_ == 0) state_ = saved_;
    return true;
  }
  std::string expected_kind() const {
    switch (keys_[key_at_].field) {
      case Field::id:
      case Field::title:
      case Field::moscow:
      case Field::parent: return "string";
      case Field::depends_on: return "list of ids";
      default: return "number";
    }
  }

  bool value(Kind kind, std::string_view s, double v) {
    switch (state_) {
      case State::root:
        return shape_error(here(), "expected an object with a \"features\" array: {\"features\": [...]}");
      case State::top_value:
        if (key_ == "features") return shape_error(here(), "\"features\" must be an array of objects");
        state_ = State::top;
        return true;
      case State::feature_list:
        return shape_error(here(), "each element of \"features\" must be an object");
      case State::depends_list:
        if (kind == Kind::string) b_.add_dependency(s, field_pos_);
        else b_.row_problem(errc::invalid_value, field_pos_, "depends_on", "expected a list of id strings");
        return true;
      case State::feature_value:
        state_ = State::feature;
        return field(kind, s, v);
      default:
        return true;
    }
  }

  // An id written as a whole number (up to 9e15, exact in a double) reads as
  // its digits: `"id": 7` is feature "7".
  static std::optional<std::string> whole_number(Kind kind, double v) {
    if (kind == Kind::number && std::abs(v) < 9.0e15 && v == std::floor(v)) return std::to_string(static_cast<long long>(v));
    return std::nullopt;
  }

  bool field(Kind kind, std::string_view s, double v) {
    const detail::CellPos pos = field_pos_;
    KeyInfo& key = keys_[key_at_];
    if (key.ignored) return true;
    auto once = [&](bool& seen) {
      if (seen) b_.row_problem(errc::parse_error, pos, key.name, "the key appears twice in this feature");
      seen = true;
    };
    // A text field that may be null: title, moscow, depends_on as "a;b".
    auto text = [&](bool& seen, const auto& set, const char* name, const char* expected) {
      once(seen);
      if (kind == Kind::string) set();
      else if (kind != Kind::null) b_.row_problem(errc::invalid_value, pos, name, expected);
      return true;
    };
    switch (key.field) {
      case Field::id:
        once(seen_id_);
        if (kind == Kind::string) b_.set_id(s, pos);
        else if (const auto n = whole_number(kind, v)) b_.set_id(*n, pos);
        else b_.row_problem(errc::invalid_value, pos, "id", "expected a string");
        return true;
      case Field::title: return text(seen_title_, [&] { b_.set_title(s, pos); }, "title", "expected a string");
      case Field::moscow:
        return text(seen_moscow_, [&] { b_.set_moscow(s, pos); }, "moscow", "expected a string: must, should, could or won't");
      case Field::depends_on:
        return text(seen_depends_, [&] { b_.set_depends_text(s, pos); }, "depends_on", "expected a list of ids");
      case Field::parent:
        once(seen_parent_);
        if (kind == Kind::string) b_.set_parent(s, pos);
        else if (const auto n = whole_number(kind, v)) b_.set_parent(*n, pos);
        else if (kind != Kind::null) b_.row_problem(errc::invalid_value, pos, "parent", "expected a string (the parent's id) or null");
        return true;
      case Field::empty:
        b_.row_problem(errc::parse_error, pos, {}, "empty key");
        return true;
      case Field::attribute: break;
    }
    if (key.attribute == SIZE_MAX) key.attribute = b_.attribute(key.name);  // the column appears with its first value
    const std::size_t a = key.attribute;
    if (seen_attr_.size() <= a) seen_attr_.resize(a + 1, 0);
    if (seen_attr_[a] == row_serial_) b_.row_problem(errc::parse_error, pos, key.name, "the key appears twice in this feature");
    seen_attr_[a] = row_serial_;
    switch (kind) {
      case Kind::null: b_.set_missing(a); break;
      case Kind::number: b_.set_number(a, v, pos); break;
      case Kind::string: b_.set_cell(a, s, pos); break;
      case Kind::other: b_.row_problem(errc::invalid_value, pos, key.name, "expected a number or null"); break;
    }
    return true;
  }

  detail::RowBuilder& b_;
  const ReadOptions& options_;
  const char* begin_;
  const char** last_;
  LineCounter lines_;
  State state_ = State::root;
  State saved_ = State::root;
  int skip_depth_ = 0;
  bool saw_features_ = false;
  bool saw_features_key_ = false;
  detail::CellPos features_key_pos_;
  std::string key_;  // the last top-level key
  // What a feature's key means, worked out once per distinct key.
  enum class Field : std::uint8_t { id, title, moscow, depends_on, parent, empty, attribute };
  struct KeyInfo {
    std::string raw;   // as in the file
    std::string name;  // prio's field name (the column map applied)
    Field field = Field::attribute;
    bool ignored = false;              // in ReadOptions::ignore_columns
    std::uint32_t note = 0;            // the source map's index of name
    std::size_t attribute = SIZE_MAX;  // the builder's column, once the key had a value
  };
  std::vector<KeyInfo> keys_;
  detail::StringIndex<std::uint32_t> key_index_;
  std::vector<std::uint32_t> row_keys_, previous_keys_;  // this feature's keys so far; the last feature's with any
  std::uint32_t key_at_ = 0;                             // the key whose value comes next
  detail::CellPos field_pos_;
  bool seen_id_ = false, seen_title_ = false, seen_moscow_ = false, seen_depends_ = false, seen_parent_ = false;
  std::vector<std::size_t> seen_attr_;  // row_serial_ of the feature that last set each attribute
  std::size_t row_serial_ = 0;
  bool in_feature_ = false;
  detail::CellPos object_pos_;
};

// The source map of a JSON file holds each key's position, not the text
// (SourceMap::locate never reads it): the text is freed once it is read.
ReadResult finish(detail::RowBuilder& b) {
  if (b.rows() == 0 && b.problems() == 0)
    b.report(Severity::error, errc::parse_error, {1, 1}, {}, "\"features\" is empty: the file has no features");
  return b.finish(nullptr, {});
}

}  // namespace

ReadResult read_json(std::string text, const ReadOptions& options) {
  std::optional<detail::RowBuilder> b(std::in_place, options, FileFormat::json);
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (end - begin >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) begin += 3;
  if (detail::trim(std::string_view(begin, static_cast<std::size_t>(end - begin))).find_first_not_of("\r\n") == std::string_view::npos) {
    b->report(Severity::error, errc::parse_error, {1, 1}, {}, "the file is empty (expected {\"features\": [...]})");
    return b->finish(nullptr, {});
  }
  if (!detail::valid_utf8(std::string_view(begin, static_cast<std::size_t>(end - begin)))) {
    const std::size_t bad = detail::utf8_error(std::string_view(begin, static_cast<std::size_t>(end - begin)));
    LineCounter lines(begin);
    b->report(Severity::error, errc::parse_error, lines.at(begin + bad), {}, "invalid UTF-8");
    return b->finish(nullptr, {});
  }
  // Well-formed text takes the fast parser; anything it does not accept is
  // parsed again from the start by nlohmann's, whose messages say what is
  // wrong, into a fresh builder (the fast pass's rows are dropped first).
  const char* last = begin;
  bool fast = true;
  {
    Handler h(*b, options, begin, &last);
    fast = detail::parse_json_fast(begin, end, h, &last) != detail::FastJson::careful;
  }
  if (!fast) {
    b.emplace(options, FileFormat::json);
    last = begin;
    Handler h(*b, options, begin, &last);
    (void)nlohmann::json::sax_parse(TrackingIterator{begin, &last}, TrackingIterator{end, &last}, &h);
  }
  return finish(*b);
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
          out += hex[static_cast<unsigned char>(c) & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

std::string json_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json_string(out, s);
  return out;
}

std::string write_json(const Backlog& b) {
  std::string out = "{\"features\": [";
  const auto& attrs = b.attributes();
  const bool parents = b.has_parents();  // the field only when there is a hierarchy
  const auto m = b.matrix();
  for (FeatureIndex i = 0; i < b.size(); ++i) {
    out += i == 0 ? "\n  {" : ",\n  {";
    out += "\"id\": ";
    append_json_string(out, b.id(i));
    out += ", \"title\": ";
    append_json_string(out, b.title(i));
    for (std::size_t a = 0; a < attrs.size(); ++a) {
      out += ", ";
      append_json_string(out, attrs[a]);
      out += ": ";
      const double v = m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(a));
      out += std::isnan(v) ? "null" : detail::exact_number(v, "-0.0");  // "-0" would read back as the integer 0
    }
    out += ", \"moscow\": ";
    if (b.moscow(i) == Moscow::unset) out += "null";
    else append_json_string(out, to_string(b.moscow(i)));
    out += ", \"depends_on\": [";
    bool first = true;
    for (const auto& d : b.depends_on(i)) {
      if (!first) out += ", ";
      first = false;
      append_json_string(out, d);
    }
    out += ']';
    if (parents) {
      out += ", \"parent\": ";
      if (b.parent(i).empty()) out += "null";
      else append_json_string(out, b.parent(i));
    }
    out += '}';
  }
  out += b.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace v1
}  // namespace prio
