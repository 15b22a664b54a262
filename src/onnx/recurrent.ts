// Recurrent ops (LSTM, GRU, RNN) are differentiated by unrolling: before the gradient graph is built, each such node
// is rewritten into the standard ops its ONNX definition spells out, one step per element of the sequence (MatMul,
// Add, Sigmoid, Tanh, Mul, Slice, Concat), and the ordinary rules differentiate those. Why unrolling and not Scan/Loop:
// the backward of a Scan needs a second Scan running in reverse over stored states, which no rule can emit without
// differentiating a subgraph, while the unrolled graph reuses rules that are tested one by one, keeps the frozen-gate
// machinery for activations like Relu inside the cell, and runs on both onnxruntimes. The cost: the sequence length
// must be static (PyTorch exports it as a fixed dim unless it is declared a dynamic axis), and the graph grows linearly
// with it. A dynamic length is an error that names the node.
import { ModelError, UnsupportedOpError } from './errors.js';
import { decodeAttr, dimsToValueInfoDims, encodeAttr, encodeTensor } from './emitter.js';
import { DataType, defaultOpset, isDefaultDomain, isFloatType, valueInfo, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from './load.js';
import type { ForwardGraph } from './graph.js';
import type { AttrValue } from './rules/types.js';

export const RECURRENT_OPS = new Set(['LSTM', 'GRU', 'RNN']);

export function hasRecurrent(model: ModelProto): boolean {
  return model.graph.node.some((n) => RECURRENT_OPS.has(n.opType) && isDefaultDomain(n));
}

/**
 * Replaces the first LSTM / GRU / RNN node (in the topological order of `fg`, prepareGraph of the same model) by its
 * unrolled form, using the static shapes of `fg`. One at a time, because a stacked layer's input shape is only known
 * once the layer before it is unrolled and the graph re-prepared. Returns whether a node was replaced.
 */
export function unrollRecurrent(model: ModelProto, fg: ForwardGraph): boolean {
  const g = model.graph;
  const target = fg.nodes.find((n) => RECURRENT_OPS.has(n.opType) && isDefaultDomain(n));
  if (!target) return false;
  const out: NodeProto[] = [];
  const inits: TensorProto[] = [];
  for (const n of g.node) {
    if (n !== target) {
      out.push(n);
      continue;
    }
    const b = new Builder(`${n.name || n.opType}#unrolled/`, defaultOpset(model), out, inits);
    const declared = unrollNode(n, b, fg);
    // The outputs' shapes, which the small shape inference loses along the recursion: the next layer needs them.
    g.valueInfo = [...g.valueInfo.filter((v) => !declared.some((d) => d.name === v.name)), ...declared];
  }
  g.node = out;
  g.initializer.push(...inits);
  return true;
}

class Builder {
  private k = 0;
  constructor(
    private readonly prefix: string,
    readonly opset: number,
    private readonly nodes: NodeProto[],
    private readonly inits: TensorProto[],
  ) {}

  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, output?: string): string {
    const o = output ?? `${this.prefix}${opType}_${this.k++}`;
    this.nodes.push({ opType, input: inputs, output: [o], name: `${this.prefix}${opType}_n${this.k++}`, attribute: Object.entries(attrs).map(([k, v]) => encodeAttr(k, v)), domain: '' });
    return o;
  }

  ints(values: number[]): string {
    const name = `${this.prefix}ints_${this.k++}`;
    this.inits.push(encodeTensor(name, { type: 'int64', dims: [values.length], values }));
    return name;
  }

  scalar(value: number, double: boolean): string {
    const name = `${this.prefix}scalar_${this.k++}`;
    this.inits.push(encodeTensor(name, { type: double ? 'double' : 'float', dims: [], values: [value] }));
    return name;
  }

  zeros(dims: number[], double: boolean): string {
    const name = `${this.prefix}zeros_${this.k++}`;
    this.inits.push(encodeTensor(name, { type: double ? 'double' : 'float', dims, values: new Array<number>(dims.reduce((a, c) => a * c, 1)).fill(0) }));
    return name;
  }

  /** x[a:b] along axis (static bounds). */
  slice(x: string, a: number, b: number, axis: number): string {
    return this.op('Slice', [x, this.ints([a]), this.ints([b]), this.ints([axis])]);
  }

  unsqueeze(x: string, axis: number): string {
    return this.opset >= 13 ? this.op('Unsqueeze', [x, this.ints([axis])]) : this.op('Unsqueeze', [x], { axes: [axis] });
  }

  squeeze(x: string, axis: number): string {
    return this.opset >= 13 ? this.op('Squeeze', [x, this.ints([axis])]) : this.op('Squeeze', [x], { axes: [axis] });
  }

  /** The d-th block of a [D, ...] tensor, without the leading axis. */
  dir(x: string, d: number): string {
    return this.squeeze(this.slice(x, d, d + 1, 0), 0);
  }
}

