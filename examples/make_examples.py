#!/usr/bin/env python3
"""Generates the bundled examples: a small tanh/ReLU MLP classifier trained on synthetic 2-D spirals with full-batch
gradient descent at two learning rates, exported to ONNX, plus the data as .npz and PyTorch's exact Hessian metrics
as .json (float64 autograd), so that `sane score` / `sane compare` have something to run on and to check against.

Deterministic (fixed seeds, CPU, full batch). Needs Debian's python3-torch, python3-onnx and numpy:
    apt-get install -y python3-torch python3-onnx
    /usr/bin/python3 examples/make_examples.py
Outputs (all small): examples/spirals.npz, examples/spirals_lr{0.05,0.5}.onnx and .json.
The project's tests never run this script; they read the committed outputs.
"""
import json
import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
N_PER_CLASS = 64
CLASSES = 3
STEPS = 600
LEARNING_RATES = [0.05, 0.5]


def spirals(seed: int = 0):
    rng = np.random.RandomState(seed)
    xs, ys = [], []
    for c in range(CLASSES):
        t = np.linspace(0.15, 1.0, N_PER_CLASS)
        angle = 2.0 * np.pi * c / CLASSES + 3.0 * t + rng.normal(0.0, 0.15, N_PER_CLASS)
        xs.append(np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1))
        ys.append(np.full(N_PER_CLASS, c))
    x = np.concatenate(xs).astype(np.float32)
    y = np.concatenate(ys).astype(np.int64)
    order = rng.permutation(len(y))
    return x[order], y[order]


def make_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, CLASSES))


def train(model: nn.Module, x: torch.Tensor, y: torch.Tensor, lr: float) -> float:
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return float(loss_fn(model(x), y))


def exact_hessian_spectrum(model: nn.Module, x: torch.Tensor, y: torch.Tensor):
    """Eigenvalues (ascending) of the exact Hessian of the mean cross-entropy, in float64."""
    m64 = make_model().double()
    m64.load_state_dict({k: v.double() for k, v in model.state_dict().items()})
    names = [n for n, _ in m64.named_parameters()]
    shapes = [p.shape for _, p in m64.named_parameters()]
    flat = torch.cat([p.detach().reshape(-1) for p in m64.parameters()])

    def loss_of(theta):
        params, offset = {}, 0
        for n, s in zip(names, shapes):
            k = int(np.prod(s))
            params[n] = theta[offset:offset + k].reshape(s)
            offset += k
        out = torch.func.functional_call(m64, params, (x.double(),)) if hasattr(torch, 'func') else \
            torch.nn.utils.stateless.functional_call(m64, params, (x.double(),))
        return nn.functional.cross_entropy(out, y)

    h = torch.autograd.functional.hessian(loss_of, flat)
    h = 0.5 * (h + h.T)
    return np.linalg.eigvalsh(h.numpy()), names, float(loss_of(flat))


def metrics(eig: np.ndarray, c: float = 0.5, z: float = 1.0):
    a = np.abs(eig)
    lam = a.max()
    return {
        'sane_c0.5': float(np.sum(a / (a + c * lam))),
        'neff_z1': float(np.sum(a / (a + z))),
        'top5_abs': [float(v) for v in eig[np.argsort(-a)][:5]],
    }


def main():
    x_np, y_np = spirals()
    np.savez(os.path.join(HERE, 'spirals.npz'), x=x_np, y=y_np)
    x, y = torch.from_numpy(x_np), torch.from_numpy(y_np)
    for lr in LEARNING_RATES:
        model = make_model()
        final = train(model, x, y, lr)
        model.eval()
        name = f'spirals_lr{lr}'
        torch.onnx.export(
            model, x[:1], os.path.join(HERE, f'{name}.onnx'), input_names=['x'], output_names=['out'],
            dynamic_axes={'x': {0: 'batch'}, 'out': {0: 'batch'}}, opset_version=17,
        )
        eig, names, loss64 = exact_hessian_spectrum(model, x, y)
        record = {
            'case': name, 'loss': 'cross-entropy', 'learning_rate': lr, 'train_steps': STEPS,
            'final_train_loss_float32': final, 'loss_at_params_float64': loss64,
            'num_params': int(eig.size), 'param_names': names, 'num_samples': int(y_np.size),
            'lambda_max': float(eig[-1]), 'lambda_min': float(eig[0]), 'trace': float(eig.sum()),
            'metrics': metrics(eig), 'eigenvalues_ascending': [float(v) for v in eig],
        }
        with open(os.path.join(HERE, f'{name}.json'), 'w') as f:
            json.dump(record, f, indent=1)
        print(f"{name}: loss {final:.4f}, P {eig.size}, lambda_max {eig[-1]:.4g}, SANE {record['metrics']['sane_c0.5']:.4g}")


if __name__ == '__main__':
    main()
