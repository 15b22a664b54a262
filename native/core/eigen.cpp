// Dense eigenproblems through LAPACK: dstev for Lanczos' tridiagonal T, dsyev (eigenvalues only) for the exact
// estimator. Only these two routines are called; see lapack.hpp.
#include "eigen.hpp"

#include <climits>
#include <cmath>
#include <string>

#include "error.hpp"
#include "lapack.hpp"

namespace sane {

TridiagonalEigen tridiagonalEigen(const std::vector<double>& alpha, const std::vector<double>& beta) {
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
