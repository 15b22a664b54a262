// The one checking boundary of the core: every `Core` call is checked here, once, for both builds, and the bindings
// (native/addon, wasm/bindings.cpp via src/core/wasm/binding.ts) trust what they receive. This is also the one
// method table from `Core` to a `CoreBinding`. Argument errors are TypeErrors/RangeErrors naming the argument, with
// `code` SANE_CORE_ARGUMENT like the core's own refusals; misuse of a Lanczos session (after dispose, during a
// stepAsync, after the end) has SANE_CORE_STATE. Messages speak of the core's arguments, never of CLI flags.
import { coreError, type BindingSession, type CoreBinding } from './binding.js';
import type {
  Core,
  CoreKind,
  FdPoints,
  FdPointsTarget,
  FdScheme,
  GradientVector,
  LanczosOptions,
  LanczosResult,
  LanczosSession,
  NegativePolicy,
  QuadratureRule,
  SpectralFunction,
} from './types.js';

const kMaxSafeInteger = Number.MAX_SAFE_INTEGER;
const kIntMax = 2147483647;
/** n of the dense eigenproblem: n*n entries must index with LAPACK's 32-bit integers. */
const kMaxDenseN = 46340;

function argumentError<T extends TypeError | RangeError>(e: T): T {
  return Object.assign(e, { code: 'SANE_CORE_ARGUMENT' });
}
const typeError = (message: string) => argumentError(new TypeError(message));
const rangeError = (message: string) => argumentError(new RangeError(message));
const stateError = (message: string) => coreError(message, 'SANE_CORE_STATE');

function float64Arg(v: unknown, name: string): Float64Array {
  if (!(v instanceof Float64Array)) throw typeError(`${name} must be a Float64Array`);
  return v;
}

function float32Arg(v: unknown, name: string): Float32Array {
  if (!(v instanceof Float32Array)) throw typeError(`${name} must be a Float32Array`);
  return v;
}

/** A gradient or a direction: float32 or float64. */
function gradientArg(v: unknown, name: string): GradientVector {
  if (!(v instanceof Float32Array) && !(v instanceof Float64Array)) throw typeError(`${name} must be a Float32Array or Float64Array`);
  return v;
}

function numberArg(v: unknown, name: string): number {
  if (typeof v !== 'number') throw typeError(`${name} must be a number`);
  if (!Number.isFinite(v)) throw rangeError(`${name} must be finite (got ${v})`);
  return v;
}

function integerArg(v: unknown, name: string, lo: number, hi: number): number {
  const x = numberArg(v, name);
  if (!Number.isInteger(x) || x < lo || x > hi) {
    throw rangeError(`${name} must be an integer between ${lo} and ${hi} (got ${x})`);
  }
  return x;
}

function boolArg(v: unknown, name: string): boolean {
  if (typeof v !== 'boolean') throw typeError(`${name} must be a boolean`);
  return v;
}

function oneOf<T extends string>(v: unknown, name: string, allowed: readonly T[]): T {
  if (typeof v !== 'string') throw typeError(`${name} must be a string`);
  if (!(allowed as readonly string[]).includes(v)) {
    const list = allowed.map((a) => `'${a}'`);
    throw rangeError(`${name} must be ${list.slice(0, -1).join(', ')} or ${list[list.length - 1]} (got '${v}')`);
  }
  return v as T;
}

function requireLength(got: number, want: number, name: string, why: string): void {
  if (got !== want) throw rangeError(`${name} must have length ${want} (${why}), got ${got}`);
}

function relStepArg(v: unknown, name = 'relStep'): number | undefined {
  if (v === undefined) return undefined;
  const rel = numberArg(v, name);
  if (!(rel > 0)) throw rangeError(`${name} must be positive (got ${rel})`);
  return rel;
}

function thetaScaleArg(v: unknown, name: string): number {
  const scale = numberArg(v, name);
  if (!(scale >= 1)) throw rangeError(`${name} must be fdThetaScale(theta), at least 1 (got ${scale})`);
  return scale;
}

