// The core's errors carry a code across N-API and WASM (native/core/error.hpp): SANE_CORE_ARGUMENT for what the
// TypeScript boundary (src/core/checked.ts) or the core refuses as an argument, SANE_CORE_NUMERICAL for NaN/Inf,
// SANE_CORE_STATE for a run used out of order, SANE_CORE_MEMORY for the guard. fromCoreError maps codes to reasons
// without reading messages; and no command-line flag is named below the CLI.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { fromCoreError } from '../src/core/errors.js';
import type { Core } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
}

describe.each(coreVariants)('%s core: error codes', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  it('arguments refused by the TypeScript boundary and by the core itself: SANE_CORE_ARGUMENT', () => {
    expect(codeOf(() => core.createLanczos({ n: 0, steps: 3 }))).toBe('SANE_CORE_ARGUMENT');
    expect(codeOf(() => core.effectiveParameters(new Float64Array([1]), 1, 'nope' as 'abs'))).toBe('SANE_CORE_ARGUMENT');
    // k above the spectrum's length is refused by the C++ core (metrics.cpp), not by the boundary
    expect(codeOf(() => core.sharpnessAdjusted(new Float64Array([1, 2]), 0.5, 'abs', 3))).toBe('SANE_CORE_ARGUMENT');
    expect(codeOf(() => core.fdStep(new Float32Array(4), new Float64Array(4), 'central'))).toBe('SANE_CORE_ARGUMENT');
  });

  it('NaN or Inf: SANE_CORE_NUMERICAL, from a sync step, an async step and a dense matrix', async () => {
    const s = core.createLanczos({ n: 4, steps: 3, seed: 1 });
    expect(codeOf(() => s.step(Float64Array.from([NaN, 0, 0, 0])))).toBe('SANE_CORE_NUMERICAL');
    s.dispose();
    const t = core.createLanczos({ n: 4, steps: 3, seed: 1 });
    await expect(t.stepAsync(Float64Array.from([Infinity, 0, 0, 0]))).rejects.toMatchObject({ code: 'SANE_CORE_NUMERICAL' });
    t.dispose();
    await expect(core.symmetricEigenvaluesAsync(Float64Array.from([1, NaN, NaN, 1]), 2)).rejects.toMatchObject({
      code: 'SANE_CORE_NUMERICAL',
    });
  });

  it('a run used out of order: SANE_CORE_STATE', () => {
    const s = core.createLanczos({ n: 2, steps: 1, seed: 1 });
    expect(codeOf(() => s.result())).toBe('SANE_CORE_STATE');
    expect(s.step(new Float64Array([1, 2]))).toBe(false);
    expect(codeOf(() => s.step(new Float64Array([1, 2])))).toBe('SANE_CORE_STATE');
    s.dispose();
    expect(codeOf(() => s.vector())).toBe('SANE_CORE_STATE');
  });

  it('fromCoreError classifies by code alone', () => {
    let e: unknown;
    try {
      core.createLanczos({ n: 200_000, steps: 300, memoryBudget: 1_000_000 });
    } catch (err) {
      e = err;
    }
    expect(fromCoreError(e)).toMatchObject({ reason: 'MEMORY', code: 'resources' });
    // the same message without a code is not recognised by its wording
    expect(fromCoreError(new Error((e as Error).message)).reason).toBe('CORE');
    try {
      core.symmetricEigenvalues(Float64Array.from([1, NaN, NaN, 1]), 2);
    } catch (err) {
      e = err;
    }
    expect(fromCoreError(e)).toMatchObject({ reason: 'NON_FINITE', code: 'numerical' });
  });
});

describe('no command-line flags below the CLI', () => {
  const root = path.resolve(__dirname, '..');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.(ts|cpp|hpp)$/.test(f) ? [p] : [];
    });
  it.each(['native', 'src/core', 'wasm/bindings.cpp'])('%s names no --flag in its strings', (where) => {
    const full = path.join(root, where);
    const list = statSync(full).isDirectory() ? files(full) : [full];
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) {
      // string literals only ("...", '...', `...`), so that comments may still mention flags
      const strings = readFileSync(f, 'utf8').match(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g) ?? [];
      const flags = strings.filter((s) => /(^|[\s(])--[a-z][a-z-]+/.test(s));
      expect(flags, path.relative(root, f)).toEqual([]);
    }
  });
});
