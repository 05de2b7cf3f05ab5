#!/usr/bin/env python3
"""How much of the kernel's largest cycle is left with precise indirect calls.

    bench/cycle-structure.py KERNEL_OUT [STACKBUDGET_BUILD]

Builds the call graph from `stackbudget facts --json` (direct and tail calls)
and `stackbudget indirect --sites --closed-world --trust-objects-without-facts`
(each site's final candidate set), by function name, and prints the largest
strongly connected components with direct calls only and with the indirect
sites of at most K candidates kept (K = all, 100, 50, 20, 10, 5, 2). If the
cycle stays large when every wide site is dropped, no call resolution can
break it: it is the recursion the kernel's call graph really has, which
needs `recursion` bounds (`stackbudget rank` lists where). Functions are
joined by name, so two `static` functions of one name are one node: an
approximation for this figure only, never used by the check. Needs
python3-networkx (Debian).
"""
import json
import re
import subprocess
import sys
from collections import Counter

import networkx as nx


def main():
    out = sys.argv[1]
    build = sys.argv[2] if len(sys.argv) > 2 else \
        __file__.rsplit('/bench/', 1)[0] + '/build'
    tool = build + '/bin/stackbudget'
    obj = out + '/vmlinux.o'
    facts = json.loads(subprocess.run([tool, 'facts', '--json', obj],
                                      check=True, capture_output=True,
                                      text=True).stdout)
    sites = subprocess.run([tool, 'indirect', '--sites', '--closed-world',
                            '--trust-objects-without-facts', obj],
                           check=True, capture_output=True, text=True).stdout
    direct = set()
    for o in facts['objects']:
        for f in o['functions']:
            for c in f.get('calls', []):
                if c.get('kind') in ('direct', 'tail') and c.get('callee'):
                    direct.add((f['name'], c['callee']))
    indirect = []  # (caller, site number, targets)
    caller, targets = None, None
    for line in sites.splitlines() + ['indirect call 0 in \'\' at end']:
        m = re.match(r"indirect call \d+ in '([^']*)' at ", line)
        if m:
            if caller is not None and targets is not None:
                indirect.append((caller, len(indirect), targets))
            caller, targets = m.group(1), None
            continue
        m = re.match(r"  \w+ \((\d+)\):(.*)", line)
        if m and caller is not None:
            targets = m.group(2).split()  # the last layer printed wins
    print(f'direct calls: {len(direct)}, indirect sites: {len(indirect)}')

    def largest(max_candidates):
        g = nx.DiGraph()
        g.add_edges_from(direct)
        for c, _, t in indirect:
            if max_candidates is None or len(t) <= max_candidates:
                g.add_edges_from((c, x) for x in t)
        sizes = sorted((len(s) for s in nx.strongly_connected_components(g)),
                       reverse=True)
        return sizes[:3]

    g = nx.DiGraph()
    g.add_edges_from(direct)
    sizes = sorted((len(s) for s in nx.strongly_connected_components(g)),
                   reverse=True)
    print(f'direct calls only: largest SCCs {sizes[:3]}')
    for k in (None, 100, 50, 20, 10, 5, 2):
        label = 'all indirect sites' if k is None else f'sites of <= {k} candidates'
        print(f'{label}: largest SCCs {largest(k)}')


if __name__ == '__main__':
    main()
