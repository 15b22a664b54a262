// Narrowing for the nullable metrics (SpectralMetrics in src/estimators/metrics.ts: sane, neff, trace and their
// standard errors are null where the estimator gives no error bar, e.g. the lanczos estimator or slq with one probe).
// A test that expects a number reads it through present(): a null fails the test there, saying which value it was,
// instead of a non-null assertion letting it through to arithmetic that would turn it into 0 or NaN.

/** x itself when it is a number; otherwise throws `expected <what> to be a number, got <x>`. */
export function present(x: number | null | undefined, what: string): number {
  if (typeof x !== 'number') throw new Error(`expected ${what} to be a number, got ${String(x)}`);
  return x;
}
