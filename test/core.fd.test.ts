// Finite-difference HVPs from float32 parameters against analytic Hessians written here: exact to the rounding of
// theta +- eps v on quadratics, within the predicted truncation error (eps^2/6 |D^4 L[v,v,v]| central,
// eps/2 |D^3 L[v,v]| forward) on a quartic and on log-sum-exp. Gradients are evaluated in float64 at the float32
// points the core produces.
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core, FdScheme } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';
import { maxAbs, normalStream, uniformStream } from './helpers/spectra.js';

const U32 = 2 ** -23;

interface Analytic {
  name: string;
  grad(x: Float64Array): Float64Array;
  /** H(x) w */
  hv(x: Float64Array, w: Float64Array): Float64Array;
  /** |H(x)| r for r >= 0 (entrywise absolute Hessian), for the rounding part of the bound. */
  absHv(x: Float64Array, r: Float64Array): Float64Array;
  /** D^3 L(x)[w, w, .] and D^4 L(x)[w, w, w, .] */
  d3(x: Float64Array, w: Float64Array): Float64Array;
  d4(x: Float64Array, w: Float64Array): Float64Array;
}

const n = 30;

function symmetricMatrix(seed: number): Float64Array {
  const rnd = normalStream(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const x = rnd() / Math.sqrt(n);
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  return a;
}

function matvec(a: Float64Array, x: Float64Array, abs = false): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (abs ? Math.abs(a[i * n + j]) : a[i * n + j]) * x[j];
    out[i] = s;
  }
  return out;
}

const zeros = () => new Float64Array(n);

function quadratic(): Analytic {
  const a = symmetricMatrix(1);
  const b = Float64Array.from({ length: n }, normalStream(2));
  return {
    name: 'quadratic',
    grad: (x) => matvec(a, x).map((y, i) => y + b[i]),
    hv: (_x, w) => matvec(a, w),
    absHv: (_x, r) => matvec(a, r, true),
    d3: zeros,
    d4: zeros,
  };
}

// L = sum_i c_i x_i^4 / 24 + x^T A x / 2
function quartic(): Analytic {
  const a = symmetricMatrix(3);
  const u = uniformStream(4);
  const c = Float64Array.from({ length: n }, () => (u() < 0.5 ? -1 : 1) * (0.5 + 1.5 * u()));
  return {
    name: 'quartic',
    grad: (x) => matvec(a, x).map((y, i) => y + (c[i] * x[i] ** 3) / 6),
    hv: (x, w) => matvec(a, w).map((y, i) => y + (c[i] * x[i] ** 2 * w[i]) / 2),
    absHv: (x, r) => matvec(a, r, true).map((y, i) => y + (Math.abs(c[i]) * x[i] ** 2 * r[i]) / 2),
    d3: (x, w) => Float64Array.from({ length: n }, (_, i) => c[i] * x[i] * w[i] ** 2),
    d4: (_x, w) => Float64Array.from({ length: n }, (_, i) => c[i] * w[i] ** 3),
  };
}

// L = log sum_k exp(x_k); with p = softmax(x), y = w - p.w and cumulants k2 = p.y^2, k3 = p.y^3 along w:
// D^2 L[w] = p y, D^3 L[w,w] = p (y^2 - k2), D^4 L[w,w,w] = p (y^3 - 3 y k2 - k3).
function logSumExp(): Analytic {
  const softmax = (x: Float64Array) => {
    const m = Math.max(...x);
    const e = x.map((t) => Math.exp(t - m));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((t) => t / s);
  };
  const along = (x: Float64Array, w: Float64Array) => {
    const p = softmax(x);
    const mean = p.reduce((s, pi, i) => s + pi * w[i], 0);
    const y = w.map((wi) => wi - mean);
    const k2 = p.reduce((s, pi, i) => s + pi * y[i] ** 2, 0);
    const k3 = p.reduce((s, pi, i) => s + pi * y[i] ** 3, 0);
    return { p, y, k2, k3 };
  };
  return {
    name: 'log-sum-exp',
    grad: softmax,
    hv: (x, w) => {
      const { p, y } = along(x, w);
      return p.map((pi, i) => pi * y[i]);
    },
    absHv: (x, r) => {
      const p = softmax(x);
      return p.map((pi, i) => {
        let s = 0;
        for (let j = 0; j < n; j++) s += Math.abs((i === j ? pi : 0) - pi * p[j]) * r[j];
        return s;
      });
    },
    d3: (x, w) => {
      const { p, y, k2 } = along(x, w);
      return p.map((pi, i) => pi * (y[i] ** 2 - k2));
    },
    d4: (x, w) => {
      const { p, y, k2, k3 } = along(x, w);
      return p.map((pi, i) => pi * (y[i] ** 3 - 3 * y[i] * k2 - k3));
    },
  };
}

