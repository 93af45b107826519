// Backlogs through the C ABI: read from files and texts, columns borrowed without copies.
#include <string>
#include <utility>

#include "internal.hpp"
#include "options.hpp"

namespace prio::capi {
namespace {

prio_backlog* own(ReadResult r) {
  fail_on_errors(r.diagnostics, nullptr);  // reader diagnostics already carry file:line:column
  auto out = std::make_unique<prio_backlog>();
  out->read = std::make_shared<const ReadResult>(std::move(r));
  return out.release();
}

prio_backlog* from_text(const char* text, std::size_t size, const char* options_json, FileFormat format, const char* function) {
  if (size > 0) require(text, function, "text");
  ReadOptions o = read_options(options_json, function);
  std::string s(text ? text : "", size);
  return own(format == FileFormat::csv ? read_csv(std::move(s), o) : read_json(std::move(s), o));
}

}  // namespace
}  // namespace prio::capi

using namespace prio::capi;

extern "C" {

prio_backlog* prio_backlog_read_file(const char* path, prio_error** err) {
  return guarded(err, static_cast<prio_backlog*>(nullptr), [&] {
    require(path, "prio_backlog_read_file", "path");
    return own(prio::read_backlog(path));
  });
}

prio_backlog* prio_backlog_from_csv(const char* text, size_t size, const char* options_json, prio_error** err) {
  return guarded(err, static_cast<prio_backlog*>(nullptr),
                 [&] { return from_text(text, size, options_json, prio::FileFormat::csv, "prio_backlog_from_csv"); });
}

prio_backlog* prio_backlog_from_json(const char* text, size_t size, const char* options_json, prio_error** err) {
  return guarded(err, static_cast<prio_backlog*>(nullptr),
                 [&] { return from_text(text, size, options_json, prio::FileFormat::json, "prio_backlog_from_json"); });
}

void prio_backlog_free(prio_backlog* backlog) { delete backlog; }

size_t prio_backlog_size(const prio_backlog* backlog) { return backlog ? backlog->backlog().size() : 0; }

const char* prio_backlog_id(const prio_backlog* backlog, size_t i) {
  if (!backlog || i >= backlog->backlog().size()) return nullptr;
  return backlog->backlog().id(static_cast<prio::FeatureIndex>(i)).c_str();
}

const char* prio_backlog_title(const prio_backlog* backlog, size_t i) {
  if (!backlog || i >= backlog->backlog().size()) return nullptr;
  return backlog->backlog().title(static_cast<prio::FeatureIndex>(i)).c_str();
}

const char* prio_backlog_parent(const prio_backlog* backlog, size_t i) {
  if (!backlog || i >= backlog->backlog().size()) return nullptr;
  const std::string& parent = backlog->backlog().parent(static_cast<prio::FeatureIndex>(i));
  return parent.empty() ? nullptr : parent.c_str();
}

size_t prio_backlog_find(const prio_backlog* backlog, const char* id, prio_error** err) {
  return guarded(err, SIZE_MAX, [&]() -> size_t {
    require(backlog, "prio_backlog_find", "backlog");
    require(id, "prio_backlog_find", "id");
    return find_ids(backlog->backlog(), {id}, "prio_backlog_find").front();
  });
}

size_t prio_backlog_attribute_count(const prio_backlog* backlog) { return backlog ? backlog->backlog().attributes().size() : 0; }

const char* prio_backlog_attribute_name(const prio_backlog* backlog, size_t k) {
  if (!backlog || k >= backlog->backlog().attributes().size()) return nullptr;
  return backlog->backlog().attributes()[k].c_str();
}

const double* prio_backlog_column(const prio_backlog* backlog, const char* name, prio_error** err) {
  return guarded(err, static_cast<const double*>(nullptr), [&]() -> const double* {
    require(backlog, "prio_backlog_column", "backlog");
    require(name, "prio_backlog_column", "name");
    const prio::Backlog& b = backlog->backlog();
    if (!b.has_attribute(name))
      fail(prio::errc::unknown_attribute, std::string("prio_backlog_column: the backlog has no column '") + name + "'",
           prio::Location{{}, name, {}, 0, 0});
    return b.column(name).data();
  });
}

char* prio_backlog_to_json(const prio_backlog* backlog, size_t* size, prio_error** err) {
  return guarded(err, static_cast<char*>(nullptr), [&] {
    require(backlog, "prio_backlog_to_json", "backlog");
    return to_c_string(prio::write_json(backlog->backlog()), size);
  });
}

char* prio_backlog_to_csv(const prio_backlog* backlog, size_t* size, prio_error** err) {
  return guarded(err, static_cast<char*>(nullptr), [&] {
    require(backlog, "prio_backlog_to_csv", "backlog");
    return to_c_string(prio::write_csv(backlog->backlog()), size);
  });
}

}  // extern "C"