/** attachFdPoints' target: arrays of length n that do not share memory (the core writes the points while it reads
 *  theta), minus exactly with the central scheme. */
function fdPointsTargetArg(v: unknown, n: number): FdPointsTarget {
  if (typeof v !== 'object' || v === null) throw typeError('attachFdPoints(options): options must be an object');
  const o = v as Record<string, unknown>;
  const array = (x: unknown, name: string) => {
    const a = float32Arg(x, name);
    requireLength(a.length, n, name, 'the operator dimension n');
    return a;
  };
  const scheme = oneOf<FdScheme>(o.scheme, 'options.scheme', ['central', 'forward']);
  const target: FdPointsTarget = {
    theta: array(o.theta, 'options.theta'),
    thetaScale: thetaScaleArg(o.thetaScale, 'options.thetaScale'),
    scheme,
    relStep: relStepArg(o.relStep, 'options.relStep'),
    plus: array(o.plus, 'options.plus'),
  };
  if (scheme === 'central') target.minus = array(o.minus, 'options.minus');
  else if (o.minus !== undefined) throw typeError('options.minus is only for the central scheme');
  const arrays = [target.theta, target.plus, ...(target.minus ? [target.minus] : [])];
  const names = ['options.theta', 'options.plus', 'options.minus'];
  for (let i = 0; i < arrays.length; i++)
    for (let j = i + 1; j < arrays.length; j++)
      if (overlap(arrays[i], arrays[j])) throw rangeError(`${names[i]} and ${names[j]} must not share memory`);
  return target;
}

