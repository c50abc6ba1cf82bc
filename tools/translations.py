"""The translation pipeline: refresh every shipped .ts from the sources with Qt's lupdate and say what is left.

    python tools/translations.py            refresh resources/translations/*_id.ts, list unfinished entries
    python tools/translations.py --check    change nothing; exit 1 when a .ts is stale or has unfinished entries
    python tools/translations.py --words-from BRANCH   also take the translations a merged branch's .ts had

How strings are found. lupdate reads the Python sources: ``self.tr("...")`` (the class is the context),
``QCoreApplication.translate("Ctx", "...")`` and ``QT_TRANSLATE_NOOP("Ctx", "...")`` (explicit contexts), and the
module-level helpers ``tr("...")`` / ``_t("...")`` that the console's modules define or import. lupdate gives
those the empty context, so this tool reads each module's helper (its ``QCoreApplication.translate(<context>,
text)``) and runs lupdate once per helper context, naming the strings' context after it. A module may have one
such helper only.

Where strings go. Each .ts collects the contexts found in its sources (``TS_FILES``; modules nobody claims belong
to the console); one context lives in one .ts. Existing translations are kept, wherever they lived before (a
context that moved keeps its words); a new string is added as "unfinished" for the translator (you), and listed.
A translated string no source uses any more stays in its file as "vanished" (lrelease leaves it out), so a
string that comes back, or moves to another context, is not translated twice; ``--drop-vanished`` clears them.

Qt's own strings (qtbase_id.ts) are not ours to extract: that file is kept by hand and only checked.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGE = "id"
HAND_KEPT = ("qtbase",)
"""Translations of Qt's own dialogs: no source of ours holds their strings."""

TS_FILES: dict[str, tuple[str, ...]] = {
    # .ts name -> the sources (globs under the repository) whose strings it holds; the rest of ui/ is "console".
    "dispatch": ("ui/dispatch/*.py",),
    "errors": ("ui/errors.py",),
    "map": ("ui/map/*.py",),
    "reports": ("ui/reports_dialog.py",),
    "supervisor": ("ui/supervisor/*.py",),
    "views": ("ui/views/*.py",),
    "words": ("ui/words/*.py",),
}
CONSOLE = "console"
HELPERS = ("tr", "_t")
"""The names of the module-level translation helpers lupdate is told about."""

Key = tuple[str, str, str]
"""(context, source, comment)"""


class PipelineError(Exception):
    """The sources break a rule of the pipeline (a module with two helper contexts, a context in two .ts)."""


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    translation: str | None = None
    files: set[str] = field(default_factory=set)
    vanished: bool = False

    @property
    def key(self) -> Key:
        return self.context, self.source, self.comment


# -- where the sources are ----------------------------------------------------------------------------------

def sources() -> list[Path]:
    return sorted(path for path in UI.rglob("*.py") if "__pycache__" not in path.parts)


def ts_of(path: Path) -> str:
    relative = path.relative_to(ROOT)
    for name, globs in TS_FILES.items():
        if any(relative.match(pattern) for pattern in globs):
            return name
    return CONSOLE


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# -- which context a module's tr()/_t() translates in ----------------------------------------------------------

def _constants(tree: ast.Module) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def _defined_context(function: ast.FunctionDef, constants: dict[str, str]) -> str | None:
    """The context of ``return QCoreApplication.translate(<context>, text)`` in a helper's body."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "translate" \
                and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return first.value
            if isinstance(first, ast.Name) and first.id in constants:
                return constants[first.id]
    return None


def helper_contexts(path: Path, _seen: frozenset[Path] = frozenset()) -> dict[str, str]:
    """The module's translation helpers (defined or imported) and their contexts: {"tr": "Dispatch"}."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in HELPERS:
            context = _defined_context(node, constants)
            if context is not None:
                found[node.name] = context
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "ui":
            for alias in node.names:
                local = alias.asname or alias.name
                if local not in HELPERS:
                    continue
                origin = _module_path(node.module)
                if origin is not None and origin not in _seen:
                    imported = helper_contexts(origin, _seen | {path})
                    if alias.name in imported:
                        found[local] = imported[alias.name]
    return found


