"""Generates awd_lstm_fixture.npz: an AWD-LSTM (dropouts off) written with plain PyTorch modules.

Run with /usr/bin/python3 (torch 1.13): python3 make_awd_fixture.py
Model: Embedding(V=11, 8, padding_idx=1) -> LSTM(8, 12) -> LSTM(12, 8) (batch_first), decoder
Linear(8, 11) tied to the embedding. Two consecutive batches, the state carried from the first to
the second, as AWD_LSTM does across batches.
"""
import numpy as np
import torch

torch.manual_seed(0)
V, E, H = 11, 8, 12
emb = torch.nn.Embedding(V, E, padding_idx=1)
emb.weight.data.uniform_(-0.1, 0.1)
l0 = torch.nn.LSTM(E, H, batch_first=True)
l1 = torch.nn.LSTM(H, E, batch_first=True)
dec_bias = torch.randn(V) * 0.1
x1 = torch.randint(0, V, (3, 5))
x2 = torch.randint(0, V, (3, 4))

with torch.no_grad():
    def run(x, state):
        h = emb(x)
        o0, s0 = l0(h, state[0])
        o1, s1 = l1(o0, state[1])
        return o1, (s0, s1)

    out1, st = run(x1, (None, None))
    out2, _ = run(x2, st)
    logits2 = out2 @ emb.weight.t() + dec_bias

arrays = {
    "0.encoder.weight": emb.weight,
    "0.rnns.0.module.weight_ih_l0": l0.weight_ih_l0,
    "0.rnns.0.weight_hh_l0_raw": l0.weight_hh_l0,
    "0.rnns.0.module.bias_ih_l0": l0.bias_ih_l0,
    "0.rnns.0.module.bias_hh_l0": l0.bias_hh_l0,
    "0.rnns.1.module.weight_ih_l0": l1.weight_ih_l0,
    "0.rnns.1.weight_hh_l0_raw": l1.weight_hh_l0,
    "0.rnns.1.module.bias_ih_l0": l1.bias_ih_l0,
    "0.rnns.1.module.bias_hh_l0": l1.bias_hh_l0,
    "1.decoder.bias": dec_bias,
    "x1": x1,
    "x2": x2,
    "out1": out1,
    "out2": out2,
    "logits2": logits2,
}
np.savez("awd_lstm_fixture.npz", **{k: v.detach().numpy() for k, v in arrays.items()})
print({k: tuple(v.shape) for k, v in arrays.items()})
