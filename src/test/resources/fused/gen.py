#!/usr/bin/python3
"""Writes bnact.txt: PyTorch 1.13 float32 values and gradients of relu(batch_norm(x) + res) for BatchNormActTest.

Each case: a line `case name training N C H W`, then lines `key v1 v2 ...` (row-major) for x, w, b, res,
rm, rv (running stats before), up (upstream gradient), y, rm1, rv1 (running stats after), dx, dw, db, dres.
Run: /usr/bin/python3 gen.py > bnact.txt
"""
import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(11)


def line(key, t):
    print(key, " ".join(f"{v:.9g}" for v in t.detach().reshape(-1).tolist()))


for name, training, shape in [("train", 1, (3, 4, 5, 3)), ("eval", 0, (2, 5, 3, 4)), ("tiny", 1, (4, 6, 1, 2))]:
    n, c, h, w = shape
    x = (torch.randn(shape, generator=g) * 1.5 + 0.3).requires_grad_()
    wt = (torch.rand(c, generator=g) + 0.5).requires_grad_()
    b = (torch.rand(c, generator=g) - 0.5).requires_grad_()
    res = torch.randn(shape, generator=g).requires_grad_()
    rm = torch.randn(c, generator=g) * 0.2
    rv = torch.rand(c, generator=g) + 0.5
    rm1, rv1 = rm.clone(), rv.clone()
    y = F.relu(F.batch_norm(x, rm1, rv1, wt, b, bool(training), 0.1, 1e-5) + res)
    up = torch.randn(y.shape, generator=g)
    (y * up).sum().backward()
    print("case", name, training, n, c, h, w)
    for k, t in [("x", x), ("w", wt), ("b", b), ("res", res), ("rm", rm), ("rv", rv), ("up", up), ("y", y),
                 ("rm1", rm1), ("rv1", rv1), ("dx", x.grad), ("dw", wt.grad), ("db", b.grad), ("dres", res.grad)]:
        line(k, t)
