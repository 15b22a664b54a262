#pragma once
// Finite-difference Hessian-vector products from float32 parameters: Hv ~ (g(theta+eps v) - g(theta-eps v)) / 2eps.
// The core only does the arithmetic: the caller evaluates the gradients (onnxruntime) at the points it produces.
#include <cstddef>

namespace sane {

enum class FdScheme { Central, Forward };

// Step for direction v at theta; relStep <= 0 means the default rule (documented in fd_hvp.cpp and the README).
double fdStep(const float* theta, const double* v, std::size_t n, FdScheme scheme, double relStep);

// Writes theta + eps v (and theta - eps v when minus != nullptr) rounded to float32, and returns the denominator to
// divide the gradient difference by: the scale of the realised (rounded) displacement along v, i.e. 2*s (central) or
// s (forward) with s = <d, v> / <v, v> for the realised d, so a unit direction gives an exact column.
double fdPerturb(const float* theta, const double* v, std::size_t n, double eps, float* plus, float* minus);

// out = (gPlus - gMinus) / denominator, in double.
void fdCombine(const double* gPlus, const double* gMinus, std::size_t n, double denominator, double* out);

// acc += weight * g (float32 gradient of one batch into a float64 accumulator).
void accumulate(double* acc, const float* g, std::size_t n, double weight);

}  // namespace sane
