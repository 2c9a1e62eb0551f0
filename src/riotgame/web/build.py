"""`riotgame build-web OUT/`: a static folder that plays the whole game in the browser.

The folder holds the page (static/), the story compiled to JSON (engine.story.compiled),
the engine's Python in one zip (exactly the modules the bridge imports, plus PyYAML's
pure-Python modules for the save files), and the Pyodide runtime copied from the npm
package in web/node_modules: nothing is fetched from anywhere else when the page is played.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from string import Template

from riotgame import __version__, paths
from riotgame.engine.story.compiled import (
    dumps_compiled,
    load_compiled,
    loads_compiled,
    portable,
)
from riotgame.engine.story.loader import compile_story
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem

STATIC = Path(__file__).resolve().parent / "static"
SNAPSHOT_SCRIPT = Path(__file__).resolve().parent / "snapshot.mjs"
PAGE_FILES = ("app.js", "render.js", "store.js", "worker.js", "style.css")
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
BUILD_INFO = "build-info.json"
MAX_FILES = 1000  # itch.io: an HTML game has fewer than 1,000 files
MAX_FILE_BYTES = 200_000_000  # and no file over 200 MB
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed times: the same sources build the same zip


class BuildError(Exception):
    """The build cannot go on; str() says why and what to do."""


@dataclass(frozen=True)
class BuildResult:
    out: Path
    files: int
    bytes: int
    largest: tuple[str, int]
    notes: tuple[str, ...] = ()
    zip_path: Path | None = None
    zip_bytes: int = 0

    def lines(self) -> list[str]:
        name, size = self.largest
        lines = [
            f"Built {self.out}: {self.files} files, {_mb(self.bytes)} "
            f"(largest: {name}, {_mb(size)})"
        ]
        lines.extend(self.notes)
        if self.zip_path:
            lines.append(f"Zipped to {self.zip_path}: {_mb(self.zip_bytes)}")
        lines.append(
            f"itch.io limits: fewer than {MAX_FILES:,} files, none over {_mb(MAX_FILE_BYTES)}: met"
        )
        return lines


def pyodide_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Where the Pyodide npm package is: --pyodide, $RIOTGAME_PYODIDE, or the checkout's
    web/node_modules/pyodide (`npm ci` in web/ puts it there)."""
    if option:
        return Path(option)
    env = os.environ.get("RIOTGAME_PYODIDE")
    if env:
        return Path(env)
    return paths.CHECKOUT_DIR / "web" / "node_modules" / "pyodide"


