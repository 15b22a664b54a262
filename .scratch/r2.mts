import { score } from '/work/main/src/api/index.js';
import { readFileSync } from 'node:fs';
const name='mlp_tanh_lr0.5';
const ref = JSON.parse(readFileSync(`/work/shared/fixtures/${name}.json`, 'utf8'));
for (const core of ['native','wasm'] as const)
for (const fdStep of [undefined, 0.05, 0.1, 0.2]) {
  const r = await score(`/work/shared/fixtures/${name}.onnx`, `/work/shared/fixtures/${name}.npz`, { estimator: 'exact', fdScheme: 'richardson', fdStep, core });
  console.log(core, fdStep, Math.abs(r.lambdaMax / ref.lambda_max - 1).toExponential(2), JSON.stringify(r.fdError), r.options.fdScheme);
}
const r = await score(`/work/shared/fixtures/${name}.onnx`, `/work/shared/fixtures/${name}.npz`, {});
console.log('default', r.estimator, r.options.fdScheme, r.fdError, r.hvpCount, r.timing);
