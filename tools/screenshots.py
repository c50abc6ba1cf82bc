"""Regenerate docs/screenshots/ at 1366x768, in Indonesian and English: ``python -m tools.screenshots [OUT_DIR]``.

The console's pictures come from the tour (tools/tour.py): every window and dialog of the operator's, the
supervisor's and the admin's desk on a seeded demo centre, on an offscreen screen of 1366x768 (the centre's usual
desktop), with a fixed clock and seed, so a picture changes only when the console does. The fits test walks the
same tour and fails on any text that is cut.

Options: ``--lang id|en`` (default both), ``--screen 1280x720`` (the smaller screen, for a look; the documentation
keeps 1366x768), ``--no-multidesk`` (skip the three pictures of two desks and a board on one PostgreSQL with a
live line service: ``tools/multidesk_screenshots.py``, which needs PostgreSQL's server binaries).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
os.environ.pop("QT_QPA_PLATFORM", None)  # always offscreen, on the screens the fits test uses

import tests.screens  # noqa: E402  (sets the offscreen platform and its screens before Qt loads)

# isort: split
from PySide6.QtWidgets import QApplication  # noqa: E402

from callcenter.db.database import Database, sqlite_url  # noqa: E402
from tools.tour import Stop, Tour, prepare  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.i18n import Translations  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def save(stop: Stop, language: str, out: Path) -> list[Path]:
    written = []
    for name, widget in ((stop.name, stop.picture), *stop.extra.items()):
        path = out / f"{name}-{language}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def shoot(app: QApplication, language: str, screen: str, out: Path, folder: Path) -> list[Path]:
    translations = Translations(out_dir=folder / "qm")
    translations.install(language)
    db = Database(sqlite_url(folder / f"centre-{language}.sqlite3"))
    try:
        prepare(db)
        target = next(s for s in app.screens() if s.name() == screen)
        written = []
        for stop in Tour(app, db, language, target).stops():
            written += save(stop, language, out)
        return written
    finally:
        translations.remove()
        db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=OUT)
    parser.add_argument("--lang", choices=("id", "en"), action="append")
    parser.add_argument("--screen", choices=tuple(tests.screens.SCREENS), default="1366x768")
    parser.add_argument("--no-multidesk", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    languages = args.lang or ["id", "en"]
    app = create_application(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="konsol112-screens-") as temp:
        for language in languages:
            for path in shoot(app, language, args.screen, args.out, Path(temp)):
                print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if not args.no_multidesk:
        for language in languages:
            subprocess.run([sys.executable, str(ROOT / "tools" / "multidesk_screenshots.py"), str(args.out),
                            f"--lang={language}"], check=True)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip Qt's teardown order at exit: the pictures are written
