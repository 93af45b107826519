// Errors, versions and strings of the C ABI.
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <utility>

#include "internal.hpp"
#include "io/report.hpp"
#include "prio/version.hpp"

static_assert(PRIO_E_DUPLICATE_ID == static_cast<int>(prio::errc::duplicate_id));
static_assert(PRIO_E_EMPTY_ID == static_cast<int>(prio::errc::empty_id));
static_assert(PRIO_E_UNKNOWN_FEATURE == static_cast<int>(prio::errc::unknown_feature));
static_assert(PRIO_E_NON_FINITE_VALUE == static_cast<int>(prio::errc::non_finite_value));
static_assert(PRIO_E_MISSING_VALUE == static_cast<int>(prio::errc::missing_value));
static_assert(PRIO_E_INVALID_VALUE == static_cast<int>(prio::errc::invalid_value));
static_assert(PRIO_E_UNKNOWN_ATTRIBUTE == static_cast<int>(prio::errc::unknown_attribute));
static_assert(PRIO_E_SIZE_MISMATCH == static_cast<int>(prio::errc::size_mismatch));
static_assert(PRIO_E_UNKNOWN_DEPENDENCY == static_cast<int>(prio::errc::unknown_dependency));
static_assert(PRIO_E_SELF_DEPENDENCY == static_cast<int>(prio::errc::self_dependency));
static_assert(PRIO_E_CYCLE == static_cast<int>(prio::errc::cycle));
static_assert(PRIO_E_INVALID_WEIGHT == static_cast<int>(prio::errc::invalid_weight));
static_assert(PRIO_E_INVALID_ARGUMENT == static_cast<int>(prio::errc::invalid_argument));
static_assert(PRIO_E_PARSE_ERROR == static_cast<int>(prio::errc::parse_error));
static_assert(PRIO_E_IO_ERROR == static_cast<int>(prio::errc::io_error));
static_assert(PRIO_W_DUPLICATE_DEPENDENCY == static_cast<int>(prio::errc::duplicate_dependency));
static_assert(PRIO_W_MOSCOW_SHARE == static_cast<int>(prio::errc::moscow_share));
static_assert(PRIO_W_EFFORT_MISSING == static_cast<int>(prio::errc::effort_missing));
static_assert(PRIO_W_MOSCOW_UNSET == static_cast<int>(prio::errc::moscow_unset));
static_assert(PRIO_W_MUST_NOT_FIRST == static_cast<int>(prio::errc::must_not_first));
static_assert(PRIO_W_UNMATCHED_METRICS == static_cast<int>(prio::errc::unmatched_metrics));
static_assert(PRIO_W_NO_METRICS == static_cast<int>(prio::errc::no_metrics));
static_assert(PRIO_W_IGNORED_LINK == static_cast<int>(prio::errc::ignored_link));
static_assert(PRIO_W_MORE_PROBLEMS == static_cast<int>(prio::errc::more_problems));

namespace prio::capi {

namespace {

// Thrown by fail_on_errors: the diagnostics behind one error.
struct diagnostics_error : error {
  diagnostics_error(const Diagnostic& first, std::vector<Diagnostic> all)
      : error(first.code, first.message, first.where), line(first.to_string()), diagnostics(std::move(all)) {}
  std::string line;
  std::vector<Diagnostic> diagnostics;
};

std::string diagnostics_json(const std::vector<Diagnostic>& ds) {
  return "{\"schema\": 1, \"diagnostics\": " + report::diagnostics_array(ds) + "}\n";
}

// The error stored when even an error object cannot be allocated. Constant;
// prio_error_free leaves it alone.
const prio_error out_of_memory_error{PRIO_E_OUT_OF_MEMORY, "out of memory", "out of memory", {}, {}, {}, 0, 0,
                                     "{\"schema\": 1, \"diagnostics\": []}\n"};

void store(prio_error** err, prio_error* e) noexcept {
  if (!err) {
    if (e != &out_of_memory_error) delete e;
    return;
  }
  prio_error_free(*err);
  *err = e;
}

prio_error* make(const error& e, std::string message, const std::vector<Diagnostic>& ds) {
  auto out = std::make_unique<prio_error>();
  out->code = static_cast<int>(e.code());
  out->message = std::move(message);
  out->description = e.description();
  out->feature = e.where().feature;
  out->field = e.where().field;
  out->file = e.where().file;
  out->line = e.where().line;
  out->column = e.where().column;
  out->diagnostics_json = diagnostics_json(ds);
  return out.release();
}

}  // namespace

void fail(errc code, std::string description, Location where) { throw error(code, std::move(description), std::move(where)); }

void require(const void* p, const char* function, const char* name) {
  if (!p) fail(errc::invalid_argument, std::string(function) + ": " + name + " is NULL");
}

void fail_on_errors(std::vector<Diagnostic> diagnostics, const ReadResult* read) {
  if (read)
    for (auto& d : diagnostics) read->locate(d);
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) throw diagnostics_error(d, std::move(diagnostics));
}

