#!/usr/bin/env bash
# Runs Boarfish's benchmark and the PyTorch reference back to back, alternating, on this machine.
#   examples/bench/compare.sh [rounds] [workload...]      (default: 3 rounds of mlp simple-cnn simple-cnn-infer)
# Needs Debian's python3-torch (apt-get install -y python3-torch python3-torchvision) and ../shared beside the repo.
# Prints every JSON line, then a table of median-of-rounds samples/s and the ratio Boarfish / PyTorch.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REF="${BOARFISH_SHARED:-$ROOT/../shared}/bench/reference/bench.py"
rounds="${1:-3}"
shift || true
workloads=("$@")
[[ ${#workloads[@]} -gt 0 ]] || workloads=(mlp simple-cnn simple-cnn-infer)
out="$(mktemp)"
for ((r = 1; r <= rounds; r++)); do
  for w in "${workloads[@]}"; do
    /usr/bin/python3 "$REF" --workload "$w" 2>/dev/null | sed 's/^/torch /' | tee -a "$out"
    "$ROOT/boarfish" bench "$w" 2>/dev/null | grep '^{' | sed 's/^/boarfish /' | tee -a "$out"
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    who, js = line.split(" ", 1)
    r = json.loads(js)
    rows.setdefault(r["workload"], {}).setdefault(who, []).append(r)
print(f"\n{'workload':<18}{'PyTorch':>12}{'Boarfish':>12}{'ratio':>8}{'RSS torch':>11}{'RSS ours':>10}")
for w, d in rows.items():
    t = statistics.median(x["median"] for x in d["torch"]); b = statistics.median(x["median"] for x in d["boarfish"])
    rt = max(x["peak_rss_mb"] for x in d["torch"]); rb = max(x["peak_rss_mb"] for x in d["boarfish"])
    print(f"{w:<18}{t:>12,.0f}{b:>12,.0f}{b/t:>7.2f}x{rt:>10.0f}M{rb:>9.0f}M")
PY
