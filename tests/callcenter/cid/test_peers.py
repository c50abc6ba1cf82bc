"""Other projects' captures decode as their authors say they do (tests/callcenter/cid/peers/README.md)."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from callcenter.cid.decode import make_parser
from callcenter.cid.events import CallerIdEvent, ParseResult, ParseWarning
from callcenter.cid.registry import FORMATS
from tests.conftest import shared_path

PEERS = Path(__file__).resolve().parent / "peers"
MANIFESTS = sorted(PEERS.glob("*/*.toml"))
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
FIELDS = ("kind", "line", "number", "presentation", "name", "timestamp", "duration_s", "detail", "direction",
          "verified", "history")


def load(manifest: Path) -> dict[str, Any]:
    with manifest.open("rb") as handle:
        return tomllib.load(handle)


def wire_bytes(manifest: Path, spec: dict[str, Any]) -> bytes:
    if "wire" in spec:
        data = (manifest.parent / spec["wire"]).read_bytes()
    else:
        data = shared_path(*spec["shared"].split("/")).read_bytes()
        if "lines" in spec:
            first, last = spec["lines"]
            data = b"".join(data.splitlines(keepends=True)[first - 1:last])
    if spec.get("escapes"):
        data = data.replace(b"\\r", b"\r").replace(b"\\n", b"\n")
    return data


def observed(event: CallerIdEvent, field: str) -> object:
    value = getattr(event, field)
    if value is None:
        return "none"
    if isinstance(value, datetime):
        return value.isoformat()
    if field in ("kind", "presentation"):
        return str(value)
    return value


def test_the_corpus_is_broad_enough() -> None:
    specs = [load(manifest) for manifest in MANIFESTS]
    assert len(specs) >= 30
    assert len({spec["repository"] for spec in specs}) >= 6
    assert {spec["format"] for spec in specs} >= set(FORMATS) - {"auto"}
    for spec in specs:
        assert spec["project"] and spec["repository"] and spec["path"] and spec["asserts"].strip()
        assert ("wire" in spec) != ("shared" in spec)


@pytest.mark.parametrize("manifest", MANIFESTS, ids=[f"{m.parent.name}/{m.stem}" for m in MANIFESTS])
def test_capture_decodes_as_its_authors_say(manifest: Path) -> None:
    spec = load(manifest)
    parser = make_parser(spec["format"], spec.get("year", 2026), spec.get("datefmt"))
    results: list[ParseResult] = parser.feed(wire_bytes(manifest, spec), NOW) + parser.flush(NOW)
    events = [r for r in results if isinstance(r, CallerIdEvent)]
    got = [{field: observed(event, field) for field in expected} for event, expected in
           zip(events, spec.get("expect", []), strict=False)]
    assert len(events) == len(spec.get("expect", [])), f"{spec['asserts']}\nevents: {events}"
    assert got == spec.get("expect", []), spec["asserts"]
    assert all(set(expected) <= set(FIELDS) for expected in spec.get("expect", []))
    if "warnings" in spec:
        problems = [r.message for r in results if isinstance(r, ParseWarning)]
        assert len(problems) == spec["warnings"], problems
