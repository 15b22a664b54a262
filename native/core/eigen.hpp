#pragma once
// The small dense eigenproblems: LAPACK (dstev for tridiagonals with eigenvectors, dsyev for dense symmetric
// matrices), and an implicit QL of our own for tridiagonals when only the first and last rows of the eigenvectors
// are wanted (quadrature weights and residual bounds), which no LAPACK routine does in O(m^2).
#include <cstddef>
#include <vector>

namespace sane {

struct TridiagonalEigen {
  std::vector<double> values;          // ascending
  std::vector<double> firstComponents; // s_{1,i}: first row of the eigenvector matrix
  std::vector<double> lastComponents;  // s_{m,i}: last row, for residual bounds
  std::vector<double> vectors;         // m*m column-major eigenvectors (column i belongs to values[i]); empty
                                       // unless asked for
};

// alpha length m, beta length m-1. Without `vectors`, O(m^2) instead of dstev's O(m^3): the SLQ probes' rules are
// formed every step of runs of 100-200 steps (dstev: 3.6 ms at m = 150, a tenth of a product on a small model).
TridiagonalEigen tridiagonalEigen(const std::vector<double>& alpha, const std::vector<double>& beta,
                                  bool vectors = false);

// Eigenvalues (ascending) of the symmetric part (A + A^T)/2 of an n x n matrix (row-major; symmetric so it does not
// matter). `a` is overwritten.
std::vector<double> symmetricEigenvalues(double* a, std::size_t n);

}  // namespace sane
