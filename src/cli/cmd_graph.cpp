// prio graph: the dependency graph with scores and positions in the order the
// user asked for, as Graphviz DOT, or as SVG rendered by Graphviz's `dot`.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "prio/graph.hpp"
#include "prio/score.hpp"

extern char** environ;

namespace prio::cli {

namespace {

struct GraphArgs {
  InputArgs input;
  StrategyArgs strategy;
  OutputArgs output;
  std::string order = "greedy";
  std::string done;
};

[[noreturn]] void no_dot(const std::string& why) {
  throw prio::error(errc::io_error,
                    "--format svg renders through Graphviz's `dot`, which " + why +
                        ": install Graphviz (Debian: apt-get install graphviz) or write DOT (--format dot) and render it elsewhere",
                    Location{{}, "format", {}, 0, 0});
}

// Runs `dot -Tsvg` on the DOT text (through a temporary file) and returns its output.
std::string render_svg(const std::string& dot) {
  std::string dir = std::filesystem::temp_directory_path().string();
  std::string path = dir + "/prio-graph-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) no_dot("could not be given its input (" + std::string(std::strerror(errno)) + ")");
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove_later{path};
  const bool written = ::write(fd, dot.data(), dot.size()) == static_cast<ssize_t>(dot.size());
  ::close(fd);
  if (!written) no_dot("could not be given its input");
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0) no_dot("could not be started");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fd[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fd[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_fd[1]);
  std::string a0 = "dot", a1 = "-Tsvg";
  char* argv[] = {a0.data(), a1.data(), path.data(), nullptr};
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fd[1]);
  if (rc != 0) {
    ::close(pipe_fd[0]);
    no_dot(rc == ENOENT ? "is not installed (not found on PATH)" : "could not be started (" + std::string(std::strerror(rc)) + ")");
  }
  std::string svg;
  char buf[65536];
  for (ssize_t n; (n = ::read(pipe_fd[0], buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    svg.append(buf, static_cast<std::size_t>(n));
  }
  ::close(pipe_fd[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || svg.empty())
    no_dot(WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "is not installed (not found on PATH)" : "failed to render the graph");
  return svg;
}

int run(const GraphArgs& a, Context& ctx) {
  const Strategy strategy = make_strategy(a.strategy);
  auto read = load_backlog(a.input, ctx, &strategy);
  if (!read) return exit_invalid_input;
  if (!check_backlog(*read, strategy, ctx)) return exit_invalid_input;
  const Backlog& b = read->backlog;
  check_order(b, a.order);
  const Scores scores = strategy.score(b);
  const DependencyGraph g(b);
  DotOptions o;
  if (a.order != "none") {
    o.order = order_features(b, scores, a.order);  // the positions `prio rank --order` lists
    o.order_name = a.order;
  }
  o.done = parse_id_list(b, a.done, "--done");
  std::string text = to_dot(g, b, scores, o);
  if (a.output.format == "svg" || a.output.output.ends_with(".svg")) text = render_svg(text);
  write_output(a.output.output, text, ctx);
  return exit_ok;
}

}  // namespace

void register_graph(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<GraphArgs>();
  CLI::App* cmd = add_command(app, ctx, "graph",
                              "Write the dependency graph as Graphviz DOT (or SVG through Graphviz's dot): each feature with its score and "
                              "its position in the --order that prio rank lists, ready and blocked features styled apart, a legend",
                              "prio graph examples/backlog.csv --by wsjf --order greedy -o graph.svg",
                              [args, &ctx] { return run(*args, ctx); });
  add_input_options(cmd, args->input);
  add_strategy_options(cmd, args->strategy);
  cmd->add_option("--order", args->order,
                  "The order whose positions (#n) label the features, as in prio rank: greedy | inherited | value-density | none (by score alone)")
      ->capture_default_str();
  cmd->add_option("--done", args->done, "Features already done, comma-separated: the others are ready or blocked");
  add_output_options(cmd, args->output, {"dot", "svg"});
}

}  // namespace prio::cli
