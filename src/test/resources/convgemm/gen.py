#!/usr/bin/python3
"""Writes cases.txt: PyTorch 1.13 float32 conv2d outputs and gradients for ConvGemmTest.

Each case: a header line `case name N C H W O kH kW sH sW pH pW dH dW bias`, then lines `key v1 v2 ...`
for x, w, b (if bias), up (upstream gradient), y, dx, dw, db (if bias), row-major.
Run: /usr/bin/python3 gen.py > cases.txt
"""
import torch
import torch.nn.functional as F

CASES = [
    # name, N, C, H, W, O, kH, kW, s, p, d, bias
    ("s2p1bias", 2, 16, 5, 6, 8, 3, 3, (2, 2), (1, 1), (1, 1), True),
    ("s1p1", 3, 12, 2, 2, 5, 3, 3, (1, 1), (1, 1), (1, 1), False),
    ("dilated", 2, 8, 6, 5, 4, 3, 3, (2, 1), (2, 1), (2, 2), True),
    ("k1s2", 2, 70, 4, 4, 6, 1, 1, (2, 2), (0, 0), (1, 1), False),
    ("stem7x7", 2, 3, 9, 8, 4, 7, 7, (2, 2), (3, 3), (1, 1), False),
]

g = torch.Generator().manual_seed(7)


def line(key, t):
    print(key, " ".join(f"{v:.9g}" for v in t.detach().reshape(-1).tolist()))


for name, n, c, h, w, o, kh, kw, s, p, d, bias in CASES:
    x = (torch.rand(n, c, h, w, generator=g) * 2 - 1).requires_grad_()
    wt = (torch.rand(o, c, kh, kw, generator=g) * 2 - 1).requires_grad_()
    b = (torch.rand(o, generator=g) * 2 - 1).requires_grad_() if bias else None
    y = F.conv2d(x, wt, b, s, p, d)
    up = torch.rand(y.shape, generator=g) * 2 - 1
    (y * up).sum().backward()
    print("case", name, n, c, h, w, o, kh, kw, *s, *p, *d, int(bias))
    line("x", x)
    line("w", wt)
    if bias:
        line("b", b)
    line("up", up)
    line("y", y)
    line("dx", x.grad)
    line("dw", wt.grad)
    if bias:
        line("db", b.grad)
