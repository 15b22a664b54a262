"""A GPT-2-shaped causal language model from torch.nn only (seeded random weights, no downloads), exported by
torch.onnx.export with the model's own next-token cross-entropy as its output `loss` (scored with `--loss output:loss`).

Architecture (nanoGPT's GPT-2): token embedding + learned position embedding, n_layer pre-LayerNorm blocks of causal
multi-head self-attention (one fused qkv Linear, causal mask as a constant buffer, masked_fill + softmax) and a
4x GELU MLP, final LayerNorm, LM head tied to the token embedding, loss = F.cross_entropy over all N*T positions.
Inputs: `idx` [N, T] and `targets` [N, T] (int64, the next tokens), both with a dynamic batch axis.

Configs:
- gpt2: n_layer 12, n_head 12, d_model 768, vocab 50257, position table 1024 (GPT-2 small: 124,439,808 parameters;
  sequences of T = 64 tokens are fed, so rows 64..1023 of the position table get zero gradient, as in GPT-2 itself
  with short inputs).
- tiny: the same code with n_layer 2, n_head 4, d_model 32, vocab 64, position table 16 (P = 28,032): small enough for
  PyTorch's float64 Hessian. With --reference, writes PyTorch's float64 loss, gradient (in the ONNX initializers'
  layout) and the top of the Hessian spectrum (scipy eigsh over exact double-backward Hessian-vector products) for
  test/transformer.test.ts.

With --time-hvp (the bench): PyTorch's own float32 time of one gradient, one finite-difference Hessian-vector product
(two gradients, as onnx-sane does) and one exact product (double backward) on the same model and data.

usage: /usr/bin/python3 bench/make_transformer.py {gpt2|tiny} OUTDIR [--batch N] [--seq T] [--seed S] [--reference]
       [--time-hvp] [--threads K]
Writes OUTDIR/<config>.onnx, OUTDIR/<config>.npz (idx, targets) and, with --reference/--time-hvp, OUTDIR/<config>.json.
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

CONFIGS = {
    "gpt2": dict(n_layer=12, n_head=12, d_model=768, vocab=50257, n_pos=1024),
    "tiny": dict(n_layer=2, n_head=4, d_model=32, vocab=64, n_pos=16),
}


class Attention(nn.Module):
    def __init__(self, d, h, n_pos):
        super().__init__()
        self.h = h
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        # Causal mask as a buffer, not a parameter: the export stores it as a constant, so masked_fill becomes a Where
        # whose condition carries no gradient.
        self.register_buffer("causal", torch.tril(torch.ones(n_pos, n_pos, dtype=torch.bool)).view(1, 1, n_pos, n_pos))

    def forward(self, x):
        n, t, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=2)
        q = q.view(n, t, self.h, d // self.h).transpose(1, 2)
        k = k.view(n, t, self.h, d // self.h).transpose(1, 2)
        v = v.view(n, t, self.h, d // self.h).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(d // self.h))
        att = att.masked_fill(~self.causal[:, :, :t, :t], float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(n, t, d)
        return self.proj(y)


class Block(nn.Module):
    def __init__(self, d, h, n_pos):
        super().__init__()
        self.ln1 = nn.LayerNorm(d)
        self.attn = Attention(d, h, n_pos)
        self.ln2 = nn.LayerNorm(d)
        self.fc = nn.Linear(d, 4 * d)
        self.act = nn.GELU(approximate="tanh")  # GPT-2's gelu_new
        self.out = nn.Linear(4 * d, d)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.out(self.act(self.fc(self.ln2(x))))


class GPT(nn.Module):
    def __init__(self, n_layer, n_head, d_model, vocab, n_pos):
        super().__init__()
        self.wte = nn.Embedding(vocab, d_model)
        self.wpe = nn.Embedding(n_pos, d_model)
        self.blocks = nn.ModuleList([Block(d_model, n_head, n_pos) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(d_model)
        self.vocab = vocab

    def forward(self, idx, targets):
        t = idx.shape[1]
        pos = torch.arange(t, dtype=torch.long, device=idx.device)
        x = self.wte(idx) + self.wpe(pos)
        for b in self.blocks:
            x = b(x)
        logits = self.ln_f(x) @ self.wte.weight.t()  # tied LM head, as GPT-2
        return F.cross_entropy(logits.reshape(-1, self.vocab), targets.reshape(-1))


def build(cfg, seed):
    torch.manual_seed(seed)
    m = GPT(**cfg)
    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        # GPT-2's initialisation (normal 0.02, residual projections scaled by 1/sqrt(2 n_layer)), and LayerNorm gains
        # and biases perturbed away from 1 and 0 so that every parameter matters in the test.
        for name, p in m.named_parameters():
            if name.endswith("ln1.weight") or name.endswith("ln2.weight") or name == "ln_f.weight":
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
            else:
                std = 0.02 / math.sqrt(2 * cfg["n_layer"]) if name.endswith("proj.weight") or name.endswith("out.weight") else 0.02
                p.copy_(std * torch.randn(p.shape, generator=g))
    return m.eval()


def tokens(n, t, vocab, seed):
    """A seeded random walk over the vocabulary (so that the next token is partly predictable): idx and targets."""
    g = torch.Generator().manual_seed(seed)
    steps = torch.randint(-3, 4, (n, t + 1), generator=g)
    start = torch.randint(0, vocab, (n, 1), generator=g)
    seq = (start + torch.cumsum(steps, dim=1)) % vocab
    return seq[:, :-1].contiguous(), seq[:, 1:].contiguous()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("config", choices=sorted(CONFIGS))
    ap.add_argument("out")
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--seq", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reference", action="store_true")
    ap.add_argument("--time-hvp", action="store_true")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--skip-export", action="store_true", help="reuse OUTDIR's .onnx/.npz (timing only)")
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    cfg = CONFIGS[a.config]
    n = a.batch or (4 if a.config == "gpt2" else 3)
    t = a.seq or (64 if a.config == "gpt2" else 8)
    os.makedirs(a.out, exist_ok=True)
    m = build(cfg, a.seed)
    idx, targets = tokens(n, t, cfg["vocab"], a.seed + 2)
    P = sum(p.numel() for p in m.parameters())
    onnx_path = os.path.join(a.out, f"{a.config}.onnx")
    t0 = time.time()
    if not a.skip_export:
        # training=PRESERVE and no constant folding keep the ONNX initializers equal to PyTorch's parameters.
        torch.onnx.export(m, (idx, targets), onnx_path, input_names=["idx", "targets"], output_names=["loss"],
                          opset_version=17, dynamic_axes={"idx": {0: "batch"}, "targets": {0: "batch"}},
                          training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
        np.savez(os.path.join(a.out, f"{a.config}.npz"), idx=idx.numpy(), targets=targets.numpy())
    ref = dict(case=a.config, config=cfg, batch=n, seq=t, seed=a.seed, num_params=P, torch=torch.__version__,
               export_seconds=time.time() - t0)
    print(f"{a.config}: P = {P}, batch {n} x {t} tokens, exported in {ref['export_seconds']:.1f} s", flush=True)

    if a.time_hvp:
        params = list(m.parameters())
        with torch.no_grad():
            ts = time.time(); m(idx, targets); ref["torch_forward_seconds"] = time.time() - ts
        print(f"torch forward {ref['torch_forward_seconds']:.2f} s", file=sys.stderr, flush=True)

        def grad_at(shift=None):
            if shift is not None:
                with torch.no_grad():
                    for p, s in zip(params, shift): p.add_(s)
            L = m(idx, targets)
            gs = torch.autograd.grad(L, params)
            if shift is not None:
                with torch.no_grad():
                    for p, s in zip(params, shift): p.sub_(s)
            return gs

        ts = time.time(); grad_at(); ref["torch_gradient_seconds"] = time.time() - ts
        print(f"torch gradient {ref['torch_gradient_seconds']:.2f} s", file=sys.stderr, flush=True)
        v = [torch.randn_like(p) for p in params]
        norm = math.sqrt(sum(float((x * x).sum()) for x in v))
        eps = 1e-3  # a central difference g(θ+εv) - g(θ-εv) over 2ε, float32: two gradients, as onnx-sane's products
        ts = time.time()
        gp = grad_at([eps * x / norm for x in v]); gm = grad_at([-eps * x / norm for x in v])
        hv = [(p_ - m_) / (2 * eps) for p_, m_ in zip(gp, gm)]
        ref["torch_fd_hvp_seconds"] = time.time() - ts
        print(f"torch finite-difference HVP {ref['torch_fd_hvp_seconds']:.2f} s", file=sys.stderr, flush=True)
        del gp, gm, hv
        ts = time.time()
        L = m(idx, targets)
        gs = torch.autograd.grad(L, params, create_graph=True)
        torch.autograd.grad(gs, params, grad_outputs=[x / norm for x in v])
        ref["torch_exact_hvp_seconds"] = time.time() - ts
        ref["torch_threads"] = torch.get_num_threads()
        del gs, L
        print(json.dumps({k: v for k, v in ref.items() if k.startswith("torch_")}), flush=True)

    if a.reference:
        md = m.double()
        params = list(md.parameters())
        names = [nm for nm, _ in md.named_parameters()]
        sizes = [p.numel() for p in params]
        L = md(idx, targets)
        grads = torch.autograd.grad(L, params, create_graph=True)
        grad = torch.cat([g_.reshape(-1) for g_ in grads])

        def hvp(v):
            v = torch.as_tensor(v, dtype=torch.float64).reshape(-1)
            hs = torch.autograd.grad(grad, params, grad_outputs=v, retain_graph=True)
            return torch.cat([h.reshape(-1) for h in hs]).detach().numpy()

        import scipy.sparse.linalg as sla
        op = sla.LinearOperator((P, P), matvec=hvp, dtype=np.float64)
        vals = sla.eigsh(op, k=3, which="LM", tol=1e-10, return_eigenvectors=False)
        vals = vals[np.argsort(-np.abs(vals))]
        # Both ends too: onnx-sane's lambdaMax / lambdaMin are the algebraic extremes, λ_max of SANE is max |λ|.
        la = sla.eigsh(op, k=1, which="LA", tol=1e-10, return_eigenvectors=False)
        sa = sla.eigsh(op, k=1, which="SA", tol=1e-10, return_eigenvectors=False)
        ref.update(loss_float64=float(L), lambda_max=float(abs(vals[0])), top_abs=[float(x) for x in vals],
                   largest=float(la[0]), smallest=float(sa[0]))
        # The ONNX initializers keep PyTorch's names (no constant folding); the gradient in their layout.
        import onnx
        inits = {i.name for i in onnx.load(onnx_path).graph.initializer}
        g = grad.detach().numpy()
        off = dict(zip(names, np.cumsum([0] + sizes[:-1])))
        missing = [nm for nm in names if nm not in inits]
        assert not missing, f"PyTorch parameters without an ONNX initializer of the same name: {missing}"
        ref["gradient_by_onnx"] = {nm: g[off[nm]:off[nm] + sz].tolist() for nm, sz in zip(names, sizes)}
        print(f"loss {ref['loss_float64']:.6f}, lambda_max {ref['lambda_max']:.6g}, top {ref['top_abs']}", flush=True)

    if a.reference or a.time_hvp:
        with open(os.path.join(a.out, f"{a.config}.json"), "w") as fh:
            json.dump(ref, fh)


if __name__ == "__main__":
    sys.exit(main())
