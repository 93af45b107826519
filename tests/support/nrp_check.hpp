// An independent check of a Next Release Problem answer against the instance
// file as read (not the solver's instance): budget, cost, prerequisite closure,
// satisfied customers and value are all recomputed from the selection alone.
// Used by tests/unit/nrp.cpp and bench/nrp.cpp.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <prio/nrp.hpp>

namespace prio_test {

/// The published facts of one instance at one cost ratio
/// (../shared/data/README.md: ILP optima, and the BMA values of Xuan et al. 2012).
struct NrpKnown {
  const char* file;
  double ratio, optimum, bma;
};

inline const std::vector<NrpKnown>& nrp_known() {
  static const std::vector<NrpKnown> k{
      {"classic/nrp1.txt", 0.3, 1204, 1201},      {"classic/nrp1.txt", 0.5, 1840, 1824},      {"classic/nrp2.txt", 0.3, 4970, 4726},
      {"classic/nrp2.txt", 0.5, 8065, 7566},      {"classic/nrp3.txt", 0.3, 7488, 7123},      {"classic/nrp3.txt", 0.5, 11159, 10897},
      {"classic/nrp4.txt", 0.3, 10690, 9818},     {"classic/nrp4.txt", 0.5, 15985, 15025},    {"classic/nrp5.txt", 0.3, 18510, 17200},
      {"classic/nrp5.txt", 0.5, 24701, 24240},    {"realistic/nrp-e1.txt", 0.3, 7919, 7572},  {"realistic/nrp-e1.txt", 0.5, 11071, 10664},
      {"realistic/nrp-e2.txt", 0.3, 7446, 7169},  {"realistic/nrp-e2.txt", 0.5, 10381, 10098}, {"realistic/nrp-e3.txt", 0.3, 6666, 6461},
      {"realistic/nrp-e3.txt", 0.5, 9362, 9175},  {"realistic/nrp-e4.txt", 0.3, 5814, 5692},  {"realistic/nrp-e4.txt", 0.5, 8174, 8043},
      {"realistic/nrp-g1.txt", 0.3, 6130, 5938},  {"realistic/nrp-g1.txt", 0.5, 8897, 8714},  {"realistic/nrp-g2.txt", 0.3, 4580, 4526},
      {"realistic/nrp-g2.txt", 0.5, 6553, 6502},  {"realistic/nrp-g3.txt", 0.3, 5932, 5802},  {"realistic/nrp-g3.txt", 0.5, 8501, 8402},
      {"realistic/nrp-g4.txt", 0.3, 4218, 4190},  {"realistic/nrp-g4.txt", 0.5, 6063, 6030},  {"realistic/nrp-m1.txt", 0.3, 10770, 10008},
      {"realistic/nrp-m1.txt", 0.5, 15540, 14588}, {"realistic/nrp-m2.txt", 0.3, 8707, 8272}, {"realistic/nrp-m2.txt", 0.5, 12585, 11975},
      {"realistic/nrp-m3.txt", 0.3, 10391, 9559}, {"realistic/nrp-m3.txt", 0.5, 15096, 14138}, {"realistic/nrp-m4.txt", 0.3, 7777, 7408},
      {"realistic/nrp-m4.txt", 0.5, 11369, 10893},
  };
  return k;
}

/// The README's claim at seed 1: every value within this fraction of the
/// optimum (0.89% is the widest gap there; over seeds 1-4 the spread is wider
/// for some seeds and narrower for others, with either generator: see README).
inline constexpr double nrp_stated_gap = 0.0090;

/// nrp_stated_gap as the README writes it ("0.90%").
inline std::string stated_gap_percent() {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * nrp_stated_gap);
  return buf;
}

/// Problems with `sol` for the file at `ratio` (empty: none). Checks the
/// selection's own facts; `known` adds value >= BMA, value <= optimum and the
/// stated gap.
inline std::vector<std::string> check_nrp_answer(const prio::NrpFile& f, double ratio, const prio::NrpSolution& sol,
                                                 const NrpKnown* known = nullptr) {
  std::vector<std::string> bad;
  const std::size_t n = f.cost.size();
  std::vector<char> in(n, 0);
  for (const auto r : sol.selected) {
    if (r >= n) {
      bad.push_back("selected requirement " + std::to_string(r) + " does not exist");
      return bad;
    }
    if (in[r]) bad.push_back("requirement " + std::to_string(r) + " selected twice");
    in[r] = 1;
  }
  double total = 0, cost = 0;
  for (std::size_t r = 0; r < n; ++r) {
    total += f.cost[r];
    if (in[r]) cost += f.cost[r];
  }
  // Budget: ratio x total cost rounded half up (the costs are integers).
  const double budget = std::floor(ratio * total + 0.5 + 1e-7);
  if (cost != sol.cost) bad.push_back("cost " + std::to_string(cost) + " but the solver says " + std::to_string(sol.cost));
  if (cost > budget) bad.push_back("cost " + std::to_string(cost) + " over the budget " + std::to_string(budget));
  for (const auto& [a, b] : f.dependencies)
    if (in[b] && !in[a]) bad.push_back("requirement " + std::to_string(b) + " selected without its prerequisite " + std::to_string(a));
  double value = 0;
  std::vector<std::uint32_t> satisfied;
  for (std::size_t c = 0; c < f.customers.size(); ++c) {
    bool all = true;
    for (const auto r : f.customers[c].requests) all = all && in[r];
    if (all) {
      value += f.customers[c].profit;
      satisfied.push_back(static_cast<std::uint32_t>(c));
    }
  }
  if (value != sol.value) bad.push_back("value " + std::to_string(value) + " but the solver says " + std::to_string(sol.value));
  if (satisfied != sol.satisfied) bad.push_back("the satisfied customers differ from the solver's");
  if (known) {
    if (value < known->bma) bad.push_back("value " + std::to_string(value) + " below the published BMA " + std::to_string(known->bma));
    if (value > known->optimum) bad.push_back("value " + std::to_string(value) + " above the proven optimum");
    if (value < (1 - nrp_stated_gap) * known->optimum)
      bad.push_back("value " + std::to_string(value) + " more than " + stated_gap_percent() + " below the optimum " +
                    std::to_string(known->optimum));
  }
  return bad;
}

}  // namespace prio_test
