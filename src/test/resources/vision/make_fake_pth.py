"""Writes fake_weights.pth for PretrainedDownloadTest (run: /usr/bin/python3 make_fake_pth.py).

A tiny state dict saved by torch.save, served by the test's local HTTP server in place of a
torchvision checkpoint.
"""
import torch

torch.save({"fc.weight": torch.tensor([[1.0, 2.0, 3.0]]), "fc.bias": torch.tensor([0.5])},
           "fake_weights.pth")
