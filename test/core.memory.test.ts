// The memory guard: a Lanczos run whose basis does not fit the budget is refused up front, saying how many bytes it
// needs and how much there is, with code SANE_CORE_MEMORY (what to change is the estimator's hint, in TypeScript).
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';

describe.each(coreVariants)('%s core: memory guard', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  it('counts the basis: (steps + 1) vectors with reorthogonalisation, 3 without', () => {
    const n = 1_000_000;
    const full = core.lanczosBytes(n, 100, true);
    expect(full).toBeGreaterThanOrEqual(101 * n * 8);
    expect(full).toBeLessThan(101 * n * 8 * 1.01);
    const lean = core.lanczosBytes(n, 100, false);
    expect(lean).toBeGreaterThanOrEqual(3 * n * 8);
    expect(lean).toBeLessThan(3 * n * 8 * 1.01);
    // beyond 4 GiB (the count must not wrap on wasm32)
    expect(core.lanczosBytes(10_000_000, 200, true)).toBeGreaterThanOrEqual(201 * 8e7);
  });

  it('counts a float32 basis at 4 bytes per entry plus three double work vectors', () => {
    const n = 1_000_000;
    const f32 = core.lanczosBytes(n, 100, true, true);
    expect(f32).toBeGreaterThanOrEqual((4 * 100 + 8 * 3) * n);
    expect(f32).toBeLessThan((4 * 100 + 8 * 3) * n * 1.01);
    expect(f32).toBeLessThan(0.55 * core.lanczosBytes(n, 100, true));
  });

  it('refuses a run over an explicit budget, naming the bytes and the budget, with code SANE_CORE_MEMORY', () => {
    const n = 200_000;
    const need = core.lanczosBytes(n, 300, true);
    const budget = 100_000_000;
    expect(need).toBeGreaterThan(budget);
    let error: (Error & { code?: string }) | undefined;
    try {
      core.createLanczos({ n, steps: 300, memoryBudget: budget }).dispose();
    } catch (e) {
      error = e as Error & { code?: string };
    }
    const message = error?.message ?? '';
    expect(error?.code).toBe('SANE_CORE_MEMORY');
    expect(message).toContain(`(${need} bytes)`);
    expect(message).toContain(`(${budget} bytes)`);
    expect(message).toMatch(/300 steps/);
    // no command-line vocabulary below the CLI: the advice is the estimator's (test/score.estimators.test.ts)
    expect(message).not.toMatch(/--[a-z]/);
    // the same run fits without reorthogonalisation
    const s = core.createLanczos({ n, steps: 300, memoryBudget: budget, reorthogonalize: false });
    expect(s.n).toBe(n);
    s.dispose();
  });

  it('refuses by default what no machine (and no WASM heap) holds', () => {
    const budget = core.defaultMemoryBudget();
    expect(budget).toBeGreaterThan(0);
    if (core.kind === 'wasm') expect(budget).toBeLessThanOrEqual(3 * 2 ** 30);
    const n = 1e8;
    expect(() => core.createLanczos({ n, steps: 5000 })).toThrow(/needs .*bytes.*budget/);
  });
});
