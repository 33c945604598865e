#!/usr/bin/env python3
"""Prints the colour tables of core/plot/colormap.cpp from matplotlib's sources.

Usage: scripts/colormap_tables.py MATPLOTLIB_PACKAGE_DIR
(for example the matplotlib/ folder of `apt-get download python3-matplotlib`
unpacked with `dpkg-deb -x`; matplotlib itself is not imported). Viridis,
magma and cividis: the 256 entries sampled at 129 evenly spaced positions by
linear interpolation; coolwarm: its 33 points. Scaled to 0..255, rounded.
"""
import os
import sys


def interp(table, x):
    p = x * (len(table) - 1)
    i = min(int(p), len(table) - 2)
    f = p - i
    return [table[i][c] * (1 - f) + table[i + 1][c] * f for c in range(3)]


def main():
    root = sys.argv[1]
    listed = open(os.path.join(root, '_cm_listed.py')).read()
    listed = listed.replace('from .colors import ListedColormap', '').split('_twilight_data')[0]
    ns = {}
    exec(listed, ns)
    cm = open(os.path.join(root, '_cm.py')).read()
    start = cm.index('_coolwarm_data = {')
    seg = {}
    exec(cm[start:cm.index('}', start) + 1], seg)
    cw = seg['_coolwarm_data']
    coolwarm = [[cw['red'][k][1], cw['green'][k][1], cw['blue'][k][1]] for k in range(len(cw['red']))]
    maps = [('Viridis', ns['_viridis_data'], 129), ('Magma', ns['_magma_data'], 129),
            ('Cividis', ns['_cividis_data'], 129), ('Coolwarm', coolwarm, len(coolwarm))]
    for name, table, n in maps:
        rows = [[round(v * 255) for v in interp(table, i / (n - 1))] for i in range(n)]
        print('constexpr Rgb k%s[] = {' % name)
        for i in range(0, n, 8):
            print('    ' + ', '.join('{%d, %d, %d}' % tuple(r) for r in rows[i:i + 8]) + ',')
        print('};')


if __name__ == '__main__':
    main()
