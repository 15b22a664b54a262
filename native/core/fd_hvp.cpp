// Finite-difference HVP arithmetic in float32 parameters.
//
// Step rule. The gradient g is evaluated in float32 at float32 parameters, so each evaluation carries a relative
// rounding error of order u = 2^-23 (machine epsilon of float32), and theta +- eps v is itself rounded to float32.
// Central differences: error ~ eps^2/6 |D^3 L[v,v,.]| (truncation) + u |g| / eps (rounding); the sum is smallest at
// eps ~ u^(1/3) = 4.9e-3 in units of the problem's scale. Forward differences: eps/2 |D^2 L[v,.]| + u |g| / eps,
// smallest at eps ~ u^(1/2) = 3.5e-4. The unit is the parameters' own size: max(1, ||theta||_inf), divided by
// ||v||_2 so that the displacement has 2-norm rel * max(1, ||theta||_inf) whatever the direction. For a unit vector
// e_k (the exact estimator) the coordinate moves by that much, far above the float32 spacing of theta (a ratio of
// u/rel ~ 2.4e-5 central), which matches the SANE.md measurement that eps near 5e-3 balances truncation against
// rounding. A dense direction (Lanczos, SLQ) gets the same displacement norm rather than that much per coordinate:
// the truncation error grows with the square of the displacement, and scaling by ||v||_inf instead put lambda_max
// from Lanczos 0.8% high on mlp_tanh_lr0.5 (0.17% with the 2-norm). The smaller per-coordinate moves are rounded
// relatively more, which fdPerturb measures. Users override rel with relStep.
//
// The realised displacement differs from eps v by rounding. fdPerturb therefore measures it (exactly, in double) and
// returns the denominator that matches it: s = <d, v>/<v, v> is the least-squares step along v of the realised
// displacement d, so a unit direction e_k gives the exact difference quotient of column k.
#include "fd_hvp.hpp"

#include <cfloat>
#include <cmath>
#include <string>

#include "error.hpp"

namespace sane {

namespace {
double twoNorm(const double* v, std::size_t n) {
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += v[i] * v[i];
  return std::sqrt(s);
}
}  // namespace

double fdStep(const float* theta, const double* v, std::size_t n, FdScheme scheme, double relStep) {
  if (n == 0) throw Error(ErrorKind::Argument, "finite-difference step: the parameter vector is empty");
  if (std::isnan(relStep) || std::isinf(relStep))
    throw Error(ErrorKind::Argument, "finite-difference relStep must be a finite number");
  double thetaMax = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(theta[i]))
      throw Error(ErrorKind::Numerical,
                  "finite-difference step: theta has a NaN or infinite entry at index " + std::to_string(i));
    thetaMax = std::fmax(thetaMax, std::fabs(static_cast<double>(theta[i])));
  }
  const double vNorm = twoNorm(v, n);
  if (!std::isfinite(vNorm))
    throw Error(ErrorKind::Numerical, "finite-difference step: the direction v has a NaN or infinite entry");
  if (vNorm == 0) throw Error(ErrorKind::Argument, "finite-difference step: the direction v is zero");
  const double u = static_cast<double>(FLT_EPSILON);
  const double rel = relStep > 0 ? relStep : (scheme == FdScheme::Central ? std::cbrt(u) : std::sqrt(u));
  return rel * std::fmax(1.0, thetaMax) / vNorm;
}

double fdPerturb(const float* theta, const double* v, std::size_t n, double eps, float* plus, float* minus) {
  if (n == 0) throw Error(ErrorKind::Argument, "finite-difference perturbation: the parameter vector is empty");
  if (!(eps > 0) || !std::isfinite(eps))
    throw Error(ErrorKind::Argument,
                "finite-difference perturbation: eps must be positive and finite (got " + std::to_string(eps) + ")");
  double dv = 0, vv = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double t = theta[i];
    const float p = static_cast<float>(t + eps * v[i]);
    if (!std::isfinite(p))
      throw Error(ErrorKind::Numerical,
                  "finite-difference perturbation: theta + eps*v is not finite at index " + std::to_string(i) +
                  " (eps too large, or theta/v not finite)");
    plus[i] = p;
    const double up = static_cast<double>(p) - t;  // exact: a difference of two float32 values in double
    double d = up;
    if (minus != nullptr) {
      // Mirror the realised upward step, so the displacement is as symmetric as float32 allows.
      const float q = static_cast<float>(t - up);
      minus[i] = q;
      d = 0.5 * (static_cast<double>(p) - static_cast<double>(q));  // exact
    }
    dv += d * v[i];
    vv += v[i] * v[i];
  }
  if (!(vv > 0)) throw Error(ErrorKind::Argument, "finite-difference perturbation: the direction v is zero");
  const double s = dv / vv;
  if (!(s > 0))
    throw Error(ErrorKind::Argument,
                "finite-difference perturbation: theta +- eps*v rounds back to theta in float32 (eps = " +
                std::to_string(eps) + " is too small for these parameters); use a larger relative step");
  return minus != nullptr ? 2 * s : s;
}

void fdCombine(const double* gPlus, const double* gMinus, std::size_t n, double denominator, double* out) {
  if (!(denominator > 0) || !std::isfinite(denominator))
    throw Error(ErrorKind::Argument,
                "finite-difference combine: the denominator must be positive and finite (use fdPerturb's result)");
  for (std::size_t i = 0; i < n; ++i) out[i] = (gPlus[i] - gMinus[i]) / denominator;
}

void accumulate(double* acc, const float* g, std::size_t n, double weight) {
  for (std::size_t i = 0; i < n; ++i) acc[i] += weight * static_cast<double>(g[i]);
}

}  // namespace sane
