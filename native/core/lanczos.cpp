// Lanczos with reverse communication. Reorthogonalisation is classical Gram-Schmidt applied twice against the stored
// basis (kernels.hpp), at every step (full) or only where Simon's omega recurrence says orthogonality is about to be
// lost (partial). The basis is a list of rows, one allocation per vector (never one block of steps x n, which a
// wasm32 heap or a fragmented address space refuses long before the total is short). All rows are allocated up
// front, so a run that cannot get its memory fails before the first product rather than after an hour of them; a
// row's pages are touched (become resident) only when its vector is written, so a run stopped early on convergence
// occupies only the rows it reached. Without reorthogonalisation only q_{j-1}, q_j and the
// product are kept (3 vectors), for quadrature on models too large for a basis.
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
#include "vector_pool.hpp"

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

namespace {

template <typename T>
void fillRademacher(std::uint64_t seed, T* out, std::size_t n) {
  std::uint64_t state = seed;
  for (std::size_t i = 0; i < n; ++i) out[i] = (splitmix64(state) >> 63) ? T(-1) : T(1);
}

// The start vector in place: projected twice against the deflated rows (the start vector has O(1) components along
// them; one pass leaves them at the rows' rounding times that, the second at its square), then normalised.
template <typename T>
void prepareStart(std::vector<const float*>& deflation, std::vector<double>& h, T* q0, std::size_t n) {
  if (!deflation.empty()) {
    for (int pass = 0; pass < 2; ++pass) kernels::projectOnce(deflation.data(), deflation.size(), n, q0, h.data());
    if (!(kernels::dot(q0, q0, n) > 0))
      throw Error(ErrorKind::Argument, "the Lanczos start vector lies in the span of the deflated vectors");
  }
  kernels::scale(q0, 1.0 / std::sqrt(kernels::dot(q0, q0, n)), n);
}

}  // namespace

void rademacher(std::uint64_t seed, double* out, std::size_t n) { fillRademacher(seed, out, n); }

std::uint64_t lanczosBytes64(std::uint64_t n, int steps, bool reorthogonalize, bool float32Basis,
                             bool float32Vectors) {
  std::uint64_t m = steps < 1 ? 1 : static_cast<std::uint64_t>(steps);
  if (m > n) m = n;
  // Double basis: m rows (q_{j-1} and q_j are rows) plus the product buffer. Float32 basis: m float rows plus
  // q_{j-1}, q_j and the product in double. Without reorthogonalisation: q_{j-1}, q_j and the product (the two
  // vectors in float32 with float32Vectors). The tridiagonal eigenvectors (m x m) and the omega estimates are small.
  const std::uint64_t bytes = !reorthogonalize ? (float32Vectors ? 16 * n : 8 * 3 * n)
                              : float32Basis   ? 4 * m * n + 8 * 3 * n
                                               : 8 * (m + 1) * n;
  return bytes + 8 * (m * m + 8 * m);
}

std::size_t lanczosBytes(std::size_t n, int steps, bool reorthogonalize, bool float32Basis, bool float32Vectors) {
  const std::uint64_t bytes = lanczosBytes64(n, steps, reorthogonalize, float32Basis, float32Vectors);
  return bytes > static_cast<std::uint64_t>(SIZE_MAX) ? SIZE_MAX : static_cast<std::size_t>(bytes);
}

namespace {

constexpr double kEps = 1.1102230246251565e-16;  // 2^-53, double rounding
constexpr double kEps32 = 5.9604644775390625e-8;  // 2^-24, float32 rounding of the stored rows
// Below this share of <h,h>, <x,x> of the three-term update is measured by an explicit pass instead of from the Gram
// of h, q and p: each of its terms there is at most about <h,h>, so their rounding (a few eps <h,h>) stays below
// 1e-13 of <x,x> above it.
constexpr double kGramCancel = 1e-2;

}  // namespace

