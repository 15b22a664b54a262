// The HVP driver (src/oracle/hvp.ts) end to end over a stand-in gradient session whose gradient is analytic: a
// quadratic loss L(θ) = ½θᵀAθ + bᵀθ with a known A, so every scheme's product must be A·v up to the float32 rounding
// of the points and gradients. Run on both cores, with one batch (float32 gradients straight into the core) and with
// three batches (float64 sums), and for non-finite gradients: the error must name the parameter and the batch.
import { describe, expect, it } from 'vitest';

import type { Core } from '../src/core/types.js';
import { makeBatches, matchDataset } from '../src/data/dataset.js';
import { GradientOracle } from '../src/oracle/gradient-oracle.js';
import { runLanczos } from '../src/estimators/lanczos.js';
import { HvpOperator, type HvpScheme } from '../src/oracle/hvp.js';
import type { RuntimeSession } from '../src/oracle/runtime.js';
import { coreFor } from './helpers/cores.js';
import { normalStream } from './helpers/spectra.js';

const P = 7; // parameters 'a' (3 values) and 'b' (4 values)
const A = (() => {
  const rnd = normalStream(21);
  const m = new Float64Array(P * P);
  for (let i = 0; i < P; i++)
    for (let j = 0; j <= i; j++) m[i * P + j] = m[j * P + i] = i === j ? 3 + rnd() : rnd() / 2;
  return m;
})();
const b = Float64Array.from({ length: P }, normalStream(22));
const params = [
  { name: 'a', dims: [3], size: 3, offset: 0 },
  { name: 'b', dims: [4], size: 4, offset: 3 },
];

/** A gradient session of the quadratic; `poison(batch, θ)` may turn b's gradient into Infinity; `seen` collects the
 *  parameter buffers (the operator's point buffers) the runs were given, `points` the parameter values. */
function quadraticSession(
  poison?: (batch: number, point: Float64Array) => boolean, seen?: Set<ArrayBufferLike>, points?: Set<string>,
): RuntimeSession {
  return {
    inputNames: ['x', 'labels', 'a', 'b'],
    tensor: (t: unknown) => t,
    floatTensor: (data: Float32Array, dims: number[]) => ({ data, dims }),
    run: async (feeds: Record<string, { data: Float32Array }>) => {
      seen?.add(feeds.a.data.buffer);
      const x = Float64Array.from([...feeds.a.data, ...feeds.b.data]);
      points?.add(x.join(','));
      const g = new Float64Array(P);
      let loss = 0;
      for (let i = 0; i < P; i++) {
        for (let j = 0; j < P; j++) g[i] += A[i * P + j] * x[j];
        loss += x[i] * (0.5 * g[i] + b[i]);
        g[i] += b[i];
      }
      const batch = feeds.x.data[0];
      const gb = Float32Array.from(g.subarray(3));
      if (poison?.(batch, x)) gb[2] = Infinity;
      return { loss: { data: Float32Array.of(loss) }, 'grad:a': { data: Float32Array.from(g.subarray(0, 3)) }, 'grad:b': { data: gb } };
    },
  } as unknown as RuntimeSession;
}

function oracle(core: Core, session: RuntimeSession, batchSize: number): GradientOracle {
  const ds = matchDataset(
    {
      x: { dtype: 'float32', shape: [12, 1], data: Float32Array.from({ length: 12 }, (_, i) => Math.floor(i / 4)) },
      y: { dtype: 'int64', shape: [12], data: new BigInt64Array(12) },
    },
    { dataInputs: [{ name: 'x', type: 'float32', shape: ['n', 1] }], labelsType: 'int64' },
  );
  return new GradientOracle(core, session, makeBatches(ds, batchSize), params, P, null);
}

const theta = Float32Array.from([0.5, -1.25, 2, 0.75, -0.5, 1.5, -2.5]);
const v = Float64Array.from({ length: P }, normalStream(23));
const av = Float64Array.from({ length: P }, (_, i) => {
  let s = 0;
  for (let j = 0; j < P; j++) s += A[i * P + j] * v[j];
  return s;
});

