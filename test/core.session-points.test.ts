// The finite-difference points a Lanczos session writes as it forms each vector (LanczosSession.attachFdPoints /
// fdPoints, native/core/fd_points_sink.hpp), on every core build and in every storage mode of the run (double basis
// with partial and full reorthogonalisation, float32 basis, no basis with double or float32 vectors), against
// their definitions computed here: ε = relStep·thetaScale (the vectors are unit vectors), each point the float32
// rounding of θ + ε·q_j (the minus point mirrored), the denominator from the realised displacement. The vectors
// themselves must be those of a run without points, bit for bit (forming q_{j+1} in blocks changes nothing), and
// the points those of the core's own fdPerturb at that step. n spans three of the core's 16384-value blocks.
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core, FdScheme, LanczosOptions, LanczosSession } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';
import { normalStream } from './helpers/spectra.js';

const U32 = 2 ** -23;
const N = 40_000;
const SCALE = 5.5;

const theta = (() => {
  const rnd = normalStream(31);
  const t = Float32Array.from({ length: N }, () => 0.8 * rnd());
  t[N - 7] = -SCALE;
  return t;
})();
// A diagonal operator with a spread spectrum (products exact in float64).
const diag = Float64Array.from({ length: N }, (_, i) => (i % 97 === 0 ? 50 + i / 1000 : Math.sin(i) * 3));
const product = (q: Float64Array) => Float64Array.from(q, (x, i) => diag[i] * x);

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Neumaier's compensated summation: the reference sums, free of the order-dependent error of a running sum. */
class CompensatedSum {
  private sum = 0;
  private c = 0;
  add(x: number): void {
    const t = this.sum + x;
    this.c += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }
  get value(): number {
    return this.sum + this.c;
  }
}

const modes: [string, Partial<LanczosOptions>][] = [
  ['double basis, partial', { reorthogonalize: true, partial: true }],
  ['double basis, full', { reorthogonalize: true, partial: false }],
  ['float32 basis', { reorthogonalize: true, partial: true, float32Basis: true }],
  ['no basis', { reorthogonalize: false }],
  ['no basis, float32 vectors', { reorthogonalize: false, float32Vectors: true }],
];

/** Checks q_j's points against their definitions; returns the number of entries that differ. */
function checkPoints(
  session: LanczosSession, scheme: FdScheme, relStep: number | undefined, plus: Float32Array, minus: Float32Array | undefined,
): void {
  const pts = session.fdPoints();
  const rel = relStep ?? (scheme === 'central' ? Math.cbrt(U32) : Math.sqrt(U32));
  // relStep given: rel·scale/√1 is one rounding, the same here; the default rule's rel is the core's cbrt or sqrt
  // of FLT_EPSILON, which may differ from JavaScript's in the last bit.
  if (relStep !== undefined) expect(pts.eps).toBe(relStep * SCALE);
  else expect(relDiff(pts.eps, rel * SCALE)).toBeLessThan(1e-15);
  const q = session.vector();
  let wrong = 0;
  const dq = new CompensatedSum();
  const qq = new CompensatedSum();
  for (let i = 0; i < N; i++) {
    if (plus[i] !== Math.fround(theta[i] + pts.eps * q[i])) wrong++;
    if (minus && minus[i] !== Math.fround(theta[i] - (plus[i] - theta[i]))) wrong++;
    const d = minus ? (plus[i] - minus[i]) / 2 : plus[i] - theta[i];
    dq.add(d * q[i]);
    qq.add(q[i] * q[i]);
  }
  expect(wrong).toBe(0);
  // The reference sums are compensated (accurate to a few 2^-53; a running sum was 1.4e-12 off on q_0 = ±1/√n, whose
  // equal terms' rounding errors add up instead of cancelling). The core's add 4096 terms in a row per lane and
  // block, which could reach 4096·2^-53 = 4.5e-13 on such terms; measured up to 8.5e-14 here (all modes, all
  // builds), so 2e-13.
  expect(relDiff(pts.denominator, (minus ? 2 : 1) * (dq.value / qq.value))).toBeLessThan(2e-13);
  expect(pts.denominator2).toBe(0);
}

