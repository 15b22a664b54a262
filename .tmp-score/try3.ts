import { score } from '../src/api/score.js';
import { readNpzScratch } from './npz.js';
import { readFileSync } from 'node:fs';
const F = '/work/shared/fixtures/';
for (const name of ['mlp_tanh_lr0.5','reg_softplus_lr0.1']) {
const ref = JSON.parse(readFileSync(F + name + '.json', 'utf8'));
const data = readNpzScratch(F + name + '.npz');
for (const fdStep of [undefined, 2e-3, 1e-3, 3e-4, 1e-4, 3e-5]) {
const r = await score(F + name + '.onnx', data, { loss: ref.loss === 'mse' ? 'mse' : 'cross-entropy', estimator: 'lanczos', core: 'native', fdStep });
console.log(name, fdStep, 'lmax err', ((r.lambdaMax - ref.lambda_max)/ref.lambda_max).toExponential(2), 'top err/lmax', r.topEigenvalues.map((v, i) => ((v - ref.metrics.top5_abs[i]) / ref.lambda_max).toExponential(2)).join(' '));
}
}
