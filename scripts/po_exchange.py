"""Hand a part of a story catalogue to a translator as YAML, and take the translations back.

    python scripts/po_exchange.py export --lang es --prefix c3_ [--all] > c3.yaml
    python scripts/po_exchange.py import --lang es my-c3.yaml --from c3.yaml

`export` writes, for each entry whose key starts with one of the prefixes, the English as
a YAML block (untranslated and fuzzy entries only, unless --all), in the catalogue's
order, with the old translation and the English it was made from as comments for a
fuzzy one. `import` reads a YAML mapping of key to translation and writes each into
story/locales/LANG.po: the translation is set and its fuzzy mark cleared. With --from (the
file `export` wrote, that the translator worked from), an entry whose English changed in
the meantime keeps the translation but is marked fuzzy, with the English it was made
from, as `l10n update` would. A key that is not in the catalogue is refused with its line
in the YAML; nothing is written then. Run
`riotgame check --lang LANG` afterwards: it says what a translation got wrong.

For people and tools who find a mapping easier to write than PO syntax; the catalogue
stays the one source of truth.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from riotgame.l10n.catalogue import catalogue_path, read_po, write_po

STORY = Path(__file__).resolve().parent.parent / "story"


def export(po_path: Path, prefixes: list[str], everything: bool) -> str:
    out = []
    for e in read_po(po_path):
        if not e.msgctxt or not e.msgctxt.startswith(tuple(prefixes)):
            continue
        fuzzy = "fuzzy" in e.flags
        if e.msgstr and not fuzzy and not everything:
            continue
        if fuzzy:
            out.append(_comment("was translated from", e.previous_msgid or ""))
            out.append(_comment("as", e.msgstr))
        out.append(yaml.safe_dump({e.msgctxt: e.msgid}, allow_unicode=True, width=10**6))
    return "".join(out)


def _comment(label: str, text: str) -> str:
    return "".join(f"# {label}: {line}\n" for line in text.splitlines() or [""])


def import_(po_path: Path, yaml_path: Path, source_path: Path | None = None) -> int:
    sources = _sources(source_path) if source_path else {}
    node = yaml.compose(yaml_path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    if node is None:
        return 0
    if not isinstance(node, yaml.MappingNode):
        sys.exit(f"{yaml_path}:1:1: expected a mapping of key to translation")
    po = read_po(po_path)
    by_key = {e.msgctxt: e for e in po if e.msgctxt}
    done = 0
    for key_node, value_node in node.value:
        where = f"{yaml_path}:{key_node.start_mark.line + 1}:{key_node.start_mark.column + 1}"
        if key_node.value not in by_key:
            sys.exit(f"{where}: no entry {key_node.value!r} in {po_path}; nothing written")
        if not isinstance(value_node, yaml.ScalarNode):
            sys.exit(f"{where}: the translation must be text; nothing written")
        entry = by_key[key_node.value]
        entry.msgstr = value_node.value
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = None
        was = sources.get(entry.msgctxt, entry.msgid)
        if was != entry.msgid:  # the English changed after the translator's export
            entry.flags.append("fuzzy")
            entry.previous_msgid = was
        done += 1
    write_po(po, po_path)
    return done


def _sources(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        sys.exit(f"{path}:1:1: expected the mapping of key to English that export wrote")
    return {str(k): str(v) for k, v in data.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("--lang", required=True)
    ex.add_argument("--prefix", action="append", required=True)
    ex.add_argument("--all", action="store_true", help="translated entries too")
    ex.add_argument("--story", type=Path, default=STORY)
    im = sub.add_parser("import")
    im.add_argument("--lang", required=True)
    im.add_argument("file", type=Path)
    im.add_argument("--from", dest="source", type=Path, help="the export translated from")
    im.add_argument("--story", type=Path, default=STORY)
    args = parser.parse_args(argv)
    po_path = catalogue_path(args.story, args.lang)
    if args.command == "export":
        sys.stdout.write(export(po_path, args.prefix, args.all))
    else:
        print(f"{import_(po_path, args.file, args.source)} translations written to {po_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
