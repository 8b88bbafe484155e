"""Summarise Benchmarks/out/*.jsonl into the tables of docs/benchmarks.md (printed on stdout)."""
import json
import os
import platform
import statistics
import subprocess
import sys
import zipfile

out, file, bigfile, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def load(name):
    path = os.path.join(out, name + ".jsonl")
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.strip()]


def median(rows, key):
    return statistics.median(r[key] for r in rows) if rows else float("nan")


def unzipped(path):
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist())


read, cal, opx, imp = load("duijie-read"), load("calamine"), load("openpyxl"), load("duijie-import")
d, c, o, i = median(read, "seconds"), median(cal, "seconds"), median(opx, "seconds"), median(imp, "seconds")
mib = 1024 * 1024
print(f"File: `{os.path.basename(file)}` — {read[0]['rows']:.0f} rows, {read[0]['cells']:.0f} cells, "
      f"{os.path.getsize(file) / mib:.1f} MiB on disk, {unzipped(file) / mib:.1f} MiB of XML inside.")
print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; medians of {runs} runs "
      f"(openpyxl {len(opx)}), readers interleaved.\n")
print("| reader | seconds (median) | vs Duijie | peak RSS MiB |")
print("|---|---|---|---|")
print(f"| Duijie `duijie-dev bench read` (release) | {d:.2f} | 1.00× | {median(read, 'peak_rss_mib'):.0f} |")
print(f"| python-calamine (Rust) | {c:.2f} | Duijie is **{c / d:.2f}× faster** | {median(cal, 'peak_rss_mib'):.0f} |")
print(f"| openpyxl read-only | {o:.2f} | Duijie is {o / d:.1f}× faster | {median(opx, 'peak_rss_mib'):.0f} |")
print()
print("| full import into SQLite | seconds (median) | vs reading | peak RSS MiB |")
print("|---|---|---|---|")
print(f"| Duijie `duijie-dev bench import` (validate, dedupe index, one transaction) | {i:.2f} | {i / d:.1f}× | "
      f"{median(imp, 'peak_rss_mib'):.0f} |")
if bigfile:
    big = load("duijie-read-1m")
    if big:
        b = big[0]
        print()
        print(f"1,000,000-row sheet (`{os.path.basename(bigfile)}`, {os.path.getsize(bigfile) / mib:.0f} MiB on disk, "
              f"{unzipped(bigfile) / mib:.0f} MiB of XML): read in {b['seconds']:.1f} s, peak RSS "
              f"**{b['peak_rss_mib']:.0f} MiB**.")