def build_web(
    out: Path,
    story_root: Path,
    extra: Sequence[str | Path] = (),
    *,
    pyodide: Path | None = None,
    make_zip: bool = False,
    snapshot: bool = True,
) -> tuple[BuildResult | None, list[Problem]]:
    """Write the web build into `out`. Returns (result, problems); result is None when the
    story has errors. Raises BuildError for anything else that stops the build."""
    source = pyodide or pyodide_dir()
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        raise BuildError(
            f"Pyodide not found in {source} (missing {', '.join(missing)}): "
            "run `npm ci` in web/, or give --pyodide DIR"
        )
    compiled, problems = compile_story(story_root, extra)
    if compiled is None:
        return None, problems
    shipped = dumps_compiled(portable(compiled, story_root))  # no folder of this machine
    story, _ = load_compiled(loads_compiled(shipped))  # what the page will read
    _prepare(out)
    (out / "story.json").write_text(shipped, encoding="utf-8")
    _write_python(out / "app.zip")
    version = _copy_pyodide(source, out / "pyodide")
    memory, notes = _make_snapshot(out) if snapshot else (None, ["Built without a snapshot."])
    _write_page(out, story, memory)
    _write_licenses(out / "LICENSES.txt", version)
    info = {"riotgame": __version__, "pyodide": version, "story": story.id, "snapshot": memory,
            "fingerprint": story.fingerprint, "key": compiled["key"]}  # fmt: skip
    (out / BUILD_INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    result = measure(out, notes)
    if make_zip:
        zip_path = out.parent / (out.name + ".zip")
        _zip_folder(out, zip_path)
        result = replace(result, zip_path=zip_path, zip_bytes=zip_path.stat().st_size)
    return result, problems


def measure(out: Path, notes: Sequence[str] = ()) -> BuildResult:
    """Count and size the folder's files; raises BuildError when over itch.io's limits."""
    sizes = {str(p.relative_to(out)): p.stat().st_size for p in out.rglob("*") if p.is_file()}
    largest = max(sizes.items(), key=lambda item: item[1])
    if len(sizes) >= MAX_FILES or largest[1] > MAX_FILE_BYTES:
        raise BuildError(
            f"{out}: {len(sizes)} files, largest {largest[0]} {_mb(largest[1])}: "
            "over itch.io's limits"
        )
    return BuildResult(out, len(sizes), sum(sizes.values()), largest, tuple(notes))


def _make_snapshot(out: Path) -> tuple[str | None, list[str]]:
    """Pyodide's memory with the engine imported and the story loaded (snapshot.mjs, run
    with node), named by its content. (None, why) when there is no node to make it."""
    node = shutil.which("node")
    if node is None:
        return None, ["node not found: built without a start-up snapshot (the page starts slower)"]
    run = subprocess.run([node, str(SNAPSHOT_SCRIPT), str(out)], capture_output=True, text=True)
    made = out / "snapshot.bin.gz"
    if run.returncode != 0 or not made.is_file():
        raise BuildError(f"making the start-up snapshot failed:\n{run.stderr[-2000:]}")
    digest = hashlib.sha256(made.read_bytes()).hexdigest()[:12]
    name = f"snapshot-{digest}.bin.gz"  # a new name for new content: no stale cached copy
    made.rename(out / name)
    return name, []


def _prepare(out: Path) -> None:
    """An empty folder, or a previous build (replaced); never anything else."""
    if out.exists():
        if not out.is_dir():
            raise BuildError(f"{out} exists and is not a folder")
        if any(out.iterdir()):
            if not (out / BUILD_INFO).is_file():
                raise BuildError(
                    f"{out} is not empty and is not a riotgame web build: "
                    "choose an empty or new folder"
                )
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    # marked at once, so a build that fails half-way can still be replaced by the next one
    (out / BUILD_INFO).write_text('{"complete": false}\n', encoding="utf-8")


def _write_page(out: Path, story: Story, snapshot: str | None) -> None:
    note = " ".join(story.content_note.split()) or "This story has no content note."
    page = Template((STATIC / "index.html").read_text(encoding="utf-8")).substitute(
        title=html.escape(story.title),
        description=html.escape(f"{story.title}: a narrative game. Content note: {note}"),
        note=f'<p class="note">{html.escape(note)}</p>',
        snapshot=f'<meta name="riotgame-snapshot" content="{html.escape(snapshot)}">'
        if snapshot
        else "",
    )
    (out / "index.html").write_text(page, encoding="utf-8")
    for name in PAGE_FILES:
        shutil.copyfile(STATIC / name, out / name)


def bridge_modules() -> list[str]:
    """The riotgame modules the bridge imports, found by importing it in a fresh Python
    (so the bundle follows the code, and holds nothing the browser does not run)."""
    code = (
        "import sys, riotgame.web.bridge; "
        "print(*sorted(m for m in sys.modules if m.split('.')[0] == 'riotgame'))"
    )
    env = {**os.environ, "RIOTGAME_CACHE": "off"}
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return run.stdout.split()


def _python_files() -> list[tuple[Path, str]]:
    """(file, name in the zip) of every module the page may run: the whole engine (its
    modules import others inside functions, which no import at build time would find),
    the other riotgame modules the bridge imports, and PyYAML's pure-Python modules."""
    import yaml

    package = Path(__file__).resolve().parents[1]  # src/riotgame
    engine = sorted((package / "engine").rglob("*.py"))
    outside = [
        Path((sys.modules.get(name) or __import__(name, fromlist=["_"])).__file__ or "")
        for name in bridge_modules()
        if not name.startswith("riotgame.engine")
    ]
    files = [(path, path.relative_to(package.parent).as_posix()) for path in engine + outside]
    yaml_dir = Path(yaml.__file__).parent
    for path in sorted(yaml_dir.glob("*.py")):
        if path.name != "cyaml.py":  # libyaml's bindings: there is no libyaml in the page
            files.append((path, f"yaml/{path.name}"))
    return files


def _write_python(target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path, name in sorted(_python_files(), key=lambda item: item[1]):
            archive.writestr(
                zipfile.ZipInfo(name, ZIP_TIME), path.read_bytes(), zipfile.ZIP_DEFLATED
            )


def _copy_pyodide(source: Path, target: Path) -> str:
    """The runtime files, and a lock file without the package index (the page installs no
    packages, so nothing is ever looked up on a CDN). Returns Pyodide's version."""
    target.mkdir()
    for name in PYODIDE_FILES:
        shutil.copyfile(source / name, target / name)
    lock = json.loads((source / "pyodide-lock.json").read_text(encoding="utf-8"))
    trimmed = {"info": lock["info"], "packages": {}}
    (target / "pyodide-lock.json").write_text(json.dumps(trimmed), encoding="utf-8")
    package = json.loads((source / "package.json").read_text(encoding="utf-8"))
    return str(package.get("version", "unknown"))


def _write_licenses(target: Path, pyodide_version: str) -> None:
    from importlib import metadata

    try:
        dist = metadata.distribution("PyYAML")
        license_file = next((f for f in dist.files or [] if "LICENSE" in f.name.upper()), None)
        yaml_license = license_file.read_text() if license_file else "MIT License"
    except metadata.PackageNotFoundError:
        yaml_license = "MIT License"
    target.write_text(
        f"riotgame {__version__}: MIT License.\n\n"
        f"Pyodide {pyodide_version} (pyodide/, copied unchanged from the npm package "
        '"pyodide"): Mozilla Public License 2.0; source at https://github.com/pyodide/pyodide. '
        "It includes CPython (PSF License) and its standard library.\n\n"
        f"PyYAML (yaml/ in app.zip):\n{yaml_license}\n",
        encoding="utf-8",
    )


def _zip_folder(folder: Path, target: Path) -> None:
    """The folder's files at the top of the zip (itch.io wants index.html there)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            archive.writestr(
                zipfile.ZipInfo(name, ZIP_TIME), path.read_bytes(), zipfile.ZIP_DEFLATED
            )


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
