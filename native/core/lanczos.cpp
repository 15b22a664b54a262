// Lanczos with reverse communication. Full reorthogonalisation is classical Gram-Schmidt applied twice against the
// whole stored basis ("twice is enough": Giraud, Langou & Rozloznik 2005; the DGKS idea ARPACK uses), written as
// blocked dot products and axpys over the contiguous row-major basis so that -O3 (and -msimd128 on WASM) vectorise
// it. Without reorthogonalisation only q_{j-1}, q_j and the product are kept (3 vectors), for quadrature on models
// too large for a basis.
#include "lanczos.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <string>

#include "eigen.hpp"
#include "error.hpp"
#include "kernels.hpp"
#include "memory_guard.hpp"

namespace sane {

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// beta below this fraction of the running estimate of ||T|| is rounding noise: the Krylov space is invariant.
constexpr double kInvariantTolerance = 1e-12;

}  // namespace

void rademacher(std::uint64_t seed, double* out, std::size_t n) {
  std::uint64_t state = seed;
  for (std::size_t i = 0; i < n; ++i) out[i] = (splitmix64(state) >> 63) ? -1.0 : 1.0;
}

std::uint64_t lanczosBytes64(std::uint64_t n, int steps, bool reorthogonalize) {
  std::uint64_t m = steps < 1 ? 1 : static_cast<std::uint64_t>(steps);
  if (m > n) m = n;
  // Basis of m rows plus the product buffer with reorthogonalisation; q_{j-1}, q_j and the product without.
  // The tridiagonal eigenvectors (m x m) are formed by result().
  const std::uint64_t vectors = reorthogonalize ? (m + 1) : 3;
  return 8 * (vectors * n + m * m + 4 * m);
}

std::size_t lanczosBytes(std::size_t n, int steps, bool reorthogonalize) {
  const std::uint64_t bytes = lanczosBytes64(n, steps, reorthogonalize);
  return bytes > static_cast<std::uint64_t>(SIZE_MAX) ? SIZE_MAX : static_cast<std::size_t>(bytes);
}

struct Lanczos::State {
  LanczosConfig config;
  std::size_t n = 0;
  int m = 0;
  std::unique_ptr<double[]> basis;  // reorth: m rows of n; otherwise 2 rows (q_{j-1}, q_j)
  std::unique_ptr<double[]> w;      // product buffer, then the residual vector
  std::vector<double> h;            // Gram-Schmidt coefficients
  double* prev = nullptr;           // q_{j-1} (no reorth)
  double* cur = nullptr;            // q_j
  std::vector<double> alpha, beta;  // beta[j] = ||w_j||; beta[steps-1] is the residual norm of the last step
  double normEstimate = 0;
  bool done = false;
  bool invariant = false;
  bool failed = false;
};

Lanczos::Lanczos(const LanczosConfig& config, const double* start) : state_(nullptr) {
  if (config.n == 0) throw Error(ErrorKind::Argument, "Lanczos needs an operator of dimension n >= 1 (got n = 0)");
  if (config.maxSteps < 1)
    throw Error(ErrorKind::Argument, "Lanczos needs at least 1 step (got steps = " + std::to_string(config.maxSteps) + ")");
  if (config.ritzVectors < 0)
    throw Error(ErrorKind::Argument, "ritzVectors must be >= 0 (got " + std::to_string(config.ritzVectors) + ")");
  if (config.ritzVectors > 0 && !config.reorthogonalize)
    throw Error(ErrorKind::Argument, "Ritz vectors need the stored Lanczos basis: turn full reorthogonalisation on or ask for 0 vectors");

  const std::size_t n = config.n;
  const int m = static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(config.maxSteps), n));
  const std::uint64_t kept = static_cast<std::uint64_t>(std::min(config.ritzVectors, m));
  const std::uint64_t bytes = lanczosBytes64(n, m, config.reorthogonalize) + 8 * kept * n;
  const std::string what = "Lanczos with " + std::to_string(m) + " steps and " +
                           (config.reorthogonalize ? "full reorthogonalisation" : "no reorthogonalisation") +
                           " over " + std::to_string(n) + " parameters" +
                           (kept ? " (and " + std::to_string(kept) + " Ritz vectors)" : "");
  checkMemory64(bytes, config.memoryBudget, what);

  if (start != nullptr) {
    double norm2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(start[i]))
        throw Error(ErrorKind::Numerical, "the Lanczos start vector has a NaN or infinite entry at index " + std::to_string(i));
    }
    norm2 = kernels::dot(start, start, n);
    if (!(norm2 > 0)) throw Error(ErrorKind::Argument, "the Lanczos start vector is zero; give a nonzero vector or a seed");
  }

  std::unique_ptr<State> s(new State());
  s->config = config;
  s->n = n;
  s->m = m;
  const std::size_t rows = config.reorthogonalize ? static_cast<std::size_t>(m) : 2;
  // Uninitialised on purpose: pages of the basis are touched only when their row is written.
  s->basis.reset(new double[rows * n]);
  s->w.reset(new double[n]);
  s->h.assign(2 * static_cast<std::size_t>(m), 0.0);
  s->alpha.reserve(static_cast<std::size_t>(m));
  s->beta.reserve(static_cast<std::size_t>(m));
  s->cur = s->basis.get();
  s->prev = config.reorthogonalize ? nullptr : s->basis.get() + n;

  double* q0 = s->cur;
  if (start != nullptr) {
    std::copy(start, start + n, q0);
  } else {
    rademacher(config.seed, q0, n);
  }
  kernels::scale(q0, 1.0 / std::sqrt(kernels::dot(q0, q0, n)), n);
  std::fill(s->w.get(), s->w.get() + n, 0.0);
  state_ = s.release();
}

