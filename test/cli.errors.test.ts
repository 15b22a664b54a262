// Every user error of `sane score` (issue 4, item 8) through the real command: the message names the problem, the
// exit status is the documented one, and there is no stack trace without --verbose.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSane, type CliRun } from './helpers/cli.js';
import { f32, i64, writeNpz } from './helpers/npz.js';
import { fixturesDir } from './helpers/paths.js';
import { DataType, floatTensor, serializeModel, valueInfo, type ModelProto } from '../src/onnx/load.js';
import { nonDifferentiableOps, supportedOps } from '../src/onnx/rules/index.js';

// Smooth unary float ops onnxruntime runs but the builder may not differentiate; the test takes the first one the
// rule table lacks (the table grows, so no single op is hard-coded).
const UNSUPPORTED_CANDIDATES = ['Asinh', 'Acosh', 'Atanh', 'Mish', 'Shrink', 'Softsign', 'HardSwish', 'ThresholdedRelu', 'Celu'];
const unsupportedOp = UNSUPPORTED_CANDIDATES.find((op) => !supportedOps.includes(op) && !nonDifferentiableOps.has(op));

const EXIT = { usage: 2, input: 3, model: 4, numerical: 5, resources: 6 };
const mlp = path.join(fixturesDir, 'mlp_tanh_lr0.5.onnx'); // x: [batch, 6] -> 3 classes
const mlpData = path.join(fixturesDir, 'mlp_tanh_lr0.5.npz');
const reg = path.join(fixturesDir, 'reg_softplus_lr0.1.onnx'); // x: [batch, 5] -> 2 targets, mse

let dir: string;
const tmp = (name: string) => path.join(dir, name);

/** A deterministic pseudo-random fill, so data files are the same on every run. */
function values(n: number, scale = 1): number[] {
  let s = 12345;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return scale * (s / 2 ** 30 - 1);
  });
}

/**
 * A two-layer model with an op the gradient builder has no rule for between the parameters and the output:
 * x[N,3] -> Gemm(W1, b1) -> OP -> Gemm(W2, b2) -> out[N,2].
 */
function unsupportedOpModel(op: string): Uint8Array {
  const model: ModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'onnx-sane test',
    graph: {
      name: 'cosh_net',
      node: [
        { opType: 'Gemm', name: 'fc1', input: ['x', 'W1', 'b1'], output: ['h'], attribute: [{ name: 'transB', type: 2, i: 1 }] },
        { opType: op, name: 'act_odd', input: ['h'], output: ['a'], attribute: [] },
        { opType: 'Gemm', name: 'fc2', input: ['a', 'W2', 'b2'], output: ['out'], attribute: [{ name: 'transB', type: 2, i: 1 }] },
      ],
      initializer: [
        floatTensor('W1', [4, 3], values(12, 0.5)),
        floatTensor('b1', [4], values(4, 0.1)),
        floatTensor('W2', [2, 4], values(8, 0.5)),
        floatTensor('b2', [2], values(2, 0.1)),
      ],
      input: [valueInfo('x', DataType.FLOAT, ['batch', 3])],
      output: [valueInfo('out', DataType.FLOAT, ['batch', 2])],
      valueInfo: [],
    },
  };
  return serializeModel(model);
}

