"""Regenerates the weight-file fixtures of org.boarfish.io tests (run from this folder):

    /usr/bin/python3 make_io_fixtures.py

Needs numpy and PyTorch (Debian python3-torch 1.13). Writes:
  views.pth           a checkpoint {'model': state dict, 'epoch', 'lr', 'opt', ...} whose tensors are strided views
                      of shared storages (transpose, offset, step, stride 0), plus half, bfloat16, float64, int32,
                      bool, 0-d, empty, a Parameter and a nested dict
  views.expected.npz  the 'model' entries as contiguous numpy arrays (half/bfloat16 widened to float32), np.savez
  proto4.pth          the small Sequential's state dict saved with pickle protocol 4 (FRAME, MEMOIZE, STACK_GLOBAL...)
  legacy.pth          the same dict in the legacy (pre-1.6, non-zip) torch.save format
  numpy.npz           np.savez of float32/float64/int64/int32/bool arrays incl. a 0-d one (stored entries)
  numpy_compressed.npz  the same with np.savez_compressed (deflated entries)
  ref.safetensors     written by the small independent writer below (Python json, with spaces), with metadata
"""
import json
import struct
from collections import OrderedDict

import numpy as np
import torch

torch.manual_seed(0)

base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
sd = OrderedDict()
sd["base"] = base
sd["t"] = base.t()
sd["rows"] = base[1:3]
sd["cols"] = base[:, 2:5]
sd["step"] = base[::2, ::3]
sd["expand"] = torch.tensor([1.0, 2.0, 3.0]).expand(2, 3)
sd["half"] = torch.tensor([1.5, -2.25, 65504.0, 6e-8, float("inf")], dtype=torch.float16)
sd["bf16"] = torch.tensor([1.5, -3.0, 1e30], dtype=torch.bfloat16)
sd["f64"] = torch.tensor([[1.0, 2.5]], dtype=torch.float64)
sd["i32"] = torch.tensor([1, -2, 3], dtype=torch.int32)
sd["bool"] = torch.tensor([True, False, True])
sd["scalar"] = torch.tensor(7)
sd["empty"] = torch.zeros(0, 3)
sd["param"] = torch.nn.Parameter(torch.full((2, 2), 0.5))
sd["nested"] = {"w": torch.ones(2)}
ckpt = {
    "model": sd,
    "epoch": 3,
    "lr": 0.01,
    "big": 2**70,
    "name": "views",
    "flags": [True, None, -5, 300, 70000],
    "opt": {"state": {0: {"momentum_buffer": torch.zeros(2)}}, "param_groups": [{"lr": 0.1, "params": [0]}]},
}
torch.save(ckpt, "views.pth")

expected = {}
for k, v in sd.items():
    if isinstance(v, dict):
        for k2, v2 in v.items():
            expected[k + "." + k2] = v2.detach().numpy()
    elif v.dtype in (torch.float16, torch.bfloat16):
        expected[k] = v.float().numpy()
    else:
        expected[k] = v.detach().contiguous().numpy()
np.savez("views.expected.npz", **expected)

small = OrderedDict()
small["0.weight"] = torch.randn(3, 2)
small["0.bias"] = torch.randn(3)
small["1.num_batches_tracked"] = torch.tensor(7)
torch.save(small, "proto4.pth", pickle_protocol=4)
torch.save(small, "legacy.pth", _use_new_zipfile_serialization=False)
np.savez("proto4.expected.npz", **{k: v.numpy() for k, v in small.items()})

arrays = {
    "f32": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "f64": np.array([1.0, -2.5, 1e300]),
    "i64": np.array([[-1, 2**40]], dtype=np.int64),
    "i32": np.array([7, -8], dtype=np.int32),
    "mask": np.array([True, False, False]),
    "zero_d": np.array(3.25, dtype=np.float32),
}
np.savez("numpy.npz", **arrays)
np.savez_compressed("numpy_compressed.npz", **arrays)

# An independent safetensors writer, straight from the format description.
codes = {np.dtype("float32"): "F32", np.dtype("float64"): "F64", np.dtype("int64"): "I64",
         np.dtype("int32"): "I32", np.dtype("bool"): "BOOL"}
header, blobs, offset = {"__metadata__": {"format": "pt", "source": "make_io_fixtures.py"}}, [], 0
for name, a in arrays.items():
    b = np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes()
    header[name] = {"dtype": codes[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
    blobs.append(b)
    offset += len(b)
h = json.dumps(header).encode()
h += b" " * ((8 - len(h) % 8) % 8)
with open("ref.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
print("io fixtures written")
