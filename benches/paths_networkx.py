"""networkx side of `cargo bench --bench paths_search`: shortest paths on the same edge list
and the same pairs as relate, timed per pair. Prints one JSON object.

usage: python3 paths_networkx.py EDGES.tsv PAIRS.tsv NODES
"""

import json
import statistics
import sys
import time

import networkx as nx


def main():
    edges_file, pairs_file, nodes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    t = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(range(nodes))
    with open(edges_file) as f:
        g.add_edges_from(tuple(map(int, line.split())) for line in f)
    build = time.perf_counter() - t
    with open(pairs_file) as f:
        pairs = [tuple(map(int, line.split())) for line in f]
    times, lengths = [], []
    for a, b in pairs:
        t = time.perf_counter()
        try:
            length = len(nx.shortest_path(g, a, b)) - 1
        except nx.NetworkXNoPath:
            length = -1
        times.append((time.perf_counter() - t) * 1e3)
        lengths.append(length)
    print(json.dumps({
        "version": nx.__version__,
        "edges": g.number_of_edges(),
        "build_s": build,
        "median_ms": statistics.median(times),
        "mean_ms": statistics.fmean(times),
        "lengths": lengths,
    }))


if __name__ == "__main__":
    main()
