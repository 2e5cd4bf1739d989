"""Where a build's time goes, by part of the pipeline, from `perf` samples with call stacks.

    cargo build --release                       # with line tables: see below
    perf record -o run.data --call-graph dwarf,16384 -- target/release/parbrief build ...
    perf script -i run.data -F comm,ip,sym > run.txt
    python3 bench/perf-shares.py run.txt [more.txt ...]

Build with `CARGO_PROFILE_RELEASE_DEBUG=line-tables-only` (and `--target-dir` elsewhere, to
keep the benchmark's binary) so that the stacks name functions. Each sample counts for the
innermost part named on its stack (a `malloc` called from the layout is the layout's); a
sample under none of them is "the rest". Prints the shares of all samples, largest first.
"""

import collections
import sys

# (part, substrings of a frame's symbol); the first part matched from the leaf outwards wins.
PARTS = [
    ("deflating (zlib-rs)", ("zlib_rs::",)),
    ("wording (minijinja)", ("minijinja::",)),
    ("YAML parse and checks", ("serde_saphyr", "saphyr", "parbrief::raw::", "parbrief::validate::")),
    ("layout", ("parbrief::layout::",)),
    ("subsetting", ("parbrief::pdf::subset::",)),
    ("structure tree and XMP", ("parbrief::pdf::tagged::",)),
    ("page content", ("parbrief::pdf::content::",)),
    ("writing the objects", ("parbrief::pdf::save::",)),
    ("printpdf's frame", ("printpdf::",)),
    ("SHA-256", ("sha2::",)),
    ("briefing model and context", ("parbrief::briefing::",)),
    ("fonts' encoding and dictionaries", ("parbrief::pdf::embed::", "parbrief::pdf::fonts::")),
    ("writing, syncing, committing files", ("parbrief::write::",)),
]


def symbol(line):
    parts = line.strip().split(None, 1)
    return parts[1] if len(parts) > 1 else ""


def part_of(frames):
    for frame in frames:
        for name, keys in PARTS:
            if any(key in frame for key in keys):
                return name
    return "the rest"


def main():
    counts = collections.Counter()
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8", errors="replace") as f:
            for sample in f.read().split("\n\n"):
                lines = [l for l in sample.strip().split("\n")[1:] if l.strip()]
                if lines:
                    counts[part_of([symbol(l) for l in lines])] += 1
    total = sum(counts.values())
    print(f"{total} samples")
    for name, n in counts.most_common():
        print(f"{100 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
