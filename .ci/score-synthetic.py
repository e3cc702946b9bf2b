#!/usr/bin/env python3
"""Pairwise F1 and MCC of a Docket clustering against the themes that
`docket generate --truth` planted (stdlib only).

Usage: score-synthetic.py TRUTH.json CLUSTERS.json

TRUTH.json maps ticket number (as a string) to its planted theme.
CLUSTERS.json is the output of `docket clusters --json`: an array of
{members: [ticket numbers], ...}. Only primary membership is scored: when a
cluster object lists its primary members ("primary": [ticket numbers], or
the older "primary": N for the first N members), the rest (related tickets)
are ignored; a ticket listed in several clusters counts in the first.
Tickets in no cluster are singletons.

Every unordered pair of tickets in TRUTH is scored: positive in the truth when
both have the same theme, predicted positive when both are in one cluster.
Counts come from the contingency table, so 10,000 tickets cost nothing.

Prints one line: tickets, clusters, largest, precision, recall, F1, MCC.
"""
import json
import math
import sys
from collections import Counter


def pairs(n):
    return n * (n - 1) // 2


def main(truth_path, clusters_path):
    with open(truth_path, encoding="utf-8") as f:
        truth = {int(k): v for k, v in json.load(f).items()}
    with open(clusters_path, encoding="utf-8") as f:
        clusters = json.load(f)
    assigned = {}
    sizes = []
    for index, c in enumerate(clusters):
        members = c["members"] if isinstance(c, dict) else c
        if isinstance(c, dict) and isinstance(c.get("primary"), list):
            members = c["primary"]
        elif isinstance(c, dict) and isinstance(c.get("primary"), int):
            members = members[: c["primary"]]
        sizes.append(len(members))
        for m in members:
            assigned.setdefault(int(str(m).lstrip("#")), index)
    # Tickets outside every cluster get a label of their own.
    label = {t: assigned.get(t, ("single", t)) for t in truth}
    both = Counter((truth[t], label[t]) for t in truth)
    tp = sum(pairs(n) for n in both.values())
    truth_pos = sum(pairs(n) for n in Counter(truth.values()).values())
    pred_pos = sum(pairs(n) for n in Counter(label.values()).values())
    total = pairs(len(truth))
    fp, fn = pred_pos - tp, truth_pos - tp
    tn = total - tp - fp - fn
    precision = tp / pred_pos if pred_pos else 0.0
    recall = tp / truth_pos if truth_pos else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    denom = math.sqrt(float(tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    mcc = (tp * tn - fp * fn) / denom if denom else 0.0
    print(f"tickets {len(truth)} clusters {len(clusters)} largest {max(sizes, default=0)} "
          f"precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f} MCC {mcc:.4f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
