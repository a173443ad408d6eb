"""Generates tabular_model.json: a tiny fastai-layout TabularModel in plain PyTorch 1.13, its weights,
inputs, train-mode and eval-mode outputs and the gradients of a cross-entropy loss.
Run: /usr/bin/python3 make_tabular_fixture.py (writes next to this script)."""
import json, os
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
cards, widths, n_cont, out_sz, layers = [4, 3, 5], [3, 2, 3], 2, 3, [6, 4]


class Model(nn.Module):
    # fastai TabularModel layout (lin_first=True): embeds, emb_drop, bn_cont, layers of LinBnDrop
    def __init__(self):
        super().__init__()
        self.embeds = nn.ModuleList([nn.Embedding(c, w) for c, w in zip(cards, widths)])
        self.emb_drop = nn.Dropout(0.0)
        self.bn_cont = nn.BatchNorm1d(n_cont)
        sizes = [sum(widths) + n_cont] + layers + [out_sz]
        blocks = []
        for i in range(len(sizes) - 1):
            last = i == len(sizes) - 2
            if last:
                blocks.append(nn.Sequential(nn.Linear(sizes[i], sizes[i + 1])))
            else:
                blocks.append(nn.Sequential(nn.Linear(sizes[i], sizes[i + 1], bias=False), nn.ReLU(),
                                            nn.BatchNorm1d(sizes[i + 1])))
        self.layers = nn.Sequential(*blocks)

    def forward(self, x_cat, x_cont):
        x = torch.cat([e(x_cat[:, i]) for i, e in enumerate(self.embeds)], 1)
        x = self.emb_drop(x)
        x = torch.cat([x, self.bn_cont(x_cont)], 1)
        return self.layers(x)


m = Model()
with torch.no_grad():  # non-trivial BN affine parameters so that they matter
    for mod in m.modules():
        if isinstance(mod, nn.BatchNorm1d):
            mod.weight.uniform_(0.5, 1.5)
            mod.bias.uniform_(-0.2, 0.2)
state = {k: v.clone() for k, v in m.state_dict().items()}
B = 6
x_cat = torch.stack([torch.randint(0, c, (B,)) for c in cards], 1)
x_cont = torch.randn(B, n_cont)
y = torch.randint(0, out_sz, (B,))
m.train()
out_train = m(x_cat, x_cont)
loss = F.cross_entropy(out_train, y)
loss.backward()
m.eval()
with torch.no_grad():
    out_eval = m(x_cat, x_cont)


def t(v):
    return {"shape": list(v.shape), "data": v.detach().double().flatten().tolist()}


fix = {
    "cards": cards, "widths": widths, "n_cont": n_cont, "out_sz": out_sz, "layers": layers,
    "state": {k: t(v) for k, v in state.items() if not k.endswith("num_batches_tracked")},
    "x_cat": t(x_cat), "x_cont": t(x_cont), "y": t(y),
    "out_train": t(out_train), "loss": loss.item(), "out_eval": t(out_eval),
    "grads": {k: t(p.grad) for k, p in m.named_parameters()},
    "param_count": sum(p.numel() for p in m.parameters()),
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tabular_model.json"), "w") as f:
    json.dump(fix, f)
print("param_count", fix["param_count"], "keys", list(state))