interface Activation {
  name: string;
  alpha?: number;
  beta?: number;
}

function attrOf<T>(n: NodeProto, name: string, fallback: T): T {
  const a = n.attribute.find((x) => x.name === name);
  if (!a) return fallback;
  const v = decodeAttr(a);
  return (v === undefined ? fallback : v) as T;
}

function applyActivation(b: Builder, act: Activation, x: string, double: boolean): string {
  switch (act.name.toLowerCase()) {
    case 'sigmoid':
      return b.op('Sigmoid', [x]);
    case 'tanh':
      return b.op('Tanh', [x]);
    case 'relu':
      return b.op('Relu', [x]);
    case 'hardsigmoid':
      return b.op('HardSigmoid', [x], { alpha: { float: act.alpha ?? 0.2 }, beta: { float: act.beta ?? 0.5 } });
    case 'leakyrelu':
      return b.op('LeakyRelu', [x], { alpha: { float: act.alpha ?? 0.01 } });
    case 'softsign':
      return b.op('Softsign', [x]);
    case 'softplus':
      return b.op('Softplus', [x]);
    case 'affine':
      return b.op('Add', [b.op('Mul', [x, b.scalar(act.alpha ?? 1, double)]), b.scalar(act.beta ?? 0, double)]);
    default:
      throw new Error(`activation ${act.name} is not supported`);
  }
}

