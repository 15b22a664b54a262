// nn.Embedding's padding row (src/onnx/padding-rows.ts): which tables count as having one, that only the lookups lose
// the row's gradient (a tied output head keeps its own, as in PyTorch), and that a cached build is not reused for a
// checkpoint whose zero row differs. PyTorch's own numbers for a padded text model are checked in
// test/torchvision.models.test.ts (embedding_padding_idx, and embedding_padding_row_trained for 'trained').
import { describe, expect, it } from 'vitest';
import { maskPaddingRows } from '../src/onnx/padding-rows.js';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { score } from '../src/api/score.js';
import { SessionCache } from '../src/api/scoring-cache.js';
import { SaneError } from '../src/errors.js';
import { OnnxMaker } from './helpers/onnx-maker.js';
import { gradientAtTheta, type FeedArray } from './helpers/gradient-runner.js';

const ROWS = 4;
const DIM = 3;
/** Row 0 zero unless `zeroRow` says otherwise (-1: none). */
const table = (zeroRow = 0, extraZero = -1) => (i: number) => (Math.floor(i / DIM) === zeroRow || Math.floor(i / DIM) === extraZero ? 0 : 0.3 * Math.sin(1.7 * i + 0.4));

/** ids [batch, 2] -> Gather(T) -> mean over the sequence -> logits, by a head of its own or by T itself (tied). */
function tokenModel(opts: { tied?: boolean; zeroRow?: number; extraZero?: number; axis?: number; dims?: number[] } = {}): OnnxMaker {
  const m = new OnnxMaker();
  const ids = m.input('ids', ['batch', 2], 'int64');
  const dims = opts.dims ?? [ROWS, DIM];
  const t = m.init('tok.weight', dims, table(opts.zeroRow ?? 0, opts.extraZero ?? -1));
  const e = m.op('Gather', [t, ids], opts.axis !== undefined ? { axis: opts.axis } : {});
  const h = m.op('ReduceMean', [e], { axes: [1], keepdims: 0 });
  if (opts.tied) m.node('MatMul', [h, m.op('Transpose', [t], { perm: [1, 0] })], {}, ['logits']);
  else m.node('Gemm', [h, m.init('head.weight', [3, DIM], (i) => 0.2 * Math.cos(i)), m.init('head.bias', [3], [0.1, 0, -0.1])], { transB: 1 }, ['logits']);
  m.output('logits', ['batch', opts.tied ? ROWS : 3]);
  return m;
}

const IDS = [0, 2, 1, 0, 3, 3, 0, 0];
const LABELS = [1, 0, 3, 2];
const feeds = (): Record<string, FeedArray> => ({
  ids: { type: 'int64', dims: [4, 2], data: BigInt64Array.from(IDS.map(BigInt)) },
  labels: { type: 'int64', dims: [4], data: BigInt64Array.from(LABELS.map(BigInt)) },
});

describe('padding rows: which tables', () => {
  it('a Gather-read table with one all-zero row is masked there, with a warning naming the table and the row', () => {
    const model = tokenModel({ zeroRow: 2 }).model(17);
    const found = maskPaddingRows(model);
    expect(found.map((p) => [p.table, p.row, p.size])).toEqual([['tok.weight', 2, DIM]]);
    const g = buildGradientModels(tokenModel({ zeroRow: 2 }).bytes(17), { loss: 'cross-entropy' });
    expect(g.warnings.join('\n')).toMatch(/parameter tok\.weight: row 2 is all zeros.*padding_idx = 2.*--padding-rows trained/s);
    expect(g.numParams).toBe(ROWS * DIM + 3 * DIM + 3); // the row stays in the count, as in PyTorch
  });

  it('not masked: no zero row, two zero rows (a table that starts at zero), one-entry rows, a Gather along axis 1', () => {
    expect(maskPaddingRows(tokenModel({ zeroRow: -1 }).model(17))).toEqual([]);
    expect(maskPaddingRows(tokenModel({ zeroRow: 0, extraZero: 3 }).model(17))).toEqual([]);
    expect(maskPaddingRows(tokenModel({ dims: [ROWS * DIM, 1] }).model(17))).toEqual([]);
    expect(maskPaddingRows(tokenModel({ axis: 1, dims: [DIM, ROWS] }).model(17))).toEqual([]);
  });
});

