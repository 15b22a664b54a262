#pragma once
// The finite-difference points of each Lanczos vector, written as the solver forms it: a VectorBlockSink
// (lanczos.hpp) over FdPerturbBlocks (fd_hvp.hpp). The bindings attach one to a session whose operator is an HVP by
// finite differences, so that q_j's points for the next product come out of the step that formed q_j, each block
// perturbed while it is in cache: no pass reading q_j back, no copy of q_j for JavaScript.
#include <cstddef>

#include "fd_hvp.hpp"
#include "lanczos.hpp"

namespace sane {

class FdPointsSink : public VectorBlockSink {
 public:
  // theta, plus and (central) minus: n floats each, the caller's, alive while the sink is attached.
  FdPointsSink(const float* theta, std::size_t n, double thetaScale, FdScheme scheme, double relStep, float* plus,
               float* minus)
      : blocks_(theta, n, fdUnitStep(thetaScale, scheme, relStep), plus, scheme == FdScheme::Central ? minus : nullptr) {}

  std::size_t blockSize() const override { return kFdBlock; }
  void block(const double* q, std::size_t b) override { blocks_.block(q, b); }
  void block(const float* q, std::size_t b) override { blocks_.block(q, b); }

  double eps() const { return blocks_.eps(); }
  // The denominator of the current vector's points (throws Numerical if one is not finite, as fdPerturb).
  double denominator() const { return blocks_.denominator(); }

 private:
  FdPerturbBlocks blocks_;
};

}  // namespace sane
