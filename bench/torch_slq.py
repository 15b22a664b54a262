#!/usr/bin/env python3
"""Reference for the SLQ sums: stochastic Lanczos quadrature on PyTorch's exact Hessian-vector products (double
backward, float64), with full reorthogonalisation in NumPy and Rademacher probes, no deflation. Writes each probe's
tridiagonal matrix (alpha, beta) to OUT.json after every probe, so a long run can be read while it goes on; evaluate
the rules with the package's own functions (src/estimators/probe-quadrature.ts, as README "The SLQ sums and the
probes' step cap" did) or any other quadrature.

    /usr/bin/python3 bench/torch_slq.py MODEL PROBES STEPS OUT.json
      MODEL: mlp784 (weights read from ../shared/bench/mlp784.onnx, data from its .npz), or a torchvision constructor
             (squeezenet1_1, resnet18, ...) rebuilt as its ONNX export was: torch.manual_seed(0), num_classes=10,
             8 images of 3x32x32 from torch.randn, labels from torch.randint; pass --npz FILE to check the data.
Needs python3-torch, python3-torchvision, python3-onnx (Debian). Costs STEPS exact HVPs per probe (squeezenet1_1:
about 1.7 s each on 2 cores) and STEPS rows of P doubles.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def model_and_data(name, npz):
    if name == 'mlp784':
        import onnx
        from onnx import numpy_helper
        bench = os.path.join(HERE, '..', '..', 'shared', 'bench')
        m = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10))
        inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(os.path.join(bench, 'mlp784.onnx')).graph.initializer}
        with torch.no_grad():
            for pname, p in m.named_parameters():
                p.copy_(torch.from_numpy(inits[pname].copy()))
        d = np.load(os.path.join(bench, 'mlp784.npz'))
        return m, torch.from_numpy(d['x']), torch.from_numpy(d['y']).long()
    import torchvision
    torch.manual_seed(0)
    m = getattr(torchvision.models, name)(num_classes=10).eval()
    x = torch.randn(8, 3, 32, 32)
    y = torch.randint(0, 10, (8,))
    if npz:
        d = np.load(npz)
        if not np.array_equal(d['x'], x.numpy()):
            sys.exit(f'{npz} does not hold the data this recipe draws')
    return m, x, y


def float64_hvp(m, x, y):
    """The exact Hessian-vector product of the mean cross-entropy in float64 (double backward) as a function of a
    NumPy vector of all parameters in m.parameters() order, and P. Turns m to float64 in eval mode."""
    m = m.double().eval()
    xd = x.double()
    ps = list(m.parameters())
    n = sum(p.numel() for p in ps)

    def hvp(v):
        vs, o = [], 0
        for p in ps:
            vs.append(torch.from_numpy(np.ascontiguousarray(v[o:o + p.numel()], dtype=np.float64)).view_as(p))
            o += p.numel()
        loss = torch.nn.functional.cross_entropy(m(xd), y)
        g = torch.autograd.grad(loss, ps, create_graph=True)
        return torch.cat([h.reshape(-1) for h in torch.autograd.grad(g, ps, vs)]).numpy()

    return hvp, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('model')
    ap.add_argument('probes', type=int)
    ap.add_argument('steps', type=int)
    ap.add_argument('out')
    ap.add_argument('--npz')
    ap.add_argument('--seed', type=int, default=12345)
    a = ap.parse_args()
    torch.set_num_threads(2)
    m, x, y = model_and_data(a.model, a.npz)
    hvp, n = float64_hvp(m, x, y)
    rng = np.random.default_rng(a.seed)
    runs, t0 = [], time.time()
    for probe in range(a.probes):
        z = rng.choice([-1.0, 1.0], size=n)
        q = np.zeros((a.steps + 1, n))
        q[0] = z / np.sqrt(n)
        alpha, beta = [], []
        for j in range(a.steps):
            w = hvp(q[j])
            alpha.append(float(q[j] @ w))
            for _ in range(2):  # full reorthogonalisation, twice (Kahan: twice is enough)
                w -= q[:j + 1].T @ (q[:j + 1] @ w)
            b = float(np.linalg.norm(w))
            beta.append(b)
            q[j + 1] = w / b
        runs.append({'zz': float(n), 'alpha': alpha, 'beta': beta})
        print(f'probe {probe}: {time.time() - t0:.0f} s', file=sys.stderr, flush=True)
        with open(a.out, 'w') as f:
            json.dump({'model': a.model, 'n': n, 'runs': runs}, f)


if __name__ == '__main__':
    main()