Lanczos::~Lanczos() { delete state_; }

std::size_t Lanczos::size() const { return state_->n; }
int Lanczos::stepsTaken() const { return static_cast<int>(state_->alpha.size()); }
bool Lanczos::done() const { return state_->done; }
const double* Lanczos::vector() const { return state_->cur; }
double* Lanczos::productBuffer() { return state_->w.get(); }

bool Lanczos::step() {
  State& s = *state_;
  if (s.failed) throw Error(ErrorKind::State, "this Lanczos run failed earlier (a product had NaN or Inf); start a new one");
  if (s.done) throw Error(ErrorKind::State, "this Lanczos run has finished; call result() instead of step()");
  const std::size_t n = s.n;
  const std::size_t j = s.alpha.size();
  double* w = s.w.get();
  const double* q = s.cur;

  double a = kernels::dot(q, w, n);
  kernels::axpy(w, -a, q, n);
  if (j > 0) {
    const double* qPrev = s.config.reorthogonalize ? s.basis.get() + (j - 1) * n : s.prev;
    kernels::axpy(w, -s.beta[j - 1], qPrev, n);
  }
  if (s.config.reorthogonalize) {
    double* h1 = s.h.data();
    double* h2 = h1 + s.m;
    kernels::reorthogonalizeTwice(s.basis.get(), j + 1, n, w, h1, h2);
    a += h1[j] + h2[j];  // keep T = Q^T H Q exact to rounding (ARPACK corrects alpha the same way)
  }
  const double b = std::sqrt(kernels::dot(w, w, n));
  if (!std::isfinite(a) || !std::isfinite(b)) {
    s.failed = true;
    s.done = true;
    throw Error(ErrorKind::Numerical, "the operator product H*q at Lanczos step " + std::to_string(j + 1) +
                " contains NaN or Inf; check the model's gradients (loss finite? finite-difference step too large?)");
  }
  s.alpha.push_back(a);
  s.beta.push_back(b);
  s.normEstimate = std::max(s.normEstimate, std::fabs(a) + b + (j > 0 ? s.beta[j - 1] : 0.0));

  const std::size_t taken = j + 1;
  s.invariant = b <= kInvariantTolerance * s.normEstimate;
  if (s.invariant || taken == static_cast<std::size_t>(s.m)) {
    s.done = true;
    return false;
  }
  double* next = s.config.reorthogonalize ? s.basis.get() + taken * n : s.prev;
  const double inv = 1.0 / b;
  for (std::size_t i = 0; i < n; ++i) next[i] = w[i] * inv;
  if (!s.config.reorthogonalize) s.prev = s.cur;
  s.cur = next;
  std::fill(w, w + n, 0.0);
  return true;
}

LanczosResult Lanczos::result() const {
  const State& s = *state_;
  const std::size_t steps = s.alpha.size();
  if (steps == 0) throw Error(ErrorKind::State, "no Lanczos step has been taken yet: feed at least one product before result()");
  LanczosResult r;
  r.steps = static_cast<int>(steps);
  r.invariant = s.invariant;
  r.alpha = s.alpha;
  r.beta.assign(s.beta.begin(), s.beta.begin() + static_cast<std::ptrdiff_t>(steps - 1));
  TridiagonalEigen te = tridiagonalEigen(r.alpha, r.beta);
  const double betaLast = s.beta[steps - 1];
  r.ritzValues = te.values;
  r.weights.resize(steps);
  r.residuals.resize(steps);
  for (std::size_t i = 0; i < steps; ++i) {
    r.weights[i] = te.firstComponents[i] * te.firstComponents[i];
    r.residuals[i] = std::fabs(betaLast * te.lastComponents[i]);
  }

  const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(s.config.ritzVectors), steps);
  if (k > 0) {
    std::vector<std::size_t> order(steps);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const double ax = std::fabs(te.values[x]), ay = std::fabs(te.values[y]);
      return ax != ay ? ax > ay : te.values[x] > te.values[y];
    });
    const std::size_t n = s.n;
    r.ritzVectors.assign(k * n, 0.0);
    r.ritzVectorValues.resize(k);
    for (std::size_t t = 0; t < k; ++t) r.ritzVectorValues[t] = te.values[order[t]];
    // y_t = sum_j s_{j, t} q_j, blocked over columns so each block of the basis is read once for all k vectors.
    for (std::size_t c = 0; c < n; c += kernels::kBlock) {
      const std::size_t len = std::min(kernels::kBlock, n - c);
      for (std::size_t t = 0; t < k; ++t) {
        double* y = r.ritzVectors.data() + t * n + c;
        const double* col = te.vectors.data() + order[t] * steps;
        for (std::size_t j = 0; j < steps; ++j) kernels::axpy(y, col[j], s.basis.get() + j * n + c, len);
      }
    }
  }
  return r;
}

}  // namespace sane
