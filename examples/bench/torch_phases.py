"""PyTorch's time per phase of a training step, for comparison with `./boarfish small-profile`.

    /usr/bin/python3 examples/bench/torch_phases.py mlp [blocks]     (or collab, tabular)
    /usr/bin/python3 examples/bench/torch_phases.py gemm              (W1's two large products alone)

Builds the workload exactly as ../shared/bench/reference/bench.py does (same model, data, AdamW and thread
settings) and prints, per block of 100 steps, wall and main-thread CPU µs per step, then each phase's main-thread
CPU and wall µs: forward (+ loss), backward, optimizer step, zero_grad.
"""
import os, sys, time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.environ.get("BOARFISH_SHARED", os.path.join(here, "../../../shared")),
                                "bench/reference"))
import torch  # noqa: E402
import bench  # noqa: E402

name = sys.argv[1] if len(sys.argv) > 1 else "mlp"
blocks = int(sys.argv[2]) if len(sys.argv) > 2 else 8
torch.set_num_threads(bench.THREADS)

if name == "gemm":
    # as `./boarfish gemm-bench`: median wall, main-thread CPU and process CPU µs per call, 7 × 200 calls
    x, w, b, g = torch.randn(256, 784), torch.randn(256, 784), torch.randn(256), torch.randn(256, 256)
    for label, f in (("forward addmm(b, x, w.t())", lambda: torch.addmm(b, x, w.t())),
                     ("weight grad g.t().mm(x)", lambda: g.t().mm(x))):
        for _ in range(200):
            f()
        runs = []
        for _ in range(7):
            t0, k0, p0 = time.perf_counter_ns(), time.thread_time_ns(), time.process_time_ns()
            for _ in range(200):
                f()
            runs.append(((time.perf_counter_ns() - t0) / 2e5, (time.thread_time_ns() - k0) / 2e5,
                         (time.process_time_ns() - p0) / 2e5))
        med = [sorted(r[i] for r in runs)[3] for i in range(3)]
        print(f"{label:<30} wall {med[0]:6.0f} µs  main CPU {med[1]:6.0f} µs  process CPU {med[2]:6.0f} µs"
              f"  load {os.getloadavg()[0]:.1f}")
    sys.exit(0)

torch.manual_seed(42)
w = bench.make_workload(name)
model, inputs, target = w["model"], w["inputs"], w["target"]
model.train()
opt = torch.optim.AdamW(model.parameters(), lr=bench.LR, betas=bench.BETAS, eps=bench.EPS, weight_decay=w["wd"])
clock, cpu = time.perf_counter_ns, time.thread_time_ns
print(f"{'steps':<11}{'wall/step':>11}{'cpu/step':>11}" + "".join(f"{p + ' cpu/wall':>18}" for p in
      ("forward", "backward", "step", "zeroGrad")))
for b in range(blocks):
    ph = [0] * 8
    t0, c0 = clock(), cpu()
    for _ in range(100):
        w0, k0 = clock(), cpu()
        loss = w["loss"](model(*inputs), target)
        w1, k1 = clock(), cpu()
        loss.backward()
        w2, k2 = clock(), cpu()
        opt.step()
        w3, k3 = clock(), cpu()
        opt.zero_grad(set_to_none=False)
        w4, k4 = clock(), cpu()
        for i, (a, z, ka, kz) in enumerate(((w0, w1, k0, k1), (w1, w2, k1, k2), (w2, w3, k2, k3), (w3, w4, k3, k4))):
            ph[i] += kz - ka
            ph[4 + i] += z - a
    wall, c = (clock() - t0) / 1e5, (cpu() - c0) / 1e5
    print(f"{b*100:>4}-{b*100+99:<6}{wall:>9.0f}µs{c:>9.0f}µs"
          + "".join(f"{ph[i]/1e5:>9.0f}/{ph[4+i]/1e5:>5.0f}µs" for i in range(4))
          + f"  load {os.getloadavg()[0]:.1f}")