describe.each(coreVariants)('%s core: the points a Lanczos session writes', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  for (const [name, mode] of modes) {
    for (const scheme of ['central', 'forward'] as const) {
      it(`${name}, ${scheme}: every vector's points by definition, the fdPerturb's bits, and the run unchanged`, () => {
        const opts: LanczosOptions = { n: N, steps: 8, seed: 5, ...mode };
        const plain = core.createLanczos(opts);
        const withPoints = core.createLanczos(opts);
        const plus = new Float32Array(N);
        const minus = scheme === 'central' ? new Float32Array(N) : undefined;
        const relStep = scheme === 'central' ? undefined : 2e-3;
        withPoints.attachFdPoints({ theta, thetaScale: SCALE, scheme, relStep, plus, minus });
        const p2 = new Float32Array(N);
        const m2 = minus ? new Float32Array(N) : undefined;
        try {
          for (let more = true, j = 0; more; j++) {
            checkPoints(withPoints, scheme, relStep, plus, minus);
            const q = withPoints.vector();
            expect(q).toEqual(plain.vector());
            const pts = withPoints.fdPoints();
            expect(core.fdPerturb(theta, q, pts.eps, p2, m2)).toBe(pts.denominator);
            expect(p2).toEqual(plus);
            if (m2) expect(m2).toEqual(minus);
            const hv = product(q);
            more = withPoints.step(hv.slice());
            expect(plain.step(hv)).toBe(more);
            expect(j).toBeLessThan(8);
          }
          const a = withPoints.result();
          const b = plain.result();
          expect(a.alpha).toEqual(b.alpha);
          expect(a.beta).toEqual(b.beta);
        } finally {
          plain.dispose();
          withPoints.dispose();
        }
      });
    }
  }

  it('attached mid-run, the current vector gets its points at once; attached again, the new arrays', async () => {
    const s = core.createLanczos({ n: N, steps: 6, seed: 9, reorthogonalize: true, partial: true });
    try {
      for (let j = 0; j < 2; j++) await s.stepAsync(product(s.vector()));
      const plus = new Float32Array(N);
      const minus = new Float32Array(N);
      s.attachFdPoints({ theta, thetaScale: SCALE, scheme: 'central', plus, minus });
      checkPoints(s, 'central', undefined, plus, minus);
      const plus2 = new Float32Array(N);
      s.attachFdPoints({ theta, thetaScale: SCALE, scheme: 'forward', relStep: 1e-3, plus: plus2 });
      checkPoints(s, 'forward', 1e-3, plus2, undefined);
      await s.stepAsync(product(s.vector()));
      checkPoints(s, 'forward', 1e-3, plus2, undefined);
    } finally {
      s.dispose();
    }
  });

  it('refuses bad targets and reads out of order, and names the first non-finite point', () => {
    const s = core.createLanczos({ n: N, steps: 2, seed: 1 });
    try {
      const plus = new Float32Array(N);
      const minus = new Float32Array(N);
      const code = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          return `${(e as { code?: string }).code}: ${(e as Error).message}`;
        }
        return 'no error';
      };
      expect(code(() => s.fdPoints())).toMatch(/^SANE_CORE_STATE: .*attachFdPoints\(\) first/);
      const target = { theta, thetaScale: SCALE, scheme: 'central' as const, plus, minus };
      expect(code(() => s.attachFdPoints({ ...target, minus: undefined }))).toMatch(/^SANE_CORE_ARGUMENT: .*options\.minus/);
      expect(code(() => s.attachFdPoints({ ...target, scheme: 'forward' }))).toMatch(/options\.minus is only for the central scheme/);
      expect(code(() => s.attachFdPoints({ ...target, plus: new Float32Array(N - 1) }))).toMatch(/options\.plus must have length 40000/);
      expect(code(() => s.attachFdPoints({ ...target, thetaScale: 0.5 }))).toMatch(/options\.thetaScale must be fdThetaScale/);
      expect(code(() => s.attachFdPoints({ ...target, relStep: -1 }))).toMatch(/options\.relStep must be positive/);
      const shared = new Float32Array(2 * N);
      expect(code(() => s.attachFdPoints({ ...target, plus: shared.subarray(0, N), minus: shared.subarray(N - 1, 2 * N - 1) })))
        .toMatch(/options\.plus and options\.minus must not share memory/);
      expect(code(() => s.attachFdPoints({ ...target, plus: theta }))).toMatch(/options\.theta and options\.plus must not share memory/);
      // θ at float32's largest value: θ + ε·q_0 (central: or its mirror) overflows there, and only there.
      const huge = theta.slice();
      huge[20_000] = Math.fround(3.4028234e38);
      s.attachFdPoints({ ...target, theta: huge, thetaScale: huge[20_000] });
      expect(code(() => s.fdPoints())).toMatch(/^SANE_CORE_NUMERICAL: .*not finite at index 20000/);
      s.attachFdPoints(target);
      expect(s.step(product(s.vector()))).toBe(true);
      expect(s.step(product(s.vector()))).toBe(false);
      expect(code(() => s.fdPoints())).toMatch(/^SANE_CORE_STATE: .*has finished/);
    } finally {
      s.dispose();
    }
    expect(() => s.fdPoints()).toThrow(/disposed/);
  });

  it('an explicit memory budget covers the points where the core holds them (the WASM heap), not the caller\'s', () => {
    const steps = 3;
    const runBytes = core.lanczosBytes(N, steps, true);
    const target = (scheme: FdScheme) => ({
      theta, thetaScale: SCALE, scheme, plus: new Float32Array(N), minus: scheme === 'central' ? new Float32Array(N) : undefined,
    });
    // central: θ's copy and two points, 12 bytes a parameter; forward 8.
    for (const [scheme, bytes] of [['central', 12 * N], ['forward', 8 * N]] as const) {
      const tight = core.createLanczos({ n: N, steps, seed: 1, memoryBudget: runBytes + bytes - 1 });
      const exact = core.createLanczos({ n: N, steps, seed: 1, memoryBudget: runBytes + bytes });
      try {
        if (core.kind === 'wasm') {
          let caught: unknown;
          try {
            tight.attachFdPoints(target(scheme));
          } catch (e) {
            caught = e;
          }
          expect((caught as { code?: string }).code).toBe('SANE_CORE_MEMORY');
          expect((caught as Error).message).toMatch(/finite-difference points of a Lanczos run over 40000 parameters in the WASM heap/);
          expect(() => tight.fdPoints()).toThrow(/attachFdPoints\(\) first/);
        } else {
          tight.attachFdPoints(target(scheme)); // natively the points are the caller's arrays: nothing to count
          expect(tight.fdPoints().eps).toBeGreaterThan(0);
        }
        exact.attachFdPoints(target(scheme));
        expect(exact.fdPoints().eps).toBeGreaterThan(0);
      } finally {
        tight.dispose();
        exact.dispose();
      }
    }
  });
});
