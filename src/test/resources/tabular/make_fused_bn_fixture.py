"""Generates fused_bn.json: BatchNorm1d (and ReLU -> BatchNorm1d) in PyTorch 1.13 on a [150, 7] batch
(more rows than the Java kernel's 64-row summation block, some exactly-zero inputs), train and eval
mode: outputs, updated running statistics and the gradients of sum(out * dy).
Run: /usr/bin/python3 make_fused_bn_fixture.py (writes next to this script)."""
import json, os
import torch
import torch.nn as nn

torch.manual_seed(1)
B, C = 150, 7
x0 = torch.randn(B, C) * 2 + 0.5
x0[::10, 2] = 0.0  # ReLU at exactly 0 passes no gradient
dy = torch.randn(B, C)
w0 = torch.rand(C) + 0.5
b0 = torch.randn(C) * 0.1
rm0 = torch.randn(C) * 0.1
rv0 = torch.rand(C) + 0.5
cases = {}
for relu in (True, False):
    for train in (True, False):
        bn = nn.BatchNorm1d(C)
        with torch.no_grad():
            bn.weight.copy_(w0); bn.bias.copy_(b0)
            bn.running_mean.copy_(rm0); bn.running_var.copy_(rv0)
        bn.train(train)
        x = x0.clone().requires_grad_(True)
        out = bn(torch.relu(x) if relu else x)
        (out * dy).sum().backward()
        cases[f"{'relu' if relu else 'plain'}_{'train' if train else 'eval'}"] = dict(
            out=out.detach().flatten().tolist(), dx=x.grad.flatten().tolist(),
            dw=bn.weight.grad.tolist(), db=bn.bias.grad.tolist(),
            running_mean=bn.running_mean.tolist(), running_var=bn.running_var.tolist(),
            num_batches_tracked=int(bn.num_batches_tracked))
fx = dict(B=B, C=C, x=x0.flatten().tolist(), dy=dy.flatten().tolist(), weight=w0.tolist(), bias=b0.tolist(),
          running_mean=rm0.tolist(), running_var=rv0.tolist(), cases=cases)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fused_bn.json"), "w") as f:
    json.dump(fx, f)
