// The fused finite-difference calls of the HVP driver (fdThetaScale, fdPoints, fdCombineChecked, fdRichardson and
// fdRichardsonOnto) on every core build, against references written here: the step rule and the realised-displacement
// denominator from their definitions (README / fd_hvp.cpp), products from the formula in plain float64 arithmetic,
// Richardson against an analytic Hessian (a quartic, whose central difference has an exact s² error term that the
// extrapolation cancels), and the finiteness checks at known indices. Sizes above the core's block of 16384 values
// exercise the blocked sums (and several blocks' first-index search).
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';
import { normalStream, uniformStream } from './helpers/spectra.js';

const U32 = 2 ** -23;
const N = 40_000; // three blocks of the core's sums (16384 values each), the last one partial

function theta(n: number, seed: number): Float32Array {
  const rnd = normalStream(seed);
  const t = Float32Array.from({ length: n }, () => 0.8 * rnd());
  t[n - 7] = -5.5; // ‖θ‖∞ > 1, in the last block
  return t;
}
const direction = (n: number, seed: number) => Float64Array.from({ length: n }, normalStream(seed));
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.each(coreVariants)('%s core: fused finite-difference calls', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  it('fdThetaScale is max(1, ‖θ‖∞) and names the first NaN/Inf entry', () => {
    const t = theta(N, 1);
    expect(core.fdThetaScale(t)).toBe(5.5);
    expect(core.fdThetaScale(Float32Array.from([0.25, -0.5]))).toBe(1);
    const bad = t.slice();
    bad[30_000] = Infinity;
    bad[35_000] = NaN;
    expect(() => core.fdThetaScale(bad)).toThrow(/NaN or infinite entry at index 30000/);
    try {
      core.fdThetaScale(bad);
    } catch (e) {
      expect((e as { code?: string }).code).toBe('SANE_CORE_NUMERICAL');
    }
  });

  // Directions come in float64, or in float32 from a Lanczos run with float32 vectors: the definitions are checked
  // with the float32 values themselves (a binding that read them as float64 would write other points).
  for (const [scheme, type] of [['central', 'float64'], ['forward', 'float64'], ['central', 'float32'], ['forward', 'float32']] as const) {
    it(`fdPoints (${scheme}, ${type} direction): the step rule, float32 points and the realised denominator`, () => {
      const t = theta(N, 2);
      const v = type === 'float32' ? Float32Array.from(direction(N, 3)) : direction(N, 3);
      const plus = new Float32Array(N);
      const minus = scheme === 'central' ? new Float32Array(N) : undefined;
      const r = core.fdPoints(t, v, 5.5, scheme, undefined, plus, minus);
      const rel = scheme === 'central' ? Math.cbrt(U32) : Math.sqrt(U32);
      // ‖v‖² summed in order here and in blocks by the core: 40k squares in two orders differ by about √N·2^-53 =
      // 2e-14 relative, half of that in the step; measured up to 1.9e-14 in the step (float32 directions): twice that.
      expect(relDiff(r.eps, (rel * 5.5) / Math.sqrt(dot(v, v)))).toBeLessThan(4e-14);
      const d = new Float64Array(N);
      let wrong = 0; // points that are not the float32 rounding of their definition (counted: 40k expects are slow)
      for (let i = 0; i < N; i++) {
        if (plus[i] !== Math.fround(t[i] + r.eps * v[i])) wrong++;
        if (minus && minus[i] !== Math.fround(t[i] - (plus[i] - t[i]))) wrong++;
        d[i] = minus ? (plus[i] - minus[i]) / 2 : plus[i] - t[i];
      }
      expect(wrong).toBe(0);
      const s = dot(d, v) / dot(v, v);
      expect(relDiff(r.denominator, scheme === 'central' ? 2 * s : s)).toBeLessThan(1e-13);
      expect(r.denominator2).toBe(0);
    });
  }

  it('fdPoints with the long pair: 2·eps, mirrored, with its own denominator; relStep overrides the rule', () => {
    const t = theta(N, 4);
    const v = direction(N, 5);
    const [p1, m1, p2, m2] = [0, 1, 2, 3].map(() => new Float32Array(N));
    const r = core.fdPoints(t, v, 5.5, 'central', 7e-3, p1, m1, p2, m2);
    expect(relDiff(r.eps, (7e-3 * 5.5) / Math.sqrt(dot(v, v)))).toBeLessThan(1e-14);
    const d1 = new Float64Array(N);
    const d2 = new Float64Array(N);
    let wrong = 0;
    for (let i = 0; i < N; i++) {
      if (p1[i] !== Math.fround(t[i] + r.eps * v[i])) wrong++;
      if (m1[i] !== Math.fround(t[i] - (p1[i] - t[i]))) wrong++;
      if (p2[i] !== Math.fround(t[i] + 2 * r.eps * v[i])) wrong++;
      if (m2[i] !== Math.fround(t[i] - (p2[i] - t[i]))) wrong++;
      d1[i] = (p1[i] - m1[i]) / 2;
      d2[i] = (p2[i] - m2[i]) / 2;
    }
    expect(wrong).toBe(0);
    expect(relDiff(r.denominator, (2 * dot(d1, v)) / dot(v, v))).toBeLessThan(1e-13);
    expect(relDiff(r.denominator2, (2 * dot(d2, v)) / dot(v, v))).toBeLessThan(1e-13);
    expect(Math.abs(r.denominator2 / r.denominator - 2)).toBeLessThan(1e-4); // rounding moves the ratio only slightly
  });

  it('fdStep and fdPerturb take a float32 direction as its float64 copy (the same bits), and the type is checked', () => {
    const t = theta(N, 8);
    const v32 = Float32Array.from(direction(N, 9));
    const v64 = Float64Array.from(v32);
    expect(core.fdStep(t, v32, 'central')).toBe(core.fdStep(t, v64, 'central'));
    const eps = core.fdStep(t, v64, 'central');
    const [p32, m32, p64, m64] = [0, 1, 2, 3].map(() => new Float32Array(N));
    expect(core.fdPerturb(t, v32, eps, p32, m32)).toBe(core.fdPerturb(t, v64, eps, p64, m64));
    expect(p32).toEqual(p64);
    expect(m32).toEqual(m64);
    // The points differ from those of another direction (the float32 one was read, not garbage or zeros).
    expect(p32.some((x, i) => x !== t[i])).toBe(true);
    expect(() => core.fdPoints(t, Int32Array.from(v32) as unknown as Float64Array, 5.5, 'central', undefined, p32, m32)).toThrow(
      /v must be a Float32Array or Float64Array/,
    );
  });

  it('fdPoints refuses what fdStep and fdPerturb refuse, and names the first point that overflows', () => {
    const t = theta(N, 6);
    const v = direction(N, 7);
    const [p, m, p2, m2] = [0, 1, 2, 3].map(() => new Float32Array(N));
    expect(() => core.fdPoints(t, new Float64Array(N), 5.5, 'central', undefined, p, m)).toThrow(/zero/);
    expect(() => core.fdPoints(t, v, 5.5, 'central', 1e-30, p, m)).toThrow(/too small/);
    expect(() => core.fdPoints(t, v, 0.5, 'central', undefined, p, m)).toThrow(/thetaScale/);
    expect(() => core.fdPoints(t, v, 5.5, 'forward', undefined, p, undefined, p2, m2)).toThrow(/need minus/);
    expect(() => core.fdPoints(t, v, 5.5, 'central', undefined, p, m, p2)).toThrow(/together/);
    // A huge entry of v at 20000 (block 2) and one at 33000: the step shrinks but 3e38 + 3e38·eps·v overflows there.
    const big = t.slice();
    big[20_000] = 3.4e38;
    big[33_000] = -3.4e38;
    const w = v.slice();
    w[20_000] = 1e3 * Math.sqrt(dot(v, v));
    w[33_000] = -1e3 * Math.sqrt(dot(v, v));
    expect(() => core.fdPoints(big, w, 3.4e38, 'central', undefined, p, m)).toThrow(/not finite at index 20000/);
  });

  for (const [name, make] of [
    ['float32', (a: number[]) => Float32Array.from(a)],
    ['float64', (a: number[]) => Float64Array.from(a)],
  ] as const) {
    it(`fdCombineChecked (${name} gradients): (g+ − g−)/den exactly, -1 when finite, else the first bad index`, () => {
      const u = uniformStream(8);
      const gp = make(Array.from({ length: N }, () => u() - 0.5));
      const gm = make(Array.from({ length: N }, () => u() - 0.5));
      const out = new Float64Array(N);
      const den = 3.7e-3;
      expect(core.fdCombineChecked(gp, gm, den, out)).toBe(-1);
      for (let i = 0; i < N; i += 97) expect(out[i]).toBe((gp[i] - gm[i]) / den); // IEEE double, no FMA: bit for bit
      expect(out[N - 1]).toBe((gp[N - 1] - gm[N - 1]) / den);
      // Mixed types (forward differences: float32 g+ against the float64 gradient at θ).
      const gm64 = Float64Array.from(gm);
      expect(core.fdCombineChecked(gp, gm64, den, out)).toBe(-1);
      expect(out[12_345]).toBe((gp[12_345] - gm[12_345]) / den);
      const bad = gp.slice();
      bad[39_000] = NaN;
      bad[17_000] = Infinity;
      expect(core.fdCombineChecked(bad, gm, den, out)).toBe(17_000);
      expect(core.fdCombineChecked(gm, bad, den, out)).toBe(17_000);
    });
  }

  it('fdCombineChecked flags a difference that overflows although both gradients are finite', () => {
    const gp = new Float64Array(N).fill(1);
    const gm = new Float64Array(N).fill(-1);
    gp[25_000] = 1.5e308;
    gm[25_000] = -1.5e308;
    expect(core.fdCombineChecked(gp, gm, 1, new Float64Array(N))).toBe(25_000);
    expect(() => core.fdCombineChecked(gp, gm, 0, new Float64Array(N))).toThrow(/denominator/);
  });

  // The native and WASM builds run these passes two or four entries at a time and finish each block of 16384 values
  // one by one: lengths that leave a remainder (and a block that does) must give the points, products and
  // denominators of the definitions, and find a bad value in that remainder.
  it('fdPoints, fdCombineChecked and fdRichardson at lengths that are not a multiple of the vector width', () => {
    for (const n of [1, 2, 3, 5, 7, 16_387]) {
      const t = theta(Math.max(n, 8), 20 + n).subarray(0, n);
      const v = direction(n, 40 + n);
      for (const scheme of ['central', 'forward'] as const) {
        const plus = new Float32Array(n);
        const minus = scheme === 'central' ? new Float32Array(n) : undefined;
        const r = core.fdPoints(t, v, 5.5, scheme, undefined, plus, minus);
        const d = new Float64Array(n);
        let wrong = 0;
        for (let i = 0; i < n; i++) {
          if (plus[i] !== Math.fround(t[i] + r.eps * v[i])) wrong++;
          if (minus && minus[i] !== Math.fround(t[i] - (plus[i] - t[i]))) wrong++;
          d[i] = minus ? (plus[i] - minus[i]) / 2 : plus[i] - t[i];
        }
        expect(wrong, `${scheme}, n = ${n}`).toBe(0);
        const s = dot(d, v) / dot(v, v);
        expect(relDiff(r.denominator, scheme === 'central' ? 2 * s : s)).toBeLessThan(1e-13);
      }
      const u = uniformStream(60 + n);
      const gp = Float32Array.from({ length: n }, () => u() - 0.5);
      const gm = Float32Array.from({ length: n }, () => u() - 0.5);
      const out = new Float64Array(n);
      expect(core.fdCombineChecked(gp, gm, 3.7e-3, out)).toBe(-1);
      let wrong = 0;
      for (let i = 0; i < n; i++) if (out[i] !== (gp[i] - gm[i]) / 3.7e-3) wrong++;
      expect(wrong, `combine, n = ${n}`).toBe(0);
      // Richardson's combination of two such pairs, entry by entry and in its norms.
      const [h1, h2] = [1, 2].map(() => Float32Array.from({ length: n }, () => u() - 0.5));
      gp[n - 1] = 0.25;
      const [den1, den2] = [3.7e-3, 7.5e-3];
      const r = core.fdRichardson(gp, gm, h1, h2, den1, den2, out);
      const w1 = (den2 * den2) / (den2 * den2 - den1 * den1);
      const w2 = (den1 * den1) / (den2 * den2 - den1 * den1);
      let corr = 0;
      let norm = 0;
      wrong = 0;
      for (let i = 0; i < n; i++) {
        const d1 = (gp[i] - gm[i]) / den1;
        const x = w1 * d1 - w2 * ((h1[i] - h2[i]) / den2);
        if (out[i] !== x) wrong++;
        corr += (x - d1) ** 2;
        norm += x * x;
      }
      expect(wrong, `Richardson, n = ${n}`).toBe(0);
      expect(r.firstNonFinite).toBe(-1);
      expect(relDiff(r.fdError, Math.sqrt(corr / norm))).toBeLessThan(1e-12);
      // The same from D1 already in place (the pairs in turn): the same bits, and the same sums.
      const inout = Float64Array.from(gp, (g, i) => (g - gm[i]) / den1);
      const onto = core.fdRichardsonOnto(h1, h2, den1, den2, inout);
      expect(Buffer.from(inout.buffer).equals(Buffer.from(out.buffer)), `Richardson onto D1, n = ${n}`).toBe(true);
      expect(onto).toEqual(r);
      gp[n - 1] = NaN;
      expect(core.fdCombineChecked(gp, gm, 3.7e-3, out)).toBe(n - 1);
      expect(core.fdRichardson(gp, gm, h1, h2, den1, den2, out).firstNonFinite).toBe(n - 1);
    }
  });

  // L(x) = Σ c_i x_i⁴/24 + xᵀAx/2 with A tridiagonal: the gradient is a cubic polynomial, so the central difference
  // at half-step s along w is exactly H(x)w + s²/6·D⁴L[w,w,w] (no higher terms), and Richardson's combination of two
  // steps removes the s² term: R = H(x)w up to float64 rounding, while D1 alone is off by s₁²/6·|c_i w_i³|.
  it('fdRichardson cancels the s² error of central differences on a quartic (analytic Hessian)', () => {
    const n = N;
    const u = uniformStream(9);
    const c = Float64Array.from({ length: n }, () => (u() < 0.5 ? -1 : 1) * (0.5 + u()));
    const x = Float64Array.from({ length: n }, normalStream(10));
    const w = Float64Array.from({ length: n }, normalStream(11));
    const grad = (y: Float64Array) =>
      Float64Array.from(y, (yi, i) => (c[i] * yi ** 3) / 6 + 2 * yi - 0.5 * ((i > 0 ? y[i - 1] : 0) + (i < n - 1 ? y[i + 1] : 0)));
    const hv = Float64Array.from(w, (wi, i) => (c[i] * x[i] ** 2 * wi) / 2 + 2 * wi - 0.5 * ((i > 0 ? w[i - 1] : 0) + (i < n - 1 ? w[i + 1] : 0)));
    const at = (s: number) => [grad(x.map((xi, i) => xi + s * w[i])), grad(x.map((xi, i) => xi - s * w[i]))];
    const s1 = 1e-2;
    const s2 = 2.1e-2; // not exactly 2·s1: the weights use the steps actually taken
    const [g1p, g1m] = at(s1);
    const [g2p, g2m] = at(s2);
    const out = new Float64Array(n);
    const r = core.fdRichardson(g1p, g1m, g2p, g2m, 2 * s1, 2 * s2, out);
    expect(r.firstNonFinite).toBe(-1);
    let errR = 0;
    let errD1 = 0;
    let corr = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const d1 = (g1p[i] - g1m[i]) / (2 * s1);
      errR = Math.max(errR, Math.abs(out[i] - hv[i]) / (1 + Math.abs(hv[i])));
      errD1 = Math.max(errD1, Math.abs(d1 - hv[i]) / (1 + Math.abs(hv[i])));
      corr += (out[i] - d1) ** 2;
      norm += out[i] ** 2;
    }
    expect(errR).toBeLessThan(1e-9);
    expect(errD1).toBeGreaterThan(1e-5); // the error Richardson removed was there
    expect(relDiff(r.fdError, Math.sqrt(corr / norm))).toBeLessThan(1e-10);
    expect(relDiff(r.correctionSquares, corr)).toBeLessThan(1e-10);
    expect(relDiff(r.productSquares, norm)).toBeLessThan(1e-10);
    // float32 gradients give the same product as their float64 widening (the core widens exactly).
    const f32 = [g1p, g1m, g2p, g2m].map((g) => Float32Array.from(g));
    const o32 = new Float64Array(n);
    const o64 = new Float64Array(n);
    core.fdRichardson(f32[0], f32[1], f32[2], f32[3], 2 * s1, 2 * s2, o32);
    const wid = f32.map((g) => Float64Array.from(g));
    core.fdRichardson(wid[0], wid[1], wid[2], wid[3], 2 * s1, 2 * s2, o64);
    expect(Array.from(o32.subarray(0, 1000))).toEqual(Array.from(o64.subarray(0, 1000)));
  });

  it('fdRichardson reports the first index where D1, D2 or R is not finite, and leaves the gradients intact', () => {
    const g = [0, 1, 2, 3].map((k) => Float32Array.from({ length: N }, (_, i) => Math.sin(i + k)));
    g[2][30_500] = -Infinity; // long step only
    g[1][31_000] = NaN;
    const copy = g.map((x) => x.slice());
    const r = core.fdRichardson(g[0], g[1], g[2], g[3], 1e-3, 2e-3, new Float64Array(N));
    expect(r.firstNonFinite).toBe(30_500);
    g.forEach((x, k) => expect(x.every((xi, i) => Object.is(xi, copy[k][i]))).toBe(true));
    expect(() => core.fdRichardson(g[0], g[1], g[2], g[3], 2e-3, 1e-3, new Float64Array(N))).toThrow(/longer/);
    expect(() => core.fdRichardson(g[0], g[1], Float64Array.from(g[2]), g[3], 1e-3, 2e-3, new Float64Array(N))).toThrow(
      /all float32 or all float64/,
    );
  });

  it('fdRichardsonOnto flags the first non-finite D2 or R (a non-finite D1 through R), and checks its arguments', () => {
    const g = [0, 1].map((k) => Float32Array.from({ length: N }, (_, i) => Math.sin(i + k)));
    const d1 = Float64Array.from({ length: N }, (_, i) => Math.cos(i));
    d1[20_000] = NaN;
    g[1][30_500] = Infinity;
    expect(core.fdRichardsonOnto(g[0], g[1], 1e-3, 2e-3, d1).firstNonFinite).toBe(20_000);
    const clean = Float64Array.from({ length: N }, (_, i) => Math.cos(i));
    expect(core.fdRichardsonOnto(g[0], g[1], 1e-3, 2e-3, clean).firstNonFinite).toBe(30_500);
    expect(() => core.fdRichardsonOnto(g[0], g[1], 2e-3, 1e-3, clean)).toThrow(/longer/);
    expect(() => core.fdRichardsonOnto(g[0], Float64Array.from(g[1]), 1e-3, 2e-3, clean)).toThrow(/both float32 or both float64/);
    expect(() => core.fdRichardsonOnto(g[0], g[1], 1e-3, 2e-3, new Float64Array(N - 1))).toThrow(/inout/);
  });
});