struct Lanczos::State {
  LanczosConfig config;
  std::size_t n = 0;
  int m = 0;
  // The stored basis: rows64 (double) or rows32 (float32), one allocation per row, m rows allocated up front.
  std::vector<PoolArray<double>> rows64;
  std::vector<PoolArray<float>> rows32;
  std::vector<const double*> ptr64;  // the rows as a pointer list for the kernels
  std::vector<const float*> ptr32;
  std::size_t written = 0;           // rows holding a Lanczos vector
  // q_{j-1} and q_j in double. With a double basis they point into rows64; otherwise into vec0/vec1: own buffers or
  // the caller's workVectors.
  PoolArray<double> own0, own1;
  double* vec0 = nullptr;  // own0 or the caller's workVectors[0]
  double* vec1 = nullptr;  // own1 or the caller's workVectors[1]
  double* prev = nullptr;
  double* cur = nullptr;
  // float32Vectors without a basis: q_{j-1} and q_j in float32 (own32 or the caller's workVectors32); q_j stays in
  // cur32 for the whole run (q_j is copied into prev32 before q_{j+1} is written over it).
  PoolArray<float> own32[2];
  float* prev32 = nullptr;
  float* cur32 = nullptr;
  PoolArray<double> w;              // product buffer, then the residual vector (allocated, touched only when used)
  double* work = nullptr;           // where this step's product and residual are: w, or the caller's lent array
  std::vector<double> h1, h2;       // Gram-Schmidt coefficients
  std::vector<const float*> deflation;  // the deflated rows (the pointer list copied: the caller's may be temporary)
  std::vector<double> deflationH;   // coefficients of the projection against the deflated rows
  std::vector<double> alpha, beta;  // beta[j] = ||w_j||; beta[steps-1] is the residual norm of the last step
  // Partial reorthogonalisation: omegaCur[k] ~ q_j^T q_k, omegaPrev[k] ~ q_{j-1}^T q_k (Simon's estimates).
  std::vector<double> omegaCur, omegaPrev, omegaNext;
  bool forceNext = false;  // a sweep at step j forces one at step j+1 (Simon: both q_{j+1} and q_{j+2})
  double productError = 0;  // largest relative asymmetry of the products measured so far (partial mode)
  int sweeps = 0;
  int secondPasses = 0;     // sweeps that needed the second Gram-Schmidt pass
  // Partial mode: the largest omega a step without a sweep has let stand, a bound on the stored rows' pairwise
  // |q_k^T q_l| (what a one-pass sweep leaves behind is this times its coefficients; see sweepRows).
  double gramBound = 0;
  double normEstimate = 0;
  // The product lent by borrowProduct() for the next step (worked on in place; null otherwise).
  double* borrowed = nullptr;
  VectorBlockSink* sink = nullptr;
  bool done = false;
  bool invariant = false;
  bool failed = false;

  bool storesBasis() const { return config.reorthogonalize; }

  // Runs form(i0, len) over [0, n): in one call, or with a sink in its blocks, each handed to the sink once formed.
  template <typename Form, typename T>
  void formVector(Form&& form, const T* vector) {
    if (sink == nullptr) {
      form(0, n);
      return;
    }
    const std::size_t size = sink->blockSize();
    for (std::size_t b = 0, i0 = 0; i0 < n; ++b, i0 += size) {
      form(i0, std::min(size, n - i0));
      sink->block(vector, b);
    }
  }

  // Records q (normalised, length n) as the next row of the basis: a float32 copy, or nothing to copy when q was
  // written into its double row by nextVector().
  void storeRow(const double* q) {
    if (!storesBasis()) return;
    if (config.float32Basis) {
      float* row = rows32[written].get();
      for (std::size_t i = 0; i < n; ++i) row[i] = static_cast<float>(q[i]);
    }
    ++written;
  }

  // Buffer for q_{j+1}: the next double row, or the buffer of q_{j-1} (no longer needed after this step).
  double* nextVector() {
    if (storesBasis() && !config.float32Basis) return rows64[written].get();
    return prev != nullptr ? prev : vec1;
  }

