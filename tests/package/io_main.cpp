// prio::io from a consumer: reads the backlog file named on the command line,
// reports its diagnostics with their positions, ranks it dependency-aware.
#include <prio/io.hpp>
#include <prio/order.hpp>
#include <prio/score.hpp>
#include <prio/strategies/rice.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer_io BACKLOG.csv\n";
    return 2;
  }
  const prio::ReadResult r = prio::read_backlog(argv[1]);
  for (const prio::Diagnostic& d : r.diagnostics) std::cerr << d.to_string() << '\n';
  if (!r.ok()) return 1;
  const prio::Scores s = prio::score(r.backlog, prio::rice());
  const prio::DependencyGraph g(r.backlog);
  for (prio::FeatureIndex i : prio::order(g, s)) std::cout << r.backlog.id(i) << '\n';
}