function expectCleanError(r: CliRun, exitCode: number, message: RegExp): void {
  expect(r.stdout, 'nothing on stdout').toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr, 'no stack trace without --verbose').not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/--verbose for the stack/); // a known error, not an unexpected one
  expect(r.code, r.stderr).toBe(exitCode);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sane-cli-errors-'));
  const x = readFileSync(mlpData); // only to be sure the fixture is there before the cases below
  expect(x.byteLength).toBeGreaterThan(0);
  writeFileSync(tmp('garbage.onnx'), Buffer.from(values(500).map((v) => Math.floor((v + 1) * 127))));
  writeFileSync(tmp('garbage.npz'), Buffer.from('PK\u0003\u0004 this is not really a zip archive at all'));
  writeNpz(tmp('wrong-keys.npz'), { a: f32([8, 6], values(48)), b: f32([8, 6], values(48)), y: i64([8], [0, 1, 2, 0, 1, 2, 0, 1]) });
  writeNpz(tmp('wrong-shape.npz'), { x: f32([8, 5], values(40)), y: i64([8], [0, 1, 2, 0, 1, 2, 0, 1]) });
  writeNpz(tmp('labels-out-of-range.npz'), { x: f32([8, 6], values(48)), y: i64([8], [0, 1, 2, 0, 7, 2, 0, 1]) });
  // Finite data, but large enough that the softplus regression's mse overflows float32.
  writeNpz(tmp('overflow.npz'), { x: f32([8, 5], values(40, 1e30)), y: f32([8, 2], values(16)) });
  writeNpz(tmp('odd-op.npz'), { x: f32([8, 3], values(24)), y: i64([8], [0, 1, 0, 1, 0, 1, 0, 1]) });
  if (unsupportedOp) writeFileSync(tmp('odd-op.onnx'), unsupportedOpModel(unsupportedOp));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('sane score: user errors', () => {
  it('missing model file', async () => {
    const r = await runSane(['score', tmp('nope.onnx'), '--data', mlpData]);
    expectCleanError(r, EXIT.input, /model file not found: .*nope\.onnx/);
  });

  it('missing data file', async () => {
    const r = await runSane(['score', mlp, '--data', tmp('nope.npz')]);
    expectCleanError(r, EXIT.input, /data file not found: .*nope\.npz/);
  });

  it('corrupt model file (garbage bytes)', async () => {
    const r = await runSane(['score', tmp('garbage.onnx'), '--data', mlpData]);
    expectCleanError(r, EXIT.input, /garbage\.onnx: .*not a (valid|readable) ONNX model/i);
  });

  it('corrupt data file', async () => {
    const r = await runSane(['score', mlp, '--data', tmp('garbage.npz')]);
    expectCleanError(r, EXIT.input, /garbage\.npz/);
  });

  it('a data key that matches no model input', async () => {
    const r = await runSane(['score', mlp, '--data', tmp('wrong-keys.npz')]);
    expectCleanError(r, EXIT.input, /no data array matches model input 'x'/);
    expect(r.stderr).toMatch(/--input x=KEY/); // the hint says what to do
  });

  it('--input naming an array the data does not have', async () => {
    const r = await runSane(['score', mlp, '--data', mlpData, '--input', 'x=features']);
    expectCleanError(r, EXIT.input, /--input x=features: the data has no array 'features'/);
  });

  it('a shape that does not fit the model', async () => {
    const r = await runSane(['score', mlp, '--data', tmp('wrong-shape.npz')]);
    expectCleanError(r, EXIT.input, /shape \[?8, ?5\]?.*axis 1 is 5, should be 6/);
  });

  it('labels out of range', async () => {
    const r = await runSane(['score', mlp, '--data', tmp('labels-out-of-range.npz')]);
    expectCleanError(r, EXIT.input, /labels out of range: 'y' holds class 7 at sample 4.*3 classes/);
  });

  it('a non-finite loss', async () => {
    const r = await runSane(['score', reg, '--data', tmp('overflow.npz'), '--loss', 'mse']);
    expectCleanError(r, EXIT.numerical, /non-finite|not finite|NaN|Inf/i);
  });

  it('too little memory for the requested steps', async () => {
    const r = await runSane(['score', mlp, '--data', mlpData, '--estimator', 'lanczos', '--memory-budget', '1KiB']);
    expectCleanError(r, EXIT.resources, /memory|budget/i);
    expect(r.stderr).toMatch(/1(\.0+)? ?KiB|1024 ?(bytes|B)/); // says what the budget was
  });

  it('advice names flags on the command line where the API names options', async () => {
    const r = await runSane(['score', mlp, '--data', mlpData, '--estimator', 'exact', '--exact-limit', '10']);
    expectCleanError(r, EXIT.resources, /above the limit of 10 parameters/);
    expect(r.stderr).toContain('hint: use --estimator slq (or lanczos for the top eigenvalues), narrow the parameters with --params REGEX, or raise --exact-limit');
    expect(r.stderr).not.toMatch(/exactLimit/);
  });

  it('an op the gradient builder cannot differentiate', async () => {
    expect(unsupportedOp, `every candidate op (${UNSUPPORTED_CANDIDATES.join(', ')}) now has a rule; add another`).toBeDefined();
    const r = await runSane(['score', tmp('odd-op.onnx'), '--data', tmp('odd-op.npz')]);
    expectCleanError(r, EXIT.model, new RegExp(`unsupported op ${unsupportedOp} \\(node "act_odd"\\) on the path from parameter W1 to the loss`));
  });

  it('prints the stack with --verbose', async () => {
    const r = await runSane(['score', tmp('odd-op.onnx'), '--data', tmp('odd-op.npz'), '--verbose']);
    expect(r.code).toBe(EXIT.model);
    expect(r.stderr).toMatch(new RegExp(`unsupported op ${unsupportedOp}`));
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('sane: usage errors exit 2', () => {
  it.each([
    [['score', mlp], /required option '--data <file>' not specified/],
    [['score', mlp, '--data', mlpData, '--top', '0'], /--top <K>.*expected an integer >= 1, got "0"/],
    [['score', mlp, '--data', mlpData, '--sane-c', 'abc'], /--sane-c <C>.*expected a number/],
    [['score', mlp, '--data', mlpData, '--memory-budget', '2 parsecs'], /unknown size unit "parsecs"/],
    [['score', mlp, '--data', mlpData, '--estimator', 'fast'], /--estimator must be one of auto, exact, lanczos, slq; got "fast"/],
    [['score', mlp, '--data', mlpData, '--loss', 'hinge'], /loss must be cross-entropy, mse, bce or output:NAME/],
    [['score', mlp, '--data', mlpData, '--input', 'x'], /expected NAME=KEY/],
    [['score', mlp, '--data', mlpData, '--plot', 'density.png'], /--plot writes SVG/],
    [['score', mlp, '--data', mlpData, '--density'], /--density only applies to --json/],
    [['compare', mlp, '--data', mlpData], /at least two models/],
    [['score', mlp, '--data', mlpData, '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j', async (args, message) => {
    const r = await runSane(args as string[]);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(EXIT.usage);
  });
});
