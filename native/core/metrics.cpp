// Metrics of ../shared/SANE.md. Definitions, checked against every shared/fixtures/*.json `metrics` (to 1e-9):
//   a(l)        = |l| (policy abs) or max(l, 0) (policy clip)
//   N_eff(z)    = sum_i a(l_i) / (a(l_i) + z)                          keys neff_z<z>, neff_clip_z<z>
//   SANE(c)     = sum_i a(l_i) / (a(l_i) + c * lambda_max)               keys sane_c<c>, sane_clip_c<c>
//                 lambda_max = max_i |l_i| for BOTH policies (the clip variant clips the numerators only; the
//                 fixtures, whose largest |l| is positive, cannot tell it apart from max(l, 0), and the |l| scale
//                 keeps SANE_clip <= SANE_abs and the scale invariant to a sign flip of the spectrum's tail)
//   SANE_k(c)   = as SANE(c) with lambda_max replaced by the k-th largest |l_i|     keys sane_k<k>_c<c>
//   top5_abs    = the 5 eigenvalues (signed) of largest |l|, by |l| descending; top5_algebraic = 5 largest l.
// A term with a(l) + scale = 0 (l = 0 with a zero scale) counts 0.
//
// SLQ (Ubaru, Chen & Saad 2017): a Rademacher probe v (||v||^2 = n) run through Lanczos from v/||v|| gives nodes
// theta_i and weights w_i (squared first components); v^T f(H) v ~ n * sum_i w_i f(theta_i) is that probe's
// estimate of tr f(H). The estimate is the mean over probes; its standard error the sample standard deviation
// (n_v - 1 in the denominator) over sqrt(n_v).
#include "metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "error.hpp"

namespace sane {

namespace {

constexpr double kPi = 3.14159265358979323846;

double numerator(double l, NegativePolicy policy) { return policy == NegativePolicy::Abs ? std::fabs(l) : std::fmax(l, 0.0); }

double saturating(double a, double scale) {
  const double d = a + scale;
  return d > 0 ? a / d : 0.0;
}

void checkSpectrum(const double* eig, std::size_t n, const char* what) {
  if (n == 0) throw Error(ErrorKind::Argument, std::string(what) + ": the spectrum is empty");
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(eig[i]))
      throw Error(ErrorKind::Numerical,
                  std::string(what) + ": eigenvalue " + std::to_string(i) + " is NaN or infinite");
}

double spectralFunction(SpectralFunction f, double l, double alpha, NegativePolicy policy) {
  switch (f) {
    case SpectralFunction::EffectiveParameters:
      return saturating(numerator(l, policy), alpha);
    case SpectralFunction::Trace:
      return l;
    case SpectralFunction::Count:
      return 1.0;
  }
  return 0.0;
}

}  // namespace

double effectiveParameters(const double* eig, std::size_t n, double z, NegativePolicy policy) {
  checkSpectrum(eig, n, "N_eff");
  if (!(z > 0) || !std::isfinite(z))
    throw Error(ErrorKind::Argument, "N_eff: z must be positive and finite (got " + std::to_string(z) + ")");
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += saturating(numerator(eig[i], policy), z);
  return s;
}

double kthLargestMagnitude(const double* eig, std::size_t n, int k) {
  checkSpectrum(eig, n, "k-th largest |eigenvalue|");
  if (k < 1 || static_cast<std::size_t>(k) > n)
    throw Error(ErrorKind::Argument,
                "k-th largest |eigenvalue|: k must be between 1 and " + std::to_string(n) + " (got " +
                std::to_string(k) + ")");
  std::vector<double> a(eig, eig + n);
  for (double& x : a) x = std::fabs(x);
  std::nth_element(a.begin(), a.begin() + (k - 1), a.end(), std::greater<double>());
  return a[static_cast<std::size_t>(k - 1)];
}

double sharpnessAdjusted(const double* eig, std::size_t n, double c, NegativePolicy policy, int k) {
  checkSpectrum(eig, n, "SANE");
  if (!(c > 0) || !std::isfinite(c))
    throw Error(ErrorKind::Argument, "SANE: c must be positive and finite (got " + std::to_string(c) + ")");
  const double scale = c * kthLargestMagnitude(eig, n, k);
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += saturating(numerator(eig[i], policy), scale);
  return s;
}

