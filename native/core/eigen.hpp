#pragma once
// The small dense eigenproblems, solved by LAPACK (dstev for tridiagonals, dsyev for dense symmetric matrices).
#include <cstddef>
#include <vector>

namespace sane {

struct TridiagonalEigen {
  std::vector<double> values;          // ascending
  std::vector<double> firstComponents; // s_{1,i}: first row of the eigenvector matrix
  std::vector<double> lastComponents;  // s_{m,i}: last row, for residual bounds
  std::vector<double> vectors;         // m*m column-major eigenvectors (column i belongs to values[i])
};

// alpha length m, beta length m-1.
TridiagonalEigen tridiagonalEigen(const std::vector<double>& alpha, const std::vector<double>& beta);

// Eigenvalues (ascending) of the symmetric part (A + A^T)/2 of an n x n matrix (row-major; symmetric so it does not
// matter). `a` is overwritten.
std::vector<double> symmetricEigenvalues(double* a, std::size_t n);

}  // namespace sane
