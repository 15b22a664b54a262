#!/usr/bin/env python3
"""Generates the checkpoint sweep of `npm run bench:batch` (bench/batch.ts): two small MLP architectures trained on
the bundled spirals data (examples/spirals.npz) with full-batch gradient descent at 8 learning rates each, exported
to ONNX (opset 17, dynamic batch). 16 files of about 2-4 KB in bench/sweep/. Deterministic (fixed seeds, CPU).
    /usr/bin/python3 bench/make_sweep.py
"""
import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'sweep')
LEARNING_RATES = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0]
STEPS = 300


def arch_a() -> nn.Module:  # the examples' architecture: tanh then ReLU
    return nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))


def arch_b() -> nn.Module:  # wider, one hidden layer, tanh
    return nn.Sequential(nn.Linear(2, 24), nn.Tanh(), nn.Linear(24, 3))


def main():
    os.makedirs(OUT, exist_ok=True)
    d = np.load(os.path.join(HERE, '..', 'examples', 'spirals.npz'))
    x, y = torch.from_numpy(d['x']), torch.from_numpy(d['y'])
    for arch_name, make in (('a', arch_a), ('b', arch_b)):
        for lr in LEARNING_RATES:
            torch.manual_seed(0)
            model = make()
            opt = torch.optim.SGD(model.parameters(), lr=lr)
            for _ in range(STEPS):
                opt.zero_grad()
                nn.functional.cross_entropy(model(x), y).backward()
                opt.step()
            model.eval()
            path = os.path.join(OUT, f'{arch_name}_lr{lr}.onnx')
            torch.onnx.export(model, x[:1], path, input_names=['x'], output_names=['out'],
                              dynamic_axes={'x': {0: 'batch'}, 'out': {0: 'batch'}}, opset_version=17)
            print(path)


if __name__ == '__main__':
    main()