std::vector<double> topEigenvalues(const double* eig, std::size_t n, int k, bool byMagnitude) {
  checkSpectrum(eig, n, "top eigenvalues");
  if (k < 1 || static_cast<std::size_t>(k) > n)
    throw Error(ErrorKind::Argument,
                "top eigenvalues: k must be between 1 and " + std::to_string(n) + " (got " + std::to_string(k) + ")");
  std::vector<double> v(eig, eig + n);
  auto before = [byMagnitude](double x, double y) {
    if (byMagnitude && std::fabs(x) != std::fabs(y)) return std::fabs(x) > std::fabs(y);
    return x > y;
  };
  std::partial_sort(v.begin(), v.begin() + k, v.end(), before);
  v.resize(static_cast<std::size_t>(k));
  return v;
}

Estimate slqEstimate(const std::vector<QuadratureRule>& probes, std::size_t n, SpectralFunction f, double alpha,
                     NegativePolicy policy) {
  if (probes.empty()) throw Error(ErrorKind::Argument, "SLQ estimate: no probes given");
  if (n == 0) throw Error(ErrorKind::Argument, "SLQ estimate: the dimension n must be >= 1");
  if (f == SpectralFunction::EffectiveParameters && (!(alpha > 0) || !std::isfinite(alpha)))
    throw Error(ErrorKind::Argument, "SLQ estimate: alpha (z, or c times the scale) must be positive and finite (got " +
                std::to_string(alpha) + ")");
  std::vector<double> per(probes.size());
  for (std::size_t l = 0; l < probes.size(); ++l) {
    const QuadratureRule& p = probes[l];
    if (p.nodes.size() != p.weights.size() || p.nodes.empty())
      throw Error(ErrorKind::Argument,
                  "SLQ estimate: probe " + std::to_string(l) + " needs equally many (>= 1) nodes and weights");
    double s = 0;
    for (std::size_t i = 0; i < p.nodes.size(); ++i) {
      if (!std::isfinite(p.nodes[i]) || !std::isfinite(p.weights[i]))
        throw Error(ErrorKind::Numerical,
                    "SLQ estimate: probe " + std::to_string(l) + " has a NaN or infinite node or weight");
      s += p.weights[i] * spectralFunction(f, p.nodes[i], alpha, policy);
    }
    per[l] = static_cast<double>(n) * s;
  }
  const double L = static_cast<double>(per.size());
  double mean = 0;
  for (double x : per) mean += x;
  mean /= L;
  Estimate e;
  e.value = mean;
  if (per.size() > 1) {
    double ss = 0;
    for (double x : per) ss += (x - mean) * (x - mean);
    e.stdErr = std::sqrt(ss / (L - 1)) / std::sqrt(L);
  }
  return e;
}

std::vector<double> spectralDensity(const std::vector<QuadratureRule>& probes, const double* grid, std::size_t points,
                                    double sigma) {
  if (probes.empty()) throw Error(ErrorKind::Argument, "spectral density: no probes given");
  if (!(sigma > 0) || !std::isfinite(sigma))
    throw Error(ErrorKind::Argument,
                "spectral density: sigma must be positive and finite (got " + std::to_string(sigma) + ")");
  std::vector<double> out(points, 0.0);
  const double norm = 1.0 / (sigma * std::sqrt(2 * kPi) * static_cast<double>(probes.size()));
  for (std::size_t l = 0; l < probes.size(); ++l) {
    const QuadratureRule& p = probes[l];
    if (p.nodes.size() != p.weights.size())
      throw Error(ErrorKind::Argument,
                  "spectral density: probe " + std::to_string(l) + " has different numbers of nodes and weights");
    for (std::size_t i = 0; i < p.nodes.size(); ++i) {
      for (std::size_t g = 0; g < points; ++g) {
        const double x = (grid[g] - p.nodes[i]) / sigma;
        out[g] += p.weights[i] * std::exp(-0.5 * x * x) * norm;
      }
    }
  }
  return out;
}

}  // namespace sane
