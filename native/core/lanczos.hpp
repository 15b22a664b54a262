#pragma once
// Lanczos for a symmetric operator that the caller applies (reverse communication, as ARPACK and Spectra do):
// the solver hands out q_j, the caller writes H q_j into productBuffer() (possibly after awaiting JavaScript),
// then calls step(). The solver never sees the operator, so the same code serves HVPs from onnxruntime, dense test
// matrices and anything else.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sane {

struct LanczosConfig {
  std::size_t n = 0;            // operator dimension P
  int maxSteps = 0;             // m, a cap: the caller may stop earlier (result() works after any step); clamped to n
  bool reorthogonalize = true;  // keep the basis and reorthogonalise against it; false keeps only 3 vectors
  // With reorthogonalize: false = against the whole basis at every step; true = partial reorthogonalisation (Simon
  // 1984): the loss of orthogonality is tracked by the omega recurrence and the basis is swept only at the steps
  // where it would exceed the threshold (and the step after), which keeps the Ritz values as accurate as full
  // reorthogonalisation at a fraction of the sweeps.
  bool partial = false;
  // With reorthogonalize: store the basis in float32 (half the memory). q_{j-1}, q_j and the recurrence stay in
  // double, so T is exact to double rounding; the stored copies only serve the reorthogonalisation (which then holds
  // orthogonality at ~1e-7 instead of ~1e-16, enough: Ritz values are affected at its square) and the Ritz vectors
  // (accurate to ~1e-7 relative).
  bool float32Basis = false;
  std::uint64_t seed = 0;       // Rademacher start vector from this seed when no start vector is given
  int ritzVectors = 0;          // form this many Ritz vectors (largest |value| first); needs the stored basis
  std::uint64_t memoryBudget = 0;  // bytes the run may use; 0 = defaultMemoryBudget() (added; see memory_guard.hpp)
  // Deflation (locking): `deflationCount` orthonormal float32 rows of length n, owned by the caller and kept alive
  // for the whole run (the pointer list itself is copied). The run is then Lanczos on P H P with P = I - Y Y^T: the start vector is projected (twice)
  // and every product once before the recurrence sees it, so the Krylov space stays in range P. This is SLQ's
  // deflation of converged outliers, done here rather than by the caller so that it costs one blocked pass of
  // kernels (two reads of the rows) per step instead of a scripted loop per vector, and so that a run without a
  // stored basis can still be deflated.
  const float* const* deflation = nullptr;
  int deflationCount = 0;
  // Optional storage for q_{j-1} and q_j (n doubles each, both or neither), owned by the caller and kept alive for
  // the run, used where they are not rows of a double basis. The addon passes two JavaScript ArrayBuffers, so that
  // JavaScript reads q_j in place (no copy of the direction per product) in memory that V8 owns and frees.
  double* workVectors[2] = {nullptr, nullptr};
  // Without a stored basis: keep q_{j-1} and q_j in float32, 8 bytes a parameter less (the run's vectors 16n bytes
  // instead of 24n: the two vectors and the product in double). Their rounding (6e-8 relative) enters the recurrence
  // once a step, as the float32 rows of a reorthogonalised run do: the vector the caller multiplies is the rounded
  // q_j itself (so alpha = q_j^T H q_j is that of the vector actually used), and q_{j+1} is formed in double from the
  // product and rounded once. For operators whose products carry more error than that anyway (finite-difference
  // HVPs, ~1e-5), where a run without a basis stops at 1e-4; exact operators keep it off. Ignored with a stored
  // basis. vector() is then null and vector32() is q_j.
  bool float32Vectors = false;
  // With float32Vectors: optional storage for q_{j-1} and q_j (n floats each, both or neither), owned by the caller
  // like workVectors (which are then unused).
  float* workVectors32[2] = {nullptr, nullptr};
  // Whether workVectors would be used (no stored double basis and no float32 vectors): the addon allocates them only
  // then.
  bool usesWorkVectors() const { return !(reorthogonalize && !float32Basis) && !usesFloat32Vectors(); }
  // Whether q_{j-1} and q_j are float32 (float32Vectors without a basis): the addon then allocates workVectors32.
  bool usesFloat32Vectors() const { return float32Vectors && !reorthogonalize; }
};

