#!/usr/bin/env python3
"""numpy peer of chorus-bench: the same measurements, same output format (TSV lines:
group, label, median CPU ns/op (this thread), median wall ns/op, operations, checksum).

Run by run.sh as `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 Benchmarks/numpy_peer.py`.
"""
import sys
import time

import numpy as np


def measure(label, operations, body, repeats=5):
    body()  # warm-up
    cpu, wall, checksum = [], [], 0
    for _ in range(repeats):
        c, w = time.thread_time(), time.perf_counter()
        checksum ^= int(body())
        cpu.append((time.thread_time() - c) * 1e9 / operations)
        wall.append((time.perf_counter() - w) * 1e9 / operations)
    cpu.sort()
    wall.sort()
    return label, cpu[len(cpu) // 2], wall[len(wall) // 2], operations, checksum


def main():
    rows = []
    n = 10_000_000
    k = 16
    p = 1.0 / np.arange(1, k + 1)
    p /= p.sum()
    rng = np.random.default_rng(1)

    def choice():
        x = rng.choice(k, size=n, p=p)
        freq0 = np.count_nonzero(x == 0) / n
        assert abs(freq0 - p[0]) < 5 * np.sqrt(p[0] * (1 - p[0]) / n), freq0
        return int(x.sum())

    rows.append(("categorical",) + measure(f"numpy {np.__version__} Generator.choice (PCG64)", n, choice))

    m = 100_000_000
    rows.append(("generator",) + measure(f"numpy {np.__version__} PCG64 random_raw (bulk)", m,
                                         lambda: int(rng.bit_generator.random_raw(m)[-1])))
    rows.append(("generator",) + measure(f"numpy {np.__version__} Generator.random (bulk doubles)", m,
                                         lambda: int(rng.random(m)[-1] * 1e6)))
    for group, label, cpu, wall, ops, chk in rows:
        print(f"{group}\t{label}\t{cpu:.3f}\t{wall:.3f}\t{ops}\t{chk}")


if __name__ == "__main__":
    sys.exit(main())
