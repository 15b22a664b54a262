// The Lanczos sessions' work buffers are recycled between sessions of the same size (native/core/vector_pool.hpp):
// natively a disposed session's rows and vectors are kept, up to 8 MiB each and 128 MiB in all, and the next session
// of that size takes them (a session of another size frees them); the WASM core keeps none (its heap reuses freed
// memory by itself). A session on recycled buffers must give what a session on fresh ones gives: the buffers come
// back holding the last run's numbers.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core, LanczosOptions } from '../src/core/types.js';
import { coreFor } from './helpers/cores.js';
import { diagonalOperator, linspace, runLanczos, similarityOperator } from './helpers/spectra.js';

const MiB = 2 ** 20;
const BUFFER_LIMIT = 8 * MiB;
const POOL_LIMIT = 128 * MiB;

// A known spectrum: 2000 eigenvalues in [-1, 2] and four outliers, the largest 9, turned by Householder reflections
// so that no coordinate is special; n = 2004 is small, so every run below also tests the sums over short vectors.
const spectrum = Float64Array.from([...linspace(-1, 2, 2000), -3, 5, 7, 9]);

// λ_max's tolerance per mode: with double vectors, rounding (a few ulp of 9); with float32 rows or vectors, their
// rounding (u32 = 2^-24 relative) enters q_j and so alpha_j once a step: |error| ≤ 2·u32·λ_max, where 1.9e-8 (rows)
// and 2.9e-7 (vectors) are seen on both cores.
const U32 = 2 ** -24;
const modes: [string, Omit<LanczosOptions, 'n'>, number][] = [
  ['partial reorthogonalisation, double rows', { steps: 40, seed: 5, reorthogonalize: true, partial: true }, 1e-13],
  ['full reorthogonalisation, float32 rows', { steps: 40, seed: 5, reorthogonalize: true, float32Basis: true }, 2 * U32 * 9],
  ['no basis, float32 vectors', { steps: 40, seed: 5, reorthogonalize: false, float32Vectors: true }, 2 * U32 * 9],
  ['no basis, double vectors', { steps: 40, seed: 5, reorthogonalize: false }, 1e-13],
];

describe.each(['native', 'wasm'] as const)('%s core: recycled Lanczos buffers', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  it.each(modes)('%s: a run on buffers another run left gives the same bits as the first, and λ_max', (_name, options, tol) => {
    const op = similarityOperator(spectrum, 3, 11);
    const first = runLanczos(core, op, options);
    // Another run of the same size in between (another seed and operator), so that the buffers the third run gets hold
    // other numbers than its own.
    runLanczos(core, similarityOperator(linspace(-50, 50, spectrum.length), 2, 3), { ...options, seed: 99 });
    const again = runLanczos(core, op, options);
    expect(again.steps).toBe(first.steps);
    expect(Array.from(again.alpha)).toEqual(Array.from(first.alpha));
    expect(Array.from(again.beta)).toEqual(Array.from(first.beta));
    expect(Array.from(again.ritzValues)).toEqual(Array.from(first.ritzValues));
    // 40 steps find the isolated largest eigenvalue (9, gap 2) to the rounding of the vectors.
    expect(Math.abs(again.ritzValues[again.ritzValues.length - 1] - 9)).toBeLessThan(tol);
  });

  it(variant === 'native' ? 'keeps a disposed session\'s buffers for the next of that size, and only for it' : 'keeps nothing', () => {
    const n = 100_000;
    const steps = 12;
    const s = core.createLanczos({ n, steps, seed: 1, reorthogonalize: true });
    // The earlier tests' buffers (n = 2004) are of no use to this session: freed as it starts.
    expect(core.pooledBytes()).toBe(0);
    const product = new Float64Array(n);
    const op = diagonalOperator(linspace(0, 1, n));
    for (let j = 0; j < 3; j++) {
      op.apply(s.vector(), product);
      s.step(product);
    }
    s.dispose();
    // The 12 double rows and the product buffer, reached or not.
    const kept = variant === 'native' ? (steps + 1) * 8 * n : 0;
    expect(core.pooledBytes()).toBe(kept);
    const t = core.createLanczos({ n, steps, seed: 1, reorthogonalize: true });
    expect(core.pooledBytes()).toBe(0);
    t.dispose();
    expect(core.pooledBytes()).toBe(kept);
    // A session of another size frees them as it starts, and leaves its own.
    const u = core.createLanczos({ n: n + 1, steps: 2, seed: 1, reorthogonalize: true });
    expect(core.pooledBytes()).toBe(0);
    u.dispose();
    expect(core.pooledBytes()).toBe(variant === 'native' ? 3 * 8 * (n + 1) : 0);
  });
});

describe('native core: the pool\'s limits', () => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor('native');
  });

  it('never keeps a buffer over 8 MiB, nor more than 128 MiB in all', () => {
    // Rows just over the buffer limit are freed at once.
    const big = Math.floor(BUFFER_LIMIT / 8) + 1;
    core.createLanczos({ n: 1000, steps: 3, seed: 1, reorthogonalize: true }).dispose();
    expect(core.pooledBytes()).toBe(4 * 8 * 1000);
    core.createLanczos({ n: big, steps: 3, seed: 1, reorthogonalize: true }).dispose();
    expect(core.pooledBytes()).toBe(0);
    // Rows at the limit: 21 buffers (168 MiB, resident only the start vector's row) give up the oldest to fit 128 MiB.
    const atLimit = BUFFER_LIMIT / 8;
    core.createLanczos({ n: atLimit, steps: 20, seed: 1, reorthogonalize: true }).dispose();
    expect(core.pooledBytes()).toBeLessThanOrEqual(POOL_LIMIT);
    expect(core.pooledBytes()).toBeGreaterThan(POOL_LIMIT - BUFFER_LIMIT);
    // The next session of that size takes every one it can.
    const s = core.createLanczos({ n: atLimit, steps: 20, seed: 1, reorthogonalize: true });
    expect(core.pooledBytes()).toBeLessThan(BUFFER_LIMIT);
    s.dispose();
  });

  it('counts the kept buffers as available in the default memory budget (half of MemAvailable plus them)', () => {
    const atLimit = BUFFER_LIMIT / 8;
    core.createLanczos({ n: atLimit, steps: 20, seed: 1, reorthogonalize: true }).dispose();
    const pooled = core.pooledBytes();
    expect(pooled).toBeGreaterThan(POOL_LIMIT - BUFFER_LIMIT);
    const memAvailable = () => Number(/MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
    const before = memAvailable();
    const budget = core.defaultMemoryBudget();
    const after = memAvailable();
    // MemAvailable moves by a few MB between reads on a busy machine; ignoring the pool would be pooled / 2 ≈ 64 MiB off.
    const slack = Math.abs(after - before) / 2 + 16 * MiB;
    expect(Math.abs(budget - (before + pooled) / 2)).toBeLessThan(slack);
  });
});