  // A sweep, fused with the local part of the step: w = ((w - a q - b p) - c0 q - c1 p), then classical Gram-Schmidt
  // against the first k stored rows, the last subtraction written to `out` (q_{j+1}'s buffer, or w), whose squared
  // norm it returns. alphaFix: what was removed along q_j (row k-1), which keeps T = Q^T H Q exact to rounding.
  //
  // One Gram-Schmidt pass or two. One pass leaves w with components (I - Q^T Q) h along the rows (h its coefficients)
  // plus rounding relative to ||w|| / ||w - Q h||. So a second pass is made when either can exceed `level`, the
  // orthogonality the caller records for the new vector: when the norm drops below 1/sqrt(2) of what it was (the
  // DGKS criterion that ARPACK and PROPACK use), or when gram (a bound on |q_k^T q_l|, k != l, among the stored
  // rows) times sum|h| exceeds level times the new norm. Full reorthogonalisation keeps the rows orthonormal to their
  // rounding, so its second pass is rare and a sweep reads the rows twice (three times before); a partial sweep
  // against rows that are only semi-orthogonal takes both passes, as it always did. Before, every sweep made both
  // passes plus three more passes over w for the local correction and the norm, and a last one to normalise.
  template <typename T>
  double sweepRows(const T* const* rows, std::size_t k, double* out, const double* q, const double* p, double a,
                   double b, double c0, double c1, double gram, double level, double& alphaFix) {
    double* wv = work;
    double ww = 0;
    kernels::updateAndDot(rows, k, n, wv, q, p, a, b, c0, c1, h1.data(), ww);
    double hh = 0, sum = 0;
    for (std::size_t i = 0; i < k; ++i) {
      hh += h1[i] * h1[i];
      sum += std::fabs(h1[i]);
    }
    const double rest = ww - hh;  // ||w - Q h1||^2 if the rows were orthonormal
    const bool again = !(rest > 0.5 * ww) || gram * sum > level * std::sqrt(rest);
    alphaFix = h1[k - 1];
    const double* h = h1.data();
    if (again) {
      kernels::subtractAndDot(rows, k, n, wv, h1.data(), h2.data());
      alphaFix += h2[k - 1];
      h = h2.data();
      ++secondPasses;
    }
    ++sweeps;
    return kernels::subtractInto(out, wv, rows, k, n, h);
  }

  double sweep(std::size_t k, double* out, const double* q, const double* p, double a, double b, double c0, double c1,
               double gram, double level, double& alphaFix) {
    if (config.float32Basis)
      return sweepRows(ptr32.data(), k, out, q, p, a, b, c0, c1, gram, level, alphaFix);
    return sweepRows(ptr64.data(), k, out, q, p, a, b, c0, c1, gram, level, alphaFix);
  }
};

namespace {
int runSteps(const LanczosConfig& config) {
  return static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(std::max(config.maxSteps, 1)), config.n));
}
std::uint64_t keptRitzVectors(const LanczosConfig& config) {
  return static_cast<std::uint64_t>(std::max(0, std::min(config.ritzVectors, runSteps(config))));
}
}  // namespace

std::uint64_t lanczosRunBytes(const LanczosConfig& config) {
  return lanczosBytes64(config.n, runSteps(config), config.reorthogonalize, config.float32Basis,
                        config.usesFloat32Vectors()) +
         8 * keptRitzVectors(config) * config.n;
}

void checkLanczosMemory(const LanczosConfig& config) {
  const std::size_t n = config.n;
  const int m = runSteps(config);
  const std::uint64_t kept = keptRitzVectors(config);
  const std::uint64_t bytes = lanczosRunBytes(config);
  const std::string what =
      "Lanczos with " + std::to_string(m) + " steps and " +
      (config.reorthogonalize ? std::string(config.partial ? "partial" : "full") + " reorthogonalisation against a " +
                                    (config.float32Basis ? "float32" : "double") + " basis"
                              : std::string("no reorthogonalisation") +
                                    (config.usesFloat32Vectors() ? " (float32 vectors)" : "")) +
      " over " + std::to_string(n) + " parameters" + (kept ? " (and " + std::to_string(kept) + " Ritz vectors)" : "");
  checkMemory64(bytes, config.memoryBudget, what);
}

