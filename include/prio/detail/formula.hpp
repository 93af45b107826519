// Private: the engine behind RICE, ICE and WSJF, scores of the form
//   (product of factors) x (sum or mean of addends) / (product of divisors),
// evaluated over whole columns in cache-sized blocks.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "prio/backlog.hpp"
#include "prio/explain.hpp"
#include "prio/scores.hpp"
#include "prio/strategy.hpp"

namespace prio {
inline namespace v1 {
namespace detail {

struct TermSpec {
  std::string name;       // the formula's name
  std::string attribute;  // the backlog column
  TermRole role = TermRole::factor;
  double lo = 0;  // valid range, inclusive unless lo_open
  bool lo_open = false;
  double hi = std::numeric_limits<double>::infinity();
  std::vector<double> scale;  // allowed values when strict (empty: any in range)
  std::string scale_text;     // e.g. "3, 2, 1, 0.5, 0.25"
};

struct FormulaSpec {
  std::string strategy;
  std::string formula;
  std::vector<TermSpec> terms;
  bool mean_of_addends = false;  // ICE's average variant
  bool strict = false;
  Missing missing = Missing::error;
};

inline std::string range_text(const TermSpec& t) {
  std::string s = t.lo_open ? "> " + fmt_number(t.lo) : ">= " + fmt_number(t.lo);
  if (std::isfinite(t.hi)) s = "in " + std::string(t.lo_open ? "(" : "[") + fmt_number(t.lo) + ", " + fmt_number(t.hi) + "]";
  return s;
}

/// Checks one present value; returns the problem or nothing.
inline std::optional<std::string> invalid(const TermSpec& t, double v, bool strict) {
  const bool in_range = (t.lo_open ? v > t.lo : v >= t.lo) && v <= t.hi;
  if (!in_range) return t.name + " must be " + range_text(t) + ", got " + fmt_number(v);
  if (strict && !t.scale.empty() && std::find(t.scale.begin(), t.scale.end(), v) == t.scale.end())
    return t.name + " must be one of " + t.scale_text + " (strict scale), got " + fmt_number(v);
  return std::nullopt;
}

/// The value a term takes for feature i under the missing policy, or a
/// diagnostic. `used` is the value that enters the formula; `present` false
/// when skipped (addend left out of the mean).
struct TermValue {
  double raw = 0;
  double used = 0;
  bool present = true;
  std::string note;
};

inline std::optional<Diagnostic> term_value(const FormulaSpec& f, const TermSpec& t, const Backlog& b,
                                            const double* col, FeatureIndex i, TermValue& out) {
  const double v = col ? col[i] : std::numeric_limits<double>::quiet_NaN();
  out.raw = v;
  if (std::isnan(v)) {
    switch (f.missing) {
      case Missing::error:
        return Diagnostic{Severity::error, errc::missing_value, Location{b.id(i), t.attribute, {}, 0, 0},
                          "missing value (" + f.strategy + " needs " + t.name + "; set a missing-value policy to allow it)"};
      case Missing::worst:
        out.used = t.role == TermRole::divisor ? std::numeric_limits<double>::infinity() : std::max(0.0, t.lo);
        out.note = "missing: worst";
        return std::nullopt;
      case Missing::skip:
        if (t.role == TermRole::divisor)
          return Diagnostic{Severity::error, errc::missing_value, Location{b.id(i), t.attribute, {}, 0, 0},
                            "missing value: " + t.name + " divides the score and cannot be skipped"};
        out.used = t.role == TermRole::factor ? 1.0 : 0.0;
        out.present = false;
        out.note = "missing: skipped";
        return std::nullopt;
    }
  }
  if (auto why = invalid(t, v, f.strict))
    return Diagnostic{Severity::error, errc::invalid_value, Location{b.id(i), t.attribute, {}, 0, 0}, *why};
  out.used = v;
  return std::nullopt;
}

/// Scores one feature the slow way, or returns its first problem.
inline std::optional<Diagnostic> evaluate(const FormulaSpec& f, const Backlog& b, const std::vector<const double*>& cols,
                                          FeatureIndex i, double& score, std::vector<Diagnostic>* all = nullptr) {
  double prod = 1, sum = 0, div = 1;
  int addends = 0, present_addends = 0;
  std::optional<Diagnostic> first;
  for (std::size_t t = 0; t < f.terms.size(); ++t) {
    TermValue tv;
    if (auto d = term_value(f, f.terms[t], b, cols[t], i, tv)) {
      if (!all) return d;
      all->push_back(*d);
      if (!first) first = d;
      continue;
    }
    switch (f.terms[t].role) {
      case TermRole::factor: prod *= tv.used; break;
      case TermRole::divisor: div *= tv.used; break;
      case TermRole::addend:
        ++addends;
        if (tv.present) ++present_addends;
        sum += tv.used;
        break;
    }
  }
  if (first) return first;
  double s = prod / div;
  if (addends > 0) s *= f.mean_of_addends ? (present_addends > 0 ? sum / present_addends : 0.0) : sum;
  score = s;
  return std::nullopt;
}

inline std::vector<const double*> columns(const FormulaSpec& f, const Backlog& b) {
  std::vector<const double*> cols;
  for (const auto& t : f.terms) {
    const auto c = b.attribute_column(t.attribute);
    cols.push_back(c ? b.matrix().col(*c).data() : nullptr);
  }
  return cols;
}

/// Features per block: the block's inputs and scores stay in L1.
constexpr Eigen::Index formula_block = 512;

/// A term's place in a formula kernel fixed at compile time: its role and
/// which bounds it compares (hi only when finite; lo always, as it also
/// rejects NaN, a missing value).
struct TermShape {
  TermRole role = TermRole::factor;
  bool lo_open = false;
  bool has_hi = false;
};

/// One term of one feature in shaped_block: applies x and clears ok when x is
/// out of range or NaN.
template <TermShape K>
inline void shaped_term(double x, double lo, double hi, double& p, double& sum, std::int64_t& ok) {
  if constexpr (K.role == TermRole::factor) p *= x;
  if constexpr (K.role == TermRole::divisor) p /= x;
  if constexpr (K.role == TermRole::addend) sum += x;
  if constexpr (K.lo_open) ok &= static_cast<std::int64_t>(x > lo);
  else ok &= static_cast<std::int64_t>(x >= lo);
  if constexpr (K.has_hi) ok &= static_cast<std::int64_t>(x <= hi);
}

/// Scores the features [s, s + len) with the formula's shape known at
/// compile time: one pass, every term loaded once per feature, the score
/// written once, the range checks folded into one flag per block. The
/// operations are the per-feature path's in its order (factors and divisors
/// into p = 1 in term order, addends into a sum from 0, then p x sum, or
/// p x (sum / addends) for a mean), so the scores are evaluate()'s bit for
/// bit. Returns true when any input is missing or out of range.
template <bool Mean, TermShape... K>
bool shaped_block(const FormulaSpec& f, const std::vector<const double*>& cols, Eigen::Index s, Eigen::Index len, double* o) {
  constexpr std::size_t n_terms = sizeof...(K);
  constexpr int addends = ((K.role == TermRole::addend ? 1 : 0) + ... + 0);
  const double* c[n_terms];
  double lo[n_terms], hi[n_terms];
  for (std::size_t t = 0; t < n_terms; ++t) {
    c[t] = cols[t] + s;
    lo[t] = f.terms[t].lo;
    hi[t] = f.terms[t].hi;
  }
  std::int64_t all_ok = 1;
  for (Eigen::Index i = 0; i < len; ++i) {
    double p = 1.0, sum = 0.0;
    std::int64_t ok = 1;
    [&]<std::size_t... T>(std::index_sequence<T...>) {
      (shaped_term<K>(c[T][i], lo[T], hi[T], p, sum, ok), ...);
    }(std::make_index_sequence<n_terms>{});
    if constexpr (addends > 0 && Mean) p *= sum / static_cast<double>(addends);
    else if constexpr (addends > 0) p *= sum;
    o[i] = p;
    all_ok &= ok;
  }
  return all_ok == 0;
}

/// The same for any formula, one pass per term over the block (the output
/// updated in place), for shapes shaped_block is not instantiated for.
inline bool generic_block(const FormulaSpec& f, const std::vector<const double*>& cols, Eigen::Index s, Eigen::Index len, double* o) {
  int addends = 0;
  for (const auto& t : f.terms) addends += t.role == TermRole::addend;
  double sum[formula_block];
  int bad = 0;
  std::fill(o, o + len, 1.0);
  if (addends > 0) std::fill(sum, sum + len, 0.0);
  for (std::size_t t = 0; t < f.terms.size(); ++t) {
    const double* c = cols[t] + s;
    const TermSpec& ts = f.terms[t];
    const double lo = ts.lo, hi = ts.hi;
    // One fused pass per term: apply it and check its range (NaN fails both tests).
    auto apply = [&](auto&& op) {
      if (ts.lo_open)
        for (Eigen::Index i = 0; i < len; ++i) {
          op(i, c[i]);
          bad |= static_cast<int>(!(c[i] > lo)) | static_cast<int>(!(c[i] <= hi));
        }
      else
        for (Eigen::Index i = 0; i < len; ++i) {
          op(i, c[i]);
          bad |= static_cast<int>(!(c[i] >= lo)) | static_cast<int>(!(c[i] <= hi));
        }
    };
    switch (ts.role) {
      case TermRole::factor: apply([o](Eigen::Index i, double x) { o[i] *= x; }); break;
      case TermRole::divisor: apply([o](Eigen::Index i, double x) { o[i] /= x; }); break;
      case TermRole::addend: apply([&sum](Eigen::Index i, double x) { sum[i] += x; }); break;
    }
  }
  // The mean divides, as the per-feature path does: x * (1/3) is not
  // always x / 3, and a score must not depend on its block's neighbours.
  if (addends > 0 && f.mean_of_addends)
    for (Eigen::Index i = 0; i < len; ++i) o[i] *= sum[i] / static_cast<double>(addends);
  else if (addends > 0)
    for (Eigen::Index i = 0; i < len; ++i) o[i] *= sum[i];
  return bad != 0;
}

using BlockKernel = bool (*)(const FormulaSpec&, const std::vector<const double*>&, Eigen::Index, Eigen::Index, double*);

/// shaped_block<Mean, K...> when the formula has exactly that shape.
template <bool Mean, TermShape... K>
bool try_shape(const FormulaSpec& f, BlockKernel& kernel) {
  constexpr TermShape shapes[] = {K...};
  if (f.mean_of_addends != Mean || f.terms.size() != sizeof...(K)) return false;
  for (std::size_t t = 0; t < f.terms.size(); ++t) {
    const TermSpec& ts = f.terms[t];
    if (ts.role != shapes[t].role || ts.lo_open != shapes[t].lo_open ||
        (ts.hi < std::numeric_limits<double>::infinity()) != shapes[t].has_hi)
      return false;
  }
  kernel = &shaped_block<Mean, K...>;
  return true;
}

/// The block kernel for a formula: a shaped one for the built-in shapes
/// (RICE, ICE and its mean, WSJF), else the generic one.
inline BlockKernel block_kernel(const FormulaSpec& f) {
  constexpr auto F = TermRole::factor, D = TermRole::divisor, A = TermRole::addend;
  constexpr TermShape ge{F, false, false}, in{F, false, true}, a_ge{A, false, false}, a_in{A, false, true}, d_gt{D, true, false};
  BlockKernel k = &generic_block;
  (void)(try_shape<false, ge, ge, in, d_gt>(f, k)     // RICE
         || try_shape<false, in, in, in>(f, k)        // ICE
         || try_shape<true, a_in, a_in, a_in>(f, k)   // ICE average
         || try_shape<false, a_ge, a_ge, a_ge, d_gt>(f, k));  // WSJF
  return k;
}

/// Scores every feature from explicit columns (one pointer per term, null when
/// the backlog lacks it) into out[0 .. size). prio::score uses it on the
/// backlog's columns and prio::simulate on columns of draws, so a draw scores
/// bit for bit as a backlog holding it would. Throws the first problem; out
/// is then partly written.
inline void score_formula_columns(const FormulaSpec& f, const Backlog& b, const std::vector<const double*>& cols, double* out) {
  const auto n = static_cast<Eigen::Index>(b.size());
  for (std::size_t t = 0; t < f.terms.size(); ++t)
    if (!cols[t] && n > 0 && f.missing == Missing::error)
      throw error(errc::unknown_attribute, f.strategy + " needs the attribute '" + f.terms[t].attribute + "' (" + f.terms[t].name + ")",
                  Location{{}, f.terms[t].attribute, {}, 0, 0});
  // Fast path: branch-free loops over a cache-resident block that also flag
  // any missing (NaN) or out-of-range input; such a block is redone feature by
  // feature, with prio::score's own rules and errors.
  const bool fast_possible = !f.strict && std::all_of(cols.begin(), cols.end(), [](const double* c) { return c != nullptr; });
  const BlockKernel kernel = block_kernel(f);
  for (Eigen::Index s = 0; s < n; s += formula_block) {
    const Eigen::Index len = std::min(formula_block, n - s);
    if (fast_possible && !kernel(f, cols, s, len, out + s)) continue;
    for (Eigen::Index i = s; i < s + len; ++i) {
      double v = 0;
      if (auto d = evaluate(f, b, cols, static_cast<FeatureIndex>(i), v)) throw d->to_error();
      out[i] = v;
    }
  }
}

/// Asks Linux to back a freshly allocated, not yet touched buffer of at
/// least 32 MiB (what glibc maps afresh for every allocation that large) with
/// transparent huge pages: the first write then takes one page fault per
/// 2 MiB instead of per 4 KiB, which at 10^7 scores was most of prio::score's
/// time. Only the 2 MiB-aligned interior is advised, a hint the kernel may
/// ignore (THP off, no huge page free); elsewhere it does nothing.
inline void advise_huge_pages([[maybe_unused]] double* p, [[maybe_unused]] std::size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  if (n * sizeof(double) < (std::size_t{32} << 20)) return;
  const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(p) + huge - 1) & ~(huge - 1);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(p + n) & ~(huge - 1);
  if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

/// Scores a whole backlog into out, reusing its values' storage when it
/// already holds b.size() of them; throws the first problem as prio::error
/// and then leaves out empty.
inline void score_formula_into(const FormulaSpec& f, const Backlog& b, Scores& out) {
  const auto& none = ScoresAccess::no_ids();
  try {
    Eigen::VectorXd& values = ScoresAccess::values(out);
    const auto n = static_cast<Eigen::Index>(b.size());
    if (values.size() != n) {
      values.resize(n);
      advise_huge_pages(values.data(), static_cast<std::size_t>(n));
    }
    score_formula_columns(f, b, columns(f, b), values.data());
    ScoresAccess::finish(out, b, f.strategy);
  } catch (...) {
    ScoresAccess::clear(out, none);
    throw;
  }
}

/// Scores a whole backlog; throws the first problem as prio::error.
inline Scores score_formula(const FormulaSpec& f, const Backlog& b) {
  Scores out;
  score_formula_into(f, b, out);
  return out;
}

inline void check_formula(const FormulaSpec& f, const Backlog& b, std::vector<Diagnostic>& diags) {
  const auto cols = columns(f, b);
  for (std::size_t t = 0; t < f.terms.size(); ++t)
    if (!cols[t] && !b.empty() && f.missing == Missing::error) {
      diags.push_back(Diagnostic{Severity::error, errc::unknown_attribute, Location{{}, f.terms[t].attribute, {}, 0, 0},
                                 f.strategy + " needs the attribute '" + f.terms[t].attribute + "' (" + f.terms[t].name + ")"});
      return;
    }
  for (FeatureIndex i = 0; i < b.size(); ++i) {
    double v = 0;
    (void)evaluate(f, b, cols, i, v, &diags);
  }
}

inline Explanation explain_formula(const FormulaSpec& f, const Backlog& b, FeatureIndex i) {
  if (i >= b.size()) throw error(errc::unknown_feature, "feature index out of range");
  const auto cols = columns(f, b);
  Explanation e{b.id(i), b.title(i), f.strategy, f.formula, {}, 0, {}, {}};
  double score = 0;
  if (auto d = evaluate(f, b, cols, i, score)) throw d->to_error();
  e.score = score;
  for (std::size_t t = 0; t < f.terms.size(); ++t) {
    TermValue tv;
    (void)term_value(f, f.terms[t], b, cols[t], i, tv);
    const TermSpec& ts = f.terms[t];
    Term term{ts.name, ts.attribute, ts.role, tv.raw, tv.used, 1.0, 0.0, tv.note};
    term.contribution = ts.role == TermRole::divisor ? 1.0 / tv.used : tv.used;
    e.terms.push_back(std::move(term));
  }
  return e;
}

}  // namespace detail
}  // namespace v1
}  // namespace prio