struct LanczosResult {
  int steps = 0;                     // steps actually taken (< maxSteps after an invariant subspace is found)
  bool invariant = false;            // beta fell to rounding level: the Ritz values are exact eigenvalues
  std::vector<double> alpha;         // diagonal of T, length steps
  std::vector<double> beta;          // off-diagonal of T, length steps-1
  std::vector<double> ritzValues;    // eigenvalues of T, ascending
  std::vector<double> weights;       // squared first components of T's eigenvectors (quadrature weights, sum 1)
  std::vector<double> residuals;     // |beta_m * s_{m,i}|: ||H y_i - theta_i y_i|| bound for each Ritz value
  std::vector<double> ritzVectors;   // ritzVectors.size()/n vectors of length n, row-major, largest |value| first
  // Each Ritz vector y = Q s is signed so that q_1 . y = s_1 >= 0, i.e. q_1 . y = sqrt(weight) of its value: a
  // restart from the start vector's components on the Ritz vectors needs no copy of that vector.
  // With a float32 basis the Ritz vectors come in float32 here instead (ritzVectors stays empty): they are accurate
  // to ~1e-7 relative anyway (the rows' rounding), and at ResNet-18 size a double copy of five of them is 447 MB.
  // One allocation per vector, so that a caller may keep some and free the others.
  std::vector<std::vector<float>> ritzVectors32;
  std::vector<double> ritzVectorValues;  // the Ritz value of each returned vector
  int reorthogonalizations = 0;      // steps that swept the stored basis (all of them with full reorthogonalisation)
};

// Sees each Lanczos vector q_j block by block while the solver forms it: block(q, b) is called once the entries
// [b * blockSize, min(n, (b + 1) * blockSize)) of q (the whole vector's pointer) are final, so the sink reads them
// from cache. Every block of every vector is handed over once, in order. The HVP's points for the next product are
// written this way (fd_hvp.hpp, FdPerturbBlocks). block() must not throw (a sink records its failures).
class VectorBlockSink {
 public:
  virtual ~VectorBlockSink() = default;
  virtual std::size_t blockSize() const = 0;
  virtual void block(const double* q, std::size_t b) = 0;
  virtual void block(const float* q, std::size_t b) = 0;  // float32 vectors (LanczosConfig::float32Vectors)
};

class Lanczos {
 public:
  // start: optional start vector of length n (normalised internally); nullptr draws a Rademacher vector from seed.
  Lanczos(const LanczosConfig& config, const double* start);
  Lanczos(const Lanczos&) = delete;
  Lanczos& operator=(const Lanczos&) = delete;
  ~Lanczos();

  std::size_t size() const;
  int stepsTaken() const;
  bool done() const;
  // q_j, the vector to multiply next; valid until the next step(). Null with float32 vectors (see vector32()).
  const double* vector() const;
  // q_j with float32 vectors (LanczosConfig::float32Vectors), else null.
  const float* vector32() const;
  // Where the caller writes H q_j (length n).
  double* productBuffer();
  // Lends H q_j (length n) to the next step(), which must follow before the caller touches it again. The step works
  // in the caller's array instead of productBuffer() (it projects, reorthogonalises and updates there, so its content
  // is garbage afterwards): no copy of the product, and the solver's own product buffer is never touched, so its
  // pages never become resident (188 MB at P = 23.5M).
  void borrowProduct(double* product);
  // Consumes the product; returns true when another product is needed.
  bool step();
  // Hands every vector from q_j (the current one, at once) to `sink` as it is formed; nullptr stops. The sink is the
  // caller's and must outlive its use. Forming q_{j+1} in blocks changes none of its bits (the passes are elementwise).
  void setVectorSink(VectorBlockSink* sink);
  // Tridiagonal eigenproblem (LAPACK) and, if requested (and withVectors), Ritz vectors from the stored basis. Valid
  // after any step: a caller that stops on convergence reads the result of the steps taken so far.
  LanczosResult result(bool withVectors = true) const;

 private:
  struct State;
  State* state_;
};

// The memory guard's check of a run (the constructor makes it first): a caller that allocates memory for the run
// itself (workVectors) makes it before that, so that an oversized run is refused with the guard's message.
void checkLanczosMemory(const LanczosConfig& config);
// The bytes that check counts for a run (the WASM session counts its finite-difference points on top of them).
std::uint64_t lanczosRunBytes(const LanczosConfig& config);

// Bytes the basis and work vectors of a run need at most (what the memory guard checks; a run that stops early
// allocates only the rows it reached). Saturates at SIZE_MAX, which matters on wasm32 where size_t is 32 bits;
// lanczosBytes64 is the exact count.
std::size_t lanczosBytes(std::size_t n, int steps, bool reorthogonalize, bool float32Basis = false,
                         bool float32Vectors = false);
std::uint64_t lanczosBytes64(std::uint64_t n, int steps, bool reorthogonalize, bool float32Basis = false,
                             bool float32Vectors = false);

// The Rademacher start vector the solver draws for `seed` (entries +-1, not normalised), exposed so tests and
// callers can reproduce it. Stream: splitmix64 (Steele, Lea & Flood 2014) started at `seed`; entry i is -1 when
// the top bit of the i-th output is set, +1 otherwise. Identical in the native and WASM builds.
void rademacher(std::uint64_t seed, double* out, std::size_t n);

}  // namespace sane
