// prio._core: the nanobind module under the Python package. Thin: every
// number comes from the C++ library (or, for the commands whose results are
// reports, from the `prio` command itself run in-process), so Python, the
// CLI and C++ agree bit for bit. The pure-Python layer (python/prio) turns
// these results into pandas objects.
#include <nanobind/nanobind.h>
#include <nanobind/eigen/dense.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/function.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <future>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "io/report.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/experiment/raters.hpp"
#include "prio/experiment/simulate.hpp"
#include "prio/graph.hpp"
#include "prio/io.hpp"
#include "prio/order.hpp"
#include "prio/prio.hpp"
#include "prio/score.hpp"
#include "prio/spec.hpp"
#include "prio/strategies/ice.hpp"
#include "prio/strategies/rice.hpp"
#include "prio/strategies/weighted.hpp"
#include "prio/strategies/wsjf.hpp"
#include "prio/detail/hierarchy.hpp"
#include "prio/validate.hpp"

namespace nb = nanobind;
using namespace nb::literals;

namespace {

using ReadOnlyVector = nb::ndarray<const double, nb::numpy, nb::ndim<1>, nb::c_contig>;
using IndexArray = nb::ndarray<nb::numpy, std::int64_t, nb::ndim<1>>;

// ---- errors -----------------------------------------------------------------

nb::object make_error(const std::string& message, std::string_view code, unsigned number, const prio::Location& where) {
  nb::object type = nb::module_::import_("prio._errors").attr("Error");
  return type(message, "code"_a = std::string(code), "number"_a = number, "feature"_a = where.feature, "field"_a = where.field,
              "file"_a = where.file, "line"_a = where.line, "column"_a = where.column);
}

[[noreturn]] void raise_diagnostics(const std::vector<prio::Diagnostic>& diags) {
  // The first error becomes the exception; every diagnostic is in .diagnostics.
  const prio::Diagnostic* first = nullptr;
  std::string text;
  for (const auto& d : diags) {
    if (!first && d.severity == prio::Severity::error) first = &d;
    text += (text.empty() ? "" : "\n") + d.to_string();
  }
  if (!first) first = &diags.front();
  nb::object exc = make_error(text, prio::to_string(first->code), static_cast<unsigned>(first->code), first->where);
  PyErr_SetObject(exc.type().ptr(), exc.ptr());
  throw nb::python_error();
}

// ---- in-process CLI ---------------------------------------------------------

// Runs `prio ARGS...` (the very command-line tool) and returns its exit code,
// standard output and standard error.
std::tuple<int, std::string, std::string> run_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  std::vector<const char*> argv{"prio"};
  for (const auto& a : args) argv.push_back(a.c_str());
  const int rc = prio::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {rc, out.str(), err.str()};
}

// ---- strategies -------------------------------------------------------------

prio::Missing missing_of(const std::string& s) { return prio::parse_missing(s); }

prio::Strategy custom_strategy(std::string name, nb::callable fn) {
  // The callable is kept alive (and released) under the GIL.
  auto holder = std::shared_ptr<nb::object>(new nb::object(std::move(fn)), [](nb::object* o) {
    nb::gil_scoped_acquire gil;
    delete o;
  });
  std::string label = name;
  return prio::Strategy(prio::custom(std::move(name), [holder, label](const prio::Backlog& b) -> Eigen::VectorXd {
    nb::gil_scoped_acquire gil;
    // A copy: the function may keep the backlog it is given.
    nb::object r = (*holder)(nb::cast(b, nb::rv_policy::copy));
    Eigen::VectorXd v;
    try {
      auto arr = nb::cast<nb::ndarray<const double, nb::ndim<1>, nb::device::cpu>>(r);
      v.resize(static_cast<Eigen::Index>(arr.shape(0)));
      for (std::size_t i = 0; i < arr.shape(0); ++i) v[static_cast<Eigen::Index>(i)] = arr(i);
    } catch (const nb::cast_error&) {
      throw prio::error(prio::errc::invalid_value, "custom strategy '" + label +
                                                       "' must return a 1-D sequence of floats (a NumPy float64 array, a list, a Series)");
    }
    if (static_cast<std::size_t>(v.size()) != b.size())
      throw prio::error(prio::errc::size_mismatch, "custom strategy '" + label + "' returned " + std::to_string(v.size()) +
                                                       " scores for " + std::to_string(b.size()) + " features");
    return v;
  }));
}

prio::Criterion criterion(const std::string& attribute, double weight, bool cost, double lo, double hi) {
  return prio::Criterion{attribute, weight, cost ? prio::Direction::cost : prio::Direction::benefit, lo, hi};
}

