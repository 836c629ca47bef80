#!/usr/bin/env python3
"""Packs Joe and Kuo's Sobol direction numbers (new-joe-kuo-6.21201) into new-joe-kuo-6.21201.bin.

Source: S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections",
SIAM J. Sci. Comput. 30 (2008) 2635-2654; data file new-joe-kuo-6.21201 from
https://web.maths.unsw.edu.au/~fkuo/sobol/ (BSD-style licence, see LICENSE in this folder). The numbers are read
from SciPy's copy of that file (scipy/stats/_sobol_direction_numbers.npz, "poly" and "vinit"; SciPy 1.10), or
from the original text file when its path is given:

    /usr/bin/python3 pack.py                          # from SciPy's copy
    /usr/bin/python3 pack.py new-joe-kuo-6.21201      # from the original text

Format (little-endian): uint32 row count R (21200: the file's d = 2 .. 21201), then one bit stream, least
significant bit first, row after row: the degree s (5 bits), the polynomial's inner coefficients a (s - 1 bits),
then m_2 .. m_s, each m_k (odd, below 2^k) stored as (m_k >> 1) in k - 1 bits (m_1 is always 1 and takes none).
"""
import struct
import sys


def rows_from_scipy():
    import numpy as np
    import scipy.stats
    import os
    data = np.load(os.path.join(os.path.dirname(scipy.stats.__file__), "_sobol_direction_numbers.npz"))
    poly, vinit = data["poly"], data["vinit"]
    for i in range(1, len(poly)):  # row 0 is the first dimension (van der Corput), not in the file
        p = int(poly[i])
        s = p.bit_length() - 1
        a = (p - (1 << s) - 1) >> 1
        yield i + 1, s, a, [int(vinit[i, k]) for k in range(s)]


def rows_from_text(path):
    with open(path) as f:
        next(f)  # header: d s a m_i
        for line in f:
            t = line.split()
            if t:
                d, s, a = int(t[0]), int(t[1]), int(t[2])
                yield d, s, a, [int(x) for x in t[3:3 + s]]


def main():
    rows = list(rows_from_text(sys.argv[1]) if len(sys.argv) > 1 else rows_from_scipy())
    bits, count = 0, 0

    def put(value, width):
        nonlocal bits, count
        assert 0 <= value < (1 << width) or width == 0 and value == 0
        bits |= value << count
        count += width

    for expected, (d, s, a, m) in enumerate(rows, start=2):
        assert d == expected and 1 <= s <= 31 and 0 <= a < (1 << max(s - 1, 0)) and len(m) == s
        put(s, 5)
        put(a, s - 1)
        for k, mk in enumerate(m, start=1):
            assert mk % 2 == 1 and mk < (1 << k), (d, k, mk)
            put(mk >> 1, k - 1)
    out = struct.pack("<I", len(rows)) + bits.to_bytes((count + 7) // 8, "little")
    with open(__file__.replace("pack.py", "new-joe-kuo-6.21201.bin"), "wb") as f:
        f.write(out)
    print(f"{len(rows)} rows, {len(out)} bytes")


if __name__ == "__main__":
    main()
