import { score } from '../src/api/score.js';
import { readNpzScratch } from './npz.js';
import { readFileSync } from 'node:fs';
const F = '/work/shared/fixtures/';
for (const name of ['mlp_tanh_lr0.5','reg_softplus_lr0.1']) {
const ref = JSON.parse(readFileSync(F + name + '.json', 'utf8'));
const data = readNpzScratch(F + name + '.npz');
const zs: string[] = [];
for (let seed = 0; seed < 8; seed++) {
const r = await score(F + name + '.onnx', data, { loss: ref.loss === 'mse' ? 'mse' : 'cross-entropy', estimator: 'slq', core: 'native', seed, fdStep: process.env.FDS ? Number(process.env.FDS) : undefined });
zs.push(`${((r.sane - ref.metrics['sane_c0.5'])/ref.metrics['sane_c0.5']*100).toFixed(2)}%/z${((r.sane - ref.metrics['sane_c0.5'])/r.saneStdErr).toFixed(1)}/d${(r.options as any).deflated}/n${((r.neff - ref.metrics['neff_z1'])/r.neffStdErr).toFixed(1)}`);
}
console.log(name, zs.join(' '));
}