void store_current_exception(prio_error** err) noexcept {
  try {
    try {
      throw;
    } catch (const diagnostics_error& e) {
      store(err, make(e, e.line, e.diagnostics));
    } catch (const error& e) {
      Diagnostic d{.severity = Severity::error, .code = e.code(), .where = e.where(), .message = e.description()};
      store(err, make(e, e.what(), {d}));
    } catch (const std::bad_alloc&) {
      store(err, const_cast<prio_error*>(&out_of_memory_error));
    } catch (const std::exception& e) {
      const error internal(errc::invalid_argument, std::string("internal error: ") + e.what());
      prio_error* p = make(internal, internal.description(), {});
      p->code = PRIO_E_INTERNAL;
      store(err, p);
    } catch (...) {
      const error internal(errc::invalid_argument, "internal error: unknown exception");
      prio_error* p = make(internal, internal.description(), {});
      p->code = PRIO_E_INTERNAL;
      store(err, p);
    }
  } catch (...) {  // allocating the error failed
    store(err, const_cast<prio_error*>(&out_of_memory_error));
  }
}

char* to_c_string(std::string_view s, std::size_t* size) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) throw std::bad_alloc();
  if (!s.empty()) std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  if (size) *size = s.size();
  return out;
}

}  // namespace prio::capi

extern "C" {

unsigned prio_version(void) { return PRIO_VERSION_MAJOR * 10000u + PRIO_VERSION_MINOR * 100u + PRIO_VERSION_PATCH; }
const char* prio_version_string(void) { return PRIO_VERSION_STRING; }

int prio_error_code(const prio_error* err) { return err ? err->code : PRIO_OK; }

const char* prio_error_code_name(int code) {
  switch (code) {
    case PRIO_OK: return "ok";
    case PRIO_E_OUT_OF_MEMORY: return "out_of_memory";
    case PRIO_E_INTERNAL: return "internal";
    default: break;
  }
  const std::string_view name = prio::to_string(static_cast<prio::errc>(code));
  return name.data();  // a string literal: NUL-terminated
}

const char* prio_error_message(const prio_error* err) { return err ? err->message.c_str() : ""; }
const char* prio_error_description(const prio_error* err) { return err ? err->description.c_str() : ""; }
const char* prio_error_feature(const prio_error* err) { return err ? err->feature.c_str() : ""; }
const char* prio_error_field(const prio_error* err) { return err ? err->field.c_str() : ""; }
const char* prio_error_file(const prio_error* err) { return err ? err->file.c_str() : ""; }
size_t prio_error_line(const prio_error* err) { return err ? err->line : 0; }
size_t prio_error_column(const prio_error* err) { return err ? err->column : 0; }
const char* prio_error_diagnostics_json(const prio_error* err) {
  return err ? err->diagnostics_json.c_str() : "{\"schema\": 1, \"diagnostics\": []}\n";
}

void prio_error_free(prio_error* err) {
  if (err != &prio::capi::out_of_memory_error) delete err;
}

void prio_string_free(char* s) { std::free(s); }

}  // extern "C"
