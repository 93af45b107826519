// Test-only reader for the release-planning layout of ../shared/data/release-planning/*.json:
// pbis_cost, stakeholders_importances, stakeholders_pbis_priorities, dependencies.
#pragma once

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace prio_test {

struct ReleasePlanning {
  Eigen::VectorXd cost;                       // per item
  Eigen::VectorXd importance;                 // per stakeholder
  Eigen::MatrixXd priorities;                 // stakeholders x items
  std::vector<std::vector<int>> dependencies; // per item: the items it implies (0-based)
};

/// Reads the file, or std::nullopt when it does not exist. Throws on a malformed file.
inline std::optional<ReleasePlanning> read_release_planning(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  const nlohmann::json j = nlohmann::json::parse(in);
  ReleasePlanning r;
  const auto& cost = j.at("pbis_cost");
  const auto& imp = j.at("stakeholders_importances");
  const auto& pri = j.at("stakeholders_pbis_priorities");
  const auto n = static_cast<Eigen::Index>(cost.size()), m = static_cast<Eigen::Index>(imp.size());
  r.cost.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) r.cost[i] = cost.at(static_cast<std::size_t>(i)).get<double>();
  r.importance.resize(m);
  for (Eigen::Index s = 0; s < m; ++s) r.importance[s] = imp.at(static_cast<std::size_t>(s)).get<double>();
  r.priorities.resize(m, n);
  for (Eigen::Index s = 0; s < m; ++s)
    for (Eigen::Index i = 0; i < n; ++i)
      r.priorities(s, i) = pri.at(static_cast<std::size_t>(s)).at(static_cast<std::size_t>(i)).get<double>();
  for (const auto& d : j.at("dependencies")) {
    std::vector<int> deps;
    if (!d.is_null())
      for (const auto& x : d) deps.push_back(x.get<int>());
    r.dependencies.push_back(std::move(deps));
  }
  return r;
}

}  // namespace prio_test