describe('padding rows: gradients', () => {
  /** The tied model's loss gradient for row 0 from the output head alone: mean over the batch of (p0 - [y = 0])·h. */
  function headGradientRow0(): number[] {
    const T = Array.from({ length: ROWS * DIM }, (_, i) => Math.fround(table(0)(i)));
    const out = new Array<number>(DIM).fill(0);
    for (let b = 0; b < LABELS.length; b++) {
      const h = Array.from({ length: DIM }, (_, d) => (T[IDS[2 * b] * DIM + d] + T[IDS[2 * b + 1] * DIM + d]) / 2);
      const z = Array.from({ length: ROWS }, (_, r) => h.reduce((s, v, d) => s + v * T[r * DIM + d], 0));
      const mx = Math.max(...z);
      const ez = z.map((v) => Math.exp(v - mx));
      const p0 = ez[0] / ez.reduce((a, v) => a + v, 0);
      for (let d = 0; d < DIM; d++) out[d] += ((p0 - (LABELS[b] === 0 ? 1 : 0)) * h[d]) / LABELS.length;
    }
    return out;
  }

  it("frozen: lookups of the row give it no gradient; a tied head's use of the same table keeps its own", async () => {
    const g = buildGradientModels(tokenModel({ tied: true }).bytes(17), { loss: 'cross-entropy' });
    const { grad } = await gradientAtTheta(g, 'node', feeds());
    const row0 = Array.from(grad.subarray(0, DIM));
    const ref = headGradientRow0();
    // the float32 forward's rounding: 1.6e-9 at most on entries up to 4.3e-2 (a few ulps); the lookups' share would
    // be of the entries' own size
    row0.forEach((v, d) => expect(Math.abs(v - ref[d])).toBeLessThan(1e-8));
    expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it("trained: the row is an ordinary parameter, and its lookups add to the head's gradient", async () => {
    const g = buildGradientModels(tokenModel({ tied: true }).bytes(17), { loss: 'cross-entropy', paddingRows: 'trained' });
    expect(g.warnings).toEqual([]);
    const { grad } = await gradientAtTheta(g, 'node', feeds());
    const ref = headGradientRow0();
    expect(Math.max(...Array.from(grad.subarray(0, DIM), (v, d) => Math.abs(v - ref[d])))).toBeGreaterThan(1e-3);
  });
});

describe('padding rows: options and the build cache', () => {
  const ids = { ids: { dtype: 'int64' as const, shape: [4, 2], data: BigInt64Array.from(IDS.map(BigInt)) }, y: { dtype: 'int64' as const, shape: [4], data: BigInt64Array.from([1n, 0n, 2n, 2n]) } };
  const opts = { estimator: 'exact' as const, inputMap: { ids: 'ids' } };

  it('a checkpoint of the same graph whose table has no zero row gets a build of its own, with its own numbers', async () => {
    const cache = new SessionCache();
    const seen: boolean[] = [];
    const c = cache.tracking((r) => seen.push(r));
    const padded = tokenModel({ zeroRow: 0 }).bytes(17);
    const plain = tokenModel({ zeroRow: -1 }).bytes(17);
    try {
      const a = await score(padded, ids, opts, c);
      const b = await score(plain, ids, opts, c);
      const a2 = await score(padded, ids, opts, c);
      expect(seen).toEqual([false, false, true]);
      expect(a.warnings.some((w) => w.includes('padding_idx'))).toBe(true);
      expect(b.warnings.some((w) => w.includes('padding_idx'))).toBe(false);
      expect(b.sane).toEqual((await score(plain, ids, opts)).sane);
      expect(a2.sane).toEqual(a.sane);
    } finally {
      await cache.close();
    }
  });

  it('an unknown value is refused naming the option', async () => {
    const err = await score(tokenModel().bytes(17), ids, { ...opts, paddingRows: 'thawed' as 'trained' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaneError);
    expect((err as SaneError).message).toMatch(/paddingRows/);
  });
});