prio::Normalization normalization_of(const std::string& s) {
  for (auto n : {prio::Normalization::min_max, prio::Normalization::z_score, prio::Normalization::vector, prio::Normalization::rank,
                 prio::Normalization::fixed})
    if (s == prio::to_string(n)) return n;
  throw prio::error(prio::errc::invalid_argument, "unknown normalization '" + s + "' (accepted: min_max|z_score|vector|rank|fixed)");
}

using CriterionTuple = std::tuple<std::string, double, bool, double, double>;

std::vector<prio::Criterion> criteria_of(const std::vector<CriterionTuple>& cs) {
  std::vector<prio::Criterion> out;
  for (const auto& [a, w, cost, lo, hi] : cs) out.push_back(criterion(a, w, cost, lo, hi));
  return out;
}

// ---- small helpers ------------------------------------------------------------

IndexArray index_array(const std::vector<prio::FeatureIndex>& v) {
  auto* data = new std::int64_t[v.size()];
  for (std::size_t i = 0; i < v.size(); ++i) data[i] = v[i];
  nb::capsule owner(data, [](void* p) noexcept { delete[] static_cast<std::int64_t*>(p); });
  return IndexArray(data, {v.size()}, owner);
}

nb::ndarray<nb::numpy, double, nb::ndim<1>> double_array(const Eigen::VectorXd& v) {
  auto* data = new double[static_cast<std::size_t>(v.size())];
  std::copy(v.data(), v.data() + v.size(), data);
  nb::capsule owner(data, [](void* p) noexcept { delete[] static_cast<double*>(p); });
  return {data, {static_cast<std::size_t>(v.size())}, owner};
}

// Pauses Python's cyclic garbage collector while many containers are built
// (a list per row of a 10^6-row result): otherwise every few hundred new
// lists set off a collection that walks the young ones built so far, which
// took over half of such a result's time. One collection still follows
// (the generation's count keeps growing while paused); lists of strings
// cannot form cycles, so nothing is lost.
class GcPause {
 public:
  GcPause() : gc_(nb::module_::import_("gc")), was_enabled_(nb::cast<bool>(gc_.attr("isenabled")())) {
    if (was_enabled_) gc_.attr("disable")();
  }
  GcPause(const GcPause&) = delete;
  GcPause& operator=(const GcPause&) = delete;
  ~GcPause() {
    if (was_enabled_) gc_.attr("enable")();
  }

 private:
  nb::module_ gc_;
  bool was_enabled_;
};

nb::str py_str(std::string_view s) { return nb::str(s.data(), s.size()); }

std::vector<prio::FeatureIndex> indices_of(const prio::Backlog& b, const std::vector<std::string>& ids) {
  std::vector<prio::FeatureIndex> out;
  out.reserve(ids.size());
  for (const auto& id : ids) out.push_back(b.index_of(id));
  return out;
}

nb::dict explanation_dict(const prio::Explanation& e) {
  nb::dict d;
  d["id"] = e.id;
  d["title"] = e.title;
  d["strategy"] = e.strategy;
  d["formula"] = e.formula;
  d["score"] = e.score;
  d["category"] = e.category;
  d["notes"] = e.notes;
  nb::list terms;
  for (const auto& t : e.terms) {
    nb::dict td;
    td["name"] = t.name;
    td["attribute"] = t.attribute;
    td["role"] = t.role == prio::TermRole::factor ? "factor" : t.role == prio::TermRole::divisor ? "divisor" : "addend";
    td["raw"] = t.raw;
    td["normalized"] = t.normalized;
    td["weight"] = t.weight;
    td["contribution"] = t.contribution;
    td["note"] = t.note;
    terms.append(td);
  }
  d["terms"] = terms;
  std::ostringstream os;
  os << e;
  d["text"] = os.str();
  return d;
}

// The items of a sequence as borrowed references: a 1-D contiguous NumPy
// array of objects in place, through the buffer protocol (PySequence_Fast
// would first copy it into a list, boxing each item); anything else through
// PySequence_Fast. The items stay valid while this object lives.
class SequenceItems {
 public:
  SequenceItems(nb::handle seq, const char* what) {
    if (!PyList_Check(seq.ptr()) && !PyTuple_Check(seq.ptr()) && PyObject_CheckBuffer(seq.ptr())) {
      if (PyObject_GetBuffer(seq.ptr(), &view_, PyBUF_ND | PyBUF_FORMAT) == 0) {
        std::string_view format = view_.format ? view_.format : "B";
        if (!format.empty() && std::string_view("@=<>!|").find(format.front()) != std::string_view::npos) format.remove_prefix(1);
        if (format == "O" && view_.ndim == 1 && view_.itemsize == static_cast<Py_ssize_t>(sizeof(PyObject*))) {
          viewed_ = true;
          items_ = static_cast<PyObject**>(view_.buf);
          size_ = view_.shape[0];
          return;
        }
        PyBuffer_Release(&view_);
      } else {
        PyErr_Clear();
      }
    }
    fast_ = nb::steal(PySequence_Fast(seq.ptr(), what));
    if (!fast_) {
      PyErr_Clear();
      throw nb::type_error((std::string(what) + " must be a sequence of str").c_str());
    }
    items_ = PySequence_Fast_ITEMS(fast_.ptr());
    size_ = PySequence_Fast_GET_SIZE(fast_.ptr());
  }
  SequenceItems(const SequenceItems&) = delete;
  SequenceItems& operator=(const SequenceItems&) = delete;
  ~SequenceItems() {
    if (viewed_) PyBuffer_Release(&view_);
  }
  [[nodiscard]] Py_ssize_t size() const noexcept { return size_; }
  [[nodiscard]] PyObject* operator[](Py_ssize_t i) const noexcept { return items_[i]; }

