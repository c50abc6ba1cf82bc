"""Realistic, seeded Indonesian caller data for the simulator and the demo database.

Mobile numbers use real operator prefixes, landlines Purwakarta's 0264; a small pool of repeat callers
makes the prank/ghost pattern that dominates Indonesian 112 traffic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Real Indonesian mobile prefixes by operator (used only to make plausible numbers).
MOBILE_PREFIXES: dict[str, tuple[str, ...]] = {
    "Telkomsel": ("0811", "0812", "0813", "0821", "0822", "0823", "0851", "0852", "0853"),
    "Indosat": ("0814", "0815", "0816", "0855", "0856", "0857", "0858"),
    "XL": ("0817", "0818", "0819", "0859", "0877", "0878"),
    "Axis": ("0831", "0832", "0833", "0838"),
    "Tri": ("0895", "0896", "0897", "0898", "0899"),
    "Smartfren": ("0881", "0882", "0883", "0884", "0885", "0886", "0887", "0888", "0889"),
}
ALL_MOBILE_PREFIXES = tuple(p for prefixes in MOBILE_PREFIXES.values() for p in prefixes)

GIVEN_NAMES = (
    "Asep", "Ujang", "Dede", "Cecep", "Iwan", "Agus", "Budi", "Dadang", "Yayan", "Rudi", "Hendra", "Eko",
    "Siti", "Euis", "Neneng", "Rina", "Dewi", "Tati", "Yuyun", "Lilis", "Nur", "Ai", "Wulan", "Fitri",
    "Acep", "Deden", "Jajang", "Kurnia", "Rizky", "Aditya", "Putri", "Sri", "Yanti", "Ratna",
)
FAMILY_NAMES = (
    "Saputra", "Hidayat", "Rahmat", "Kurniawan", "Suryadi", "Hermawan", "Permana", "Nugraha", "Setiawan",
    "Sukmana", "Gunawan", "Lestari", "Rahayu", "Suhendar", "Sopandi", "Ruhiyat", "Mulyana", "Firmansyah",
)


def mobile_number(rng: random.Random) -> str:
    prefix = rng.choice(ALL_MOBILE_PREFIXES)
    rest = "".join(str(rng.randrange(10)) for _ in range(rng.choice((7, 8, 8, 8))))
    return prefix + rest


def landline_number(rng: random.Random) -> str:
    # Purwakarta landlines: 0264 followed by six or seven digits (e.g. 0264 200123, 0264 8221234).
    if rng.random() < 0.6:
        return "0264" + str(rng.randrange(200000, 240000))
    return "0264" + str(rng.randrange(8200000, 8300000))


def person_name(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(GIVEN_NAMES)
    return f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"


@dataclass(frozen=True, slots=True)
class SyntheticCaller:
    number: str | None
    """National digits as a caller-ID box delivers them; None when withheld."""
    name: str | None
    withheld: bool = False
    repeat_offender: bool = False


class CallerPool:
    """Draws callers: mostly fresh numbers, some repeat prank/ghost callers, a few withheld numbers."""

    def __init__(self, rng: random.Random, *, offenders: int = 40, withheld_share: float = 0.04,
                 offender_share: float = 0.35, landline_share: float = 0.12) -> None:
        self.rng = rng
        self.withheld_share = withheld_share
        self.offender_share = offender_share
        self.landline_share = landline_share
        self.offenders = [mobile_number(rng) for _ in range(offenders)]

    def draw(self) -> SyntheticCaller:
        roll = self.rng.random()
        if roll < self.withheld_share:
            return SyntheticCaller(None, None, withheld=True)
        if roll < self.withheld_share + self.offender_share:
            # A few offenders call far more often than the rest (pareto-like), as real logs show.
            index = min(int(self.rng.paretovariate(1.2)) - 1, len(self.offenders) - 1)
            return SyntheticCaller(self.offenders[index], None, repeat_offender=True)
        if self.rng.random() < self.landline_share:
            return SyntheticCaller(landline_number(self.rng), person_name(self.rng).upper()[:15])
        return SyntheticCaller(mobile_number(self.rng), None)
