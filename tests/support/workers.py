"""Set-up of the test run's processes, loaded before pytest's plugins (`-p
tests.support.workers` in pyproject's addopts) so that it holds for the controller, for
xdist's workers and for the commands the tests start.

- Bytecode kept between runs, outside the checkout, when the environment says not to write
  it (PYTHONDONTWRITEBYTECODE): pytest then rewrote and compiled ~110 test modules anew in
  every worker (6.7 s of CPU each; 3.4 s with this folder warm), every command a test starts
  compiled riotgame anew (0.25 -> 0.13 s), and the controller rewrote the 111 modules of the
  plugins it loads (hypothesis, syrupy, xdist...: 3.5 s before any worker started) on every
  run, because a conftest.py is read only after the plugins. A fresh folder for each run
  would cost more than it saves (10 s: every library compiled again from its sources).
- Not a worker more than the cores: tried (cores + 1 from pytest_xdist_auto_num_workers, to
  fill Pilot's idle waits), tests/ui alone took more CPU and more wall (two alternating
  pairs, load 2-5: 71-80 s user and 91-98 s wall with two workers, 83-87 s and 109-111 s
  with three).
"""

from __future__ import annotations

import os
import sys
import tempfile

if os.environ.get("PYTHONDONTWRITEBYTECODE"):
    PYCACHE = os.path.join(tempfile.gettempdir(), f"riotgame-tests-pycache-{os.getuid()}")
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix = PYCACHE
    sys.dont_write_bytecode = False
