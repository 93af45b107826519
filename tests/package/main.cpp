// The core contract from the README, compiled against the installed package.
#include <prio/prio.hpp>

#include <iostream>

int main() {
  prio::Backlog b;
  b.add(prio::Feature{.id = "sso", .title = "Single sign-on",
                      .attributes = {{"reach", 2000}, {"impact", 2}, {"confidence", 0.8}, {"effort", 4}},
                      .moscow = prio::Moscow::must});
  b.add(prio::Feature{.id = "dark-mode", .title = "Dark mode",
                      .attributes = {{"reach", 5000}, {"impact", 0.5}, {"confidence", 1.0}, {"effort", 1}},
                      .moscow = prio::Moscow::could, .depends_on = {"sso"}});
  const prio::Scores s = prio::score(b, prio::rice());
  for (prio::FeatureIndex i : prio::rank(s)) std::cout << b.id(i) << ' ' << s[i] << '\n';
  for (prio::FeatureIndex i : prio::rank(prio::score(b, prio::moscow(prio::rice())))) std::cout << b.id(i) << '\n';
  std::cout << prio::explain(b, prio::rice(), b.index_of("sso")) << '\n';
  // Dependency-aware ordering.
  const prio::DependencyGraph g(b);
  for (prio::FeatureIndex i : prio::order(g, s)) std::cout << b.id(i) << '\n';  // sso, dark-mode
  auto o2 = prio::order(g, s, prio::inherited());
  auto o3 = prio::order(g, s, prio::value_density(b.column("effort")));
  std::vector<prio::FeatureIndex> next = prio::ready(g, std::vector<prio::FeatureIndex>{});  // {sso}
  std::cout << "inherited: " << b.id(o2[0]) << ' ' << b.id(o2[1]) << '\n';
  std::cout << "value-density: " << b.id(o3[0]) << ' ' << b.id(o3[1]) << '\n';
  std::cout << "ready: " << b.id(next.at(0)) << " (" << next.size() << ")\n";
  try {
    prio::Backlog c;  // a needs b and b needs a
    c.add(prio::Feature{.id = "a", .depends_on = {"b"}});
    c.add(prio::Feature{.id = "b", .depends_on = {"a"}});
    const prio::DependencyGraph cg(c);
  } catch (const prio::cycle_error& e) {
    std::cout << e.cycles().size() << " cycle:";
    for (const auto& id : e.cycles().front()) std::cout << ' ' << id;
    std::cout << '\n';
  }
  std::cout << "version " << prio::version().major << '.' << prio::version().minor << '.' << prio::version().patch << '\n';
}
