"""Draw the serving chart: python chart.py SERVING.json OUT.png (needs matplotlib)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def main() -> None:
    serving = json.loads(Path(sys.argv[1]).read_text())
    rows = []
    for name, entry in serving.items():
        for label in ("json", "home"):
            if label in entry:
                short = name.replace(" (startproject + 1 JSON view)", "").replace(" (1 file, 1 JSON route)", "")
                short = short.replace(" (rest_api=true)", "")
                rows.append((f"{short}\n{entry[label]['path']}", entry[label]))
    labels = [r[0] for r in rows]
    colors = ["#0c4b33" if "Django" in lab else "#3b7dd8" for lab in labels]
    alphas = [0.55 if lab.startswith("bare") else 1.0 for lab in labels]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5.2))
    x = range(len(rows))
    bars = ax1.bar(x, [r[1]["rps"] for r in rows], color=colors)
    for bar, a in zip(bars, alphas, strict=False):
        bar.set_alpha(a)
    ax1.set_title("Throughput (requests/s, higher is better)")
    ax1.set_xticks(list(x), labels, fontsize=7.5, rotation=20, ha="right")
    for i, r in enumerate(rows):
        ax1.text(i, r[1]["rps"], f"{r[1]['rps']:.0f}", ha="center", va="bottom", fontsize=8)
    w = 0.4
    p50 = ax2.bar([i - w / 2 for i in x], [r[1]["p50_ms"] for r in rows], w, label="p50", color=colors)
    p99 = ax2.bar([i + w / 2 for i in x], [r[1]["p99_ms"] for r in rows], w, label="p99", color=colors, hatch="//")
    for bar, a in zip(list(p50) + list(p99), alphas + alphas, strict=False):
        bar.set_alpha(a)
    ax2.set_title("Latency (ms, lower is better; plain p50, hatched p99)")
    ax2.set_xticks(list(x), labels, fontsize=7.5, rotation=20, ha="right")
    fig.suptitle("gunicorn, 2 sync workers, loopback load; Django green, Flask blue; bare apps lighter")
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)


if __name__ == "__main__":
    main()
