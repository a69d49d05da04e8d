"""Refresh resources/translations/*.ts from pos_app/ with pyside6-lupdate, then compile the .qm
files into pos_app/resources/translations/ with pyside6-lrelease.

Beyond plain lupdate it understands the module-level `_tr(text, n)` helpers some modules use
(`QCoreApplication.translate("<Context>", text, None, n)` inside): lupdate files those calls under
an empty context, so each such module is scanned on its own and its context name put back.
Existing translations are kept; strings gone from the code are dropped. The English catalogue
holds only plural forms and is filled in here from the "(s)" in the source text.

Usage: python scripts/update_translations.py [--check]
  --check: change nothing; exit 1 if a .ts file is out of date or has unfinished entries.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "pos_app"
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = ROOT / "pos_app" / "resources" / "translations"
LANGUAGES = {
    "lt": ("lt_LT", 3, False),
    "en": ("en_GB", 2, True),
}  # code: (TS language, forms, plural-only)
HELPER = re.compile(r"def _tr\(.*?QCoreApplication\.translate\(\s*\"(\w+)\"\s*,\s*text\b", re.S)

Key = tuple[str, str, str]


def tool(name: str) -> str:
    """A Qt tool from the venv next to this Python, else from PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install PySide6 (pip install -e '.[dev]')")
    return found


def lupdate(files: list[Path], ts: Path, alias: bool = False) -> None:
    args = [tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-locations", "absolute"]
    if alias:
        args += ["-tr-function-alias", "tr+=_tr"]
    subprocess.run([*args, *map(str, files), "-ts", str(ts)], check=True)


def extract(tmp: Path) -> list[tuple[str, ET.Element]]:
    """Every (context, message) in the code, locations relative to TS_DIR."""
    files = sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)
    runs: list[tuple[Path, str | None]] = []
    main_ts = tmp / "main.ts"
    lupdate(files, main_ts)
    runs.append((main_ts, None))
    for index, path in enumerate(files):
        match = HELPER.search(path.read_text(encoding="utf-8"))
        if match:
            ts = tmp / f"helper{index}.ts"
            lupdate([path], ts, alias=True)
            runs.append((ts, match.group(1)))
    seen: set[Key] = set()
    out: list[tuple[str, ET.Element]] = []
    for ts, helper_context in runs:
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name") or ""
            if helper_context is not None:
                if name:
                    continue  # class contexts came from the main run already
                name = helper_context
            for message in context.iter("message"):
                for location in message.iter("location"):
                    absolute = (tmp / location.get("filename", "")).resolve()
                    location.set("filename", os.path.relpath(absolute, TS_DIR))
                    location.attrib.pop("line", None)
                key = (name, message.findtext("source") or "", message.findtext("comment") or "")
                if key not in seen:
                    seen.add(key)
                    out.append((name, message))
    return out


def message_key(context: str, message: ET.Element) -> Key:
    return (context, message.findtext("source") or "", message.findtext("comment") or "")


def english_forms(source: str) -> list[str]:
    return [source.replace("(s)", ""), source.replace("(s)", "s")]


def merge(messages: list[tuple[str, ET.Element]], code: str, existing: Path) -> ET.Element:
    """The new .ts for language `code`: fresh messages, translations carried over."""
    language, forms, plural_only = LANGUAGES[code]
    old: dict[Key, ET.Element] = {}
    if existing.exists():
        for context in ET.parse(existing).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                old[message_key(name, message)] = message.find("translation")  # type: ignore[assignment]
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    contexts: dict[str, ET.Element] = {}
    for context_name, fresh in sorted(messages, key=lambda item: item[0]):
        numerus = fresh.get("numerus") == "yes"
        if plural_only and not numerus:
            continue
        if context_name not in contexts:
            contexts[context_name] = ET.SubElement(root, "context")
            ET.SubElement(contexts[context_name], "name").text = context_name
        message = ET.SubElement(contexts[context_name], "message")
        if numerus:
            message.set("numerus", "yes")
        for filename in dict.fromkeys(loc.get("filename", "") for loc in fresh.iter("location")):
            ET.SubElement(message, "location", filename=filename)
        source = fresh.findtext("source") or ""
        ET.SubElement(message, "source").text = source
        if fresh.findtext("comment"):
            ET.SubElement(message, "comment").text = fresh.findtext("comment")
        translation = ET.SubElement(message, "translation")
        previous = old.get(message_key(context_name, fresh))
        if plural_only:
            for text in english_forms(source):
                ET.SubElement(translation, "numerusform").text = text
        elif previous is not None and _finished(previous, numerus, forms):
            if numerus:
                for form in previous.iter("numerusform"):
                    ET.SubElement(translation, "numerusform").text = form.text or ""
            else:
                translation.text = previous.text
        else:
            translation.set("type", "unfinished")
            if numerus:
                old_forms = [] if previous is None else list(previous.iter("numerusform"))
                for index in range(forms):
                    form = ET.SubElement(translation, "numerusform")
                    form.text = old_forms[index].text if index < len(old_forms) else ""
            elif previous is not None:
                translation.text = previous.text
    ET.indent(root, space="    ")
    return root


def _finished(translation: ET.Element, numerus: bool, forms: int) -> bool:
    if translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    if numerus:
        texts = [form.text for form in translation.iter("numerusform")]
        return len(texts) == forms and all(texts)
    return bool(translation.text)


def render(root: ET.Element) -> str:
    body: str = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"


def unfinished(text: str) -> int:
    return text.count('type="unfinished"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if stale")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        messages = extract(Path(tmp))
    status = 0
    TS_DIR.mkdir(parents=True, exist_ok=True)
    QM_DIR.mkdir(parents=True, exist_ok=True)
    for code in LANGUAGES:
        ts = TS_DIR / f"pos_app_{code}.ts"
        text = render(merge(messages, code, ts))
        current = ts.read_text(encoding="utf-8") if ts.exists() else ""
        left = unfinished(text)
        print(f"{ts.relative_to(ROOT)}: {text.count('<message')} messages, {left} unfinished")
        if args.check:
            if text != current or left:
                status = 1
            continue
        ts.write_text(text, encoding="utf-8")
        qm = QM_DIR / f"pos_app_{code}.qm"
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