Lanczos::Lanczos(const LanczosConfig& config, const double* start) : state_(nullptr) {
  if (config.n == 0) throw Error(ErrorKind::Argument, "Lanczos needs an operator of dimension n >= 1 (got n = 0)");
  if (config.maxSteps < 1)
    throw Error(ErrorKind::Argument,
                "Lanczos needs at least 1 step (got steps = " + std::to_string(config.maxSteps) + ")");
  if (config.ritzVectors < 0)
    throw Error(ErrorKind::Argument, "ritzVectors must be >= 0 (got " + std::to_string(config.ritzVectors) + ")");
  if (config.deflationCount < 0 || (config.deflationCount > 0 && config.deflation == nullptr))
    throw Error(ErrorKind::Argument, "deflation needs deflationCount >= 0 rows (got " +
                                         std::to_string(config.deflationCount) + ")");
  if (config.ritzVectors > 0 && !config.reorthogonalize)
    throw Error(ErrorKind::Argument,
                "Ritz vectors need the stored Lanczos basis: turn reorthogonalisation on or ask for 0 vectors");

  const std::size_t n = config.n;
  const int m = static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(config.maxSteps), n));
  checkLanczosMemory(config);

  if (start != nullptr) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(start[i]))
        throw Error(ErrorKind::Numerical,
                    "the Lanczos start vector has a NaN or infinite entry at index " + std::to_string(i));
    }
    if (!(kernels::dot(start, start, n) > 0))
      throw Error(ErrorKind::Argument, "the Lanczos start vector is zero; give a nonzero vector or a seed");
  }

  poolRetainFor(n);
  std::unique_ptr<State> s(new State());
  s->config = config;
  // Partial reorthogonalisation and float32 rows describe the stored basis; without one they mean nothing.
  s->config.partial = config.partial && config.reorthogonalize;
  s->config.float32Basis = config.float32Basis && config.reorthogonalize;
  s->n = n;
  s->m = m;
  const bool rows64 = config.reorthogonalize && !config.float32Basis;
  const bool float32Basis = s->config.float32Basis;
  s->config.float32Vectors = config.usesFloat32Vectors();
  if (s->config.float32Vectors) {
    for (int i = 0; i < 2; ++i) {
      if (config.workVectors32[0] != nullptr && config.workVectors32[1] != nullptr) {
        (i ? s->cur32 : s->prev32) = config.workVectors32[i];
      } else {
        s->own32[i] = poolArray<float>(n);
        (i ? s->cur32 : s->prev32) = s->own32[i].get();
      }
    }
  } else if (!rows64) {
    if (config.workVectors[0] != nullptr && config.workVectors[1] != nullptr) {
      s->vec0 = config.workVectors[0];
      s->vec1 = config.workVectors[1];
    } else {
      s->own0 = poolArray<double>(n);
      s->own1 = poolArray<double>(n);
      s->vec0 = s->own0.get();
      s->vec1 = s->own1.get();
    }
  }
  if (config.reorthogonalize) {
    for (int r = 0; r < m; ++r) {
      if (float32Basis) {
        s->rows32.push_back(poolArray<float>(n));
        s->ptr32.push_back(s->rows32.back().get());
      } else {
        s->rows64.push_back(poolArray<double>(n));
        s->ptr64.push_back(s->rows64.back().get());
      }
    }
    s->h1.assign(static_cast<std::size_t>(m), 0.0);
    s->h2.assign(static_cast<std::size_t>(m), 0.0);
  }
  if (s->config.partial) {
    s->omegaCur.assign(static_cast<std::size_t>(m) + 1, 0.0);
    s->omegaPrev.assign(static_cast<std::size_t>(m) + 1, 0.0);
    s->omegaNext.assign(static_cast<std::size_t>(m) + 1, 0.0);
  }
  // Not cleared: every caller writes all n entries before a step, and a run fed by borrowProduct never touches it.
  s->w = poolArray<double>(n);
  s->alpha.reserve(static_cast<std::size_t>(m));
  s->beta.reserve(static_cast<std::size_t>(m));

  if (config.deflationCount > 0) {
    s->deflation.assign(config.deflation, config.deflation + config.deflationCount);
    s->deflationH.assign(s->deflation.size(), 0.0);
  }
  // With float32 vectors the start vector is formed in float32 where it stays (no n doubles even for a moment: at a
  // probe's start they came on top of the previous probe's vectors awaiting collection). A Rademacher vector comes
  // out as fl32(±1/sqrt(n)), the rounding of the double one; a projected or given one is rounded at each pass
  // (6e-8 relative), which the products' own noise dwarfs in the runs that use float32 vectors.
  double* q0 = nullptr;
  if (s->config.float32Vectors) {
    if (start != nullptr) {
      // Normalised while rounded, so that no scale of the caller's vector under- or overflows float32.
      const double inv = 1.0 / std::sqrt(kernels::dot(start, start, n));
      for (std::size_t i = 0; i < n; ++i) s->cur32[i] = static_cast<float>(start[i] * inv);
    } else {
      fillRademacher(config.seed, s->cur32, n);
    }
    prepareStart(s->deflation, s->deflationH, s->cur32, n);
  } else {
    q0 = rows64 ? s->nextVector() : s->vec0;
    if (start != nullptr) {
      std::copy(start, start + n, q0);
    } else {
      rademacher(config.seed, q0, n);
    }
    prepareStart(s->deflation, s->deflationH, q0, n);
  }
  s->cur = q0;
  s->prev = nullptr;
  s->storeRow(q0);
  if (s->config.partial) s->omegaCur[0] = 1;
  state_ = s.release();
}

