"""Translation: text keys, catalogues (l10n extract/update), check --lang at exact positions,
and play in a language with the source as the fallback."""

from __future__ import annotations

import io

import polib
import pytest

from riotgame.cli import main
from riotgame.engine import Machine, load_story
from riotgame.engine.story.text import plain
from riotgame.l10n import app
from tests.support.stories import write_story

MANIFEST = """\
id: t
title: The Yard
start: a
stats:
  suspicion: {label: Suspicion, min: 0, max: 100, initial: 10}
flags:
  seen: {label: Seen by the guard, show: true}
endings:
  - {id: done, title: Done, description: It is over.}
files: [one.yaml]
"""

CHAPTER = """\
title: First
nodes:
  a:
    text: |
      The yard is grey.

      A guard {if flags.seen: watches you | else: looks away}, and *waits*.
    choices:
      - id: go
        text: Walk on
        reply: You walk. Suspicion is {suspicion}.
        effects: [flags.seen = true]
        goto: b
      - id: hide
        text: Hide
        disabled_if: suspicion < 50
        reason: Nobody is looking
        goto: b
  b:
    text:
      - if: flags.seen
        text: He saw you.
      - else: Nobody saw.
    ending: done
"""

SPANISH = {
    "story.title": "El patio",
    "a.p1": "El patio es gris.",
    "a.p2": "Un guardia {if flags.seen: te mira | else: voltea para otro lado}, y *espera*.",
    "a.choice.go.text": "Sigue caminando",
    "a.choice.go.reply": "Caminas. La sospecha va en {suspicion}.",
    "a.choice.hide.reason": "Nadie está mirando",
    "b.if1.p1": "Te vio.",
}


@pytest.fixture(autouse=True)
def english_afterwards():
    """Playing in a language sets the app's words for the process: back to English."""
    yield
    app.use("en")


@pytest.fixture
def yard(tmp_path):
    return write_story(tmp_path / "yard", CHAPTER, MANIFEST)


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def translate(root, table, lang="es"):
    """Fill the catalogue written by `l10n update` with `table` (key -> translation)."""
    path = root / "locales" / f"{lang}.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt in table:
            entry.msgstr = table[entry.msgctxt]
    po.save(str(path))
    return path


