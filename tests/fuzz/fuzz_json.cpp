// libFuzzer target: the JSON reader never crashes, and whatever it accepts
// round-trips through write_json exactly.
#include <prio/io.hpp>
#include <prio/validate.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto r = prio::read_json(text, {.file_name = "fuzz.json", .max_diagnostics = 8});
  for (const auto& d : r.diagnostics) (void)d.to_string();
  if (!r.ok()) return 0;
  auto diags = prio::validate(r.backlog);
  for (auto& d : diags) r.locate(d);
  const std::string json = prio::write_json(r.backlog);
  const auto again = prio::read_json(json, {.percent_columns = {}});
  if (!again.ok() || prio::write_json(again.backlog) != json) __builtin_trap();
  return 0;
}
