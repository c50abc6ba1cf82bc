"""Static resources (reference data, translations, icons, stylesheet). Data only: no Qt here."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
