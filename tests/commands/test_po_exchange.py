"""scripts/po_exchange.py: a part of the catalogue out as YAML, translations back in."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "po_exchange.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def story_copy(tmp_path: Path) -> Path:
    story = tmp_path / "story"
    (story / "locales").mkdir(parents=True)
    shutil.copy(ROOT / "story" / "locales" / "es.po", story / "locales" / "es.po")
    return story


def test_export_lists_only_untranslated_entries_of_the_prefix(tmp_path: Path) -> None:
    story = story_copy(tmp_path)
    po = polib.pofile(str(story / "locales" / "es.po"))
    wanted = {e.msgctxt for e in po if e.msgctxt.startswith("c3_") and not e.translated()}
    out = run("export", "--lang", "es", "--prefix", "c3_", "--story", str(story))
    assert out.returncode == 0, out.stderr
    keys = {line.split(":", 1)[0] for line in out.stdout.splitlines() if line[:1].isalnum()}
    assert keys == wanted


def test_import_sets_the_translation_and_clears_fuzzy(tmp_path: Path) -> None:
    story = story_copy(tmp_path)
    path = story / "locales" / "es.po"
    po = polib.pofile(str(path))
    entry = po[5]
    entry.flags.append("fuzzy")
    po.save(str(path))
    (tmp_path / "t.yaml").write_text(f"{entry.msgctxt}: |-\n  Hola\n  mundo\n", encoding="utf-8")
    out = run("import", "--lang", "es", str(tmp_path / "t.yaml"), "--story", str(story))
    assert out.returncode == 0, out.stderr
    after = {e.msgctxt: e for e in polib.pofile(str(path))}[entry.msgctxt]
    assert after.msgstr == "Hola\nmundo"
    assert "fuzzy" not in after.flags


def test_import_refuses_an_unknown_key_and_writes_nothing(tmp_path: Path) -> None:
    story = story_copy(tmp_path)
    path = story / "locales" / "es.po"
    before = path.read_bytes()
    (tmp_path / "t.yaml").write_text("c1_queue.p1: uno\nno_such.key: dos\n", encoding="utf-8")
    out = run("import", "--lang", "es", str(tmp_path / "t.yaml"), "--story", str(story))
    assert out.returncode != 0
    assert f"{tmp_path / 't.yaml'}:2:1: no entry 'no_such.key'" in out.stderr
    assert path.read_bytes() == before


def test_import_marks_fuzzy_what_changed_in_english_after_the_export(tmp_path: Path) -> None:
    story = story_copy(tmp_path)
    path = story / "locales" / "es.po"
    po = polib.pofile(str(path))
    for entry in [e for e in po if e.msgctxt.startswith("c3_")][:2]:  # two left to translate
        entry.msgstr, entry.flags = "", []
    po.save(str(path))
    out = run("export", "--lang", "es", "--prefix", "c3_", "--story", str(story))
    (tmp_path / "todo.yaml").write_text(out.stdout, encoding="utf-8")
    po = polib.pofile(str(path))
    changed, same = [e for e in po if e.msgctxt.startswith("c3_") and not e.translated()][:2]
    old_english = changed.msgid
    changed.msgid = "The English was edited meanwhile."
    po.save(str(path))
    mine = f"{changed.msgctxt}: uno\n{same.msgctxt}: dos\n"
    (tmp_path / "mine.yaml").write_text(mine, encoding="utf-8")
    args = ["import", "--lang", "es", str(tmp_path / "mine.yaml"), "--story", str(story)]
    out = run(*args, "--from", str(tmp_path / "todo.yaml"))
    assert out.returncode == 0, out.stderr
    after = {e.msgctxt: e for e in polib.pofile(str(path))}
    assert "fuzzy" in after[changed.msgctxt].flags
    assert after[changed.msgctxt].previous_msgid == old_english
    assert after[changed.msgctxt].msgstr == "uno"
    assert "fuzzy" not in after[same.msgctxt].flags