 private:
  Py_buffer view_{};
  bool viewed_ = false;
  nb::object fast_;
  PyObject** items_ = nullptr;
  Py_ssize_t size_ = 0;
};

// Converts a pandas/NumPy column of Python str ids (an object array or any
// sequence) to std::string, naming the row of a non-string.
std::vector<std::string> strings_of(nb::handle seq, const char* what) {
  const SequenceItems items(seq, what);
  const Py_ssize_t n = items.size();
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_ssize_t len = 0;
    if (!PyUnicode_Check(items[i])) {
      throw nb::type_error((std::string(what) + " must hold str values; row " + std::to_string(i) + " is " +
                            nb::cast<std::string>(nb::repr(nb::handle(items[i]).type())))
                               .c_str());
    }
    const char* s = PyUnicode_AsUTF8AndSize(items[i], &len);
    if (!s) throw nb::python_error();
    out.emplace_back(s, static_cast<std::size_t>(len));
  }
  return out;
}

// ---- simulate with Ctrl-C and progress ----------------------------------------

nb::dict simulate_impl(const prio::Backlog& b, const prio::Strategy& strategy, const std::string& by, const std::string& missing,
                       bool strict, std::size_t draws,
                       std::uint64_t seed, std::size_t top_k, const std::string& distribution, double interval,
                       const std::string& order_policy, unsigned threads, bool rank_stats, bool score_stats,
                       bool exact_stats, nb::object progress) {
  prio::Distribution dist = prio::Distribution::triangular;
  bool known = false;
  for (auto d : {prio::Distribution::triangular, prio::Distribution::uniform, prio::Distribution::pert, prio::Distribution::lognormal})
    if (distribution == prio::to_string(d)) dist = d, known = true;
  if (!known)
    throw prio::error(prio::errc::invalid_argument,
                      "unknown distribution '" + distribution + "' (accepted: triangular|uniform|pert|lognormal)");
  std::atomic<bool> cancel{false};
  std::atomic<std::size_t> done{0};
  prio::SimulationOptions o{.draws = draws, .seed = seed, .top_k = top_k, .distribution = dist, .interval = interval,
                            .threads = threads, .rank_stats = rank_stats, .score_stats = score_stats, .exact_stats = exact_stats,
                            .progress = false};
  o.on_progress = [&](std::size_t d, std::size_t) {
    done.store(d);
    return !cancel.load();
  };
  std::optional<prio::DependencyGraph> graph;
  std::optional<prio::OrderPolicy> policy;
  if (order_policy != "none") {
    if (order_policy == "greedy") policy = prio::greedy();
    else if (order_policy == "inherited") policy = prio::inherited();
    else if (order_policy == "value-density") policy = prio::value_density(b.column("effort"));
    else throw prio::error(prio::errc::invalid_argument, "unknown order '" + order_policy + "' (accepted: none|greedy|inherited|value-density)");
    graph.emplace(b);
    o.order = [&graph, &policy](const prio::Scores& s) { return prio::order(*graph, s, *policy); };
  }
  // As the CLI does: the formula strategies draw only what they read and
  // score straight from the matrices of draws, so they run as their own types.
  const prio::Missing missing_policy = missing_of(missing);
  auto run = [&]() -> prio::Simulation {
    if (by == "rice") return prio::simulate(b, prio::rice({.strict = strict, .missing = missing_policy}), o);
    if (by == "wsjf") return prio::simulate(b, prio::wsjf({.strict = strict, .missing = missing_policy}), o);
    if (by == "ice" || by == "ice-average")
      return prio::simulate(b, prio::ice({.variant = by == "ice" ? prio::IceVariant::product : prio::IceVariant::average,
                                          .strict = strict, .missing = missing_policy}), o);
    return prio::simulate(b, strategy, o);
  };
  prio::Simulation sim;
  {
    // The run goes on in its own thread; this one polls for Ctrl-C (signals
    // are only seen by the main thread) and drives the progress callback.
    std::exception_ptr failure;
    std::packaged_task<prio::Simulation()> task(run);
    auto future = task.get_future();
    std::thread worker;
    {
      nb::gil_scoped_release release;
      worker = std::thread(std::move(task));
    }
    std::size_t shown = 0;
    try {
      for (;;) {
        std::future_status st;
        {
          nb::gil_scoped_release release;
          st = future.wait_for(std::chrono::milliseconds(50));
        }
        if (PyErr_CheckSignals() != 0) throw nb::python_error();  // Ctrl-C (KeyboardInterrupt)
        const std::size_t now = done.load();
        if (!progress.is_none() && now != shown) {
          progress(now, draws);  // may raise too
          shown = now;
        }
        if (st == std::future_status::ready) break;
      }
    } catch (...) {
      // Stop the run before leaving: the worker uses this frame's state.
      cancel.store(true);
      {
        nb::gil_scoped_release release;
        worker.join();
      }
      throw;
    }
    {
      nb::gil_scoped_release release;
      worker.join();
    }
    sim = future.get();  // rethrows the run's error
    if (!progress.is_none() && shown != draws) progress(draws, draws);
  }
  nb::dict d;
  d["strategy"] = sim.strategy;
  d["uncertain"] = sim.uncertain;
  d["distribution"] = std::string(prio::to_string(sim.distribution));
  d["draws"] = sim.draws;
  d["seed"] = sim.seed;
  d["top_k"] = sim.top_k;
  d["interval"] = sim.interval;
  d["ranking"] = index_array(sim.ranking);
  d["p_top_k"] = double_array(sim.p_top_k);
  d["median_rank"] = double_array(sim.median_rank);
  d["rank_lo"] = double_array(sim.rank_lo);
  d["rank_hi"] = double_array(sim.rank_hi);
  d["score_median"] = double_array(sim.score_median);
  d["score_lo"] = double_array(sim.score_lo);
  d["score_hi"] = double_array(sim.score_hi);
  return d;
}

}  // namespace

