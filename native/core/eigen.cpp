// Dense eigenproblems through LAPACK: dstev for Lanczos' tridiagonal T when Ritz vectors are formed, dsyev
// (eigenvalues only) for the exact estimator. Only these two routines are called; see lapack.hpp. Rules and
// residual bounds without vectors come from an implicit QL of our own (firstAndLastRows).
#include "eigen.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "error.hpp"
#include "lapack.hpp"

namespace sane {

namespace {

// sqrt(a² + b²) without overflow, by IEEE operations only: std::hypot is the C library's (glibc's carries the
// symbol version GLIBC_2.35, past the addon's baseline, and differs in the last bit from emscripten's), and with
// ghost copies of a Ritz value the split of their weight follows the last bits of the rotations.
double norm2(double a, double b) {
  const double m = std::max(std::fabs(a), std::fabs(b));
  if (m == 0.0) return 0.0;
  const double x = a / m, y = b / m;
  return m * std::sqrt(x * x + y * y);
}

// Implicit QL with Wilkinson shifts (EISPACK's imtql2, as in Numerical Recipes' tqli), applying the rotations to
// two rows of the eigenvector matrix only: its first row (the quadrature weights) and its last (the residual
// bounds). The same iteration as the full computation restricted to those rows, so O(m^2) work and O(m) memory.
TridiagonalEigen firstAndLastRows(const std::vector<double>& alpha, const std::vector<double>& beta) {
  const std::size_t n = alpha.size();
  std::vector<double> d(alpha), e(n, 0.0), first(n, 0.0), last(n, 0.0);
  for (std::size_t i = 0; i + 1 < n; ++i) e[i] = beta[i];
  first[0] = 1.0;
  last[n - 1] = 1.0;
  const double eps = std::numeric_limits<double>::epsilon();
  for (std::size_t l = 0; l < n; ++l) {
    int iterations = 0;
    std::size_t m;
    do {
      for (m = l; m + 1 < n; ++m) {
        const double dd = std::fabs(d[m]) + std::fabs(d[m + 1]);
        if (std::fabs(e[m]) <= eps * dd) break;
      }
      if (m == l) break;
      if (++iterations > 60)
        throw Error(ErrorKind::Numerical, "tridiagonal eigenproblem: the implicit QL iteration did not converge");
      double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
      double r = norm2(g, 1.0);
      g = d[m] - d[l] + e[l] / (g + std::copysign(r, g));
      double s = 1.0, c = 1.0, p = 0.0;
      bool deflated = false;
      for (std::size_t i = m; i-- > l;) {
        const double f = s * e[i], b = c * e[i];
        r = norm2(f, g);
        e[i + 1] = r;
        if (r == 0.0) {  // underflow: split here and start over
          d[i + 1] -= p;
          e[m] = 0.0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2.0 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        for (std::vector<double>* z : {&first, &last}) {
          const double zi1 = (*z)[i + 1];
          (*z)[i + 1] = s * (*z)[i] + c * zi1;
          (*z)[i] = c * (*z)[i] - s * zi1;
        }
      }
      if (deflated) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0.0;
    } while (true);
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return d[x] < d[y]; });
  TridiagonalEigen r;
  r.values.resize(n);
  r.firstComponents.resize(n);
  r.lastComponents.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    r.values[i] = d[order[i]];
    r.firstComponents[i] = first[order[i]];
    r.lastComponents[i] = last[order[i]];
  }
  return r;
}

}  // namespace

TridiagonalEigen tridiagonalEigen(const std::vector<double>& alpha, const std::vector<double>& beta, bool vectors) {
  const std::size_t m = alpha.size();
  if (m == 0) throw Error(ErrorKind::Argument, "tridiagonal eigenproblem: alpha is empty");
  if (beta.size() + 1 != m)
    throw Error(ErrorKind::Argument, "tridiagonal eigenproblem: beta must have length alpha.length - 1 (got " +
                std::to_string(beta.size()) + " for alpha of length " + std::to_string(m) + ")");
  if (m > static_cast<std::size_t>(INT_MAX / 2))
    throw Error(ErrorKind::Argument,
                "tridiagonal eigenproblem too large for LAPACK's 32-bit indices (m = " + std::to_string(m) + ")");
  for (double x : alpha)
    if (!std::isfinite(x))
      throw Error(ErrorKind::Numerical, "tridiagonal eigenproblem: alpha has a NaN or infinite entry");
  for (double x : beta)
    if (!std::isfinite(x))
      throw Error(ErrorKind::Numerical, "tridiagonal eigenproblem: beta has a NaN or infinite entry");
  if (!vectors) return firstAndLastRows(alpha, beta);

  TridiagonalEigen r;
  r.values = alpha;
  std::vector<double> e(beta);
  e.push_back(0.0);  // dstev reads n-1 entries; the extra one keeps data() valid when m = 1
  r.vectors.assign(m * m, 0.0);
  std::vector<double> work(m > 1 ? 2 * m - 2 : 1);
  const int n = static_cast<int>(m);
  const int ldz = n;
  int info = 0;
  const char jobz = 'V';
  dstev_(&jobz, &n, r.values.data(), e.data(), r.vectors.data(), &ldz, work.data(), &info, 1);
  if (info != 0)
    throw Error(ErrorKind::Numerical, "LAPACK dstev failed (info = " + std::to_string(info) +
                (info > 0 ? ": the QL/QR iteration did not converge)" : ": illegal argument)"));
  r.firstComponents.resize(m);
  r.lastComponents.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    r.firstComponents[i] = r.vectors[i * m];
    r.lastComponents[i] = r.vectors[i * m + (m - 1)];
  }
  return r;
}

std::vector<double> symmetricEigenvalues(double* a, std::size_t n) {
  if (n == 0) throw Error(ErrorKind::Argument, "symmetric eigenproblem: n must be >= 1");
  if (n > 46340)  // n*n must stay a valid LAPACK (32-bit) leading-dimension product
    throw Error(ErrorKind::Argument,
                "symmetric eigenproblem too large for LAPACK's 32-bit indices (n = " + std::to_string(n) + ")");
  for (std::size_t i = 0; i < n * n; ++i)
    if (!std::isfinite(a[i]))
      throw Error(ErrorKind::Numerical,
                  "symmetric eigenproblem: the matrix has a NaN or infinite entry at (" + std::to_string(i / n) +
                  ", " + std::to_string(i % n) + ")");
  // Symmetrise: assembled Hessians differ from their transpose by finite-difference noise.
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double s = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  const int nn = static_cast<int>(n);
  const char jobz = 'N', uplo = 'U';
  std::vector<double> w(n);
  int info = 0;
  int lwork = -1;
  double query = 0;
  dsyev_(&jobz, &uplo, &nn, a, &nn, w.data(), &query, &lwork, &info, 1, 1);
  if (info != 0)
    throw Error(ErrorKind::Numerical, "LAPACK dsyev workspace query failed (info = " + std::to_string(info) + ")");
  lwork = static_cast<int>(query);
  if (lwork < 3 * nn) lwork = 3 * nn;
  std::vector<double> work(static_cast<std::size_t>(lwork));
  dsyev_(&jobz, &uplo, &nn, a, &nn, w.data(), work.data(), &lwork, &info, 1, 1);
  if (info != 0)
    throw Error(ErrorKind::Numerical, "LAPACK dsyev failed (info = " + std::to_string(info) +
                (info > 0 ? ": the QL/QR iteration did not converge)" : ": illegal argument)"));
  return w;
}

}  // namespace sane
