#pragma once
// Finite-difference Hessian-vector products from float32 parameters: Hv ~ (g(theta+eps v) - g(theta-eps v)) / 2eps.
// The core only does the arithmetic: the caller evaluates the gradients (onnxruntime) at the points it produces.
//
// Two layers. fdStep / fdPerturb / fdCombine / accumulate are the elementary operations. The fused calls below
// (fdThetaScale, fdPoints, fdCombineChecked, fdRichardson, fdRichardsonOnto) are what the HVP driver
// (src/oracle/hvp.ts) uses: per product one pass before onnxruntime (step + all perturbed points) and one after
// (combination + finiteness check, and for Richardson the extrapolation and its error norm), so that the per-product
// work outside onnxruntime is two passes over P values instead of six to ten. Both layers compute the same numbers
// (fd_hvp.cpp: blocked sums).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sane {

enum class FdScheme { Central, Forward };

// Every sum over P values is taken in blocks of this many values (fd_hvp.cpp: "Blocked sums").
constexpr std::size_t kFdBlock = std::size_t{1} << 14;

// Directions v come in double or float32 (V = double or float; a float32 direction is widened exactly, so it gives
// the same numbers as its double copy).

// Step for direction v at theta; relStep <= 0 means the default rule (documented in fd_hvp.cpp and the README).
template <class V>
double fdStep(const float* theta, const V* v, std::size_t n, FdScheme scheme, double relStep);

// Writes theta + eps v (and theta - eps v when minus != nullptr) rounded to float32, and returns the denominator to
// divide the gradient difference by: the scale of the realised (rounded) displacement along v, i.e. 2*s (central) or
// s (forward) with s = <d, v> / <v, v> for the realised d, so a unit direction gives an exact column.
template <class V>
double fdPerturb(const float* theta, const V* v, std::size_t n, double eps, float* plus, float* minus);

// out = (gPlus - gMinus) / denominator, in double.
void fdCombine(const double* gPlus, const double* gMinus, std::size_t n, double denominator, double* out);

// acc += weight * g (float32 gradient of one batch into a float64 accumulator).
void accumulate(double* acc, const float* g, std::size_t n, double weight);

// ---- Fused per-product calls ------------------------------------------------------------------------------------

// max(1, ||theta||_inf): the unit of fdStep's rule. theta does not change between products, so the driver computes
// it once. Throws Numerical naming the first NaN/Inf entry, as fdStep does.
double fdThetaScale(const float* theta, std::size_t n);

struct FdPoints {
  double eps;           // fdStep's step for (theta, v) with thetaScale = fdThetaScale(theta)
  double denominator;   // fdPerturb(theta, v, eps, plus, minus)
  double denominator2;  // fdPerturb(theta, v, 2 eps, plus2, minus2) when plus2 != nullptr, else 0
};

// fdStep + fdPerturb (+ a second central pair at 2 eps, Richardson's long step) in one call: the same eps, the same
// points and the same denominators as the elementary calls, with two passes over v (its norm, then the points).
// minus == nullptr: forward (then plus2 must be nullptr too).
template <class V>
FdPoints fdPoints(const float* theta, const V* v, std::size_t n, double thetaScale, FdScheme scheme,
                  double relStep, float* plus, float* minus, float* plus2, float* minus2);

// fdCombine with gradients in float32 (onnxruntime's own output, one batch) or float64 (sums over batches), widened
// exactly, and the finiteness check of the product in the same pass. Returns the index of the first non-finite
// entry of out, or -1.
template <class A, class B>
std::int64_t fdCombineChecked(const A* gPlus, const B* gMinus, std::size_t n, double denominator, double* out);

struct FdRichardsonResult {
  std::int64_t firstNonFinite;  // first index where D1, D2 or R is not finite, or -1
  double fdError;               // ||R - D1|| / ||R|| (0 when R = 0)
  double correctionSquares;     // ||R - D1||^2 and ||R||^2: the driver calls this per parameter tensor and adds them
  double productSquares;
};

// Richardson's extrapolation of two central differences in one pass: D1 = (g1+ - g1-)/den1, D2 = (g2+ - g2-)/den2,
// out = R = w1 D1 - w2 D2 with w1 = den2^2/(den2^2 - den1^2), w2 = den1^2/(den2^2 - den1^2) (den = 2s: only the ratio
// of the squared realised steps matters), and the relative size of the correction, fdError. The gradients are left
// untouched, so a non-finite product can still be explained from them.
template <class T>
FdRichardsonResult fdRichardson(const T* g1Plus, const T* g1Minus, const T* g2Plus, const T* g2Minus, std::size_t n,
                                double den1, double den2, double* out);

// fdRichardson with D1 already in inout (the short pair's fdCombineChecked result), which becomes R: the same
// weights, operations and result, the same bits in inout, for a caller that evaluates the two pairs in turn and so
// never holds four gradients (src/oracle/hvp.ts, lean Richardson). firstNonFinite flags D2 and R (a non-finite D1
// entry makes R's non-finite).
template <class T>
FdRichardsonResult fdRichardsonOnto(const T* g2Plus, const T* g2Minus, std::size_t n, double den1, double den2,
                                    double* inout);

// ---- Points of a vector formed block by block ------------------------------------------------------------------

// fdStep's rule for a direction of unit norm: rel * thetaScale. The step of the points a Lanczos session writes
// (FdPerturbBlocks): its vectors are normalised as they are formed (to rounding), so their norm is not measured
// first; the denominator measures the realised displacement as always.
double fdUnitStep(double thetaScale, FdScheme scheme, double relStep);

// fdPerturb(theta, v, n, eps, plus, minus) for a vector v that its producer forms block by block (blocks of
// kFdBlock values): block(v, b) writes the points of block b while it is fresh in cache and keeps that block's
// sums, so that once every block has been given, denominator() is fdPerturb's value (the same blocked sums) and the
// points are fdPerturb's. A Lanczos session calls it as each q_j is formed (lanczos.hpp, VectorBlockSink): the pass
// that read q_j back from memory for the points, and JavaScript's copy of q_j, are gone. minus == nullptr: forward.
class FdPerturbBlocks {
 public:
  FdPerturbBlocks(const float* theta, std::size_t n, double eps, float* plus, float* minus);
  template <class V>
  void block(const V* v, std::size_t b);
  // After all blocks of a vector: the denominator; throws Numerical naming the first non-finite point as fdPerturb.
  double denominator() const;
  double eps() const { return eps_; }

 private:
  const float* theta_;
  std::size_t n_;
  double eps_;
  float* plus_;
  float* minus_;
  std::vector<double> dv_, vv_;
  std::vector<char> bad_;
};

// Threads the passes over n values use: 1 (the calling thread) unless SANE_CORE_THREADS=k asks for k; always 1 in
// WebAssembly. On the 2-core development machine, with onnxruntime's two threads, a second thread made every pass
// slower at P from 6.5e4 to 1.1e7 (README "Performance"), so threads are opt-in. The numbers do not depend on it
// (fd_hvp.cpp: sums in fixed blocks).
unsigned fdThreads(std::size_t n);

}  // namespace sane
