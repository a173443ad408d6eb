"""Generates collab_fixture.json: EmbeddingDotBias and EmbeddingNN forward/backward in PyTorch.

Run with /usr/bin/python3 (torch 1.13) from this folder. The models are written with torch
primitives following fastai's definitions (fastai itself is not installed): EmbeddingDotBias =
dot(u_weight[u], i_weight[i]) + u_bias[u] + i_bias[i], then sigmoid_range; EmbeddingNN = fastai's
TabularModel with two embeddings, no continuous input, LinBnDrop(BatchNorm1d -> Linear(no bias) ->
ReLU) per hidden layer, a last Linear to 1 and SigmoidRange. Weights are seeded random values scaled
so that every term matters (not fastai's init), since the test is about the arithmetic.
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(0)
out = {}

# ---------------------------------------------------------------- EmbeddingDotBias
nu, ni, nf = 5, 7, 4
uw = (torch.randn(nu, nf) * 0.7).requires_grad_()
iw = (torch.randn(ni, nf) * 0.7).requires_grad_()
ub = (torch.randn(nu, 1) * 0.3).requires_grad_()
ib = (torch.randn(ni, 1) * 0.3).requires_grad_()
x = torch.tensor([[1, 2], [4, 6], [1, 0], [3, 2], [0, 5], [1, 2]])  # repeated rows accumulate
y = torch.tensor([4.0, 1.0, 3.5, 5.0, 2.0, 4.5])
u, i = x[:, 0], x[:, 1]
res = (uw[u] * iw[i]).sum(1) + ub[u].squeeze(1) + ib[i].squeeze(1)
pred = torch.sigmoid(res) * 5.5
loss = F.mse_loss(pred, y)
loss.backward()
out["dot"] = dict(
    u_weight=uw.detach().flatten().tolist(), i_weight=iw.detach().flatten().tolist(),
    u_bias=ub.detach().flatten().tolist(), i_bias=ib.detach().flatten().tolist(),
    nu=nu, ni=ni, nf=nf, x=x.flatten().tolist(), y=y.tolist(),
    res=res.detach().tolist(), pred=pred.detach().tolist(), loss=loss.item(),
    g_u_weight=uw.grad.flatten().tolist(), g_i_weight=iw.grad.flatten().tolist(),
    g_u_bias=ub.grad.flatten().tolist(), g_i_bias=ib.grad.flatten().tolist())

# ---------------------------------------------------------------- EmbeddingNN
du, di, h = 3, 4, 6
e0 = (torch.randn(nu, du) * 0.7).requires_grad_()
e1 = (torch.randn(ni, di) * 0.7).requires_grad_()
bn_w = (1 + 0.2 * torch.randn(du + di)).requires_grad_()
bn_b = (0.1 * torch.randn(du + di)).requires_grad_()
run_mean = 0.1 * torch.randn(du + di)
run_var = 1 + 0.2 * torch.rand(du + di)
l1 = (torch.randn(h, du + di) * 0.5).requires_grad_()
l2 = (torch.randn(1, h) * 0.5).requires_grad_()
l2b = (torch.randn(1) * 0.1).requires_grad_()
init = dict(run_mean=run_mean.tolist(), run_var=run_var.tolist())


def nn_forward(training, rm, rv):
    z = torch.cat([e0[u], e1[i]], 1)
    z = F.batch_norm(z, rm, rv, bn_w, bn_b, training=training, momentum=0.1, eps=1e-5)
    z = F.relu(F.linear(z, l1))
    z = F.linear(z, l2, l2b)
    return torch.sigmoid(z) * 5.5


rm, rv = run_mean.clone(), run_var.clone()
p_train = nn_forward(True, rm, rv)
loss_nn = F.mse_loss(p_train.view(-1), y)
loss_nn.backward()
with torch.no_grad():
    p_eval = nn_forward(False, rm, rv)  # running stats after the training step
out["nn"] = dict(
    du=du, di=di, h=h,
    embeds0=e0.detach().flatten().tolist(), embeds1=e1.detach().flatten().tolist(),
    bn_weight=bn_w.detach().tolist(), bn_bias=bn_b.detach().tolist(), **init,
    lin1=l1.detach().flatten().tolist(), lin2=l2.detach().flatten().tolist(),
    lin2_bias=l2b.detach().tolist(),
    pred_train=p_train.detach().flatten().tolist(), loss=loss_nn.item(),
    pred_eval=p_eval.flatten().tolist(),
    running_mean_after=rm.tolist(), running_var_after=rv.tolist(),
    g_embeds0=e0.grad.flatten().tolist(), g_embeds1=e1.grad.flatten().tolist(),
    g_lin1=l1.grad.flatten().tolist(), g_bn_weight=bn_w.grad.tolist())

# ---------------------------------------------------------------- PCA of a known matrix (fastai's Tensor.pca)
torch.manual_seed(1)
m = torch.randn(12, 5, dtype=torch.float64) @ torch.diag(torch.tensor([3.0, 2.0, 1.0, 0.5, 0.1], dtype=torch.float64))
c = m - m.mean(0)
U, S, V = torch.svd(c.t())
proj = c @ U[:, :3]
# sign convention of the Java Pca: each direction's largest-magnitude entry positive
for k in range(3):
    col = U[:, k]
    if col[col.abs().argmax()] < 0:
        proj[:, k] = -proj[:, k]
out["pca"] = dict(x=m.flatten().tolist(), rows=12, cols=5, proj=proj.flatten().tolist(),
                  variances=(S[:3] ** 2 / 11).tolist())

with open("collab_fixture.json", "w") as f:
    json.dump(out, f)
print("wrote collab_fixture.json")