const theta = (() => {
  const rnd = normalStream(10);
  const t = Float32Array.from({ length: n }, () => 1.5 * rnd());
  t[3] = 7.25; // so that max(1, ||theta||_inf) matters
  return t;
})();
const direction = Float64Array.from({ length: n }, normalStream(11));

/** The FD estimate through the core, and the realised points. */
function estimate(core: Core, f: Analytic, scheme: FdScheme, relStep?: number) {
  const eps = core.fdStep(theta, direction, scheme, relStep);
  const plus = new Float32Array(n);
  const minus = scheme === 'central' ? new Float32Array(n) : undefined;
  const den = core.fdPerturb(theta, direction, eps, plus, minus);
  const gPlus = f.grad(Float64Array.from(plus));
  const gMinus = f.grad(Float64Array.from(minus ?? theta));
  const out = new Float64Array(n);
  core.fdCombine(gPlus, gMinus, den, out);
  return { eps, plus, minus, den, out };
}

describe.each(coreVariants)('%s core: finite-difference HVP', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  it('default steps: cbrt(u32) (central) and sqrt(u32) (forward) times max(1, |theta|_inf) / |v|_2', () => {
    const scale = Math.max(1, maxAbs(theta)) / Math.hypot(...direction);
    expect(core.fdStep(theta, direction, 'central')).toBeCloseTo(Math.cbrt(U32) * scale, 15);
    expect(core.fdStep(theta, direction, 'forward')).toBeCloseTo(Math.sqrt(U32) * scale, 15);
    expect(core.fdStep(theta, direction, 'central', 1e-3)).toBeCloseTo(1e-3 * scale, 15);
    const small = Float32Array.from(theta, (x) => x * 1e-3); // ||theta|| < 1: the scale is 1
    expect(core.fdStep(small, direction, 'central')).toBeCloseTo(Math.cbrt(U32) / Math.hypot(...direction), 15);
    const unit = new Float64Array(n);
    unit[5] = 0.25; // a scaled unit vector moves its coordinate by exactly rel * max(1, |theta|_inf)
    expect(core.fdStep(theta, unit, 'central') * 0.25).toBeCloseTo(Math.cbrt(U32) * Math.max(1, maxAbs(theta)), 15);
  });

  it('perturbed points are float32 roundings, mirrored, with the realised step as denominator', () => {
    const eps = core.fdStep(theta, direction, 'central');
    const plus = new Float32Array(n);
    const minus = new Float32Array(n);
    const den = core.fdPerturb(theta, direction, eps, plus, minus);
    let dv = 0;
    let vv = 0;
    for (let i = 0; i < n; i++) {
      expect(plus[i]).toBe(Math.fround(theta[i] + eps * direction[i]));
      expect(minus[i]).toBe(Math.fround(theta[i] - (plus[i] - theta[i])));
      dv += ((plus[i] - minus[i]) / 2) * direction[i];
      vv += direction[i] ** 2;
    }
    expect(den).toBeCloseTo((2 * dv) / vv, 15);
    expect(Math.abs(den / (2 * eps) - 1)).toBeLessThan(1e-4); // rounding moves it only slightly
    const fwd = new Float32Array(n);
    const denF = core.fdPerturb(theta, direction, eps, fwd);
    let dvF = 0;
    for (let i = 0; i < n; i++) dvF += (fwd[i] - theta[i]) * direction[i];
    expect(denF).toBeCloseTo(dvF / vv, 15);
  });

  it('one array as both plus and minus ends holding the minus point, with the pair\'s denominator (one point at a time)', () => {
    const eps = core.fdStep(theta, direction, 'central');
    const minus = new Float32Array(n);
    const one = new Float32Array(n);
    const den = core.fdPerturb(theta, direction, eps, new Float32Array(n), minus);
    expect(core.fdPerturb(theta, direction, eps, one, one)).toBe(den);
    for (let i = 0; i < n; i++) expect(one[i]).toBe(Math.fround(theta[i] - (Math.fround(theta[i] + eps * direction[i]) - theta[i])));
    expect(Buffer.from(one.buffer).equals(Buffer.from(minus.buffer))).toBe(true);
  });

  it('quadratic: unit directions give the exact column', () => {
    const f = quadratic();
    for (const k of [0, 3, 17]) {
      for (const scale of [1, 3.7e-2]) {
        const v = new Float64Array(n);
        v[k] = scale;
        const eps = core.fdStep(theta, v, 'central');
        const plus = new Float32Array(n);
        const minus = new Float32Array(n);
        const den = core.fdPerturb(theta, v, eps, plus, minus);
        const out = new Float64Array(n);
        core.fdCombine(f.grad(Float64Array.from(plus)), f.grad(Float64Array.from(minus)), den, out);
        const e = new Float64Array(n);
        e[k] = scale;
        const col = f.hv(Float64Array.from(theta), e); // column k of the Hessian, times scale
        for (let i = 0; i < n; i++) expect(Math.abs(out[i] - col[i])).toBeLessThan(1e-13 * maxAbs(col));
      }
    }
  });

  for (const scheme of ['central', 'forward'] as const) {
    it(`${scheme}: quadratic exact up to the float32 rounding of theta +- eps v`, () => {
      const f = quadratic();
      const { plus, minus, den, out } = estimate(core, f, scheme);
      const s = scheme === 'central' ? den / 2 : den;
      // Realised displacement d over s, and its deviation from v (pure rounding of theta +- eps v).
      const dev = Float64Array.from({ length: n }, (_, i) =>
        Math.abs((scheme === 'central' ? (plus[i] - minus![i]) / 2 : plus[i] - theta[i]) / s - direction[i]),
      );
      const exact = f.hv(Float64Array.from(theta), direction);
      const bound = f.absHv(Float64Array.from(theta), dev);
      const slack = 1e-13 * maxAbs(exact);
      for (let i = 0; i < n; i++) expect(Math.abs(out[i] - exact[i])).toBeLessThanOrEqual(bound[i] + slack);
      // and the rounding really is at float32 level relative to the step
      expect(maxAbs(dev)).toBeLessThan((4 * U32 * maxAbs(theta)) / s);
    });
  }

  for (const make of [quartic, logSumExp]) {
    for (const scheme of ['central', 'forward'] as const) {
      it(`${scheme}: ${make().name} within the predicted truncation error`, () => {
        const f = make();
        const { plus, minus, den, out } = estimate(core, f, scheme);
        const x = Float64Array.from(theta);
        const s = scheme === 'central' ? den / 2 : den;
        const d = Float64Array.from({ length: n }, (_, i) =>
          scheme === 'central' ? (plus[i] - minus![i]) / 2 : plus[i] - theta[i],
        );
        const w = d.map((di) => di / s); // realised direction, = v up to rounding
        const dev = w.map((wi, i) => Math.abs(wi - direction[i]));
        const exact = f.hv(x, direction);
        let trunc: Float64Array;
        let rounding: Float64Array;
        if (scheme === 'central') {
          // (g(c + d) - g(c - d)) / 2s = H(c) w + s^2/6 D^4 L(c)[w,w,w] + O(s^4), c the realised centre.
          const c = Float64Array.from({ length: n }, (_, i) => (plus[i] + minus![i]) / 2);
          trunc = f.d4(c, w).map((t) => (s * s * Math.abs(t)) / 6);
          const shift = f.hv(c, direction).map((t, i) => Math.abs(t - exact[i]));
          rounding = f.absHv(c, dev).map((t, i) => t + shift[i]);
        } else {
          // (g(x + d) - g(x)) / s = H(x) w + s/2 D^3 L(x)[w,w] + s^2/6 D^4 L(x)[w,w,w] + O(s^3)
          const t3 = f.d3(x, w);
          const t4 = f.d4(x, w);
          trunc = t3.map((t, i) => (s * Math.abs(t)) / 2 + (s * s * Math.abs(t4[i])) / 3);
          rounding = f.absHv(x, dev);
        }
        const slack = 1e-10 * maxAbs(exact);
        let worst = 0;
        for (let i = 0; i < n; i++) {
          const err = Math.abs(out[i] - exact[i]);
          expect(err, `component ${i}`).toBeLessThanOrEqual(1.05 * trunc[i] + 2 * rounding[i] + slack);
          worst = Math.max(worst, err / (trunc[i] + rounding[i] + slack));
        }
        // The prediction is sharp, not just an upper bound: the largest error uses a good part of it.
        expect(worst).toBeGreaterThan(0.3);
      });
    }
  }

  it('accumulate adds weight * float32 gradient in float64', () => {
    const acc = Float64Array.from([1, -2, 3]);
    const g = Float32Array.from([0.1, 0.2, -0.3]);
    core.accumulate(acc, g, 0.25);
    expect(Array.from(acc)).toEqual([1 + 0.25 * g[0], -2 + 0.25 * g[1], 3 + 0.25 * g[2]]);
  });

  it('refuses steps that vanish in float32 and bad arguments', () => {
    const plus = new Float32Array(n);
    expect(() => core.fdPerturb(theta, direction, 1e-30, plus)).toThrow(/too small/);
    expect(() => core.fdStep(theta, new Float64Array(n), 'central')).toThrow(/zero/);
    expect(() => core.fdStep(theta, new Float64Array(n - 1), 'central')).toThrow(/\bv\b/);
    expect(() => core.fdStep(theta, direction, 'sideways' as FdScheme)).toThrow(/scheme/);
    expect(() => core.fdCombine(new Float64Array(2), new Float64Array(2), 0, new Float64Array(2))).toThrow(
      /denominator/,
    );
  });
});
