// The trainable parameters (SANE.md): floating-point initializers on which the loss depends through differentiable
// inputs only, so BatchNormalization running statistics and anything used only as a shape, axes, index or other
// non-differentiable input are left out; narrowed by a name pattern; in the model's initializer order.
import { SaneError, opt } from '../errors.js';
import { ModelError, NoParametersError } from './errors.js';
import type { ForwardGraph } from './graph.js';
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

/** `reach`: tensors the loss depends on through differentiable edges (builder.lossReach). */
export function selectParams(fg: ForwardGraph, reach: Set<string>, pattern?: string | RegExp): ParamInfo[] {
  const re = compilePattern(pattern);
  const trainable = fg.model.graph.initializer.filter((t) => isFloatType(t.dataType) && reach.has(t.name ?? ''));
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

/** The flat vector of the parameters' values in the model. */
export function initialTheta(fg: ForwardGraph, params: ParamInfo[]): Float32Array {
  const total = params.reduce((a, p) => a + p.size, 0);
  const theta = new Float32Array(total);
  for (const p of params) theta.set(tensorToFloat64(fg.initializers.get(p.name)!), p.offset);
  return theta;
}
