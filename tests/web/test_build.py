"""`riotgame build-web`: the folder it writes, its size report, and what it refuses.

These need the Pyodide npm package (`npm ci` in web/; .ci/run does it first). The page
itself is tested in a real browser by web/tests/ (node --test)."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from riotgame.cli import main
from riotgame.engine import load_story
from riotgame.engine.story.compiled import load_compiled, loads_compiled
from riotgame.web.build import MAX_FILE_BYTES, MAX_FILES, bridge_modules, pyodide_dir

REPO = Path(__file__).resolve().parents[2]
BRANCH = REPO / "examples" / "branches" / "shirt_man.yaml"

needs_pyodide = pytest.mark.skipif(
    not (pyodide_dir() / "pyodide.asm.wasm").is_file(),
    reason="the pyodide npm package is not installed: run `npm ci` in web/",
)


# Each build copies Pyodide, and one with a snapshot boots it in node (~10 s of CPU): the
# tests share two builds, the full one (snapshot and zip) and a plain one (a branch given
# with --with, no snapshot), and read what each build printed.
def build_once(out: Path, *options: str) -> tuple[Path, str]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["build-web", str(out), *options]) == 0
    return out, printed.getvalue()


@pytest.fixture(scope="module")
def full_build(tmp_path_factory):
    """(folder, printed) of `build-web site --zip`."""
    return build_once(tmp_path_factory.mktemp("web") / "site", "--zip")


@pytest.fixture(scope="module")
def built(full_build):
    return full_build[0]


@pytest.fixture(scope="module")
def plain_build(tmp_path_factory):
    """(folder, printed) of `build-web site --with BRANCH --no-snapshot`."""
    out = tmp_path_factory.mktemp("web-plain") / "site"
    return build_once(out, "--with", str(BRANCH), "--no-snapshot")


def files_of(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()]


@needs_pyodide
def test_the_build_is_within_itch_io_limits_and_says_its_size(full_build):
    out, printed = full_build
    files = files_of(out)
    total = sum(p.stat().st_size for p in files)
    assert f"{len(files)} files, {total / 1_000_000:.1f} MB" in printed
    assert len(files) < MAX_FILES
    assert max(p.stat().st_size for p in files) < MAX_FILE_BYTES
    # Pyodide's runtime is ~13 MB and the start-up snapshot ~7 MB: nothing else is big
    assert total < 25_000_000
    snapshot = json.loads((out / "build-info.json").read_text())["snapshot"]
    assert (out / snapshot).is_file()
    assert (
        f'<meta name="riotgame-snapshot" content="{snapshot}">' in (out / "index.html").read_text()
    )


@needs_pyodide
def test_without_the_snapshot_the_build_is_smaller_and_says_so(plain_build):
    out, printed = plain_build
    assert "without a snapshot" in printed
    assert not list(out.glob("snapshot*"))
    assert "riotgame-snapshot" not in (out / "index.html").read_text()
    assert sum(p.stat().st_size for p in files_of(out)) < 15_000_000


@needs_pyodide
def test_the_zip_holds_the_folder_with_the_page_at_its_top(built):
    with zipfile.ZipFile(built.parent / "site.zip") as archive:
        names = set(archive.namelist())
    assert names == {p.relative_to(built).as_posix() for p in files_of(built)}
    assert "index.html" in names


@needs_pyodide
def test_the_page_is_served_from_the_folder_alone(built):
    page = (built / "index.html").read_text(encoding="utf-8")
    assert "Content note" in page and "violence" in page
    for text in [page, *(p.read_text(encoding="utf-8") for p in built.glob("*.js"))]:
        assert "cdn.jsdelivr" not in text and "https://" not in text.replace(
            "https://github.com/pyodide", ""
        )
    lock = json.loads((built / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["packages"] == {}  # no package index: nothing to fetch from a CDN


@needs_pyodide
def test_the_compiled_story_is_the_story(built):
    story, _ = load_story(REPO / "story")
    shipped, _ = load_compiled(loads_compiled((built / "story.json").read_text("utf-8")))
    assert shipped.fingerprint == story.fingerprint and shipped.nodes.keys() == story.nodes.keys()
    # and it names no folder of the machine it was built on: paths are the story's own
    text = (built / "story.json").read_text("utf-8")
    assert str(REPO) not in text and str(REPO.parent) not in text
    assert shipped.root == "." and "chapter1.yaml" in shipped.files
    assert shipped.nodes["c1_dawn"].loc.path == "chapter1.yaml"


@needs_pyodide
def test_a_branch_given_with_with_is_compiled_in(plain_build):
    out, _ = plain_build
    shipped, _ = load_compiled(loads_compiled((out / "story.json").read_text("utf-8")))
    branched, _ = load_story(REPO / "story", [BRANCH])
    assert shipped.nodes.keys() == branched.nodes.keys()
    assert shipped.nodes.keys() != load_story(REPO / "story")[0].nodes.keys()


@needs_pyodide
def test_the_python_bundle_is_what_the_bridge_imports_and_no_front_end(built):
    with zipfile.ZipFile(built / "app.zip") as archive:
        names = set(archive.namelist())
    assert "riotgame/web/bridge.py" in names and "yaml/composer.py" in names
    assert not any(n.startswith(("riotgame/ui/", "riotgame/cli")) for n in names)
    modules = {n.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for n in names}
    assert set(bridge_modules()) <= modules


@needs_pyodide
def test_a_folder_that_is_not_a_build_is_never_overwritten(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["build-web", str(tmp_path), "--pyodide", str(pyodide_dir())]) == 1
    err = capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert "riotgame build-web:" in err


def test_without_pyodide_the_build_says_what_to_do(tmp_path, capsys):
    assert main(["build-web", str(tmp_path / "out"), "--pyodide", str(tmp_path)]) == 1
    assert "npm ci" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@needs_pyodide
def test_a_story_with_errors_is_not_built(tmp_path, capsys):
    bad = tmp_path / "story"
    bad.mkdir()
    (bad / "story.yaml").write_text("id: t\ntitle: T\nstart: a\nfiles: []\n")
    code = main(["build-web", str(tmp_path / "out"), "--story", str(bad), "--pyodide",
                 str(pyodide_dir())])  # fmt: skip
    assert code == 1
    assert "E105" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