Lanczos::~Lanczos() { delete state_; }

std::size_t Lanczos::size() const { return state_->n; }
int Lanczos::stepsTaken() const { return static_cast<int>(state_->alpha.size()); }
bool Lanczos::done() const { return state_->done; }
const double* Lanczos::vector() const { return state_->cur; }
const float* Lanczos::vector32() const { return state_->cur32; }
double* Lanczos::productBuffer() { return state_->w.get(); }

void Lanczos::borrowProduct(double* product) { state_->borrowed = product; }

void Lanczos::setVectorSink(VectorBlockSink* sink) {
  State& s = *state_;
  s.sink = sink;
  if (sink == nullptr || s.done) return;
  if (s.cur32 != nullptr)
    s.formVector([](std::size_t, std::size_t) {}, static_cast<const float*>(s.cur32));
  else
    s.formVector([](std::size_t, std::size_t) {}, static_cast<const double*>(s.cur));
}

bool Lanczos::step() {
  State& s = *state_;
  // The product and the work vector of this step: the caller's lent array, or the solver's own buffer.
  double* w = s.borrowed != nullptr ? s.borrowed : s.w.get();
  s.borrowed = nullptr;
  s.work = w;
  const double* h = w;
  if (s.failed)
    throw Error(ErrorKind::State, "this Lanczos run failed earlier (a product had NaN or Inf); start a new one");
  if (s.done) throw Error(ErrorKind::State, "this Lanczos run has finished; call result() instead of step()");
  const std::size_t n = s.n;
  const std::size_t j = s.alpha.size();
  const double* q = s.cur;
  const double* p = j > 0 ? s.prev : nullptr;
  const double betaPrev = j > 0 ? s.beta[j - 1] : 0.0;
  // The last step of the cap forms no q_{j+1}: only alpha_m and beta_m (the residual norm) are left to compute.
  const bool last = j + 1 == static_cast<std::size_t>(s.m);
  // Deflation: w = P H q. q is in range P already, so one pass suffices (what it leaves is the rows' rounding times
  // the product's components along them, which the next step projects again).
  if (!s.deflation.empty()) {
    kernels::projectOnce(s.deflation.data(), s.deflation.size(), n, w, s.deflationH.data());
  }

  kernels::GramOfThree gram;
  if (s.config.partial) gram = kernels::gramOfThree(h, q, p, n);
  const double a0 = s.config.partial          ? gram.qh
                    : s.config.float32Vectors ? kernels::dot(s.cur32, h, n)
                                              : kernels::dot(q, h, n);
  double a = a0;
  double b = 0;
  // Where q_{j+1} (times b) is once b is known: still to be computed from the untouched product (Update: the
  // three-term update, the local correction c0 q + c1 p and the normalisation in one pass), in w (Scale), or already
  // in q_{j+1}'s buffer, where a sweep's last subtraction wrote it (Ready). Each vector is then written once per step.
  enum class Form { Update, Scale, Ready } form = Form::Scale;
  double c0 = 0, c1 = 0;
  double* next = last ? nullptr : s.nextVector();
  if (s.config.partial) {
    // One read-only pass: on x = w - a q - b p (the three-term update), <q,x>, <p,x>, <x,x>. Local orthogonality
    // against q_j and q_{j-1} (c0, c1) is then enforced at every step. For a symmetric H the recurrence gives it to
    // rounding; the operators here are Hessian-vector products by finite differences, symmetric only to their
    // truncation and rounding error, and that asymmetry breaks exactly these two inner products first. What is
    // removed measures it: it enters the omega model below as its noise level.
    // x = h - a0 q - b' p, measured from the Gram of h, q and p (c0 ~ its rounding, c1 ~ the asymmetry of the
    // products; see kGramCancel for when the explicit pass takes over).
    c0 = (gram.qh - a0 * gram.qq) - betaPrev * gram.qp;
    c1 = (gram.ph - a0 * gram.qp) - betaPrev * gram.pp;
    double ww = gram.hh - a0 * (2 * gram.qh - a0 * gram.qq) - betaPrev * (2 * gram.ph - betaPrev * gram.pp - 2 * a0 * gram.qp);
    if (!(ww > kGramCancel * gram.hh)) kernels::projectUpdated(h, q, p, a0, betaPrev, n, c0, c1, ww);
    a += c0;
    // q and p are orthonormal, so ||x - c0 q - c1 p||^2 = ww - c0^2 - c1^2, unless that cancels (x almost in their
    // span: near an invariant subspace), where w is corrected and measured explicitly.
    const double b2 = ww - c0 * c0 - c1 * c1;
    const bool cancels = !(b2 > 1e-4 * ww);
    b = std::sqrt(std::max(b2, 0.0));
    // Simon's recurrence for omega_{j+1,k} ~ q_{j+1}^T q_k, from H q_k = beta_k q_{k+1} + alpha_k q_k +
    // beta_{k-1} q_{k-1} and b q_{j+1} = H q_j - a q_j - beta_{j-1} q_{j-1}, plus a noise term: the rounding of the
    // recurrence (PROPACK's model) or, when larger, the asymmetry just measured (|c0| + |c1|, which the products
    // inject into every inner product alike). Stored rows in float32 start each sweep at their rounding level.
    const double asymmetry = std::fabs(c0) + std::fabs(c1);
    // The products' own error, relative: what the local orthogonalisation just removed, against ||T||. Orthogonality
    // held at level omega perturbs Ritz values by about omega^2 ||H|| (Simon 1984: semi-orthogonality), so keeping
    // omega below sqrt(that error) loses nothing the products have not already lost; below it the threshold is
    // sqrt(eps) as in PROPACK (1e-6 with float32 rows, whose rounding is 6e-8).
    const double scale = std::max(s.normEstimate, std::fabs(a) + b);
    if (scale > 0 && std::isfinite(asymmetry)) s.productError = std::max(s.productError, asymmetry / scale);
    const double floor = std::max(s.config.float32Basis ? kEps32 : kEps * std::sqrt(static_cast<double>(n)),
                                  s.productError);
    const double threshold = std::max(s.config.float32Basis ? 1e-6 : std::sqrt(kEps), std::sqrt(s.productError));
    double worst = 0;
    if (std::isfinite(b) && b > 0 && j > 0) {
      for (std::size_t k = 0; k + 1 < j; ++k) {
        double x = s.beta[k] * s.omegaCur[k + 1] + (s.alpha[k] - a) * s.omegaCur[k] - betaPrev * s.omegaPrev[k];
        if (k > 0) x += s.beta[k - 1] * s.omegaCur[k - 1];
        const double noise = std::max(kEps * std::sqrt(static_cast<double>(n)) * (s.beta[k] + b), asymmetry);
        x = (x + (x >= 0 ? noise : -noise)) / b;
        s.omegaNext[k] = std::max(std::fabs(x), floor) * (x >= 0 ? 1 : -1);
        worst = std::max(worst, std::fabs(x));
      }
    }
    // q_{j-1} and q_j are projected out of w in double.
    if (j > 0) s.omegaNext[j - 1] = floor;
    s.omegaNext[j] = floor;
    s.omegaNext[j + 1] = 1;
    // No sweep at the last step: it would only protect q_{j+1}, which is never formed. Without it the relation
    // H Q_m = Q_m T_m + w e_m^T holds for the w whose norm is beta_m, so the residual bounds |beta_m s_mi| are those
    // of the computed Ritz pairs (a sweep would drop Q h e_m^T from it and report the smaller norm of w - Q h). On a
    // capped run this is often the only sweep (the 20-step run on mlp784 made one, at step 20: a third of the run's
    // core time).
    const bool sweep = !last && (worst > threshold || s.forceNext);
    if (sweep) {
      s.forceNext = !s.forceNext;  // a triggered sweep forces one more; a forced one does not
      double fix = 0;
      b = std::sqrt(s.sweep(j + 1, next, q, p, a0, betaPrev, c0, c1, std::max(s.gramBound, floor), floor, fix));
      a += fix;
      for (std::size_t k = 0; k <= j; ++k) s.omegaNext[k] = floor;
      form = Form::Ready;
    } else {
      s.gramBound = std::max(s.gramBound, worst);
      if (cancels || !std::isfinite(b)) {
        double ww2 = 0;
        kernels::updateAndDot<double>(nullptr, 0, n, w, q, p, a0, betaPrev, c0, c1, nullptr, ww2);
        b = std::sqrt(ww2);
        form = Form::Scale;
      } else {
        form = Form::Update;
      }
    }
    std::swap(s.omegaPrev, s.omegaCur);
    std::swap(s.omegaCur, s.omegaNext);
  } else if (s.config.reorthogonalize) {
    // Full reorthogonalisation: the three-term update fused into the sweep's first pass; the stored rows are
    // orthonormal to their rounding (float32: 6e-8), which bounds what one Gram-Schmidt pass leaves behind.
    const double gram = s.config.float32Basis ? kEps32 : kEps * std::sqrt(static_cast<double>(n));
    double fix = 0;
    b = std::sqrt(s.sweep(j + 1, last ? w : next, q, p, a0, betaPrev, 0, 0, gram, gram, fix));
    a += fix;  // keep T = Q^T H Q exact to rounding (ARPACK corrects alpha the same way)
    form = last ? Form::Scale : Form::Ready;
  } else {
    // No basis: the update and its norm in one pass.
    double ww = 0;
    if (s.config.float32Vectors)
      kernels::updateAndDot<double, float, float>(nullptr, 0, n, w, s.cur32, j > 0 ? s.prev32 : nullptr, a0,
                                                  betaPrev, 0, 0, nullptr, ww);
    else
      kernels::updateAndDot<double>(nullptr, 0, n, w, q, p, a0, betaPrev, 0, 0, nullptr, ww);
    b = std::sqrt(ww);
    form = Form::Scale;
  }
  if (!std::isfinite(a) || !std::isfinite(b)) {
    s.failed = true;
    s.done = true;
    throw Error(ErrorKind::Numerical,
                "the operator product H*q at Lanczos step " + std::to_string(j + 1) +
                    " contains NaN or Inf; check the model's gradients (loss finite? finite-difference step too "
                    "large?)");
  }
  s.alpha.push_back(a);
  s.beta.push_back(b);
  s.normEstimate = std::max(s.normEstimate, std::fabs(a) + b + (j > 0 ? s.beta[j - 1] : 0.0));

  s.invariant = b <= kInvariantTolerance * s.normEstimate;
  if (s.invariant || last) {
    s.done = true;
    return false;
  }
  // q_{j+1} = (that) / b, with the float32 copy of the row fused in. The buffer of q_{j-1} (p) may be the destination
  // (without a double basis): each entry is read before it is written.
  float* row32 = s.config.float32Basis ? s.rows32[s.written].get() : nullptr;
  const double inv = 1.0 / b;
  if (s.config.float32Vectors) {
    // q_j into q_{j-1}'s buffer, then q_{j+1} rounded over q_j, in one pass.
    float* prev32 = s.prev32;
    float* cur32 = s.cur32;
    s.formVector([&](std::size_t i0, std::size_t len) { kernels::shiftInto(prev32 + i0, cur32 + i0, w + i0, inv, len); },
                 static_cast<const float*>(cur32));
    ++s.written;
    return true;
  }
  const double* source = form == Form::Ready ? next : w;
  s.formVector(
      [&](std::size_t i0, std::size_t len) {
        float* r32 = row32 != nullptr ? row32 + i0 : nullptr;
        if (form == Form::Update)
          kernels::updateNormalizeInto(next + i0, h + i0, q + i0, p != nullptr ? p + i0 : nullptr, a0, betaPrev, c0, c1,
                                       inv, r32, len);
        else
          kernels::scaleInto(next + i0, source + i0, inv, r32, len);
      },
      static_cast<const double*>(next));
  s.prev = s.cur;
  s.cur = next;
  ++s.written;
  // No need to clear w: every caller overwrites all n entries of the product buffer before the next step.
  return true;
}

