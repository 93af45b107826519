#!/usr/bin/python3
"""Writes tests/data/graph/nx_lexicographical.txt: random DAGs with a rank
position per node and the order networkx.lexicographical_topological_sort gives
with key = rank position. tests/unit/order.cpp checks prio::order(greedy)
against it.

Regenerate (Debian's python3-networkx; the pyenv python3 on PATH lacks it):
    /usr/bin/python3 tests/tools/nx_lexico_fixtures.py > tests/data/graph/nx_lexicographical.txt

Format, four lines per graph: `n m`; n rank positions (a permutation of
0..n-1, node i's place in prio::rank); m edges as `u v` pairs flattened
(u must come before v); the networkx order.
"""
import random
import sys

import networkx as nx


def random_dag(rng, n, m):
    edges = set()
    while len(edges) < m:
        u, v = rng.randrange(n), rng.randrange(n)
        if u == v:
            continue
        lo, hi = min(u, v), max(u, v)
        edges.add((lo, hi))
    return sorted(edges)


def layered(rng, n, layers):
    layer = [rng.randrange(layers) for _ in range(n)]
    edges = set()
    for v in range(n):
        for u in range(n):
            if layer[u] + 1 == layer[v] and rng.random() < 0.3:
                edges.add((u, v))
    return sorted(edges)


def tree(rng, n):
    return [(rng.randrange(v), v) for v in range(1, n)]


def main():
    rng = random.Random(20261126)
    cases = []
    for k in range(60):
        n = rng.randrange(1, 40)
        kind = k % 4
        if kind == 0:
            edges = random_dag(rng, n, rng.randrange(0, n * (n - 1) // 2 // 3 + 1))
        elif kind == 1:
            edges = layered(rng, n, rng.randrange(1, 6))
        elif kind == 2:
            edges = tree(rng, n)
        else:
            edges = []
        # Relabel nodes so that edges do not always go from low to high index.
        perm = list(range(n))
        rng.shuffle(perm)
        edges = [(perm[u], perm[v]) for u, v in edges]
        pos = list(range(n))
        rng.shuffle(pos)
        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(edges)
        order = list(nx.lexicographical_topological_sort(g, key=lambda v: pos[v]))
        cases.append((n, edges, pos, order))
    out = sys.stdout
    out.write(f"# networkx {nx.__version__} lexicographical_topological_sort, key = rank position\n")
    for n, edges, pos, order in cases:
        out.write(f"{n} {len(edges)}\n")
        out.write(" ".join(map(str, pos)) + "\n")
        out.write(" ".join(f"{u} {v}" for u, v in edges) + "\n")
        out.write(" ".join(map(str, order)) + "\n")


if __name__ == "__main__":
    main()