NB_MODULE(_core, m) {
  m.doc() = "prio's compiled core (use the prio package, not this module)";
  m.attr("__version__") = PRIO_VERSION_STRING;

  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const prio::error& e) {
      nb::object exc = make_error(e.what(), prio::to_string(e.code()), static_cast<unsigned>(e.code()), e.where());
      if (const auto* c = dynamic_cast<const prio::cycle_error*>(&e)) exc.attr("cycles") = nb::cast(c->cycles());
      PyErr_SetObject(exc.type().ptr(), exc.ptr());
    } catch (const prio::cli::UsageError& e) {
      nb::object exc = make_error(e.what(), "invalid_argument", static_cast<unsigned>(prio::errc::invalid_argument), {});
      PyErr_SetObject(exc.type().ptr(), exc.ptr());
    }
  });

  // ---- Backlog ----------------------------------------------------------------
  nb::class_<prio::Backlog>(m, "Backlog")
      .def(nb::init<>())
      .def_static(
          "from_ids", [](nb::handle ids) { return prio::Backlog::from_ids(strings_of(ids, "ids")); }, "ids"_a,
          "A backlog of these ids (titles empty, no attributes).")
      .def("__len__", &prio::Backlog::size)
      .def("ids", [](const prio::Backlog& b) { return b.ids(); })
      .def("titles", [](const prio::Backlog& b) { return b.titles(); })
      .def("attributes", [](const prio::Backlog& b) { return b.attributes(); })
      .def("moscow", [](const prio::Backlog& b) {
        std::vector<std::string> out;
        for (auto c : b.moscow()) out.emplace_back(prio::to_string(c));
        return out;
      })
      .def("depends_on", [](const prio::Backlog& b) {
        nb::list out;  // a list per feature: built with the collector paused (GcPause)
        const GcPause pause;
        for (const auto& deps : b.depends_on()) {
          nb::list row;
          for (const auto& d : deps) row.append(py_str(d));
          out.append(std::move(row));
        }
        return out;
      })
      .def("parent", [](const prio::Backlog& b, prio::FeatureIndex i) { return b.parent(i); }, "i"_a)
      .def("parents", [](const prio::Backlog& b) { return b.parents(); })
      .def("has_parents", &prio::Backlog::has_parents)
      .def(
          "column",
          [](const prio::Backlog& b, std::string_view name) {
            auto col = b.column(name);  // a view of the backlog's own storage
            return ReadOnlyVector(col.data(), {static_cast<std::size_t>(col.size())}, nb::handle());
          },
          "name"_a, nb::rv_policy::reference_internal, "The attribute as a read-only NumPy view (no copy); NaN = missing.")
      .def(
          "set_column",
          [](prio::Backlog& b, const std::string& name, nb::ndarray<const double, nb::ndim<1>, nb::c_contig, nb::device::cpu> v) {
            b.set_column(name, Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.shape(0))));
          },
          "name"_a, "values"_a)
      .def("set_titles", [](prio::Backlog& b, nb::handle t) { b.set_titles(strings_of(t, "title")); })
      .def("set_moscow",
           [](prio::Backlog& b, const std::vector<std::string>& cats) {
             std::vector<prio::Moscow> out(cats.size(), prio::Moscow::unset);
             for (std::size_t i = 0; i < cats.size(); ++i)
               if (!prio::parse_moscow(cats[i], out[i]))
                 throw prio::error(prio::errc::invalid_value, "unknown MoSCoW category '" + cats[i] + "' (must, should, could, won't)",
                                   prio::Location{i < b.size() ? b.id(static_cast<prio::FeatureIndex>(i)) : "", "moscow", {}, 0, 0});
             b.set_moscow(std::move(out));
           })
      .def("set_depends_on", [](prio::Backlog& b, std::vector<std::vector<std::string>> d) { b.set_depends_on(std::move(d)); })
      .def(
          "set_parents",
          [](prio::Backlog& b, nb::handle p) {
            // Checked as the file readers check them (the library's rules and
            // messages); on a problem the backlog keeps its parents.
            std::vector<std::string> previous = b.parents();
            b.set_parents(strings_of(p, "parent"));
            std::vector<prio::Diagnostic> problems;
            prio::detail::check_parents(b, problems);
            if (!problems.empty()) {
              b.set_parents(std::move(previous));
              raise_diagnostics(problems);
            }
          },
          "parents"_a, "Sets every feature's parent id (\"\" = none); raises prio.Error for an unknown parent or a cycle.")
      .def("index_of", &prio::Backlog::index_of)
      .def("to_csv", [](const prio::Backlog& b) { return prio::write_csv(b); })
      .def("to_json", [](const prio::Backlog& b) { return prio::write_json(b); })
      .def("copy", [](const prio::Backlog& b) { return prio::Backlog(b); });

  m.def(
      "read_backlog",
      [](const std::string& path, const std::string& text, const std::string& format,
         std::vector<std::pair<std::string, std::string>> column_map, std::vector<std::string> ignore,
         std::vector<std::string> percent_columns) {
        prio::ReadOptions o;
        o.column_map = std::move(column_map);
        o.ignore_columns = std::move(ignore);
        o.percent_columns = std::move(percent_columns);
        prio::ReadResult r;
        {
          nb::gil_scoped_release release;
          if (format.empty()) {
            r = prio::read_backlog(path, o);
          } else {
            o.file_name = path;
            r = format == "json" ? prio::read_json(text, o) : prio::read_csv(text, o);
          }
        }
        if (!r.ok()) raise_diagnostics(r.diagnostics);
        std::vector<std::string> warnings;
        for (const auto& d : r.diagnostics) warnings.push_back(d.to_string());
        return std::make_pair(std::move(r.backlog), warnings);
      },
      "path"_a, "text"_a = "", "format"_a = "", "column_map"_a = std::vector<std::pair<std::string, std::string>>{},
      "ignore"_a = std::vector<std::string>{}, "percent_columns"_a = std::vector<std::string>{"confidence"});

  // ---- strategies -----------------------------------------------------------------
  nb::class_<prio::Strategy>(m, "Strategy")
      .def_prop_ro("name", &prio::Strategy::name)
      .def("__repr__", [](const prio::Strategy& s) { return "<prio strategy " + s.name() + ">"; });

  m.def("rice", [](const std::string& missing, bool strict, const std::string& reach, const std::string& impact,
                   const std::string& confidence, const std::string& effort) {
    return prio::Strategy(prio::rice({.reach = reach, .impact = impact, .confidence = confidence, .effort = effort, .strict = strict,
                                      .missing = missing_of(missing)}));
  }, "missing"_a = "error", "strict"_a = false, "reach"_a = "reach", "impact"_a = "impact", "confidence"_a = "confidence",
        "effort"_a = "effort");
  m.def("ice", [](const std::string& missing, bool strict, bool average, const std::string& impact, const std::string& confidence,
                  const std::string& ease) {
    return prio::Strategy(prio::ice({.impact = impact, .confidence = confidence, .ease = ease,
                                     .variant = average ? prio::IceVariant::average : prio::IceVariant::product, .strict = strict,
                                     .missing = missing_of(missing)}));
  }, "missing"_a = "error", "strict"_a = false, "average"_a = false, "impact"_a = "impact", "confidence"_a = "confidence", "ease"_a = "ease");
  m.def("wsjf", [](const std::string& missing, bool strict, const std::string& business_value, const std::string& time_criticality,
                   const std::string& risk_reduction, const std::string& job_size) {
    return prio::Strategy(prio::wsjf({.business_value = business_value, .time_criticality = time_criticality,
                                      .risk_reduction = risk_reduction, .job_size = job_size, .strict = strict,
                                      .missing = missing_of(missing)}));
  }, "missing"_a = "error", "strict"_a = false, "business_value"_a = "business_value", "time_criticality"_a = "time_criticality",
        "risk_reduction"_a = "risk_reduction", "job_size"_a = "job_size");
  m.def("moscow", [](const prio::Strategy& secondary) { return prio::Strategy(prio::moscow(secondary)); }, "secondary"_a);
  m.def("weighted", [](const std::vector<CriterionTuple>& criteria, const std::string& normalization, const std::string& missing) {
    return prio::Strategy(prio::weighted(criteria_of(criteria), normalization_of(normalization), missing_of(missing)));
  }, "criteria"_a, "normalization"_a = "min_max", "missing"_a = "error");
  m.def("okr", [](const std::vector<std::tuple<std::string, double, std::vector<CriterionTuple>>>& objectives,
                  const std::string& normalization, const std::string& missing) {
    std::vector<prio::Objective> os;
    for (const auto& [name, w, krs] : objectives) os.push_back(prio::Objective{name, w, criteria_of(krs)});
    return prio::Strategy(prio::weighted(prio::okr_criteria(os), normalization_of(normalization), missing_of(missing)));
  }, "objectives"_a, "normalization"_a = "min_max", "missing"_a = "error");
  m.def("parse_strategy", [](const std::string& spec, const std::string& weights, const std::string& missing, bool strict) {
    return prio::parse_strategy(spec, {.weights = weights, .missing = missing_of(missing), .strict = strict});
  }, "spec"_a, "weights"_a = "", "missing"_a = "error", "strict"_a = false);
  m.def("custom", &custom_strategy, "name"_a, "function"_a);

  // ---- Scores -------------------------------------------------------------------------
  nb::class_<prio::Scores>(m, "Scores")
      .def("__len__", &prio::Scores::size)
      .def_prop_ro("strategy", &prio::Scores::strategy)
      .def_prop_ro(
          "values",
          [](const prio::Scores& s) { return ReadOnlyVector(s.values().data(), {s.size()}, nb::handle()); },
          nb::rv_policy::reference_internal)
      .def("tiers", [](const prio::Scores& s) { return s.tiers(); })
      .def("ids", [](const prio::Scores& s) { return s.ids(); });

  m.def("score", [](const prio::Backlog& b, const prio::Strategy& s) { return s.score(b); }, "backlog"_a, "strategy"_a,
        nb::call_guard<nb::gil_scoped_release>());
  m.def("scores_from_values", [](const prio::Backlog& b, nb::ndarray<const double, nb::ndim<1>, nb::c_contig, nb::device::cpu> v,
                                  const std::string& name) {
    return prio::Scores(Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.shape(0))), b.shared_ids(), name);
  });
  m.def("rank", [](const prio::Scores& s) { return index_array(prio::rank(s)); });
  m.def("top_k", [](const prio::Scores& s, std::size_t k) { return index_array(prio::top_k(s, k)); });
  m.def("score_seconds", [](const prio::Backlog& b, const prio::Strategy& s, int repeat) {
    // The C++ baseline of the Python benchmark: the same call timed in C++.
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      const prio::Scores sc = s.score(b);
      const auto t1 = std::chrono::steady_clock::now();
      if (sc.size() != b.size()) throw std::runtime_error("size");
      best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    return best;
  }, nb::call_guard<nb::gil_scoped_release>());
  m.def("simulate_seconds", [](const prio::Backlog& b, std::size_t draws, std::size_t top_k, bool stats) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto sim = prio::simulate(b, prio::rice(), {.draws = draws, .seed = 1, .top_k = top_k, .rank_stats = stats,
                                                      .score_stats = stats, .progress = false});
    const auto t1 = std::chrono::steady_clock::now();
    if (sim.draws != draws) throw std::runtime_error("draws");
    return std::chrono::duration<double>(t1 - t0).count();
  }, nb::call_guard<nb::gil_scoped_release>());

  // ---- ranking rows (as `prio rank`) -------------------------------------------------
  m.def("ranking", [](const prio::Backlog& b, const prio::Strategy& s, const std::string& order, std::size_t top,
                      const std::vector<std::string>& done_ids) {
    std::vector<prio::FeatureIndex> ranking;
    prio::Scores scores;
    {
      nb::gil_scoped_release release;
      std::vector<prio::Diagnostic> diags = prio::validate(b, s);
      if (prio::has_errors(diags)) {
        nb::gil_scoped_acquire gil;
        raise_diagnostics(diags);
      }
      scores = s.score(b);
      ranking = prio::cli::order_features(b, scores, order);
    }
    if (top > 0 && ranking.size() > top) ranking.resize(top);
    // The rows' columns in rank order, blocked_by as `prio rank` lists it
    // (the same helper), built straight into Python lists; rows are visited
    // in rank order, so they are fetched a few places ahead, as the tool's
    // writers do.
    prio::report::Blockers blockers(b, indices_of(b, done_ids));
    nb::list ids, titles, moscow, blocked;
    {
      const GcPause pause;
      for (std::size_t place = 0; place < ranking.size(); ++place) {
        prio::report::prefetch_rows(b, scores, ranking, place);
        const prio::FeatureIndex i = ranking[place];
        ids.append(py_str(b.id(i)));
        titles.append(py_str(b.title(i)));
        const std::string_view m = prio::to_string(b.moscow(i));
        moscow.append(m.empty() ? nb::none() : nb::object(py_str(m)));
        nb::list deps;
        for (const std::string* d : blockers(i)) deps.append(py_str(*d));
        blocked.append(std::move(deps));
      }
    }
    return nb::make_tuple(std::move(scores), index_array(ranking), ids, titles, moscow, blocked);
  }, "backlog"_a, "strategy"_a, "order"_a = "greedy", "top"_a = 0, "done"_a = std::vector<std::string>{});

  // ---- graph and order -------------------------------------------------------------------
  nb::class_<prio::DependencyGraph>(m, "DependencyGraph")
      .def("__init__", [](prio::DependencyGraph* g, const prio::Backlog& b, bool bundle) {
        new (g) prio::DependencyGraph(b, {.cycles = bundle ? prio::CyclePolicy::bundle : prio::CyclePolicy::error});
      }, "backlog"_a, "bundle_cycles"_a = false)
      .def("__len__", &prio::DependencyGraph::size)
      .def_prop_ro("edge_count", &prio::DependencyGraph::edge_count)
      .def("prerequisites", [](const prio::DependencyGraph& g, prio::FeatureIndex i) {
        auto s = g.prerequisites(i);
        return index_array({s.begin(), s.end()});
      })
      .def("dependents", [](const prio::DependencyGraph& g, prio::FeatureIndex i) {
        auto s = g.dependents(i);
        return index_array({s.begin(), s.end()});
      })
      .def("bundles", [](const prio::DependencyGraph& g) { return g.bundles(); });

  m.def("order", [](const prio::DependencyGraph& g, const prio::Scores& s, const std::string& policy,
                    std::optional<Eigen::VectorXd> durations) {
    std::vector<prio::FeatureIndex> out;
    {
      nb::gil_scoped_release release;
      if (policy == "greedy") out = prio::order(g, s, prio::greedy());
      else if (policy == "inherited") out = prio::order(g, s, prio::inherited());
      else if (policy == "value-density") {
        if (!durations) throw prio::error(prio::errc::invalid_argument, "value_density needs durations");
        out = prio::order(g, s, prio::value_density(*durations));
      } else {
        throw prio::error(prio::errc::invalid_argument, "unknown order policy '" + policy + "'");
      }
    }
    return index_array(out);
  }, "graph"_a, "scores"_a, "policy"_a = "greedy", "durations"_a = nb::none());
  m.def("ready", [](const prio::DependencyGraph& g, const std::vector<prio::FeatureIndex>& done) {
    return index_array(prio::ready(g, done));
  });
  m.def("unblocks", [](const prio::DependencyGraph& g, prio::FeatureIndex i, const prio::Scores& s) {
    const auto u = prio::unblocks(g, i, s);
    return std::make_tuple(index_array(u.features), u.count, u.total_score);
  });
  m.def("critical_path", [](const prio::DependencyGraph& g, const Eigen::VectorXd& durations) {
    const auto c = prio::critical_path(g, durations);
    return std::make_pair(index_array(c.features), c.length);
  });
  m.def("to_dot", [](const prio::DependencyGraph& g, const prio::Backlog& b, const prio::Scores& s) { return prio::to_dot(g, b, s); });

  // ---- explain, validate ----------------------------------------------------------------------
  m.def("explain", [](const prio::Backlog& b, const prio::Strategy& s, const std::string& id) {
    return explanation_dict(prio::explain(b, s, b.index_of(id)));
  });
  m.def("explain_pair", [](const prio::Backlog& b, const prio::Strategy& s, const std::string& a, const std::string& c) {
    const auto cmp = prio::explain(b, s, b.index_of(a), b.index_of(c));
    nb::dict d;
    d["a"] = explanation_dict(cmp.a);
    d["b"] = explanation_dict(cmp.b);
    d["a_first"] = cmp.a_first;
    d["reason"] = cmp.reason;
    nb::list diffs;
    for (const auto& x : cmp.differences) diffs.append(nb::make_tuple(x.name, x.a, x.b, x.share));
    d["differences"] = diffs;
    std::ostringstream os;
    os << cmp;
    d["text"] = os.str();
    return d;
  });
  m.def("validate", [](const prio::Backlog& b, std::optional<prio::Strategy> s) {
    const auto diags = s ? prio::validate(b, *s) : prio::validate(b);
    std::vector<std::tuple<std::string, std::string, unsigned, std::string, std::string, std::string>> out;
    for (const auto& d : diags)
      out.emplace_back(std::string(prio::to_string(d.severity)), std::string(prio::to_string(d.code)), static_cast<unsigned>(d.code),
                       d.where.feature, d.where.field, d.message);
    return out;
  }, "backlog"_a, "strategy"_a = nb::none());

  // ---- rank metrics and raters -----------------------------------------------------------------
  m.def("kendall_tau", [](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return prio::kendall_tau(a, b); });
  m.def("spearman", [](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return prio::spearman(a, b); });
  m.def("footrule", [](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return prio::footrule(a, b); });
  m.def("rbo", [](const Eigen::VectorXd& a, const Eigen::VectorXd& b, double p) { return prio::rbo(a, b, p); });
  m.def("top_k_overlap", [](const Eigen::VectorXd& a, const Eigen::VectorXd& b, std::size_t k) { return prio::top_k_overlap(a, b, k); });
  m.def("aggregate_raters", [](const Eigen::MatrixXd& ratings, const Eigen::VectorXd& weights, const std::string& how) {
    prio::Aggregation a = prio::Aggregation::weighted_mean;
    bool known = false;
    for (auto x : {prio::Aggregation::weighted_mean, prio::Aggregation::median, prio::Aggregation::borda})
      if (how == prio::to_string(x)) a = x, known = true;
    if (!known) throw prio::error(prio::errc::invalid_argument, "unknown aggregation '" + how + "' (accepted: weighted_mean|median|borda)");
    const auto r = prio::aggregate_raters(ratings, weights, a);
    return std::make_tuple(double_array(r.scores), index_array(r.ranking), r.kendall_w, double_array(r.rater_tau));
  });

  m.def("compare", [](const prio::Backlog& b, const std::vector<std::pair<std::string, prio::Strategy>>& strategies,
                      const std::string& order, std::size_t top_k, double rbo_p, std::size_t movers) {
    if (!(rbo_p > 0 && rbo_p < 1)) throw prio::error(prio::errc::invalid_argument, "rbo_p must be in (0, 1)");
    prio::StrategyComparison c;
    {
      nb::gil_scoped_release release;
      // As `prio compare`: every ranking put in the same dependency order.
      prio::CompareOptions o{.rbo_p = rbo_p, .top_k = top_k, .movers = movers, .order = {}};
      if (order != "none" && !strategies.empty()) {
        (void)prio::cli::order_features(b, strategies.front().second.score(b), order);
        o.order = [&b, &order](const prio::Scores& s) { return prio::cli::order_features(b, s, order); };
      }
      c = prio::compare_strategies(b, strategies, o);
    }
    nb::dict d;
    d["names"] = c.names;
    d["rankings"] = c.rankings;
    nb::list pairs;
    for (std::size_t i = 0; i < c.names.size(); ++i)
      for (std::size_t j = i + 1; j < c.names.size(); ++j) {
        const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
        pairs.append(nb::make_tuple(c.names[i], c.names[j], c.kendall_tau(ii, jj), c.spearman(ii, jj), c.rbo(ii, jj),
                                    c.top_k_overlap(ii, jj), c.footrule(ii, jj)));
      }
    d["pairs"] = pairs;
    nb::list mv;
    for (const auto& x : c.movers) mv.append(nb::make_tuple(x.feature, x.best, x.worst, x.spread));
    d["movers"] = mv;
    d["kendall_tau"] = Eigen::MatrixXd(c.kendall_tau);
    d["spearman"] = Eigen::MatrixXd(c.spearman);
    d["rbo"] = Eigen::MatrixXd(c.rbo);
    d["top_k_overlap"] = Eigen::MatrixXd(c.top_k_overlap);
    d["footrule"] = Eigen::MatrixXd(c.footrule);
    d["rbo_p"] = c.rbo_p;
    d["top_k"] = c.top_k;
    return d;
  }, "backlog"_a, "strategies"_a, "order"_a, "top_k"_a, "rbo_p"_a, "movers"_a);

  // ---- simulate, the CLI ------------------------------------------------------------------------
  m.def("simulate", &simulate_impl, "backlog"_a, "strategy"_a, "by"_a, "missing"_a, "strict"_a, "draws"_a, "seed"_a, "top_k"_a, "distribution"_a,
        "interval"_a, "order"_a, "threads"_a, "rank_stats"_a = true, "score_stats"_a = true, "exact_stats"_a = false,
        "progress"_a = nb::none());
  m.def("run_cli", &run_cli, "args"_a, nb::call_guard<nb::gil_scoped_release>(),
        "Runs the prio command-line tool in-process: (exit code, stdout, stderr).");
}
