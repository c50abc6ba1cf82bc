from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from callcenter import phone
from tests.fuzz import examples


def test_purwakarta_landline() -> None:
    info = phone.describe("0264 200123")
    assert info.e164 == "+62264200123" and info.valid and info.type == "fixed_line"
    assert info.area == "Purwakarta/Cikampek" and info.national == "(0264) 200123"


def test_mobile_names_the_carrier() -> None:
    info = phone.describe("081234567890")
    assert info.carrier == "Telkomsel" and info.type == "mobile" and info.e164 == "+6281234567890"
    assert phone.describe("+62 857-1234-5678").carrier == "Indosat Ooredoo Hutchison"


def test_emergency_short_codes() -> None:
    for code in ("110", "112", "113", "115", "118", "119"):
        info = phone.describe(code)
        assert info.emergency and info.type == "emergency" and info.e164 is None


def test_garbage_is_invalid_not_an_exception() -> None:
    for raw in ("", "garbage", "<script>alert(1)</script>", "0" * 500, "+", "0811", "\x00\xff", "١٢٣"):
        info = phone.describe(raw)
        assert not info.valid and info.e164 is None and info.raw == raw


@settings(max_examples=examples(400), deadline=None)
@given(st.text(max_size=80))
def test_describe_never_raises(raw: str) -> None:
    info = phone.describe(raw)
    assert info.valid == (info.e164 is not None)
    if info.e164:
        assert info.e164.startswith("+") and info.e164[1:].isdigit()
