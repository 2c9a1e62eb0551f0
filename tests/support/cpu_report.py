"""A pytest plugin that measures each test's CPU, not its wall time (which on a shared
machine says more about the load than about the test):

    CPU_REPORT=/tmp/cpu.jsonl python -m pytest -p tests.support.cpu_report

Each test (set-up and tear-down included) adds a line to the file: its id, the CPU of the
process that ran it (`time.process_time`), the CPU of the commands it started and waited
for (RUSAGE_CHILDREN) and its wall time. Works with xdist's workers (they append to the
same file); the run ends with the files that cost most. Start from an empty file.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections import defaultdict

import pytest

REPORT = os.environ.get("CPU_REPORT", "")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    cpu, children, wall = time.process_time(), children_cpu(), time.perf_counter()
    yield
    if REPORT:
        row = {
            "id": item.nodeid,
            "cpu": time.process_time() - cpu,
            "children": children_cpu() - children,
            "wall": time.perf_counter() - wall,
        }
        with open(REPORT, "a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")


def pytest_terminal_summary(terminalreporter, config):
    if not REPORT or hasattr(config, "workerinput") or not os.path.exists(REPORT):
        return
    files: defaultdict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    with open(REPORT, encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            cost = files[row["id"].split("::")[0]]
            cost[0] += row["cpu"]
            cost[1] += row["children"]
    total = [sum(cost[i] for cost in files.values()) for i in (0, 1)]
    write = terminalreporter.write_line
    write(f"CPU in tests: {total[0]:.1f} s, in the commands they started: {total[1]:.1f} s")
    for name, (cpu, children) in sorted(files.items(), key=lambda f: -sum(f[1]))[:15]:
        write(f"  {cpu:7.1f} {children:7.1f}  {name}")
