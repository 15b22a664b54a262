import { score } from '../src/api/score.js';
import { readNpzScratch } from './npz.js';
const F = '/work/shared/fixtures/';
const data = readNpzScratch(F + 'cnn_lr0.3.npz');
for (const runtime of ['onnxruntime-node', 'onnxruntime-web']) {
const r = await score(F + 'cnn_lr0.3.onnx', data, { estimator: 'exact', core: 'native', runtime: runtime as any });
console.log(runtime, r.sane, r.lambdaMax, r.hvpSeconds, (r as any).timing);
}
