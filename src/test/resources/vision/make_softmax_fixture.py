"""Generates softmax_*.npy for SegmentationPredsTest (run: /usr/bin/python3 make_softmax_fixture.py).

Softmax over the class axis (dim 1) of segmentation-shaped logits [B, C, H, W], and the gradient of
sum(softmax(x, 1) * w) with respect to x.
"""
import numpy as np
import torch

torch.manual_seed(0)
x = (torch.randn(2, 5, 3, 4) * 3).requires_grad_()
w = torch.randn(2, 5, 3, 4)
y = torch.softmax(x, dim=1)
(y * w).sum().backward()
np.save("softmax_x.npy", x.detach().numpy())
np.save("softmax_w.npy", w.numpy())
np.save("softmax_out.npy", y.detach().numpy())
np.save("softmax_grad.npy", x.grad.numpy())
