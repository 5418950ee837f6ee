"""Draw the serving chart: python chart.py SERVING.json OUT.png (needs matplotlib).

Per framework: the bare app's JSON answer, the default project's health JSON and home page, and the
rest_api=true project's API list; throughput on the left, p50 and p99 latency on the right.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ORDER = [("bare", "json"), ("default", "health"), ("default", "home"), ("api", "api_list")]
COLORS = {"django": "#0c4b33", "flask": "#3b7dd8"}
NAMES = {"django": "Django", "flask": "Flask"}


def main() -> None:
    serving = json.loads(Path(sys.argv[1]).read_text())
    rows = []
    for framework in ("django", "flask"):
        for kind, key in ORDER:
            for entry in serving.values():
                if entry["framework"] == framework and entry["kind"] == kind and key in entry["endpoints"]:
                    x = entry["endpoints"][key]
                    rows.append((f"{NAMES[framework]}\n{x['label']}\n{x['path']}", framework, kind, x))
    labels = [r[0] for r in rows]
    colors = [COLORS[r[1]] for r in rows]
    alphas = [0.55 if r[2] == "bare" else 1.0 for r in rows]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 5.6))
    x = range(len(rows))
    bars = ax1.bar(x, [r[3]["rps"] for r in rows], color=colors)
    for bar, a in zip(bars, alphas, strict=True):
        bar.set_alpha(a)
    ax1.set_title("Throughput (requests/s, higher is better)")
    ax1.set_xticks(list(x), labels, fontsize=7.5)
    for i, r in enumerate(rows):
        ax1.text(i, r[3]["rps"], f"{r[3]['rps']:.0f}", ha="center", va="bottom", fontsize=8)
    w = 0.4
    p50 = ax2.bar([i - w / 2 for i in x], [r[3]["p50_ms"] for r in rows], w, label="p50", color=colors)
    p99 = ax2.bar([i + w / 2 for i in x], [r[3]["p99_ms"] for r in rows], w, label="p99", color=colors, hatch="//")
    for bar, a in zip(list(p50) + list(p99), alphas + alphas, strict=True):
        bar.set_alpha(a)
    ax2.set_title("Latency (ms, lower is better; plain p50, hatched p99)")
    ax2.set_xticks(list(x), labels, fontsize=7.5)
    workers = {len(e.get("worker_rss_mib", [])) for e in serving.values()}
    fig.suptitle(
        f"gunicorn, {'/'.join(map(str, sorted(workers)))} sync workers, loopback load; Django green, Flask blue; "
        "bare apps lighter"
    )
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)


if __name__ == "__main__":
    main()