function unrollNode(n: NodeProto, b: Builder, fg: ForwardGraph): ValueInfoProto[] {
  const fail = (detail: string): never => {
    throw new UnsupportedOpError(n.opType, n.name, weightParameter(fg, n.input[1]), detail);
  };
  const kind = n.opType as 'LSTM' | 'GRU' | 'RNN';
  const nGates = kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
  const H = attrOf<number>(n, 'hidden_size', 0);
  if (!H) fail('the hidden_size attribute is missing');
  const direction = attrOf<string>(n, 'direction', 'forward');
  const dirs = direction === 'bidirectional' ? ['forward', 'reverse'] : [direction];
  if (!['forward', 'reverse', 'bidirectional'].includes(direction)) fail(`direction="${direction}" is unknown`);
  const layout = attrOf<number>(n, 'layout', 0);
  // onnxruntime refuses layout=1 models ("batchwise recurrent operations are not supported"), so such a model could
  // not be checked against a runtime's forward pass; PyTorch exports layout 0 with Transposes around the node.
  if (layout !== 0) fail('layout=1 (batch-first) is not supported; PyTorch exports layout 0 (batch_first=True becomes Transpose nodes)');
  if (attrOf<number | undefined>(n, 'clip', undefined) !== undefined) fail('the clip attribute is not supported');
  if (kind === 'LSTM' && attrOf<number>(n, 'input_forget', 0) !== 0) fail('input_forget=1 is not supported');
  const linearBeforeReset = kind === 'GRU' && attrOf<number>(n, 'linear_before_reset', 0) !== 0;

  const inp = (i: number) => (i < n.input.length && n.input[i] !== '' ? n.input[i] : null);
  const [X, W, R] = [inp(0)!, inp(1)!, inp(2)!];
  const B = inp(3);
  const seqLens = inp(4);
  const initH = inp(5);
  const initC = kind === 'LSTM' ? inp(6) : null;
  const P = kind === 'LSTM' ? inp(7) : null;

  const xShape = fg.shapes.get(X);
  const double = (xShape?.elemType ?? fg.shapes.get(W)?.elemType) === DataType.DOUBLE;
  const T = xShape?.dims?.[0];
  if (typeof T !== 'number' || T < 1) {
    fail(`the sequence length (axis 0 of ${X}) is not static: recurrent ops are unrolled over it; export with a fixed sequence length`);
  }
  const steps = T as number;
  if (seqLens) {
    const lens = fg.constInts(seqLens);
    if (!lens || lens.some((v) => v !== steps)) fail('sequence_lens other than a constant equal to the full length is not supported');
  }

  // Activations: f, g(, h) per direction.
  const perDir = kind === 'LSTM' ? 3 : kind === 'GRU' ? 2 : 1;
  const defaults = kind === 'RNN' ? ['Tanh'] : kind === 'GRU' ? ['Sigmoid', 'Tanh'] : ['Sigmoid', 'Tanh', 'Tanh'];
  const names = attrOf<string[]>(n, 'activations', []);
  const alphas = attrOf<number[]>(n, 'activation_alpha', []);
  const betas = attrOf<number[]>(n, 'activation_beta', []);
  const acts: Activation[][] = dirs.map((_, d) =>
    Array.from({ length: perDir }, (_, k) => {
      const i = d * perDir + k;
      return { name: names[i] ?? defaults[k], alpha: alphas[i], beta: betas[i] };
    }),
  );
  const act = (a: Activation, x: string) => {
    try {
      return applyActivation(b, a, x, double);
    } catch (e) {
      return fail((e as Error).message);
    }
  };

  // Layout 0: X [T, B, I], initial states [D, B, H].
  // Zeros [B, H] for absent initial states: x_0 [B, I] times a zero [I, H] matrix keeps the rank static for the rules.
  const I = [xShape?.dims?.[2], fg.shapes.get(W)?.dims?.[2]].find((d) => typeof d === 'number' && d >= 0);
  if (typeof I !== 'number') fail(`the input size (axis 2 of ${X} and of ${W}) is not static`);
  const zerosBH = () => b.op('MatMul', [b.squeeze(b.slice(X, 0, 1, 0), 0), b.zeros([I as number, H], double)]);

  const ys: string[] = [];
  const hs: string[] = [];
  const cs: string[] = [];
  dirs.forEach((dname, d) => {
    const Wd = b.dir(W, d); // [G H, I]
    const Rd = b.dir(R, d); // [G H, H]
    const WdT = b.op('Transpose', [Wd], { perm: [1, 0] });
    const RdT = b.op('Transpose', [Rd], { perm: [1, 0] });
    // Input projections of every step at once: [T, B, G H] (+ Wb, and Rb where it is not gated by r).
    let xw = b.op('MatMul', [X, WdT]);
    let rb: string | null = null;
    if (B) {
      const Bd = b.dir(B, d); // [2 G H]
      const wb = b.slice(Bd, 0, nGates * H, 0);
      rb = b.slice(Bd, nGates * H, 2 * nGates * H, 0);
      xw = b.op('Add', [xw, wb]);
    }
    const gate = (t: string, k: number) => b.slice(t, k * H, (k + 1) * H, 1); // [B, G H] -> [B, H]
    let h = initH ? b.dir(initH, d) : zerosBH();
    let c = kind === 'LSTM' ? (initC ? b.dir(initC, d) : zerosBH()) : '';
    const peep = P ? b.dir(P, d) : null; // [3 H]: i, o, f
    const peepK = (k: number) => b.slice(peep!, k * H, (k + 1) * H, 0);
    const [f, gAct, hAct] = acts[d];
    const order = Array.from({ length: steps }, (_, t) => (dname === 'reverse' ? steps - 1 - t : t));
    const yd: string[] = new Array<string>(steps);
    for (const t of order) {
      const xt = b.squeeze(b.slice(xw, t, t + 1, 0), 0); // [B, G H]
      if (kind === 'RNN') {
        let pre = b.op('Add', [xt, b.op('MatMul', [h, RdT])]);
        if (rb) pre = b.op('Add', [pre, rb]);
        h = act(f, pre);
      } else if (kind === 'LSTM') {
        let hr = b.op('MatMul', [h, RdT]);
        if (rb) hr = b.op('Add', [hr, rb]);
        const pre = b.op('Add', [xt, hr]); // gates i, o, f, c
        const withPeep = (k: number, pk: number, cc: string) => (peep ? b.op('Add', [gate(pre, k), b.op('Mul', [peepK(pk), cc])]) : gate(pre, k));
        const it = act(f, withPeep(0, 0, c));
        const ft = act(f, withPeep(2, 2, c));
        const ct = act(gAct, gate(pre, 3));
        c = b.op('Add', [b.op('Mul', [ft, c]), b.op('Mul', [it, ct])]);
        const ot = act(f, withPeep(1, 1, c));
        h = b.op('Mul', [ot, act(hAct, c)]);
      } else {
        // GRU gates z, r, h
        const rT = b.slice(RdT, 0, 2 * H, 1); // [H, 2H] for z, r
        const rhT = b.slice(RdT, 2 * H, 3 * H, 1); // [H, H]
        let hzr = b.op('MatMul', [h, rT]);
        if (rb) hzr = b.op('Add', [hzr, b.slice(rb, 0, 2 * H, 0)]);
        const rbh = rb ? b.slice(rb, 2 * H, 3 * H, 0) : null;
        const z = act(f, b.op('Add', [gate(xt, 0), gate(hzr, 0)]));
        const r = act(f, b.op('Add', [gate(xt, 1), gate(hzr, 1)]));
        let cand: string;
        if (linearBeforeReset) {
          let hh = b.op('MatMul', [h, rhT]);
          if (rbh) hh = b.op('Add', [hh, rbh]);
          cand = b.op('Add', [gate(xt, 2), b.op('Mul', [r, hh])]);
        } else {
          let hh = b.op('MatMul', [b.op('Mul', [r, h]), rhT]);
          if (rbh) hh = b.op('Add', [hh, rbh]);
          cand = b.op('Add', [gate(xt, 2), hh]);
        }
        const ht = act(gAct, cand);
        // H = (1 - z) h~ + z H_prev = h~ + z (H_prev - h~)
        h = b.op('Add', [ht, b.op('Mul', [z, b.op('Sub', [h, ht])])]);
      }
      yd[t] = h;
    }
    ys.push(b.op('Concat', yd.map((y) => b.unsqueeze(y, 0)), { axis: 0 })); // [T, B, H]
    hs.push(h);
    if (kind === 'LSTM') cs.push(c);
  });

  const outName = (i: number) => (i < n.output.length && n.output[i] !== '' ? n.output[i] : undefined);
  // Y [T, D, B, H]; Y_h, Y_c [D, B, H].
  const stack = (parts: string[], axis: number, output?: string) =>
    b.op('Concat', parts.map((p) => b.unsqueeze(p, axis)), { axis }, output);
  const y = outName(0);
  if (y) stack(ys, 1, y);
  if (outName(1)) stack(hs, 0, outName(1));
  if (kind === 'LSTM' && outName(2)) stack(cs, 0, outName(2));
  if (n.output.length > (kind === 'LSTM' ? 3 : 2)) throw new ModelError(`${n.opType} node "${n.name}" has more outputs than the op defines`);
  const elem = double ? DataType.DOUBLE : DataType.FLOAT;
  const xb = xShape?.dims?.[1];
  const batch = typeof xb === 'number' || (typeof xb === 'string' && xb.startsWith('sym:')) ? xb : `sym:${n.name}_batch`;
  const declared: ValueInfoProto[] = [];
  const declare = (name: string | undefined, dims: (number | string)[]) => {
    if (name) declared.push(valueInfo(name, elem, dimsToValueInfoDims(dims)));
  };
  declare(outName(0), [steps, dirs.length, batch, H]);
  declare(outName(1), [dirs.length, batch, H]);
  if (kind === 'LSTM') declare(outName(2), [dirs.length, batch, H]);
  return declared;
}

/** The initializer a recurrent weight input comes from: PyTorch exports W as Concat/Unsqueeze of Slices of the
 *  layer's weight_ih (gates reordered), so the error names the parameter a user knows rather than that chain. */
function weightParameter(fg: ForwardGraph, w: string | undefined): string {
  const seen = new Set<string>();
  const queue = w ? [w] : [];
  while (queue.length > 0) {
    const t = queue.shift()!;
    const init = fg.initializers.get(t);
    if (init && isFloatType(init.dataType)) return t;
    if (seen.has(t)) continue;
    seen.add(t);
    for (const i of fg.producer.get(t)?.input ?? []) if (i) queue.push(i);
  }
  return w ?? '?';
}
