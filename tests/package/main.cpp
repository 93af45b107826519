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
  std::cout << "version " << prio::version().major << '.' << prio::version().minor << '.' << prio::version().patch << '\n';
}