describe.each(['native', 'wasm'] as const)('%s core: HVP driver on an analytic quadratic', (variant) => {
  for (const batchSize of [12, 4]) {
    for (const [scheme, lean] of [['central', false], ['forward', false], ['richardson', false], ['richardson', true]] as [HvpScheme, boolean][]) {
      it(`${scheme}${lean ? ' (lean: pairs in turn)' : ''}, ${batchSize === 12 ? 'one batch (float32 gradients)' : 'three batches (float64 sums)'}: A·v`, async () => {
        const core = await coreFor(variant);
        const o = oracle(core, quadraticSession(), batchSize);
        expect(o.singleBatch).toBe(batchSize === 12);
        const op = new HvpOperator(core, o, theta, { scheme, lean });
        let worst = 0;
        for (let rep = 0; rep < 2; rep++) {
          const hv = await op.apply(v);
          for (let i = 0; i < P; i++) worst = Math.max(worst, Math.abs(hv[i] - av[i]) / Math.max(...av.map(Math.abs)));
        }
        // Gradients carry float32 rounding (u·|g| ≈ 1e-6) divided by a step of 5e-3 (3.5e-4 forward).
        expect(worst).toBeLessThan(scheme === 'forward' ? 3e-3 : 3e-4);
        expect(op.stats.products).toBe(2);
        if (scheme === 'richardson') {
          expect(op.fdErrors).toHaveLength(2);
          // A quadratic has no truncation error: the correction is rounding only.
          for (const e of op.fdErrors) expect(e).toBeLessThan(1e-3);
        }
      });
    }
  }

  // Every product writes its points into its own buffer, the product's 8·P bytes (two float32 points), which the
  // combination then overwrites: no point buffers of their own. Richardson's lean form (forced here at P = 7; by
  // default above LEAN_RICHARDSON_BYTES) then takes its long pair in turn in one more buffer, and gives the same
  // products to the bit as the one-pass form, which has two more.
  for (const batchSize of [12, 4]) {
    for (const [scheme, lean] of [['central', false], ['forward', false], ['richardson', false], ['richardson', true]] as [HvpScheme, boolean][]) {
      it(`${scheme}${lean ? ' (lean)' : ''}, ${batchSize === 12 ? 'one batch' : 'three batches'}: the points are written into the product's buffer`, async () => {
        const core = await coreFor(variant);
        const seen = new Set<ArrayBufferLike>();
        const op = new HvpOperator(core, oracle(core, quadraticSession(undefined, seen), batchSize), theta, { scheme, lean });
        const hv = await op.apply(v);
        if (scheme === 'forward') seen.delete(theta.buffer); // the gradient at θ, taken once
        expect(seen.has(hv.buffer)).toBe(true);
        expect(seen.size).toBe(scheme === 'richardson' ? 2 + (lean ? 0 : 1) : 1);
        // The last product as the next direction (power iteration): copied before the points overwrite it.
        const copy = Float64Array.from(hv);
        const aliased = Float64Array.from(await op.apply(hv));
        expect(Buffer.from((await op.apply(copy)).buffer).equals(Buffer.from(aliased.buffer))).toBe(true);
      });
    }
    it(`richardson, ${batchSize === 12 ? 'one batch' : 'three batches'}: lean products equal the one-pass ones bit for bit`, async () => {
      const core = await coreFor(variant);
      const products = async (lean: boolean) => {
        const op = new HvpOperator(core, oracle(core, quadraticSession(), batchSize), theta, { scheme: 'richardson', lean });
        expect(op.lean).toBe(lean);
        const out: Float64Array[] = [];
        for (const dir of [v, Float64Array.from(v, (x, i) => x * (i + 1))]) out.push(Float64Array.from(await op.apply(dir)));
        return out;
      };
      const plain = await products(false);
      const lean = await products(true);
      lean.forEach((x, k) => expect(Buffer.from(x.buffer).equals(Buffer.from(plain[k].buffer))).toBe(true));
    });
  }

  for (const [scheme, lean] of [['central', false], ['forward', false], ['richardson', false], ['richardson', true]] as [HvpScheme, boolean][]) {
    it(`${scheme}${lean ? ' (lean)' : ''}: a gradient that is infinite at the perturbed points names the parameter and the batch`, async () => {
      const core = await coreFor(variant);
      // Batch 1 overflows away from θ only (the product's points), so gradient() at θ is fine.
      const moved = (x: Float64Array) => x.some((xi, i) => xi !== theta[i]);
      const points = new Set<string>();
      const o = oracle(core, quadraticSession((batch, x) => batch === 1 && moved(x), undefined, points), 4);
      const op = new HvpOperator(core, o, theta, { scheme, lean });
      await expect(op.apply(v)).rejects.toThrowError(/non-finite gradient in parameter b at batch 1/);
      // The search for the batch ran at the product's own points (written again where the combination had
      // overwritten them), not at whatever the buffer held: no points beyond the product's (and θ for forward).
      const productPoints = scheme === 'forward' ? 1 : scheme === 'richardson' && !lean ? 4 : 2;
      points.delete(Array.from(theta).join(','));
      expect(points.size).toBe(productPoints);
      points.clear();
      const one = oracle(core, quadraticSession((_batch, x) => moved(x), undefined, points), 12);
      // One batch: the core reads onnxruntime's tensors in place; the error still names the tensor and the batch.
      const e = await new HvpOperator(core, one, theta, { scheme, lean }).apply(v).catch((x: unknown) => x);
      expect(e).toMatchObject({ reason: 'NON_FINITE' });
      expect((e as Error).message).toMatch(/non-finite gradient in parameter b at batch 0/);
      points.delete(Array.from(theta).join(','));
      expect(points.size).toBe(productPoints);
    });
  }

  // The loss at θ (what score() reports) is fetched alone: no gradient crosses over from onnxruntime for it (a
  // float64 gradient held 8·P bytes, the peak of a whole run at resnet101 size). ½θᵀAθ + bᵀθ, by batches or in one.
  for (const batchSize of [12, 4]) {
    it(`loss at θ, ${batchSize === 12 ? 'one batch' : 'three batches'}: the quadratic's value, from runs that fetch only the loss`, async () => {
      const core = await coreFor(variant);
      const fetched: string[][] = [];
      const session = quadraticSession();
      const run = session.run.bind(session);
      session.run = (feeds, fetches) => {
        fetched.push([...(fetches ?? [])]);
        return run(feeds, fetches);
      };
      const op = new HvpOperator(core, oracle(core, session, batchSize), theta, { scheme: 'central' });
      let expected = 0;
      for (let i = 0; i < P; i++) {
        let ai = 0;
        for (let j = 0; j < P; j++) ai += A[i * P + j] * theta[j];
        expected += theta[i] * (0.5 * ai + b[i]);
      }
      // The stand-in returns the loss in float32 (as onnxruntime does): its rounding, u·|L|.
      expect(Math.abs((await op.loss()) - expected)).toBeLessThan(2 ** -23 * Math.abs(expected) * 2);
      expect(fetched).toEqual(Array.from({ length: 12 / batchSize }, () => ['loss']));
    });
  }

  // A Lanczos run multiplies at the points its session writes as it forms each vector (sessionPointsTarget; central
  // and forward), held in two buffers of their own: no apply() at all, and A's spectrum from the products. Richardson
  // forms its own pairs (no target): every product through apply().
  for (const batchSize of [12, 4]) {
    for (const scheme of ['central', 'forward', 'richardson'] as HvpScheme[]) {
      it(`${scheme}, ${batchSize === 12 ? 'one batch' : 'three batches'}: a Lanczos run ${scheme === 'richardson' ? 'calls apply()' : 'multiplies at its session\'s points'}, and finds A's spectrum`, async () => {
        const core = await coreFor(variant);
        const seen = new Set<ArrayBufferLike>();
        const op = new HvpOperator(core, oracle(core, quadraticSession(undefined, seen), batchSize), theta, { scheme });
        let applied = 0;
        const apply = op.apply.bind(op);
        op.apply = async (x) => {
          applied++;
          return apply(x);
        };
        const run = await runLanczos(core, op, { steps: P, seed: 3 });
        expect(op.stats.products).toBe(run.products);
        const target = op.sessionPointsTarget();
        if (scheme === 'richardson') {
          expect(target).toBeNull();
          expect(applied).toBe(run.products);
        } else {
          expect(applied).toBe(0);
          expect(seen.has(target!.plus.buffer)).toBe(true);
        }
        // The reference: LAPACK's eigenvalues of A (dsyev, checked against known spectra in core.dense.test.ts).
        const eig = core.symmetricEigenvalues(A, P);
        const scale = Math.max(...eig.map(Math.abs));
        expect(run.result.ritzValues).toHaveLength(P);
        let worst = 0;
        for (let i = 0; i < P; i++) worst = Math.max(worst, Math.abs(run.result.ritzValues[i] - eig[i]) / scale);
        // The products' own error (the A·v test above): float32 gradients over the step.
        expect(worst).toBeLessThan(scheme === 'forward' ? 3e-3 : 3e-4);
      });
    }
  }

  it('a session that cannot hold the points (memory refused) runs the plain way; other refusals fail the run', async () => {
    const core = await coreFor(variant);
    const refusing = (code: string): typeof core => ({
      ...core,
      createLanczos: (o) => {
        const session = core.createLanczos(o);
        session.attachFdPoints = () => {
          throw Object.assign(new Error('simulated refusal'), { code });
        };
        return session;
      },
    });
    const op = new HvpOperator(core, oracle(core, quadraticSession(), 12), theta, { scheme: 'central' });
    let applied = 0;
    const apply = op.apply.bind(op);
    op.apply = async (x) => {
      applied++;
      return apply(x);
    };
    const run = await runLanczos(refusing('SANE_CORE_MEMORY'), op, { steps: P, seed: 3 });
    expect(applied).toBe(run.products);
    expect(run.products).toBeGreaterThan(0);
    await expect(runLanczos(refusing('SANE_CORE_ARGUMENT'), op, { steps: P, seed: 3 })).rejects.toThrow(/simulated refusal/);
  });

  it('a NaN in θ is refused at the first product, naming its index', async () => {
    const core = await coreFor(variant);
    const bad = theta.slice();
    bad[5] = NaN;
    const op = new HvpOperator(core, oracle(core, quadraticSession(), 12), bad, { scheme: 'central' });
    await expect(op.apply(v)).rejects.toThrowError(/index 5/);
  });
});
