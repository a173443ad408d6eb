"""Generates sa_*.npy for SelfAttentionTest (run: /usr/bin/python3 make_self_attention_fixture.py).

A self-attention layer written from its description (not fastai's code): for x [B, C, H, W] and
N = H*W, q = Wq x, k = Wk x (C/8 channels each), v = Wv x (C channels), 1x1 convs without bias;
beta = softmax(q^T k, dim=1) of shape [B, N, N]; out = gamma * (v @ beta) + x. The fixture holds
x, the weights, a nonzero gamma, the output, and the gradients of sum(out * w).
"""
import numpy as np
import torch

torch.manual_seed(0)
B, C, H, W = 2, 16, 3, 5
x = torch.randn(B, C, H, W, requires_grad=True)
wq = (torch.randn(C // 8, C, 1, 1) * 0.4).requires_grad_()
wk = (torch.randn(C // 8, C, 1, 1) * 0.4).requires_grad_()
wv = (torch.randn(C, C, 1, 1) * 0.3).requires_grad_()
gamma = torch.tensor([0.7], requires_grad=True)
w = torch.randn(B, C, H, W)

n = H * W
q = torch.nn.functional.conv2d(x, wq).reshape(B, C // 8, n)
k = torch.nn.functional.conv2d(x, wk).reshape(B, C // 8, n)
v = torch.nn.functional.conv2d(x, wv).reshape(B, C, n)
beta = torch.softmax(torch.bmm(q.transpose(1, 2), k), dim=1)
out = (gamma * torch.bmm(v, beta) + x.reshape(B, C, n)).reshape(B, C, H, W)
(out * w).sum().backward()

for name, t in [("x", x), ("wq", wq), ("wk", wk), ("wv", wv), ("gamma", gamma), ("w", w), ("out", out)]:
    np.save(f"sa_{name}.npy", t.detach().numpy())
for name, t in [("x", x), ("wq", wq), ("wk", wk), ("wv", wv), ("gamma", gamma)]:
    np.save(f"sa_grad_{name}.npy", t.grad.numpy())
