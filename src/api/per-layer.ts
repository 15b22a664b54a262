// SANE per parameter group (option perLayer): a group is the parameters sharing a module path, and its score is that of
// its own Hessian block H_gg, scaled by the block's own λ_max. From the exact matrix when the estimator built one,
// else from products restricted to the group.
import type { Core } from '../core/types.js';
import type { LayerScore } from './types.js';
import type { ParamInfo } from '../oracle/gates.js';
import type { LinearOperator } from '../estimators/linear-operator.js';
import { RestrictedOperator } from '../estimators/restricted-operator.js';
import { estimate, type EstimateOptions } from '../estimators/auto.js';
import { subBlock, denseEigenvalues, type DenseHessian } from '../estimators/exact.js';
import { metricsFromSpectrum } from '../estimators/metrics.js';

/** Per-layer groups up to this size are scored exactly (from the full matrix when there is one). */
const PER_LAYER_EXACT_LIMIT = 512;

/** Parameter groups: parameters sharing the name up to the last '.' (PyTorch's module path). */
export function groupParameters(params: ParamInfo[]): { name: string; params: ParamInfo[] }[] {
  const groups = new Map<string, ParamInfo[]>();
  for (const p of params) {
    const dot = p.name.lastIndexOf('.');
    const key = dot > 0 ? p.name.slice(0, dot) : p.name;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(p);
  }
  return [...groups.entries()].map(([name, ps]) => ({ name, params: ps }));
}

export async function scorePerLayer(
  core: Core,
  op: LinearOperator,
  params: ParamInfo[],
  hessian: DenseHessian | undefined,
  estOptions: EstimateOptions,
): Promise<LayerScore[]> {
  const out: LayerScore[] = [];
  // A layer's score has no density: do not compute one per layer.
  estOptions = { ...estOptions, density: false };
  for (const g of groupParameters(params)) {
    const coords: number[] = [];
    for (const p of g.params) for (let i = 0; i < p.size; i++) coords.push(p.offset + i);
    const names = g.params.map((p) => p.name);
    if (hessian) {
      const eig = await denseEigenvalues(core, subBlock(hessian, coords));
      const m = metricsFromSpectrum(core, eig, estOptions);
      out.push({ params: names, numParams: coords.length, sane: m.sane, saneStdErr: 0, lambdaMax: m.lambdaMax });
      continue;
    }
    const sub = new RestrictedOperator(op, g.params.map((p) => ({ offset: p.offset, size: p.size })));
    const r = await estimate(core, sub, {
      ...estOptions,
      estimator: coords.length <= Math.min(PER_LAYER_EXACT_LIMIT, estOptions.exactLimit ?? PER_LAYER_EXACT_LIMIT) ? 'exact' : 'slq',
      onPlan: (s, n) => estOptions.onPlan?.(`${s} (${g.name})`, n),
    });
    out.push({ params: names, numParams: coords.length, sane: r.metrics.sane, saneStdErr: r.metrics.saneStdErr, lambdaMax: r.metrics.lambdaMax });
  }
  return out;
}
