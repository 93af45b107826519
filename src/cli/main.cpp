// The `prio` command-line tool: runs prio::cli::run_cli (app.cpp) and maps
// every outcome to an exit code (0 ok, 1 invalid input or a failed write,
// 2 usage error).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "common.hpp"

int main(int argc, char** argv) {
  // A closed standard stream must stay closed for prio's writes (they fail,
  // and that is reported), not become the next file prio opens: hold its
  // number with /dev/null opened read-only.
  for (int fd = 0; fd <= 2; ++fd)
    if (::fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
      const int held = ::open("/dev/null", O_RDONLY);
      if (held >= 0 && held != fd) {
        ::dup2(held, fd);
        ::close(held);
      }
    }
  // SIGPIPE keeps its default (a closed pipe ends prio quietly, as for any
  // filter); when the caller ignores it, the failed write is an error below.
  int rc = prio::cli::run_cli(argc, argv, std::cout, std::cerr);
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    if (rc == prio::cli::exit_ok) {
      std::fprintf(stderr, "prio: error: cannot write to standard output: %s\n", std::strerror(errno ? errno : EIO));
      rc = prio::cli::exit_invalid_input;
    }
  }
  return rc;
}
