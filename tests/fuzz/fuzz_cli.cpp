// libFuzzer target: the command line. The input, split at NUL bytes, is the
// argument list after "prio"; every command runs in a scratch directory with
// a small backlog (b.csv, b.json), weights (w), a column map (m) and bundles
// (bundles.csv). Checked: no crash or sanitizer report, the exit code is 0, 1
// or 2, a failure always says why on stderr, and no stderr line echoes a huge
// argument whole.
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common.hpp"

namespace {

void write_file(const char* name, const char* text) { std::ofstream(name, std::ios::binary) << text; }

void write_scratch_files() {
  write_file("b.csv",
             "id,title,moscow,depends_on,reach,reach_lo,reach_hi,impact,confidence,effort,retention,revenue\n"
             "sso,Single sign-on,Must,,1200,900,1600,2,80%,4,8,9\n"
             "audit,Audit log,Should,sso,600,,,1,80%,2,5,3\n"
             "dark,Dark mode,Could,,5000,,,0.5,100%,1,1,2\n"
             "api,Public API,Won't,audit,800,600,1200,2,50%,6,5,8\n");
  write_file("b.json",
             "{\"features\": [{\"id\": \"sso\", \"title\": \"SSO\", \"reach\": 1200, \"impact\": 2, \"confidence\": 0.8, \"effort\": 4, "
             "\"moscow\": \"must\"}, {\"id\": \"dark\", \"reach\": 5000, \"impact\": 0.5, \"confidence\": 1, \"effort\": 1, "
             "\"depends_on\": [\"sso\"]}]}\n");
  write_file("w", "retention = 0.5\nrevenue = 0.3\neffort = -0.2\n");
  write_file("m", "# column map\nreach = reach\n");
  write_file("bundles.csv", "bundle,value,features\nacme,100,sso;audit\nglobex,30,dark\n");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char dir[] = "/tmp/prio-fuzz-cli-XXXXXX";
  if (!::mkdtemp(dir) || ::chdir(dir) != 0) std::abort();
  write_scratch_files();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args{"prio"};
  std::string cur;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(cur);
      cur.clear();
    } else {
      cur += static_cast<char>(data[i]);
    }
  }
  args.push_back(cur);
  if (args.size() > 24) return 0;
  bool writes = false;
  for (const auto& a : args) {
    // Stay in the scratch directory and off standard input; keep runs short.
    if (a.find('/') != std::string::npos || a == "-" || a.starts_with("--thr") || a.starts_with("--time")) return 0;
    char* end = nullptr;
    const double v = std::strtod(a.c_str(), &end);
    if (!a.empty() && end == a.c_str() + a.size() && !(std::fabs(v) <= 300)) return 0;
    writes = writes || a.starts_with("-o") || a.starts_with("--o");
  }
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int rc = prio::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  if (rc < 0 || rc > 2) __builtin_trap();
  if (rc != 0 && err.str().empty()) __builtin_trap();
  std::istringstream lines(err.str());
  for (std::string line; std::getline(lines, line);)
    if (line.size() > 2000) __builtin_trap();
  if (writes) write_scratch_files();  // -o may have replaced a scratch file
  return 0;
}
