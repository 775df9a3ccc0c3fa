"""Sums cargo-llvm-cov's per-file line counts into one row per folder of the domain crate (src/<service>/),
prints the table, and with --write FILE records it as Markdown. Exits 1 if a service is under the threshold."""
import datetime
import json
import os
import sys

THRESHOLD = 80.0
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "src")) + os.sep
services = {}
report = sys.argv[1]
write = sys.argv[sys.argv.index("--write") + 1] if "--write" in sys.argv else None
for data in json.load(open(report))["data"]:
    for f in data["files"]:
        name = os.path.abspath(f["filename"])
        if not name.startswith(root):
            continue
        parts = name[len(root):].split(os.sep)
        if len(parts) < 2:  # src/lib.rs, src/money.rs, …: single-file kernels, not a service
            continue
        lines = f["summary"]["lines"]
        count, covered = services.get(parts[0], (0, 0))
        services[parts[0]] = (count + lines["count"], covered + lines["covered"])
print(f"{'service':<14}{'lines':>8}{'covered':>9}{'%':>8}")
low = []
rows = []
for service, (count, covered) in sorted(services.items()):
    pct = 100.0 * covered / count if count else 100.0
    low += [service] if pct < THRESHOLD else []
    rows.append(f"| `src/{service}/` | {count:,} | {covered:,} | {pct:.1f} % |")
    print(f"{service:<14}{count:>8}{covered:>9}{pct:>7.1f}%")
verdict = (f"under {THRESHOLD:.0f} %: {', '.join(low)}" if low
           else f"every service is at or above {THRESHOLD:.0f} %")
print(verdict)
if write:
    with open(write, "w") as out:
        out.write(f"""# Line coverage per service

Written by `bash scripts/coverage.sh` on {datetime.date.today().isoformat()}: unit and integration tests of the
whole workspace together (cargo-llvm-cov with nextest), lines of each folder of the domain crate (`src/`).
The kernels `db` and `error` are listed beside the services. Run it after changing a service, and commit this
file; it fails when a folder is under {THRESHOLD:.0f} %.

| folder | lines | covered | covered % |
|---|---|---|---|
""" + "\n".join(rows) + f"\n\n{verdict[0].upper() + verdict[1:]}.\n")
if low:
    sys.exit(1)
