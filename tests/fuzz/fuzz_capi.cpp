// libFuzzer target: the C ABI's text and JSON entry points never crash and
// never leak. An input is BACKLOG [NUL OPTIONS]: the backlog as JSON when it
// starts with '{', CSV otherwise; the options (JSON text) go to every call
// that takes options. A call either succeeds or returns an error object.
#include <prio/c.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace {
void check_json(char* json, prio_error* err) {
  if (!json && !err) __builtin_trap();  // a failure without an error object
  if (json && std::strncmp(json, "{\"schema\": 1", 12) != 0) __builtin_trap();
  prio_string_free(json);
  prio_error_free(err);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string text = input.substr(0, nul);
  const std::string options = nul == std::string::npos ? std::string() : input.substr(nul + 1);
  const char* opts = nul == std::string::npos ? nullptr : options.c_str();
  prio_error* err = nullptr;
  prio_backlog* b = !text.empty() && text[0] == '{' ? prio_backlog_from_json(text.data(), text.size(), nullptr, &err)
                                                    : prio_backlog_from_csv(text.data(), text.size(), nullptr, &err);
  if (!b) {
    if (!err || prio_error_code(err) == 0) __builtin_trap();
    (void)prio_error_diagnostics_json(err);
    prio_error_free(err);
    return 0;
  }
  // An accepted backlog's hierarchy is valid: each parent is another feature.
  for (std::size_t i = 0; i < prio_backlog_size(b); ++i) {
    const char* parent = prio_backlog_parent(b, i);
    if (!parent) continue;
    prio_error* e = nullptr;
    const std::size_t j = prio_backlog_find(b, parent, &e);
    if (j == SIZE_MAX || j == i) __builtin_trap();
  }
  prio_ranking* r = prio_rank_with_options(b, opts, &err);
  if (r) {
    for (std::size_t i = 0; i < prio_ranking_size(r); ++i)
      if (!prio_ranking_id(r, i)) __builtin_trap();
    prio_error* e2 = nullptr;
    check_json(prio_ranking_to_json(r, nullptr, &e2), e2);
  } else if (!err) {
    __builtin_trap();
  }
  prio_ranking_free(r);
  prio_error_free(err);
  err = nullptr;
  check_json(prio_validate_json(b, opts, nullptr, &err), err);
  err = nullptr;
  check_json(prio_ready_json(b, opts, nullptr, &err), err);
  err = nullptr;
  check_json(prio_compare_json(b, opts, nullptr, &err), err);
  err = nullptr;
  check_json(prio_sensitivity_json(b, opts ? opts : "{\"weights\": \"reach=1,effort=-1\"}", nullptr, &err), err);
  err = nullptr;
  check_json(prio_plan_json(b, opts ? opts : "{\"capacity\": 5}", nullptr, &err), err);
  err = nullptr;
  if (prio_backlog_size(b) > 0) check_json(prio_explain_json(b, prio_backlog_id(b, 0), nullptr, opts, nullptr, &err), err);
  err = nullptr;
  if (!opts) {  // the options could ask for 10^9 draws
    prio_simulation* s = prio_simulate(b, "{\"draws\": 20, \"seed\": 3}", &err);
    if (s) check_json(prio_simulation_to_json(s, nullptr, &err), err);
    else prio_error_free(err);
    prio_simulation_free(s);
  }
  prio_backlog_free(b);
  return 0;
}
