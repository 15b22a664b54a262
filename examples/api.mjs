// The README's API example: node examples/api.mjs (after npm ci, which builds dist/).
import { score, compare } from 'onnx-sane';

const r = await score('examples/spirals_lr0.5.onnx', 'examples/spirals.npz', { estimator: 'exact' });
console.log(r.sane, r.neff, r.lambdaMax, r.topEigenvalues, r.backend); // same object as `sane score --json`

const ranked = await compare(['examples/spirals_lr0.05.onnx', 'examples/spirals_lr0.5.onnx'], 'examples/spirals.npz');
console.log(ranked.map((m) => `${m.model}: ${m.sane.toFixed(3)}`));
