"""Times two commands in alternation (A B, B A, A B, ...): a burst of load on a shared machine
then falls on both alike. hyperfine times all runs of one command before the other's, and ten
runs of a 0.1 s command fit inside a one-second burst that ten runs of a 1 s command mostly
miss. Each timed run starts after an untimed `sync`, so that neither command's run waits on
the disk writing what the other just wrote (one syncs its files, the other does not).

    python3 interleave.py [--precise] RUNS command A ... -- command B ...

Prints the median wall time of A and of B in seconds, and the median of the per-pair ratios
B / A (with --precise: in milliseconds to 1/100, the ratio to 1/1000, for comparing two
builds of parbrief). Two warm-up pairs are not counted; output is discarded.
"""

import os
import statistics
import subprocess
import sys
import time


def timed(command):
    os.sync()
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    args = sys.argv[1:]
    precise = args[:1] == ["--precise"]
    if precise:
        args = args[1:]
    runs = int(args[0])
    rest = args[1:]
    split = rest.index("--")
    first, second = rest[:split], rest[split + 1 :]
    pairs = []
    for n in range(runs + 2):
        if n % 2 == 0:
            pair = (timed(first), timed(second))
        else:
            second_time = timed(second)
            pair = (timed(first), second_time)
        if n >= 2:
            pairs.append(pair)
    a = statistics.median(p[0] for p in pairs)
    b = statistics.median(p[1] for p in pairs)
    ratio = statistics.median(p[1] / p[0] for p in pairs)
    if precise:
        print(f"A {a * 1000:.2f} ms  B {b * 1000:.2f} ms  median pair ratio B/A {ratio:.3f}")
    else:
        print(f"{a:.3f} {b:.3f} {ratio:.1f}")


if __name__ == "__main__":
    main()
