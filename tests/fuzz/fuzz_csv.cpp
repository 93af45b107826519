// libFuzzer target: the CSV reader never crashes, and whatever it accepts
// round-trips through write_csv exactly.
#include <prio/io.hpp>
#include <prio/validate.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto r = prio::read_csv(text, {.file_name = "fuzz.csv", .max_diagnostics = 8, .max_cell_bytes = 4096});
  for (const auto& d : r.diagnostics) (void)d.to_string();
  if (!r.ok()) return 0;
  auto diags = prio::validate(r.backlog);
  for (auto& d : diags) r.locate(d);
  const std::string csv = prio::write_csv(r.backlog);
  const auto again = prio::read_csv(csv, {.percent_columns = {}});
  if (!again.ok() || prio::write_csv(again.backlog) != csv) __builtin_trap();
  return 0;
}
