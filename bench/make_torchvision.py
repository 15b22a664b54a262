#!/usr/bin/env python3
"""Makes the large exports the README's ResNet-18 benchmark (and its relatives) runs on, so that anyone can rebuild
them instead of downloading them: a torchvision classifier with random weights, drawn as bench/torch_slq.py draws it
(torch.manual_seed(0), num_classes=10, 8 images of 3x32x32, labels from torch.randint), exported the way the README's
"Exporting from PyTorch" says, and its samples as NAME.npz (x, y). With --lambda-max, also PyTorch's own λ_max in
float64 (exact double-backward HVPs, scipy's eigsh), the reference the benchmark's λ_max is compared against.

    /usr/bin/python3 bench/make_torchvision.py resnet18 OUTDIR [--lambda-max]

Needs python3-torch, python3-torchvision, python3-onnx and, for --lambda-max, python3-scipy (Debian). ResNet-18's
export is 45 MB (not committed); its λ_max takes about 15 minutes on 2 cores.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_slq import float64_hvp, model_and_data  # noqa: E402  (one recipe for the model, its data and its HVP)


def lambda_max(m, x, y):
    from scipy.sparse.linalg import LinearOperator, eigsh
    hvp, n = float64_hvp(m, x, y)
    op = LinearOperator((n, n), matvec=hvp, dtype=np.float64)
    return float(eigsh(op, k=1, which='LA', tol=1e-10, return_eigenvectors=False)[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('model', help='a torchvision.models constructor: resnet18, resnet101, squeezenet1_1, ...')
    ap.add_argument('outdir')
    ap.add_argument('--lambda-max', action='store_true', help="also PyTorch's float64 λ_max (slow)")
    a = ap.parse_args()
    torch.set_num_threads(2)
    os.makedirs(a.outdir, exist_ok=True)
    m, x, y = model_and_data(a.model, None)
    onnx_path = os.path.join(a.outdir, a.model + '.onnx')
    torch.onnx.export(m, x, onnx_path, input_names=['x'], output_names=['out'], opset_version=17,
                      dynamic_axes={'x': {0: 'batch'}, 'out': {0: 'batch'}},
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    np.savez(os.path.join(a.outdir, a.model + '.npz'), x=x.numpy(), y=y.numpy())
    with torch.no_grad():
        loss = float(torch.nn.functional.cross_entropy(m.double()(x.double()), y))
    info = {'model': a.model, 'P': sum(p.numel() for p in m.parameters()), 'loss': loss}
    if a.lambda_max:
        t0 = time.time()
        info['lambda_max'] = lambda_max(m, x, y)
        info['lambda_max_seconds'] = round(time.time() - t0, 1)
    with open(os.path.join(a.outdir, a.model + '.json'), 'w') as f:
        json.dump(info, f, indent=1)
    print(json.dumps(info))


if __name__ == '__main__':
    main()
