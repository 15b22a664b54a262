// The eigenvector of a small symmetric tridiagonal matrix T for one of its eigenvalues, by inverse iteration: what a
// Ritz vector Q s needs from T when the run kept no basis (src/estimators/replay-ritz-vectors.ts). T has at most a
// few hundred rows, so this is microseconds; the core's dstev gives only the first and last rows of the eigenvectors.

/**
 * The unit eigenvector s of T = tridiag(beta, alpha, beta) (alpha: m diagonal entries, beta: m − 1 off-diagonal ones)
 * for the eigenvalue `value`, sign chosen so that its largest entry is positive. Inverse iteration with the shift at
 * the computed eigenvalue: (T − value·I) is singular to rounding, so the solve amplifies the wanted direction by
 * about 1/(u·‖T‖) against 1/gap for the others; three solves from a vector that no eigenvector is orthogonal to
 * generically leave the others at (u‖T‖/gap)³. Near-equal eigenvalues (the ghost copies of a run without a basis,
 * which differ by far more than rounding) are separated the same way; exactly equal ones cannot be, and any
 * unit vector of their eigenspace is returned.
 */
export function tridiagonalEigenvector(alpha: Float64Array, beta: Float64Array, value: number): Float64Array {
  const m = alpha.length;
  if (beta.length !== m - 1) throw new Error(`internal: tridiagonal of ${m} rows needs ${m - 1} off-diagonal entries, got ${beta.length}`);
  let norm = 0;
  for (let i = 0; i < m; i++) norm = Math.max(norm, Math.abs(alpha[i]) + (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i < m - 1 ? Math.abs(beta[i]) : 0));
  // A pivot of exactly zero (the shift hit an eigenvalue of a leading block) is replaced by this: the solve then
  // still amplifies the wanted direction, which is all inverse iteration asks of it.
  const tiny = Math.max(norm, Number.MIN_VALUE) * 2 ** -52;
  const lu = factor(alpha, beta, value, tiny);
  // A start with entries of varying size and sign: no eigenvector of T is orthogonal to it except by coincidence.
  let x: Float64Array = Float64Array.from({ length: m }, (_, i) => 1 + ((i * 0.6180339887498949) % 1) * (i % 2 ? -1 : 1) * 0.5);
  for (let it = 0; it < 3; it++) {
    x = solve(lu, x);
    let s = 0;
    for (let i = 0; i < m; i++) s += x[i] * x[i];
    s = Math.sqrt(s);
    if (!(s > 0) || !Number.isFinite(s)) throw new Error('internal: inverse iteration on the tridiagonal matrix broke down');
    for (let i = 0; i < m; i++) x[i] /= s;
  }
  let big = 0;
  for (let i = 1; i < m; i++) if (Math.abs(x[i]) > Math.abs(x[big])) big = i;
  if (x[big] < 0) for (let i = 0; i < m; i++) x[i] = -x[i];
  return x;
}

/** LU with partial pivoting of T − shift·I (LAPACK's dgttrf layout: d, du, du2 of U, multipliers l, swaps). */
interface Factors {
  d: Float64Array;
  du: Float64Array;
  du2: Float64Array;
  l: Float64Array;
  swap: Uint8Array;
}

function factor(alpha: Float64Array, beta: Float64Array, shift: number, tiny: number): Factors {
  const m = alpha.length;
  const d = Float64Array.from(alpha, (a) => a - shift);
  const du = Float64Array.from(beta);
  const dl = Float64Array.from(beta);
  const du2 = new Float64Array(Math.max(0, m - 2));
  const l = new Float64Array(Math.max(0, m - 1));
  const swap = new Uint8Array(Math.max(0, m - 1));
  for (let i = 0; i < m - 1; i++) {
    if (Math.abs(d[i]) >= Math.abs(dl[i])) {
      if (d[i] === 0) d[i] = tiny;
      const f = dl[i] / d[i];
      l[i] = f;
      d[i + 1] -= f * du[i];
    } else {
      // Row swap: the sub-diagonal entry becomes the pivot.
      swap[i] = 1;
      const f = d[i] / dl[i];
      l[i] = f;
      d[i] = dl[i];
      const t = d[i + 1];
      d[i + 1] = du[i] - f * t;
      du[i] = t;
      if (i < m - 2) {
        du2[i] = du[i + 1];
        du[i + 1] = -f * du2[i];
      }
    }
  }
  if (d[m - 1] === 0) d[m - 1] = tiny;
  return { d, du, du2, l, swap };
}

function solve(f: Factors, b: Float64Array): Float64Array {
  const m = f.d.length;
  const x = Float64Array.from(b);
  for (let i = 0; i < m - 1; i++) {
    if (f.swap[i]) {
      const t = x[i];
      x[i] = x[i + 1];
      x[i + 1] = t - f.l[i] * x[i];
    } else {
      x[i + 1] -= f.l[i] * x[i];
    }
  }
  x[m - 1] /= f.d[m - 1];
  if (m > 1) x[m - 2] = (x[m - 2] - f.du[m - 2] * x[m - 1]) / f.d[m - 2];
  for (let i = m - 3; i >= 0; i--) x[i] = (x[i] - f.du[i] * x[i + 1] - f.du2[i] * x[i + 2]) / f.d[i];
  return x;
}
