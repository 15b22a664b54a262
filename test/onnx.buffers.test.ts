// PyTorch buffers recognised by their values (src/onnx/buffers.ts): sinusoidal position tables in the layouts
// models use, computed in float32 as PyTorch computes them, and tables that only look alike. The end-to-end case
// (the tutorial's table and an -inf causal mask in an exported transformer, scored against PyTorch's exact Hessian)
// is the fixture lm_transformer_buffers (test/torchvision.models.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSinusoidalTable } from '../src/onnx/buffers.js';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { repoRoot } from './helpers/paths.js';

const f = Math.fround;

/** The PyTorch tutorial's PositionalEncoding in float32: angle p·ω rounded to float32, then its sine or cosine. */
function table(maxLen: number, d: number, layout: 'interleaved' | 'halves', phase = 0, scale = 1): Float64Array {
  const out = new Float64Array(maxLen * d);
  const step = f(-Math.log(10000) / d);
  for (let i = 0; i < d / 2; i++) {
    const w = f(Math.exp(f(2 * i * step)));
    for (let p = 0; p < maxLen; p++) {
      const a = f(p * w) + phase;
      const [s, c] = layout === 'interleaved' ? [2 * i, 2 * i + 1] : [i, d / 2 + i];
      out[p * d + s] = scale * f(Math.sin(a));
      out[p * d + c] = scale * f(Math.cos(a));
    }
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

describe('isSinusoidalTable', () => {
  it("recognises the tutorial's table at full size (5000 positions, d = 512, float32 angles) in its layouts", () => {
    expect(isSinusoidalTable(table(5000, 512, 'interleaved'), [5000, 1, 512])).toBe(true);
    expect(isSinusoidalTable(table(5000, 512, 'interleaved'), [1, 5000, 512])).toBe(true);
    expect(isSinusoidalTable(table(64, 16, 'halves'), [64, 16])).toBe(true);
    expect(isSinusoidalTable(table(100_000, 8, 'interleaved'), [100_000, 8])).toBe(true); // max_len of some models
  });

  it('refuses tables that only look alike: shifted, scaled, one value off, zero, random, too short', () => {
    expect(isSinusoidalTable(table(64, 16, 'interleaved', 0.3), [64, 16])).toBe(false);
    expect(isSinusoidalTable(table(64, 16, 'interleaved', 0, 0.5), [64, 16])).toBe(false);
    const off = table(64, 16, 'interleaved');
    off[40 * 16 + 3] += 0.01;
    expect(isSinusoidalTable(off, [64, 16])).toBe(false);
    expect(isSinusoidalTable(new Float64Array(64 * 16), [64, 16])).toBe(false); // an untrained all-zero nn.Parameter
    const r = rng(7);
    expect(isSinusoidalTable(Float64Array.from({ length: 64 * 16 }, () => 0.02 * r()), [64, 16])).toBe(false);
    expect(isSinusoidalTable(table(3, 16, 'interleaved'), [3, 16])).toBe(false);
    expect(isSinusoidalTable(table(64, 16, 'interleaved'), [8, 8, 16])).toBe(false); // three axes: not a table
  });
});

describe('buffers left out of an exported transformer (lm_transformer_buffers)', () => {
  const model = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'models', 'lm_transformer_buffers.onnx'));
  const g = buildGradientModels(model, { loss: 'cross-entropy', classAxis: -1 });

  it('leaves out the position table with a warning naming it, and the -inf causal mask without one', () => {
    const names = g.params.map((p) => p.name);
    expect(names).not.toContain('pe');
    expect(names).not.toContain('mask');
    expect(g.warnings).toEqual([expect.stringMatching(/^initializer "pe" \[64, 1, 4\] is a sinusoidal position table/)]);
  });
});
