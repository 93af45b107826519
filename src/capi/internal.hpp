// The C ABI's handles and the guard that keeps C++ exceptions inside.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "prio/c.h"
#include "prio/error.hpp"
#include "prio/io.hpp"
#include "prio/scores.hpp"
#include "prio/spec.hpp"
#include "prio/strategy.hpp"

struct prio_error {
  int code = PRIO_OK;
  std::string message;      // one line, as the tool prints it
  std::string description;  // without the location prefix
  std::string feature, field, file;
  std::size_t line = 0, column = 0;
  std::string diagnostics_json;
};

struct prio_backlog {
  std::shared_ptr<const prio::ReadResult> read;
  [[nodiscard]] const prio::Backlog& backlog() const noexcept { return read->backlog; }
};

struct prio_scores {
  prio::Scores scores;
};

struct prio_ranking {
  std::shared_ptr<const prio::ReadResult> read;
  prio::Scores scores;
  std::string order;
  std::vector<prio::FeatureIndex> ranking;
  std::vector<std::size_t> indices;
  std::vector<prio::FeatureIndex> done;
};

namespace prio::capi {

/// An error of the C ABI: a prio::error with code invalid_argument.
[[noreturn]] void fail(errc code, std::string description, Location where = {});
/// A NULL check: fails with "FUNCTION: NAME is NULL".
void require(const void* p, const char* function, const char* name);

/// Fails with the first error among diagnostics (located through `read`), if any;
/// the error carries them all.
void fail_on_errors(std::vector<Diagnostic> diagnostics, const ReadResult* read);

/// Stores an error for the exception being handled (call inside a catch block).
void store_current_exception(prio_error** err) noexcept;

/// Runs f; on any exception stores an error in *err and returns `failed`.
template <class R, class F>
R guarded(prio_error** err, R failed, F&& f) noexcept {
  try {
    return f();
  } catch (...) {
    store_current_exception(err);
    return failed;
  }
}

/// A malloc'd copy (released by prio_string_free); size receives its length.
[[nodiscard]] char* to_c_string(std::string_view s, std::size_t* size);

inline constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

}  // namespace prio::capi

#include "prio/experiment/simulate.hpp"
#include "prio/graph.hpp"

struct prio_graph {
  std::shared_ptr<const prio::ReadResult> read;
  prio::DependencyGraph graph;
};

struct prio_simulation {
  std::shared_ptr<const prio::ReadResult> read;
  prio::Simulation sim;
  prio::Scores point;
  std::string order;
  std::size_t limit = 0;
  std::vector<std::size_t> ranking;
};
