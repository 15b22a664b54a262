#pragma once
// Metrics of ../shared/SANE.md from a full spectrum, and their stochastic-Lanczos-quadrature estimates.
#include <cstddef>
#include <vector>

namespace sane {

enum class NegativePolicy { Abs, Clip };  // |lambda| or max(lambda, 0)

// N_eff(z) = sum |l| / (|l| + z)
double effectiveParameters(const double* eig, std::size_t n, double z, NegativePolicy policy);
// SANE(c) = sum |l| / (|l| + c * scale), scale = k-th largest |l| (k = 1: lambda_max).
double sharpnessAdjusted(const double* eig, std::size_t n, double c, NegativePolicy policy, int k);
// k-th largest |l| (k >= 1).
double kthLargestMagnitude(const double* eig, std::size_t n, int k);
// The k eigenvalues (signed) that come first by |l| descending (byMagnitude) or by l descending (added: the top-k of
// SANE.md and the fixtures' top5_abs / top5_algebraic). Ties by magnitude put the positive value first.
std::vector<double> topEigenvalues(const double* eig, std::size_t n, int k, bool byMagnitude);

// One Lanczos probe's quadrature rule: tr f(H) ~ n * sum_i weights[i] f(nodes[i]) for a unit-norm probe direction
// scaled as in SANE.md (Rademacher probes: the estimate of each probe is n * sum w f).
struct QuadratureRule {
  std::vector<double> nodes;
  std::vector<double> weights;
};

struct Estimate {
  double value = 0;
  double stdErr = 0;  // standard error of the mean over probes (0 with one probe)
};

enum class SpectralFunction { EffectiveParameters, Trace, Count };  // |l|/(|l|+alpha) ; l ; 1

Estimate slqEstimate(const std::vector<QuadratureRule>& probes, std::size_t n, SpectralFunction f, double alpha,
                     NegativePolicy policy);

// Gaussian-smoothed spectral density on a grid (integrates to 1 over the real line), averaged over probes.
std::vector<double> spectralDensity(const std::vector<QuadratureRule>& probes, const double* grid, std::size_t points,
                                    double sigma);

}  // namespace sane
