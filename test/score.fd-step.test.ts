// The finite-difference step shortened where the products show it too long (src/api/step-shortening.ts): on a deep
// ReLU MLP with a saturated softmax (test/fixtures/gen/torch_fd_step.py; PyTorch's float64 λ_max from exact
// Hessian-vector products), at the default step λ_max comes out far too low, with the step shortened within 1%; the
// logic itself (limit, noise guard, cap) on a scripted operator.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { score } from '../src/api/score.js';
import { FD_ERROR_LIMIT, MAX_SHRINKS, NOISE_GROWTH, STEP_SHRINK, estimateWithShortening } from '../src/api/step-shortening.js';
import { FdStepTooLarge, RICHARDSON_REL_STEP, type HvpOperator } from '../src/oracle/hvp.js';
import { repoRoot } from './helpers/paths.js';

const dir = path.join(repoRoot, 'test', 'fixtures', 'fdstep');
const model = path.join(dir, 'deep_mlp.onnx');
const data = path.join(dir, 'deep_mlp.npz');
const ref = JSON.parse(fs.readFileSync(path.join(dir, 'deep_mlp.json'), 'utf8')) as { lambda_max: number; num_params: number };
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.each(['native', 'wasm'] as const)('finite-difference step on a deep saturated ReLU MLP (%s core)', (core) => {
  it('the default shortens the step where the products need it: λ_max within 1% of PyTorch\'s, with a warning', async () => {
    const r = await score(model, data, { estimator: 'lanczos', top: 1, core });
    expect(r.numParams).toBe(ref.num_params);
    // Measured: two shortenings (estimates 0.13 at the default step, 0.050 at a quarter), λ_max 1.6e-4 from PyTorch's.
    expect(r.options.fdStepShortenings).toBeGreaterThanOrEqual(1);
    expect(r.warnings.some((w) => w.includes('finite-difference step was set to'))).toBe(true);
    expect(rel(r.lambdaMax, ref.lambda_max)).toBeLessThan(1e-2);
    expect(r.warnings.some((w) => w.includes('may be inexact'))).toBe(false);
  }, 300_000);

  it('a step the user gives is kept: the default step given explicitly is far off (39% low, measured), a short one is right', async () => {
    const long = await score(model, data, { estimator: 'lanczos', top: 1, core, fdStep: RICHARDSON_REL_STEP });
    expect(long.options.fdStepShortenings).toBe(0);
    expect(long.warnings.some((w) => w.includes('finite-difference step'))).toBe(false);
    expect(rel(long.lambdaMax, ref.lambda_max)).toBeGreaterThan(0.1);
    const short = await score(model, data, { estimator: 'lanczos', top: 1, core, fdStep: RICHARDSON_REL_STEP / 16 });
    expect(short.options.fdStepShortenings).toBe(0);
    expect(rel(short.lambdaMax, ref.lambda_max)).toBeLessThan(1e-2);
  }, 300_000);

  it('a model whose products converge keeps the default step', async () => {
    const r = await score(path.join(repoRoot, 'examples', 'spirals_lr0.5.onnx'), path.join(repoRoot, 'examples', 'spirals.npz'), { core });
    expect(r.options.fdStepShortenings).toBe(0);
    expect(r.warnings).toEqual([]);
  }, 300_000);
});

/** An operator whose products' error estimate is errorAt(step scale); estimate() runs `products` of them. */
function scripted(errorAt: (scale: number) => number, products = 5) {
  const op = {
    stepScale: 1,
    fdErrorLimit: undefined as number | undefined,
    fdErrors: [] as number[],
    worstScaledError: 0,
    resetErrors() {
      op.fdErrors.length = 0;
      op.worstScaledError = 0;
    },
    get relStep() {
      return RICHARDSON_REL_STEP * op.stepScale;
    },
  };
  const runs: number[] = [];
  const estimate = async () => {
    runs.push(op.stepScale);
    for (let i = 0; i < products; i++) {
      const e = errorAt(op.stepScale);
      op.fdErrors.push(e);
      op.worstScaledError = Math.max(op.worstScaledError, e);
      if (op.fdErrorLimit !== undefined && e > op.fdErrorLimit) throw new FdStepTooLarge(e, op.relStep);
    }
    return op.stepScale;
  };
  return { op: op as unknown as HvpOperator, runs, estimate };
}

describe('estimateWithShortening', () => {
  it('truncation (error ~ step²): shortens until the products pass, reports those products\' estimates', async () => {
    const s = scripted((k) => 0.5 * k * k);
    const r = await estimateWithShortening(s.estimate, [s.op], true);
    expect(s.runs).toEqual([1, 1 / STEP_SHRINK, 1 / STEP_SHRINK ** 2]);
    expect(r.shortenings).toBe(2);
    expect(r.result).toBe(1 / 16);
    expect(s.op.fdErrors.every((e) => e <= FD_ERROR_LIMIT)).toBe(true);
    expect(s.op.worstScaledError).toBeLessThanOrEqual(FD_ERROR_LIMIT);
    expect(s.op.fdErrorLimit).toBeUndefined();
    expect(r.warning).toMatch(/0\.50 at 0\.0074, 0\.031 at 0\.0018\)/);
    expect(r.warning).not.toMatch(/may be inexact/);
  });

  it('rounding (error ~ 1/step): undoes the shortening that made it worse and runs without the limit', async () => {
    const s = scripted((k) => 0.02 / k);
    const r = await estimateWithShortening(s.estimate, [s.op], true);
    // 0.02 at the default step, 0.08 (4x >= NOISE_GROWTH) at a quarter: back to the default, no limit.
    expect(4).toBeGreaterThanOrEqual(NOISE_GROWTH);
    expect(s.runs).toEqual([1, 1 / STEP_SHRINK, 1]);
    expect(r.shortenings).toBe(0);
    expect(r.warning).toMatch(/may be inexact/);
  });

  it('stops after MAX_SHRINKS and finishes without the limit', async () => {
    const s = scripted((k) => 0.5 * Math.sqrt(k));
    const r = await estimateWithShortening(s.estimate, [s.op], true);
    expect(s.runs).toHaveLength(MAX_SHRINKS + 1);
    expect(r.shortenings).toBe(MAX_SHRINKS);
    expect(r.warning).toMatch(/may be inexact/);
  });

  it('does nothing when not asked to (a step given by the user): the limit is never set', async () => {
    const s = scripted(() => 1);
    const r = await estimateWithShortening(s.estimate, [s.op], false);
    expect(s.runs).toEqual([1]);
    expect(r.shortenings).toBe(0);
    expect(r.warning).toBeUndefined();
  });
});
