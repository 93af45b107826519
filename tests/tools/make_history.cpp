// Writes a realistic generated history of delivered features as CSV
// (tests/support/history_generator.hpp has the model). Deterministic:
//   make_history [FEATURES] [SEED] > examples/history.csv
// examples/history.csv is `make_history 240 2026`; a test regenerates it and
// compares.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <prio/io.hpp>

#include "history_generator.hpp"

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 240;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2026;
  std::vector<std::string> teams;
  const prio::Backlog h =
      prio::test::make_history({.features = n, .seed = seed, .noise = 0.5, .teams = true, .missing_share = 0.04}, &teams);
  const char* columns[] = {"reach",        "impact",  "confidence", "effort",        "business_value",
                           "time_criticality", "risk_reduction", "job_size", "retention", "revenue", "actual_effort", "realized_value"};
  std::string out = "id,title,team";
  for (const char* c : columns) out += std::string(",") + c;
  out += "\n";
  for (prio::FeatureIndex i = 0; i < h.size(); ++i) {
    out += h.id(i) + "," + h.title(i) + "," + teams[i];
    for (const char* c : columns) out += "," + prio::format_number(h.value(i, c));
    out += "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
