"""Generates blur_*.npy for BlurTest (run: /usr/bin/python3 make_blur_fixture.py).

PyTorch's nn.ReplicationPad2d((2, 1, 1, 3)) on x, and fastai's blur (ReplicationPad2d((1, 0, 1, 0))
then AvgPool2d(2, stride=1)) on the same x, with the gradients of sum(out * w) for a fixed w.
"""
import numpy as np
import torch

torch.manual_seed(3)
x = torch.randn(2, 3, 4, 5, dtype=torch.float64, requires_grad=True)
np.save("blur_x.npy", x.detach().numpy())
for name, layers in [
    ("pad", [torch.nn.ReplicationPad2d((2, 1, 1, 3))]),
    ("blur", [torch.nn.ReplicationPad2d((1, 0, 1, 0)), torch.nn.AvgPool2d(2, stride=1)]),
]:
    x.grad = None
    out = torch.nn.Sequential(*layers)(x)
    w = torch.randn(out.shape, dtype=torch.float64)
    (out * w).sum().backward()
    np.save(f"blur_{name}_w.npy", w.numpy())
    np.save(f"blur_{name}_out.npy", out.detach().numpy())
    np.save(f"blur_{name}_grad.npy", x.grad.numpy())