namespace {

// y_t = sum_j s_{j, t} q_j over stored rows, blocked over columns so each block of the basis is read once for all
// k vectors.
template <typename T>
void formRitzVectors(const std::vector<const T*>& rows, std::size_t steps, std::size_t n, const TridiagonalEigen& te,
                     const std::vector<std::size_t>& order, std::size_t k, std::vector<double>& out) {
  out.assign(k * n, 0.0);
  for (std::size_t c = 0; c < n; c += kernels::kBlock) {
    const std::size_t len = std::min(kernels::kBlock, n - c);
    for (std::size_t t = 0; t < k; ++t) {
      double* y = out.data() + t * n + c;
      const double* col = te.vectors.data() + order[t] * steps;
      for (std::size_t j = 0; j < steps; ++j) kernels::axpy(y, col[j], rows[j] + c, len);
    }
  }
}

// The same into float32 output: each column block is summed in double, then rounded once.
void formRitzVectors32(const std::vector<const float*>& rows, std::size_t steps, std::size_t n,
                       const TridiagonalEigen& te, const std::vector<std::size_t>& order, std::size_t k,
                       std::vector<std::vector<float>>& out) {
  out.assign(k, std::vector<float>(n));
  std::vector<double> block(kernels::kBlock);
  for (std::size_t c = 0; c < n; c += kernels::kBlock) {
    const std::size_t len = std::min(kernels::kBlock, n - c);
    for (std::size_t t = 0; t < k; ++t) {
      std::fill(block.begin(), block.begin() + static_cast<std::ptrdiff_t>(len), 0.0);
      const double* col = te.vectors.data() + order[t] * steps;
      for (std::size_t j = 0; j < steps; ++j) kernels::axpy(block.data(), col[j], rows[j] + c, len);
      float* y = out[t].data() + c;
      for (std::size_t i = 0; i < len; ++i) y[i] = static_cast<float>(block[i]);
    }
  }
}

}  // namespace