def _module_path(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def bare_context(path: Path) -> str:
    """The one context of the module's helpers ('' for none); two different ones break the pipeline."""
    contexts = set(helper_contexts(path).values())
    if len(contexts) > 1:
        raise PipelineError(f"{_shown(path)} translates with helpers of several contexts "
                            f"({', '.join(sorted(contexts))}): keep one and call QCoreApplication.translate() with "
                            "an explicit context for the others")
    context = contexts.pop() if contexts else ""
    if context and _translates_in_empty_context(path):
        raise PipelineError(f"{_shown(path)} has a helper of context {context!r} and also translates in "
                            "the empty context: lupdate cannot tell them apart; use one")
    return context


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _translates_in_empty_context(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and node.args[0].value == "" and (
                    (isinstance(node.func, ast.Attribute) and node.func.attr == "translate")
                    or (isinstance(node.func, ast.Name) and node.func.id == "QT_TRANSLATE_NOOP")):
            return True
    return False


# -- lupdate ---------------------------------------------------------------------------------------------------

def lupdate_command() -> list[str]:
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    for name in ("lupdate.exe", "lupdate") if sys.platform == "win32" else ("lupdate",):
        if (package / name).exists():
            return [str(package / name)]
    wrapper = shutil.which("pyside6-lupdate")
    if wrapper:
        return [wrapper]
    raise FileNotFoundError("PySide6's lupdate was not found; reinstall PySide6")


def _read(ts: Path) -> Iterator[Message]:
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else ""
            text = None
            if translation is not None and kind != "unfinished" and (translation.text or "").strip():
                text = translation.text
            files = {location.get("filename", "") for location in message.iter("location")}
            yield Message(name, message.findtext("source") or "", message.findtext("comment") or "", text, files,
                          kind in ("vanished", "obsolete"))


def extract(paths: Iterable[Path]) -> list[Message]:
    """Every translatable string in ``paths`` with its context, as lupdate reads them."""
    by_context: dict[str, list[Path]] = {}
    for path in paths:
        by_context.setdefault(bare_context(path), []).append(path)
    found: dict[Key, Message] = {}
    with tempfile.TemporaryDirectory(prefix="konsol112-lupdate-") as folder:
        for helper_context, group in sorted(by_context.items()):
            out = Path(folder) / "extract.ts"
            out.unlink(missing_ok=True)
            aliases = ",".join(f"tr+={name}" for name in HELPERS if name != "tr")
            result = subprocess.run([*lupdate_command(), "-silent", "-tr-function-alias", aliases,
                                     "-locations", "absolute", "-source-language", "en",
                                     "-target-language", LANGUAGE, *map(str, group), "-ts", str(out)],
                                    capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise PipelineError(f"lupdate failed: {result.stderr.strip() or result.stdout.strip()}")
            for message in _read(out):
                if message.context == "":
                    message.context = helper_context
                message.files = {str((Path(folder) / name).resolve()) for name in message.files}
                kept = found.setdefault(message.key, message)
                kept.files |= message.files
    return list(found.values())


# -- the shipped files -----------------------------------------------------------------------------------------

def shipped() -> dict[str, Path]:
    return {ts.stem.rsplit("_", 1)[0]: ts for ts in sorted(TRANSLATIONS.glob(f"*_{LANGUAGE}.ts"))}


def existing_translations(revisions: Iterable[str] = ()) -> dict[Key, str]:
    """Every translation in every shipped .ts, so a string whose context moved keeps its words; then those of the
    .ts files at other git ``revisions`` (a branch being merged: its new strings keep the words it gave them)."""
    known: dict[Key, str] = {}
    for ts in shipped().values():
        for message in _read(ts):
            if message.translation:
                known.setdefault(message.key, message.translation)
    for revision in revisions:
        for message in _read_revision(revision):
            if message.translation:
                known.setdefault(message.key, message.translation)
    return known


def _read_revision(revision: str) -> Iterator[Message]:
    folder = TRANSLATIONS.relative_to(ROOT).as_posix()
    listed = subprocess.run(["git", "ls-tree", "--name-only", revision, f"{folder}/"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        raise PipelineError(f"git cannot list {folder} at {revision}: {listed.stderr.strip()}")
    for name in listed.stdout.split():
        if not name.endswith(f"_{LANGUAGE}.ts"):
            continue
        shown = subprocess.run(["git", "show", f"{revision}:{name}"], cwd=ROOT, capture_output=True, check=False)
        if shown.returncode == 0:
            with tempfile.TemporaryDirectory(prefix="konsol112-ts-") as scratch:
                copy = Path(scratch) / Path(name).name
                copy.write_bytes(shown.stdout)
                yield from list(_read(copy))


@dataclass
class Plan:
    files: dict[str, list[Message]]
    """.ts name -> its messages (contexts sorted, messages in the order the sources have them; vanished last)."""

    def unfinished(self) -> dict[str, list[Message]]:
        return {name: [m for m in messages if not m.translation and not m.vanished]
                for name, messages in self.files.items()
                if any(not m.translation and not m.vanished for m in messages)}

    def vanished(self) -> int:
        return sum(1 for messages in self.files.values() for m in messages if m.vanished)


def plan(*, keep_vanished: bool = True, revisions: Iterable[str] = ()) -> Plan:
    messages = extract(sources())
    known = existing_translations(revisions)
    owner_of_context: dict[str, str] = {}
    files: dict[str, list[Message]] = {}
    for message in messages:
        owners = {ts_of(Path(name)) for name in message.files if Path(name).is_relative_to(UI)}
        if len(owners) != 1:
            raise PipelineError(f"context {message.context!r}: {message.source!r} is used by sources of several "
                                f"translation files ({', '.join(sorted(owners))})")
        owner = owners.pop()
        previous = owner_of_context.setdefault(message.context, owner)
        if previous != owner:
            raise PipelineError(f"context {message.context!r} is used in the sources of both {previous}_{LANGUAGE}.ts "
                                f"and {owner}_{LANGUAGE}.ts: one context belongs to one file")
        message.translation = known.get(message.key)
        files.setdefault(owner, []).append(message)
    current = {m.key for m in messages}
    if keep_vanished:
        for name, ts in shipped().items():
            if name in HAND_KEPT:
                continue
            for old in _read(ts):
                if old.key not in current and old.translation:
                    old.vanished = True
                    old.files = set()
                    files.setdefault(owner_of_context.get(old.context, name), []).append(old)
                    current.add(old.key)
    for name in files:
        order = {context: index for index, context in enumerate(sorted({m.context for m in files[name]}))}
        # Stable: within a context, the sources' order, then what vanished.
        files[name].sort(key=lambda m: (order[m.context], m.vanished))
    return Plan(files)


def render(messages: list[Message]) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{LANGUAGE}_ID" sourcelanguage="en">']
    context: str | None = None
    for message in messages:
        if message.context != context:
            if context is not None:
                lines.append("</context>")
            context = message.context
            lines += ["<context>", f"    <name>{escape(context)}</name>"]
        lines.append("    <message>")
        lines.append(f"        <source>{_xml(message.source)}</source>")
        if message.comment:
            lines.append(f"        <comment>{_xml(message.comment)}</comment>")
        if message.vanished:
            lines.append(f'        <translation type="vanished">{_xml(message.translation or "")}</translation>')
        elif message.translation:
            lines.append(f"        <translation>{_xml(message.translation)}</translation>")
        else:
            lines.append('        <translation type="unfinished"></translation>')
        lines.append("    </message>")
    if context is not None:
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def _xml(text: str) -> str:
    return escape(text, {'"': "&quot;", "'": "&apos;"})


def write(result: Plan) -> list[Path]:
    written = []
    for name, messages in sorted(result.files.items()):
        path = TRANSLATIONS / f"{name}_{LANGUAGE}.ts"
        text = render(messages)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    for name, path in shipped().items():
        if name not in result.files and name not in HAND_KEPT:
            path.unlink()
            written.append(path)
    return written


def stale(result: Plan) -> list[str]:
    """The .ts files whose contents differ from what the sources say (or that no source feeds any more)."""
    out = []
    for name, messages in sorted(result.files.items()):
        path = TRANSLATIONS / f"{name}_{LANGUAGE}.ts"
        if not path.exists() or path.read_text(encoding="utf-8") != render(messages):
            out.append(path.name)
    out += [path.name for name, path in shipped().items() if name not in result.files and name not in HAND_KEPT]
    return out


def hand_kept_unfinished() -> list[tuple[str, Message]]:
    return [(name, m) for name, path in shipped().items() if name in HAND_KEPT
            for m in _read(path) if not m.translation]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is left to do")
    parser.add_argument("--drop-vanished", action="store_true",
                        help="forget the translations of strings no source uses any more")
    parser.add_argument("--words-from", metavar="REVISION", action="append", default=[],
                        help="also take translations from the .ts files at this git revision (e.g. a branch just "
                             "merged, whose .ts conflicted: keep ours, refresh with its words)")
    args = parser.parse_args(argv)
    try:
        result = plan(keep_vanished=not args.drop_vanished, revisions=args.words_from)
    except PipelineError as exc:
        print(f"translations: {exc}", file=sys.stderr)
        return 2
    if args.check:
        for name in stale(result):
            print(f"stale: {name} (run python tools/translations.py)")
    else:
        for path in write(result):
            print(f"written: {path.relative_to(ROOT)}")
        if result.vanished():
            print(f"{result.vanished()} translated string(s) no source uses any more are kept as vanished")
    unfinished = result.unfinished()
    for name, messages in sorted(unfinished.items()):
        for message in messages:
            print(f"unfinished: {name}_{LANGUAGE}.ts [{message.context}] {message.source!r}")
    for name, message in hand_kept_unfinished():
        print(f"unfinished: {name}_{LANGUAGE}.ts [{message.context}] {message.source!r}")
    total = sum(len(m) for m in unfinished.values()) + len(hand_kept_unfinished())
    print(f"{total} unfinished translation(s)" if total else "every string has its translation")
    if args.check:
        return 1 if total or stale(result) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
