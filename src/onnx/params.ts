// The trainable parameters (SANE.md): floating-point initializers on which the loss depends through differentiable
// inputs only, so BatchNormalization running statistics and anything used only as a shape, axes, index or other
// non-differentiable input are left out; narrowed by a name pattern; in the model's initializer order. PyTorch
// buffers on differentiable paths (spectral normalisation's vectors, attention masks, sinusoidal position tables) are
// recognised in buffers.ts and left out, as PyTorch never differentiates them. A float initializer read inside a Loop,
// If or Scan on the path to the loss is refused: control flow has no gradient here, and leaving it out would score
// another model.
import { SaneError, opt } from '../errors.js';
import { ModelError, NoParametersError, UnsupportedOpError } from './errors.js';
import { hasSubgraph, nodeReads, type ForwardGraph } from './graph.js';
import { isDifferentiableSlot } from './differentiable.js';
import { findBuffers } from './buffers.js';
import { DataType, isFloatType, tensorSize, tensorToFloat64 } from './load.js';

export interface ParamInfo {
  name: string;
  dims: number[];
  size: number;
  /** Offset into the flat parameter vector. */
  offset: number;
  /** Element type of the parameter input (float32 for every PyTorch float model). */
  type: 'float32' | 'float64';
}

export function compilePattern(pattern: string | RegExp | undefined): RegExp | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  if (pattern instanceof RegExp) return pattern;
  try {
    return new RegExp(pattern);
  } catch (e) {
    throw new SaneError('BAD_OPTION', `${opt('params')} "${pattern}" is not a valid regular expression: ${(e as Error).message}`);
  }
}

/** `reach`: tensors the loss depends on through differentiable edges (builder.lossReach). Buffers found by their
 *  names or values (buffers.ts) are left out; what the user should know of that goes to `warnings`. */
export function selectParams(fg: ForwardGraph, reach: Set<string>, pattern?: string | RegExp, warnings: string[] = []): ParamInfo[] {
  const re = compilePattern(pattern);
  refuseParamsInControlFlow(fg, reach, re);
  const reached = fg.model.graph.initializer.filter((t) => isFloatType(t.dataType) && reach.has(t.name ?? ''));
  const buffers = findBuffers(fg, reached.map((t) => t.name ?? ''));
  for (const b of buffers) if (b.warning) warnings.push(b.warning);
  const left = new Set(buffers.map((b) => b.name));
  const trainable = reached.filter((t) => !left.has(t.name ?? ''));
  if (trainable.length === 0) {
    const floats = fg.model.graph.initializer.filter((t) => isFloatType(t.dataType)).length;
    throw new NoParametersError(
      floats === 0
        ? 'the model has no trainable parameters: no floating-point initializers (was it exported with export_params=False, or are the weights graph inputs?)'
        : `the model has no trainable parameters: none of its ${floats} floating-point initializers reaches the loss through a differentiable input`,
    );
  }
  const chosen = re ? trainable.filter((t) => re.test(t.name ?? '')) : trainable;
  if (chosen.length === 0) {
    const names = trainable.map((t) => t.name).slice(0, 20).join(', ');
    throw new NoParametersError(`${opt('params')} ${re} matches none of the ${trainable.length} trainable parameters (${names}${trainable.length > 20 ? ', ...' : ''})`);
  }
  let offset = 0;
  return chosen.map((t) => {
    if (t.dataType !== DataType.FLOAT && t.dataType !== DataType.DOUBLE) {
      throw new ModelError(`parameter ${t.name} has element type ${t.dataType === DataType.FLOAT16 ? 'float16' : t.dataType}; only float32 (and float64) parameters are supported (convert the model with model.float() before export)`);
    }
    const dims = t.dims.map(Number);
    const size = tensorSize(t);
    const p: ParamInfo = { name: t.name ?? '', dims, size, offset, type: t.dataType === DataType.DOUBLE ? 'float64' : 'float32' };
    offset += size;
    return p;
  });
}

/** A float initializer the pattern admits, read inside the body of a Loop, If or Scan whose outputs the loss depends
 *  on: its gradient would need the control flow's, which the builder has no rule for. */
function refuseParamsInControlFlow(fg: ForwardGraph, reach: Set<string>, re: RegExp | undefined): void {
  for (const n of fg.nodes) {
    if (!hasSubgraph(n) || !n.output.some((o) => feedsLoss(fg, reach, o))) continue;
    const explicit = new Set(n.input);
    for (const t of nodeReads(n)) {
      const init = explicit.has(t) ? undefined : fg.initializers.get(t);
      if (!init || !isFloatType(init.dataType) || (re && !re.test(t))) continue;
      throw new UnsupportedOpError(
        n.opType, n.name, t,
        `the parameter is read inside the ${n.opType}'s body, and control flow (Loop, If, Scan) cannot be differentiated. ` +
          `nn.EmbeddingBag exports this way (nn.Embedding followed by a mean or sum over the bag does not); ` +
          `${opt('params')} can leave the parameter out to score the others`,
      );
    }
  }
}

/** Whether the loss depends on `t`: in reach, or (a control-flow output, whose type inference does not know it is
 *  float) read in a differentiable slot of a node whose output is. */
function feedsLoss(fg: ForwardGraph, reach: Set<string>, t: string): boolean {
  if (reach.has(t)) return true;
  return (fg.consumers.get(t) ?? []).some(({ node, slot }) => isDifferentiableSlot(node.opType, slot) && node.output.some((o) => reach.has(o)));
}

/** The flat vector of the parameters' values in the model. */
export function initialTheta(fg: ForwardGraph, params: ParamInfo[]): Float32Array {
  const total = params.reduce((a, p) => a + p.size, 0);
  const theta = new Float32Array(total);
  for (const p of params) theta.set(tensorToFloat64(fg.initializers.get(p.name)!), p.offset);
  return theta;
}
