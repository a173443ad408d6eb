#!/usr/bin/python3
"""PyTorch 1.13 cross-entropy of a [140, 480] float32 batch (above the one-pass size, so the native-softmax path).

Row 0's target logit lies 120 below the others, so its float32 softmax probability underflows to 0.
Writes logits.npy, target.npy (int64), grad_mean.npy (d mean-CE / d logits), grad_ls_sum.npy (label smoothing
0.2, sum reduction, upstream 0.5) and values.txt (mean loss, sum loss with ls 0.2, then the 140 per-row losses
with ls 0.1). Run: /usr/bin/python3 gen.py
"""
import numpy as np
import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(11)
n, c = 140, 480
x = torch.randn(n, c, generator=g) * 3
t = torch.randint(0, c, (n,), generator=g)
x[0, t[0]] = -120.0
np.save("logits.npy", x.numpy())
np.save("target.npy", t.numpy())
xl = x.clone().requires_grad_()
mean = F.cross_entropy(xl, t)
mean.backward()
np.save("grad_mean.npy", xl.grad.numpy())
xl.grad = None
ssum = F.cross_entropy(xl, t, reduction="sum", label_smoothing=0.2)
(ssum * 0.5).backward()
np.save("grad_ls_sum.npy", xl.grad.numpy())
none = F.cross_entropy(x, t, reduction="none", label_smoothing=0.1)
with open("values.txt", "w") as f:
    f.write(f"{mean.item():.9g} {ssum.item():.9g}\n")
    f.write(" ".join(f"{v:.9g}" for v in none.tolist()) + "\n")
