"""Generates the grid-sampling fixture of GridSampleTest with PyTorch (run: /usr/bin/python3 make_grid_fixture.py).

F.affine_grid and F.grid_sample with align_corners=True (what fastai's augmentation uses), every
mode x padding_mode, on an affine grid and on a random grid reaching far outside [-1, 1].
"""
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.rand(2, 3, 5, 7)
theta = torch.tensor([[[0.9, -0.3, 0.1], [0.25, 1.1, -0.2]],
                      [[-1.2, 0.1, 0.3], [0.05, 0.8, 0.4]]])
grid = F.affine_grid(theta, [2, 3, 4, 6], align_corners=True)
grid2 = torch.rand(2, 4, 6, 2) * 6 - 3
np.save("grid_input.npy", x.numpy())
np.save("grid_theta.npy", theta.numpy())
np.save("grid_affine.npy", grid.numpy())
np.save("grid_random.npy", grid2.numpy())
for mode in ["bilinear", "nearest"]:
    for pad in ["zeros", "border", "reflection"]:
        for name, g in [("affine", grid), ("random", grid2)]:
            out = F.grid_sample(x, g, mode=mode, padding_mode=pad, align_corners=True)
            np.save(f"grid_out_{name}_{mode}_{pad}.npy", out.numpy())
