// Trello board JSON export. Cards are features (closed cards and cards of
// closed lists are skipped), `idShort` (#N on the card) the id, the list the
// status, `pos` the manual order; board-level custom field definitions give
// the cards' customFieldItems their names (numbers arrive as strings, list
// fields point at option ids); checklists give a completion share. Trello has
// no dependencies: "blocked by #12" in a description is read on request.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "import_common.hpp"
#include "json_position.hpp"
#include "text.hpp"

namespace prio::inline v1::detail {

namespace {

using json = nlohmann::json;
constexpr const char* at_key = "\x01" "at";  // byte offset of an object, added while parsing

const json* member(const json& o, const char* key) {
  if (!o.is_object()) return nullptr;
  const auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

std::string str(const json& o, const char* key) {
  const json* v = member(o, key);
  return v && v->is_string() ? v->get<std::string>() : std::string{};
}

bool flag(const json& o, const char* key) {
  const json* v = member(o, key);
  return v && v->is_boolean() && v->get<bool>();
}

// "Blocked by #12, #14" / "depends on https://trello.com/c/AbCd1234": the
// references after each such phrase.
std::vector<std::string> description_refs(std::string_view desc) {
  std::vector<std::string> out;
  std::string lower;
  for (char c : desc) lower += ascii_lower(c);
  for (const std::string_view phrase : {"blocked by", "depends on"}) {
    for (std::size_t at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1)) {
      std::size_t p = at + phrase.size();
      for (;;) {
        while (p < desc.size() && (desc[p] == ' ' || desc[p] == ':' || desc[p] == ',')) ++p;
        if (lower.compare(p, 4, "and ") == 0) p += 4;
        if (p < desc.size() && desc[p] == '#') {
          std::size_t e = p + 1;
          while (e < desc.size() && desc[e] >= '0' && desc[e] <= '9') ++e;
          if (e == p + 1) break;
          out.emplace_back(desc.substr(p + 1, e - p - 1));
          p = e;
          continue;
        }
        static constexpr std::string_view url = "https://trello.com/c/";
        if (lower.compare(p, url.size(), url) == 0) {
          std::size_t e = p + url.size();
          while (e < desc.size() && ((desc[e] >= '0' && desc[e] <= '9') || (desc[e] >= 'a' && desc[e] <= 'z') || (desc[e] >= 'A' && desc[e] <= 'Z'))) ++e;
          out.emplace_back(desc.substr(p + url.size(), e - p - url.size()));
          while (e < desc.size() && desc[e] != ' ' && desc[e] != ',' && desc[e] != '\n' && desc[e] != ')') ++e;  // the /slug
          p = e;
          continue;
        }
        break;
      }
    }
  }
  return out;
}

}  // namespace

ImportResult import_trello(std::string text_in, const ImportOptions& o) {
  auto text = std::make_shared<const std::string>(std::move(text_in));
  const std::string& t = *text;
  const char* begin = t.data();
  if (t.size() >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) begin += 3;
  const char* end = t.data() + t.size();
  json board;
  {
    const char* last = begin;
    std::vector<std::size_t> open;
    const json::parser_callback_t cb = [&](int, json::parse_event_t event, json& parsed) {
      if (event == json::parse_event_t::object_start) open.push_back(static_cast<std::size_t>(last - t.data()));
      if (event == json::parse_event_t::object_end && !open.empty()) {
        parsed[at_key] = open.back();
        open.pop_back();
      }
      return true;
    };
    try {
      board = json::parse(TrackingIterator{begin, &last}, TrackingIterator{end, &last}, cb);
    } catch (const json::parse_error& e) {
      std::string what = e.what();
      if (const auto k = what.find("; last read"); k != std::string::npos) what = what.substr(k + 2);
      else if (const auto m = what.find(": "); m != std::string::npos) what = what.substr(m + 2);
      const std::size_t off = e.byte > 0 ? e.byte - 1 + static_cast<std::size_t>(begin - t.data()) : 0;
      const std::string_view head = trim(std::string_view(begin, static_cast<std::size_t>(std::min<std::ptrdiff_t>(end - begin, 16))));
      if (!head.empty() && head.front() != '{' && head.front() != '[')
        return import_error(o, text, {1, 1}, "this does not look like a Trello board export (expected a JSON object with 'cards' and 'lists' arrays)");
      return import_error(o, text, position_of(t, off), "invalid JSON: " + what);
    } catch (const json::exception& e) {  // a number beyond a double's range (out_of_range 406)
      return import_error(o, text, position_of(t, json_error_offset(e, t.data(), last)), "invalid JSON: " + json_error_message(e));
    }
  }
  if (!board.is_object() || !member(board, "cards") || !(*member(board, "cards")).is_array() || !member(board, "lists") ||
      !(*member(board, "lists")).is_array())
    return import_error(o, text, {1, 1}, "this does not look like a Trello board export (expected a JSON object with 'cards' and 'lists' arrays)");

  ImportSink sink(o, FileFormat::json);
  auto pos_of = [&](const json& obj) -> CellPos {
    const json* a = member(obj, at_key);
    return a ? position_of(t, a->get<std::size_t>()) : CellPos{1, 1};
  };
  struct ListInfo {
    std::string name;
    bool closed = false;
  };
  std::unordered_map<std::string, ListInfo> lists;
  for (const auto& l : board["lists"]) lists[str(l, "id")] = {str(l, "name"), flag(l, "closed")};
  struct FieldInfo {
    std::string name, type;
    std::unordered_map<std::string, std::pair<std::string, std::size_t>> options;  // option id -> text, index
  };
  std::unordered_map<std::string, FieldInfo> fields;
  if (const json* cf = member(board, "customFields"); cf && cf->is_array())
    for (const auto& f : *cf) {
      FieldInfo info{str(f, "name"), str(f, "type"), {}};
      if (const json* opts = member(f, "options"); opts && opts->is_array())
        for (std::size_t k = 0; k < opts->size(); ++k) {
          const json* v = member((*opts)[k], "value");
          info.options[str((*opts)[k], "id")] = {v ? str(*v, "text") : std::string{}, k + 1};
        }
      fields[str(f, "id")] = std::move(info);
    }
  // Checklist completion per card.
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> checks;  // card -> complete, total
  if (const json* cl = member(board, "checklists"); cl && cl->is_array())
    for (const auto& c : *cl)
      if (const json* items = member(c, "checkItems"); items && items->is_array())
        for (const auto& it : *items) {
          auto& [done, total] = checks[str(c, "idCard")];
          ++total;
          if (str(it, "state") == "complete") ++done;
        }
  // --map NAME=FIELD reads a custom field (or a card key such as pos) under prio's name.
  auto prio_name = [&](const std::string& source) {
    for (const auto& [name, column] : o.read.column_map)
      if (iequals(column, source)) return name;
    return attribute_name_of(source);
  };
  auto ignored = [&](const std::string& source) {
    return std::find(o.read.ignore_columns.begin(), o.read.ignore_columns.end(), source) != o.read.ignore_columns.end();
  };
  {
    std::vector<std::string> known = {"pos", "due", "name", "idShort"};
    for (const auto& [id, f] : fields) known.push_back(f.name);
    for (const auto& mapping : o.read.column_map) {
      const std::string &name = mapping.first, &column = mapping.second;  // captured below: no structured bindings (clang 14)
      if (std::none_of(known.begin(), known.end(), [&](const std::string& k) { return iequals(k, column); }))
        sink.builder().report(Severity::error, errc::invalid_argument, {1, 1}, name,
                              "mapped to '" + column + "', which is neither a custom field of the board nor a card key (pos, due)");
    }
  }
  if (sink.builder().problems() > 0) return sink.finish(text, {});

  std::string scratch;
  for (const auto& card : board["cards"]) {
    if (!card.is_object() || flag(card, "closed")) continue;
    const CellPos cp = pos_of(card);
    const auto li = lists.find(str(card, "idList"));
    if (li != lists.end() && li->second.closed) continue;
    const std::string status = li != lists.end() ? li->second.name : std::string{};
    const json* short_id = member(card, "idShort");
    const std::string id = short_id && short_id->is_number_integer() ? std::to_string(short_id->get<long long>()) : std::string{};
    const bool done = iequals(trim(status), "done");
    if (done && !o.keep_done) {
      sink.skip_done(id, {str(card, "shortLink")});
      continue;
    }
    sink.begin_row(cp, member(card, at_key) ? member(card, at_key)->get<std::uint64_t>() : 0);
    if (id.empty()) sink.builder().row_problem(errc::empty_id, cp, "id", "card '" + str(card, "name") + "' has no idShort");
    else sink.builder().set_id(id, cp);
    sink.builder().set_title(str(card, "name"), cp);
    sink.set_status(status);
    if (done) sink.mark_done();
    if (const json* p = member(card, "pos"); p && p->is_number() && !ignored("pos"))
      sink.builder().set_number(sink.builder().attribute(prio_name("pos")), p->get<double>(), cp);
    if (const std::string due = str(card, "due"); !due.empty() && !ignored("due"))
      sink.set_value(sink.builder().attribute(prio_name("due")), CellKind::date, due, cp, false);
    if (const auto c = checks.find(str(card, "id")); c != checks.end() && c->second.second > 0)
      sink.builder().set_number(sink.builder().attribute("checklist_done"),
                                static_cast<double>(c->second.first) / static_cast<double>(c->second.second), cp);
    if (const json* labels = member(card, "labels"); labels && labels->is_array())
      for (const auto& l : *labels) {
        const std::string name = str(l, "name");
        sink.add_label(name.empty() ? str(l, "color") : name);  // a label may have only a colour
      }
    if (const json* items = member(card, "customFieldItems"); items && items->is_array())
      for (const auto& item : *items) {
        const auto f = fields.find(str(item, "idCustomField"));
        if (f == fields.end() || ignored(f->second.name)) continue;
        const std::string attr_name = prio_name(f->second.name);
        if (attr_name.empty()) continue;  // a custom field without a usable name: an attribute needs one
        const CellPos ip = pos_of(item);
        const std::size_t attr = sink.builder().attribute(attr_name);
        const json* v = member(item, "value");
        if (f->second.type == "list") {
          const auto opt = f->second.options.find(str(item, "idValue"));
          if (opt == f->second.options.end()) {
            sink.builder().row_problem(errc::invalid_value, ip, f->second.name, "points at an option the field does not define");
            continue;
          }
          // An option that is a number is that number; otherwise its place in the list (1 = first).
          double x = 0;
          if (clean_number(opt->second.first, false, scratch) && parse_double(scratch, x)) sink.builder().set_number(attr, x, ip);
          else sink.builder().set_number(attr, static_cast<double>(opt->second.second), ip);
        } else if (f->second.type == "checkbox") {
          sink.builder().set_number(attr, v && str(*v, "checked") == "true" ? 1.0 : 0.0, ip);
        } else if (f->second.type == "date") {
          if (v) sink.set_value(attr, CellKind::date, str(*v, "date"), ip, false);
        } else if (v) {
          const std::string raw = f->second.type == "number" ? str(*v, "number") : str(*v, "text");
          if (f->second.type == "number" || clean_number(raw, false, scratch)) sink.set_value(attr, CellKind::number, raw, ip, false);
        }
      }
    if (o.description_links)
      for (const auto& r : description_refs(str(card, "desc"))) sink.add_blocked_by({r, cp});
    if (const std::string link = str(card, "shortLink"); !link.empty()) sink.add_alias(link);
    sink.end_row();
  }
  return sink.finish(text, {});
}

}  // namespace prio::v1::detail