LanczosResult Lanczos::result(bool withVectors) const {
  const State& s = *state_;
  const std::size_t steps = s.alpha.size();
  if (steps == 0)
    throw Error(ErrorKind::State, "no Lanczos step has been taken yet: feed at least one product before result()");
  LanczosResult r;
  r.steps = static_cast<int>(steps);
  r.invariant = s.invariant;
  r.reorthogonalizations = s.sweeps;
  r.alpha = s.alpha;
  r.beta.assign(s.beta.begin(), s.beta.begin() + static_cast<std::ptrdiff_t>(steps - 1));
  const std::size_t k = withVectors ? std::min<std::size_t>(static_cast<std::size_t>(s.config.ritzVectors), steps) : 0;
  // Values, weights and residuals from the O(m^2) iteration, with or without vectors, so that ritz() mid-run and
  // result() give the same bits; LAPACK's eigenvectors (dstev, O(m^3)) only when Ritz vectors are formed.
  TridiagonalEigen te = tridiagonalEigen(r.alpha, r.beta);
  const double betaLast = s.beta[steps - 1];
  r.ritzValues = te.values;
  r.weights.resize(steps);
  r.residuals.resize(steps);
  for (std::size_t i = 0; i < steps; ++i) {
    r.weights[i] = te.firstComponents[i] * te.firstComponents[i];
    r.residuals[i] = std::fabs(betaLast * te.lastComponents[i]);
  }

  if (k > 0) {
    TridiagonalEigen tv = tridiagonalEigen(r.alpha, r.beta, true);
    // The sign convention of LanczosResult::ritzVectors: first component of each eigenvector of T nonnegative.
    for (std::size_t i = 0; i < steps; ++i) {
      double* col = tv.vectors.data() + i * steps;
      if (col[0] < 0)
        for (std::size_t j = 0; j < steps; ++j) col[j] = -col[j];
    }
    std::vector<std::size_t> order(steps);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const double ax = std::fabs(tv.values[x]), ay = std::fabs(tv.values[y]);
      return ax != ay ? ax > ay : tv.values[x] > tv.values[y];
    });
    r.ritzVectorValues.resize(k);
    // Reported as the nearest of ritzValues (the two iterations agree to rounding), so a vector's value is one of them.
    for (std::size_t t = 0; t < k; ++t) {
      const double v = tv.values[order[t]];
      const auto it = std::lower_bound(r.ritzValues.begin(), r.ritzValues.end(), v);
      std::size_t j = static_cast<std::size_t>(it - r.ritzValues.begin());
      if (j == steps || (j > 0 && v - r.ritzValues[j - 1] < r.ritzValues[j] - v)) --j;
      r.ritzVectorValues[t] = r.ritzValues[j];
    }
    if (s.config.float32Basis)
      formRitzVectors32(s.ptr32, steps, s.n, tv, order, k, r.ritzVectors32);
    else
      formRitzVectors(s.ptr64, steps, s.n, tv, order, k, r.ritzVectors);
  }
  return r;
}

}  // namespace sane
