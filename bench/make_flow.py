#!/usr/bin/env python3
"""Writes a content folder whose only diagram is one flow of N nodes and E edges.

Usage: bench/make_flow.py N E OUT_CONTENT_DIR [SPAN]

The flow is shaped like a long BCP procedure: a chain of steps from one
start to one end (so every node is reachable), plus E - (N - 1) extra edges
drawn with a fixed seed, mostly forward (branches that skip ahead up to SPAN
nodes, default 12), some back (loops of "retry"). The rest of the site is the smallest valid one.
"""
import os
import random
import sys

n, e, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
span = int(sys.argv[4]) if len(sys.argv) > 4 else 12
rng = random.Random(n * 100003 + e)
edges = [(i, i + 1) for i in range(n - 1)]
seen = set(edges)
while len(edges) < e:
    a = rng.randrange(n - 1)
    if rng.random() < 0.8:
        b = rng.randrange(a + 1, min(n, a + span))
    else:
        b = rng.randrange(max(0, a - span), a + 1)
    if (a, b) not in seen:
        seen.add((a, b))
        edges.append((a, b))

def write(rel, text):
    p = os.path.join(out, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)

write("site.yaml", """organization: {name: 計測市, department: 情報政策課, address: 計測市1-1, phone: 000-0000-0000}
title: 計測市ICT部門業務継続計画
dates: wareki
numbering: ["1", "(1)", "ア", "(ア)"]
review_interval_months: 12
approval: {plan: it-director, manual: it-director, list: it-director, procedure: it-director, diagram: it-director, form: it-director, guide: it-director}
""")
write("organization.yaml", """roles:
  - {id: it-director, name: 情報システム統括責任者, holder: 情報政策担当部長}
modes:
  normal:
    title: 平常時の体制
    units:
      - {role: it-director, duties: [計画の承認], hq_relation: 本部員}
""")
write("glossary.yaml", "terms: []\n")
write("plan/_index.md", """---
id: plan
title: 計測市ICT部門業務継続計画
kind: plan
revisions:
  - {version: 初版, date: 2026-04-01, approver: it-director, summary: 新規制定}
---

計測用。
""")
lines = [
    "id: big-flow",
    "title: 大きなフロー図",
    "kind: diagram",
    "revisions:",
    "  - {version: 初版, date: 2026-04-01, approver: it-director, summary: 新規作成}",
    "type: diagram",
    "diagram: flow",
    "nodes:",
]
for i in range(n):
    kind = "start" if i == 0 else "end" if i == n - 1 else "step"
    lines.append(f"  - {{id: n{i}, kind: {kind}, text: 手順{i}の確認と報告}}")
lines.append("edges:")
for a, b in edges:
    lines.append(f"  - {{from: n{a}, to: n{b}}}")
write("diagrams/big-flow.yaml", "\n".join(lines) + "\n")
