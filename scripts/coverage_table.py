"""Sums cargo-llvm-cov's per-file line counts into one row per domain service (src/<service>/)."""
import json
import os
import sys

THRESHOLD = 80.0
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "src")) + os.sep
services = {}
for data in json.load(open(sys.argv[1]))["data"]:
    for f in data["files"]:
        name = os.path.abspath(f["filename"])
        if not name.startswith(root):
            continue
        parts = name[len(root):].split(os.sep)
        if len(parts) < 2:  # src/lib.rs, src/error.rs, …: shared kernels, not a service
            continue
        lines = f["summary"]["lines"]
        count, covered = services.get(parts[0], (0, 0))
        services[parts[0]] = (count + lines["count"], covered + lines["covered"])
print(f"{'service':<14}{'lines':>8}{'covered':>9}{'%':>8}")
low = []
for service, (count, covered) in sorted(services.items()):
    pct = 100.0 * covered / count if count else 100.0
    low += [service] if pct < THRESHOLD else []
    print(f"{service:<14}{count:>8}{covered:>9}{pct:>7.1f}%")
if low:
    print(f"under {THRESHOLD:.0f} %: {', '.join(low)}")
    sys.exit(1)
print(f"every service is at or above {THRESHOLD:.0f} %")