function overlap(a: Float32Array, b: Float32Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

function probesArg(v: unknown, name: string): QuadratureRule[] {
  if (!Array.isArray(v)) throw typeError(`${name} must be an array of {nodes, weights}`);
  return v.map((p: unknown, l) => {
    const at = `${name}[${l}]`;
    if (typeof p !== 'object' || p === null) throw typeError(`${at} must be an object {nodes, weights}`);
    const rule = p as Partial<QuadratureRule>;
    const nodes = float64Arg(rule.nodes, `${at}.nodes`);
    const weights = float64Arg(rule.weights, `${at}.weights`);
    requireLength(weights.length, nodes.length, `${at}.weights`, 'one weight per node');
    return { nodes, weights };
  });
}

/** The `Core` over a binding: checks, then forwards. */
export function checkedCore(kind: CoreKind, b: CoreBinding): Core {
  const sizeArg = (v: unknown, name: string): number => {
    const n = integerArg(v, name, 1, kMaxSafeInteger);
    if (n > b.maxN) {
      throw coreError(
        `${name} = ${n} is too large for the ${kind} core: one vector of ${n} doubles does not fit its memory ` +
          `(at most ${b.maxN} entries)`,
        'SANE_CORE_MEMORY',
      );
    }
    return n;
  };
  const policyArg = (v: unknown) => oneOf<NegativePolicy>(v, 'policy', ['abs', 'clip']);
  const eigArg = (v: unknown) => float64Arg(v, 'eig');
  const kArg = (v: unknown) => integerArg(v, 'k', 1, kIntMax);

  return {
    kind,
    version: () => b.version(),
    pooledBytes: () => b.pooledBytes(),
    createLanczos: (options) => checkedSession(b, options, sizeArg),
    tridiagonalEigen(alpha, beta) {
      const a = float64Arg(alpha, 'alpha');
      const be = float64Arg(beta, 'beta');
      if (a.length === 0) throw rangeError('alpha must not be empty');
      requireLength(be.length, a.length - 1, 'beta', 'alpha.length - 1');
      return b.tridiagonalEigen(a, be);
    },
    symmetricEigenvalues(a, n) {
      const mat = float64Arg(a, 'a');
      const nn = integerArg(n, 'n', 1, kMaxDenseN);
      requireLength(mat.length, nn * nn, 'a', 'n * n');
      return b.symmetricEigenvalues(mat, nn);
    },
    async symmetricEigenvaluesAsync(a, n) {
      const mat = float64Arg(a, 'a');
      const nn = integerArg(n, 'n', 1, kMaxDenseN);
      requireLength(mat.length, nn * nn, 'a', 'n * n');
      return b.symmetricEigenvaluesAsync(mat, nn);
    },
    effectiveParameters: (eig, z, policy) => b.effectiveParameters(eigArg(eig), numberArg(z, 'z'), policyArg(policy)),
    sharpnessAdjusted: (eig, c, policy, k) =>
      b.sharpnessAdjusted(eigArg(eig), numberArg(c, 'c'), policyArg(policy), kArg(k)),
    kthLargestMagnitude: (eig, k) => b.kthLargestMagnitude(eigArg(eig), kArg(k)),
    topEigenvalues: (eig, k, order) =>
      b.topEigenvalues(eigArg(eig), kArg(k), oneOf(order, 'order', ['magnitude', 'algebraic'] as const)),
    slqEstimate: (probes, n, f, alpha, policy) =>
      b.slqEstimate(
        probesArg(probes, 'probes'),
        integerArg(n, 'n', 1, kMaxSafeInteger),
        oneOf<SpectralFunction>(f, 'f', ['neff', 'trace', 'count']),
        numberArg(alpha, 'alpha'),
        policyArg(policy),
      ),
    spectralDensity: (probes, grid, sigma) =>
      b.spectralDensity(probesArg(probes, 'probes'), float64Arg(grid, 'grid'), numberArg(sigma, 'sigma')),
    fdStep(theta, v, scheme, relStep) {
      const t = float32Arg(theta, 'theta');
      const vv = gradientArg(v, 'v');
      requireLength(vv.length, t.length, 'v', 'theta.length');
      const sc = oneOf<FdScheme>(scheme, 'scheme', ['central', 'forward']);
      const rel = relStepArg(relStep);
      return b.fdStep(t, vv, sc, rel);
    },
    fdPerturb(theta, v, eps, plus, minus) {
      const t = float32Arg(theta, 'theta');
      const n = t.length;
      const vv = gradientArg(v, 'v');
      requireLength(vv.length, n, 'v', 'theta.length');
      const e = numberArg(eps, 'eps');
      const pl = float32Arg(plus, 'plus');
      requireLength(pl.length, n, 'plus', 'theta.length');
      let mi: Float32Array | undefined;
      if (minus !== undefined) {
        mi = float32Arg(minus, 'minus');
        requireLength(mi.length, n, 'minus', 'theta.length');
      }
      return b.fdPerturb(t, vv, e, pl, mi);
    },
    fdCombine(gPlus, gMinus, denominator, out) {
      const gp = float64Arg(gPlus, 'gPlus');
      const gm = float64Arg(gMinus, 'gMinus');
      requireLength(gm.length, gp.length, 'gMinus', 'gPlus.length');
      const den = numberArg(denominator, 'denominator');
      const o = float64Arg(out, 'out');
      requireLength(o.length, gp.length, 'out', 'gPlus.length');
      b.fdCombine(gp, gm, den, o);
    },
    accumulate(acc, g, weight) {
      const a = float64Arg(acc, 'acc');
      const gg = float32Arg(g, 'g');
      requireLength(gg.length, a.length, 'g', 'acc.length');
      b.accumulate(a, gg, numberArg(weight, 'weight'));
    },
    fdThetaScale: (theta) => b.fdThetaScale(float32Arg(theta, 'theta')),
    fdPoints(theta, v, thetaScale, scheme, relStep, plus, minus, plus2, minus2) {
      const t = float32Arg(theta, 'theta');
      const n = t.length;
      const vv = gradientArg(v, 'v');
      requireLength(vv.length, n, 'v', 'theta.length');
      const scale = thetaScaleArg(thetaScale, 'thetaScale');
      const sc = oneOf<FdScheme>(scheme, 'scheme', ['central', 'forward']);
      const rel = relStepArg(relStep);
      const point = (a: unknown, name: string): Float32Array | undefined => {
        if (a === undefined) return undefined;
        const x = float32Arg(a, name);
        requireLength(x.length, n, name, 'theta.length');
        return x;
      };
      const pl = point(plus, 'plus');
      if (pl === undefined) throw typeError('plus must be a Float32Array');
      const mi = point(minus, 'minus');
      const p2 = point(plus2, 'plus2');
      const m2 = point(minus2, 'minus2');
      if ((p2 === undefined) !== (m2 === undefined)) throw typeError('plus2 and minus2 must be given together');
      if (p2 !== undefined && mi === undefined) throw typeError('plus2/minus2 (the long step) need minus (central pairs)');
      return b.fdPoints(t, vv, scale, sc, rel, pl, mi, p2, m2);
    },
    fdCombineChecked(gPlus, gMinus, denominator, out) {
      const gp = gradientArg(gPlus, 'gPlus');
      const gm = gradientArg(gMinus, 'gMinus');
      requireLength(gm.length, gp.length, 'gMinus', 'gPlus.length');
      const den = numberArg(denominator, 'denominator');
      const o = float64Arg(out, 'out');
      requireLength(o.length, gp.length, 'out', 'gPlus.length');
      return b.fdCombineChecked(gp, gm, den, o);
    },
    fdRichardson(g1Plus, g1Minus, g2Plus, g2Minus, den1, den2, out) {
      const g = [
        gradientArg(g1Plus, 'g1Plus'),
        gradientArg(g1Minus, 'g1Minus'),
        gradientArg(g2Plus, 'g2Plus'),
        gradientArg(g2Minus, 'g2Minus'),
      ];
      const names = ['g1Plus', 'g1Minus', 'g2Plus', 'g2Minus'];
      for (let i = 1; i < 4; i++) {
        requireLength(g[i].length, g[0].length, names[i], 'g1Plus.length');
        if (g[i].constructor !== g[0].constructor) throw typeError(`${names[i]} must have the type of g1Plus (all float32 or all float64)`);
      }
      const d1 = numberArg(den1, 'den1');
      const d2 = numberArg(den2, 'den2');
      const o = float64Arg(out, 'out');
      requireLength(o.length, g[0].length, 'out', 'g1Plus.length');
      return b.fdRichardson(g[0], g[1], g[2], g[3], d1, d2, o);
    },
    fdRichardsonOnto(g2Plus, g2Minus, den1, den2, inout) {
      const gp = gradientArg(g2Plus, 'g2Plus');
      const gm = gradientArg(g2Minus, 'g2Minus');
      requireLength(gm.length, gp.length, 'g2Minus', 'g2Plus.length');
      if (gm.constructor !== gp.constructor) throw typeError('g2Minus must have the type of g2Plus (both float32 or both float64)');
      const d1 = numberArg(den1, 'den1');
      const d2 = numberArg(den2, 'den2');
      const io = float64Arg(inout, 'inout');
      requireLength(io.length, gp.length, 'inout', 'g2Plus.length');
      return b.fdRichardsonOnto(gp, gm, d1, d2, io);
    },
    lanczosBytes: (n, steps, reorthogonalize, float32Basis) =>
      b.lanczosBytes(
        integerArg(n, 'n', 1, kMaxSafeInteger),
        integerArg(steps, 'steps', 1, kIntMax),
        boolArg(reorthogonalize, 'reorthogonalize'),
        float32Basis === undefined ? false : boolArg(float32Basis, 'float32Basis'),
      ),
    defaultMemoryBudget: () => b.defaultMemoryBudget(),
  };
}

function checkedSession(
  b: CoreBinding,
  options: LanczosOptions,
  sizeArg: (v: unknown, name: string) => number,
): LanczosSession {
  if (typeof options !== 'object' || options === null) {
    throw typeError('createLanczos(options): options must be an object');
  }
  const opt = <T>(v: T | undefined, fallback: T, check: (v: unknown) => T): T => (v === undefined ? fallback : check(v));
  const n = sizeArg(options.n, 'options.n');
  const config = {
    n,
    steps: integerArg(options.steps, 'options.steps', 1, kIntMax),
    reorthogonalize: opt(options.reorthogonalize, true, (v) => boolArg(v, 'options.reorthogonalize')),
    partial: opt(options.partial, false, (v) => boolArg(v, 'options.partial')),
    float32Basis: opt(options.float32Basis, false, (v) => boolArg(v, 'options.float32Basis')),
    float32Vectors: opt(options.float32Vectors, false, (v) => boolArg(v, 'options.float32Vectors')),
    seed: opt(options.seed, 0, (v) => integerArg(v, 'options.seed', 0, kMaxSafeInteger)),
    ritzVectors: opt(options.ritzVectors, 0, (v) => integerArg(v, 'options.ritzVectors', 0, kIntMax)),
    memoryBudget: opt(options.memoryBudget, 0, (v) => integerArg(v, 'options.memoryBudget', 0, kMaxSafeInteger)),
    start: undefined as Float64Array | undefined,
    deflation: undefined as Float32Array[] | undefined,
  };
  if (options.start !== undefined) {
    config.start = float64Arg(options.start, 'options.start');
    requireLength(config.start.length, n, 'options.start', 'the operator dimension n');
  }
  if (options.deflation !== undefined) {
    if (!Array.isArray(options.deflation)) throw typeError('options.deflation must be an array of Float32Array');
    config.deflation = options.deflation.map((v: unknown, i: number) => {
      const a = float32Arg(v, `options.deflation[${i}]`);
      requireLength(a.length, n, `options.deflation[${i}]`, 'the operator dimension n');
      return a;
    });
  }
  let s: BindingSession | undefined = b.createLanczos(config);
  let busy = false;
  let finished = false;
  let attached = false;
  const idle = (method: string): BindingSession => {
    if (s === undefined) throw stateError(`Lanczos.${method}(): this session has been disposed`);
    if (busy) {
      throw stateError(
        `Lanczos.${method}(): a stepAsync() is still running on this session; await it before calling any ` +
          'method of the session again',
      );
    }
    return s;
  };
  const product = (p: unknown): Float64Array => {
    const v = float64Arg(p, 'product');
    requireLength(v.length, n, 'product', 'the operator dimension n');
    if (finished) throw stateError('this Lanczos run has finished; call result() instead of step()');
    return v;
  };
  return {
    n,
    vector(out) {
      const session = idle('vector');
      if (out === undefined) return session.vector();
      const o = float64Arg(out, 'out');
      requireLength(o.length, n, 'out', 'the operator dimension n');
      return session.vector(o);
    },
    vectorView: () => idle('vectorView').vectorView(),
    step(p) {
      const session = idle('step');
      const more = session.step(product(p));
      finished = !more;
      return more;
    },
    stepAsync(p) {
      const session = idle('stepAsync');
      const v = product(p);
      busy = true;
      let pending: Promise<boolean>;
      try {
        pending = session.stepAsync(v);
      } catch (e) {
        busy = false;
        throw e;
      }
      return pending.then(
        (more) => {
          busy = false;
          finished = !more;
          return more;
        },
        (e: unknown) => {
          busy = false;
          throw e;
        },
      );
    },
    attachFdPoints(o) {
      const session = idle('attachFdPoints');
      const target = fdPointsTargetArg(o, n);
      attached = false; // the binding drops the previous target first
      session.attachFdPoints(target);
      attached = true;
    },
    fdPoints(): FdPoints {
      const session = idle('fdPoints');
      if (!attached) throw stateError('Lanczos.fdPoints(): no points to read; call attachFdPoints() first');
      if (finished) throw stateError('Lanczos.fdPoints(): this Lanczos run has finished; there is no vector to multiply');
      return session.fdPoints();
    },
    ritz: (): LanczosResult => idle('ritz').ritz(),
    result: (): LanczosResult => idle('result').result(),
    dispose() {
      if (s === undefined) return;
      if (busy) throw stateError('Lanczos.dispose(): a stepAsync() is still running on this session; await it first');
      s.dispose();
      s = undefined;
    },
  };
}
