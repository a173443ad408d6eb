"""W6 lstm-lm step split into parts, PyTorch side (same parts as LstmLmProfile.java).

/usr/bin/python3 examples/bench/lstm_lm_profile.py [reps]  -- per part: median and min wall ms, median process
CPU ms (all threads), 2 threads.
"""
import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(42)
reps = int(sys.argv[1]) if len(sys.argv) > 1 else 7
V, E, H, B, T = 10000, 128, 256, 32, 64
N = B * T
emb = torch.nn.Embedding(V, E)
l1 = torch.nn.LSTM(E, H, 1, batch_first=True)
l2 = torch.nn.LSTM(H, H, 1, batch_first=True)
lstm2 = torch.nn.LSTM(E, H, 2, batch_first=True)
dec = torch.nn.Linear(H, V)
params = list(emb.parameters()) + list(lstm2.parameters()) + list(dec.parameters())
opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.01)
seq = torch.randint(0, V, (B, T + 1))
x, y = seq[:, :-1], seq[:, 1:].reshape(-1)
with torch.no_grad():
    e0 = emb(x)
    h1 = l1(e0)[0]
    h2 = l2(h1)[0]
    logits = dec(h2.reshape(N, H))
gE = torch.randn(B, T, E)
gH = torch.randn(B, T, H)
gL = torch.randn(N, V) * 1e-4


def step():
    loss = F.cross_entropy(dec(lstm2(emb(x))[0].reshape(N, H)), y)
    loss.backward()
    opt.step()
    opt.zero_grad(set_to_none=False)


step()


def row(name, f):
    for _ in range(2):
        f()
    t, cpu = [], []
    for _ in range(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        f()
        t.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    t.sort()
    cpu.sort()
    print(f"{name:28s} wall {t[reps // 2]:7.1f} ms (min {t[0]:6.1f})  cpu {cpu[reps // 2]:7.1f} ms")


lg = logits.detach().requires_grad_()
hx = h2.reshape(N, H).detach().requires_grad_()
hc = h2.reshape(N, H).detach()
e0g = e0.detach().requires_grad_()
h1g = h1.detach().requires_grad_()
with torch.no_grad():
    row("embedding fwd", lambda: emb(x))
    row("lstm layer 1 fwd", lambda: l1(e0))
    row("lstm layer 2 fwd", lambda: l2(h1))
    row("decoder fwd (GEMM + bias)", lambda: dec(hc))
    row("cross-entropy fwd", lambda: F.cross_entropy(lg, y))
row("cross-entropy fwd+bwd", lambda: F.cross_entropy(lg, y).backward())
row("decoder fwd+bwd dX", lambda: F.linear(hx, dec.weight.detach(), dec.bias.detach()).backward(gL))
row("decoder fwd+bwd dW+db", lambda: dec(hc).backward(gL))
row("lstm layer 2 fwd+bwd", lambda: l2(h1g)[0].backward(gH))
row("lstm layer 1 fwd+bwd", lambda: l1(e0g)[0].backward(gH))
row("embedding fwd+bwd", lambda: emb(x).backward(gE))
row("AdamW step", lambda: opt.step())
row("zeroGrad", lambda: opt.zero_grad(set_to_none=False))
row("full step", step)