def line_of(path, key):
    """The line of the msgstr of `key` in a PO file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f'msgctxt "{key}"')
    return next(i for i in range(at, len(lines)) if lines[i].startswith("msgstr")) + 1


def codes(out, path):
    """(code, path:line:col) of each problem printed in the file at `path`."""
    lines = [line.split(": ", 2) for line in out.splitlines() if line.startswith(f"{path}:")]
    return sorted((rest.split()[0], where) for where, rest, *_ in lines)


# -- keys ------------------------------------------------------------------------------------


def test_every_readable_text_has_a_key_from_ids_and_place(yard):
    story, problems = load_story(yard)
    assert story is not None, problems
    texts = story.texts()
    assert list(texts) == [
        "story.title",
        "stat.suspicion.label",
        "flag.seen.label",
        "ending.done.title",
        "ending.done.description",
        "chapter.one.title",
        "a.p1",
        "a.p2",
        "a.choice.go.text",
        "a.choice.go.reply",
        "a.choice.hide.text",
        "a.choice.hide.reason",
        "b.if1.p1",
        "b.if1.else.p1",
    ]
    assert (
        texts["a.p2"][0] == "A guard {if flags.seen: watches you | else: looks away}, and *waits*."
    )
    # inline alternatives are keyed under their paragraph
    assert {"a.p2.if1", "a.p2.if1.else", "b.if1", "b.if1.else"} <= set(story.alternative_locs)


def test_keys_survive_an_edit_elsewhere_in_the_file(yard, tmp_path):
    before = load_story(yard)[0].texts()
    edited = CHAPTER.replace("  b:\n", "  c0:\n    text: New.\n    ending: done\n  b:\n")
    edited = edited.replace("The yard is grey.", "The yard is grey and wide.")
    after = load_story(write_story(tmp_path / "edited", edited, MANIFEST))[0].texts()
    assert set(before) <= set(after)
    changed = {k for k in before if before[k][0] != after[k][0]}
    assert changed == {"a.p1"}


# -- extract, update, check --------------------------------------------------------------------


def test_extract_writes_the_template(yard, capsys):
    code, out = run(capsys, "l10n", "extract", "--story", str(yard))
    assert code == 0, out
    pot = polib.pofile(str(yard / "locales" / "story.pot"))
    assert [e.msgctxt for e in pot][:2] == ["story.title", "stat.suspicion.label"]
    entry = pot.find("a.p2", by="msgctxt")
    assert entry.msgid.startswith("A guard {if flags.seen:")
    assert entry.occurrences == [("one.yaml", "7")]  # the paragraph's own line


def test_update_marks_exactly_the_changed_string_fuzzy_and_check_reports_it(yard, capsys):
    run(capsys, "l10n", "update", "--lang", "es", "--story", str(yard))
    path = translate(yard, SPANISH)
    chapter = yard / "one.yaml"
    chapter.write_text(
        chapter.read_text().replace("The yard is grey.", "The yard is grey and hot."), "utf-8"
    )
    code, out = run(capsys, "l10n", "update", "--lang", "es", "--story", str(yard))
    assert code == 0
    assert "1 marked fuzzy" in out
    po = polib.pofile(str(path))
    assert [e.msgctxt for e in po if "fuzzy" in e.flags] == ["a.p1"]
    entry = po.find("a.p1", by="msgctxt")
    assert (entry.msgid, entry.previous_msgid, entry.msgstr) == (
        "The yard is grey and hot.",
        "The yard is grey.",
        "El patio es gris.",
    )
    code, out = run(capsys, "check", "--lang", "es", "--story", str(yard))
    assert [c for c in codes(out, path) if c[0] != "W601"] == [
        ("W602", f"{path}:{line_of(path, 'a.p1')}:1")
    ]
    fuzzy = [line for line in out.splitlines() if " W602 " in line]
    assert fuzzy == [
        f'{path}:{line_of(path, "a.p1")}:1: W602 "a.p1": the source changed '
        f"(marked fuzzy; {chapter}:5:7)"
    ]
    assert code == 0  # not --strict
    code, _ = run(capsys, "check", "--lang", "es", "--strict", "--story", str(yard))
    assert code == 1


def test_removed_text_becomes_obsolete_and_a_moved_one_keeps_its_translation(yard, capsys):
    run(capsys, "l10n", "update", "--lang", "es", "--story", str(yard))
    path = translate(yard, SPANISH)
    chapter = yard / "one.yaml"
    text = chapter.read_text()
    text = text.replace("        reason: Nobody is looking\n", "        reason: Too many eyes\n")
    # a new first paragraph: "The yard is grey." moves from a.p1 to a.p2, and so on
    text = text.replace("      The yard is grey.\n", "      Dawn.\n\n      The yard is grey.\n")
    chapter.write_text(text, "utf-8")
    code, out = run(capsys, "l10n", "update", "--lang", "es", "--story", str(yard))
    assert code == 0
    po = polib.pofile(str(path))
    assert po.find("a.p2", by="msgctxt").msgstr == "El patio es gris."
    assert "fuzzy" not in po.find("a.p2", by="msgctxt").flags
    assert po.find("a.p1", by="msgctxt").msgstr == ""  # "Dawn." is new
    assert po.find("a.p3", by="msgctxt").msgstr.startswith("Un guardia")
    assert "fuzzy" in po.find("a.choice.hide.reason", by="msgctxt").flags
    assert "2 moved" in out


def test_check_lang_codes_at_their_positions(yard, capsys):
    run(capsys, "l10n", "update", "--lang", "es", "--story", str(yard))
    table = dict(SPANISH)
    table["a.p2"] = "Un guardia {if flags.seen: te mira}, y espera."  # emphasis lost: W604
    table["a.choice.go.reply"] = "Caminas. {sospecha}."  # unknown name: W605 (and W604)
    del table["b.if1.p1"]  # W601
    path = translate(yard, table)
    with path.open("a", encoding="utf-8") as po:
        po.write('\nmsgctxt "a.choice.gone.text"\nmsgid "Gone"\nmsgstr "Ido"\n')  # W603
    code, out = run(capsys, "check", "--lang", "es", "--story", str(yard))
    assert code == 0  # warnings, without --strict
    found = codes(out, path)
    n = line_of
    assert ("W601", f"{path}:{n(path, 'b.if1.p1')}:1") in found
    assert ("W603", f"{path}:{n(path, 'a.choice.gone.text')}:1") in found
    assert ("W604", f"{path}:{n(path, 'a.p2')}:1") in found
    assert ("W605", f"{path}:{n(path, 'a.choice.go.reply')}:1") in found
    assert "es: 6 of 14 strings translated (42.9%); 42.9% weighted" in out


def test_a_text_with_no_entry_is_reported_at_its_source(yard, capsys):
    run(capsys, "l10n", "update", "--lang", "es", "--story", str(yard))
    chapter = yard / "one.yaml"
    text = chapter.read_text().replace("*waits*.\n", "*waits*.\n\n      Rain.\n")
    chapter.write_text(text, "utf-8")
    code, out = run(capsys, "check", "--lang", "es", "--story", str(yard))
    assert code == 0  # warnings, without --strict
    assert f'{chapter}:9:7: W601 "a.p3" has no entry in' in out


@pytest.mark.parametrize(
    ("content", "line", "why"),
    [
        (b'msgid "a"\nmsgstr "b"\nbogus line\n', 3, "not a PO catalogue"),
        (b'msgid ""\nmsgstr "\xff"\n', 2, "not UTF-8"),
        (b"x" * 8_000_001, 0, "over the limit"),
    ],
    ids=["syntax", "encoding", "size"],
)
def test_a_broken_catalogue_is_one_clean_error(yard, capsys, monkeypatch, content, line, why):
    path = yard / "locales" / "es.po"
    path.parent.mkdir()
    path.write_bytes(content)
    code, out = run(capsys, "check", "--lang", "es", "--story", str(yard))
    assert code == 1
    assert f"{path}:{line}:{1 if line else 0}: E600 " in out and why in out
    assert "Traceback" not in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    saves = str(yard / "saves")
    code, out = run(
        capsys, "play", "--plain", "--lang", "es", "--story", str(yard), "--saves-dir", saves
    )
    assert "E600" in out and "The story is played in English." in out and code == 0


# -- playing a translation ------------------------------------------------------------------


def test_a_translation_replaces_each_text_and_falls_back_alone(yard):
    story, problems = load_story(yard, translations=SPANISH)
    assert story is not None, problems
    machine = Machine(story)
    state, _ = machine.start(seed=1)
    assert plain(machine.passage(state)) == (
        "El patio es gris.\n\nUn guardia voltea para otro lado, y espera."
    )
    views = machine.choices(state)
    assert [plain(v.text) for v in views] == ["Sigue caminando", "Hide"]  # Hide: no translation
    assert views[1].reason == "Nadie está mirando"
    assert story.title == "El patio" and story.endings[0].title == "Done"
    state, _ = machine.choose(state, "go")
    assert plain(machine.passage(state)).startswith("Caminas. La sospecha va en 10.")


def test_a_faulty_translation_shows_the_source(yard):
    story, _ = load_story(yard, translations={"a.p1": "El patio {es gris."})
    machine = Machine(story)
    assert plain(machine.passage(machine.start(seed=1)[0])).startswith("The yard is grey.")
    assert story.rejected["a.p1"][0][0] == "E142"


def test_check_against_lists_the_translations_an_edit_outdated(yard, tmp_path, capsys):
    import shutil

    run(capsys, "l10n", "update", "--lang", "es", "--story", str(yard))
    translate(yard, SPANISH)
    old = tmp_path / "released"
    shutil.copytree(yard, old)
    chapter = yard / "one.yaml"
    text = chapter.read_text().replace("The yard is grey.", "The yard is white.")
    chapter.write_text(text.replace("He saw you.", "He saw you, clearly."), "utf-8")
    code, out = run(capsys, "check", "--story", str(yard), "--against", str(old))
    assert code == 0
    lines = out.splitlines()
    at = lines.index("Translations (es) made outdated by the edits: 2")
    assert lines[at + 1 : at + 3] == [f"  a.p1  {chapter}:5:7", f"  b.if1.p1  {chapter}:22:15"]
