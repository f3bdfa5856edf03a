"""The official list of administrative units, before and after the 2025 reform, loaded into
the unit tree (`vstb load-units`; decision 0021).

The data (vstb/org/data/official_units.json.gz, made by data/extract.py from the open
dataset of `vietnamadminunits`, MIT licence) holds the General Statistics Office's codes and
names: 63 provinces, 696 districts and 10,035 communes before the reform, 34 provinces and
3,321 communes after it, and which former communes each new commune took over.

How the reform is written into the tree:
- Law 72/2025/QH15 on the Organisation of Local Government: two tiers (province, commune)
  from 1/7/2025. Every district ceases that day, and so does every former commune; each new
  commune begins that day, directly under its province.
- Resolution 202/2025/QH15 (12/6/2025) arranged the provinces; their new authorities work
  from 1/7/2025, the one date used here. A province of the new list with the same code and
  name as a former one is the same unit, continuing (its history stays with it); the others
  are new units, and the former provinces they took over cease.
- Each link from a former unit to its successor comes from the dataset's mapping, not from
  the resolutions themselves: it is saved unconfirmed (Succession.confirmed = False), as is
  every province link, until someone checks it against the resolution.

Loading is idempotent (a unit is found again by its code and its era) and all-or-nothing;
a dry run says what would change and changes nothing.
"""

import gzip
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from vstb.lib.text import fold
from vstb.org.models import LEVEL_OF_KIND, Succession, Unit, UnitKind

DATA = Path(__file__).resolve().parent / "data" / "official_units.json.gz"
# Law 72/2025/QH15: two-tier local government from 1 July 2025.
REFORM_DAY = date(2025, 7, 1)
LEGAL_BASIS = {
    "province": "Nghị quyết 202/2025/QH15 (chưa đối chiếu từng tỉnh)",
    "commune": "Nghị quyết của UBTVQH về sắp xếp đơn vị hành chính cấp xã năm 2025 "
    "(theo bộ dữ liệu mở, chưa đối chiếu)",
}
NATION_CODE = "VN"

# The kind words of the list, by level.
PROVINCE_KINDS = {"Thành phố": UnitKind.CENTRAL_CITY, "Tỉnh": UnitKind.PROVINCE}
DISTRICT_KINDS = {
    "Quận": UnitKind.URBAN_DISTRICT,
    "Huyện": UnitKind.RURAL_DISTRICT,
    "Thị xã": UnitKind.TOWN,
    "Thành phố": UnitKind.PROVINCIAL_CITY,
}
COMMUNE_KINDS = {
    "Phường": UnitKind.WARD,
    "Xã": UnitKind.COMMUNE,
    "Thị trấn": UnitKind.TOWNSHIP,
    "Đặc khu": UnitKind.SPECIAL_ZONE,
}

BEFORE, AFTER, BOTH = "before", "after", "both"


@dataclass
class Entry:
    """A unit of the list: its code, name, kind, parent's code and era (before the reform,
    after it, or both for the nation and the provinces that continue)."""

    code: str
    name: str
    kind: str
    era: str
    parent: "Entry | None" = None

    @property
    def valid_from(self) -> date | None:
        return REFORM_DAY if self.era == AFTER else None

    @property
    def valid_to(self) -> date | None:
        return REFORM_DAY if self.era == BEFORE else None


@dataclass
class OfficialList:
    entries: list[Entry]
    # (former unit, successor, Succession kind, "province" or "commune")
    links: list[tuple[Entry, Entry, str, str]]
    version: str


def _province_kind(name: str) -> str:
    return PROVINCE_KINDS["Thành phố" if name.startswith("Thành phố") else "Tỉnh"]


def read(path: Path = DATA, provinces: Iterable[str] | None = None) -> OfficialList:
    """The list, for every province or only those whose code (before or after the reform)
    is in `provinces`."""
    with gzip.open(path, "rt", encoding="utf-8") as source:
        data = json.load(source)
    wanted = set(provinces) if provinces else None
    nation = Entry(NATION_CODE, "Việt Nam", UnitKind.NATION, BOTH)
    names_before = dict(data["provinces_before"])
    after = {code: name for code, name in data["provinces_after"]}
    if wanted:
        # A province asked for brings those merged into it, and the one it merged into.
        linked = [pair for pair in data["province_links"] if wanted & set(pair)]
        wanted |= {code for pair in linked for code in pair}
    entries = [nation]
    by_code: dict[tuple[str, str], Entry] = {}

    def add(entry: Entry) -> Entry:
        entries.append(entry)
        by_code[(entry.era if entry.era != BOTH else AFTER, entry.code)] = entry
        if entry.era == BOTH:
            by_code[(BEFORE, entry.code)] = entry
        return entry

    for code, name in data["provinces_before"]:
        if wanted and code not in wanted:
            continue
        continues = after.get(code) == name
        add(Entry(code, name, _province_kind(name), BOTH if continues else BEFORE, nation))
    for code, name in data["provinces_after"]:
        if (wanted and code not in wanted) or names_before.get(code) == name:
            continue
        add(Entry(code, name, _province_kind(name), AFTER, nation))
    for code, name, kind, province in data["districts_before"]:
        if (BEFORE, province) in by_code:
            add(Entry(code, name, DISTRICT_KINDS[kind], BEFORE, by_code[(BEFORE, province)]))
    for code, name, kind, district in data["communes_before"]:
        parent = by_code.get((BEFORE, district))
        if parent is not None and kind:
            add(Entry(code, name, COMMUNE_KINDS[kind], BEFORE, parent))
    for code, name, kind, province in data["communes_after"]:
        if (AFTER, province) in by_code:
            add(Entry(code, name, COMMUNE_KINDS[kind], AFTER, by_code[(AFTER, province)]))

    links = []
    for old, new in data["province_links"]:
        former, successor = by_code.get((BEFORE, old)), by_code.get((AFTER, new))
        if former and successor and former is not successor:
            links.append((former, successor, Succession.Kind.MERGE, "province"))
    successors: dict[str, list[tuple[str, str]]] = {}
    for old, new, how in data["commune_links"]:
        successors.setdefault(old, []).append((new, how))
    for old, targets in successors.items():
        # "D<code>": a district with no commune of its own (an island), followed directly.
        former = by_code.get((BEFORE, old.removeprefix("D")))
        for new, how in targets:
            successor = by_code.get((AFTER, new))
            if former is None or successor is None:
                continue
            if how == "part":
                kind = Succession.Kind.SPLIT
            elif len(targets) == 1 and fold(former.name) == fold(successor.name):
                kind = Succession.Kind.RENAME  # the same commune, now under its province
            else:
                kind = Succession.Kind.MERGE
            links.append((former, successor, kind, "commune"))
    return OfficialList(entries, links, data["version"])


@dataclass
class Changes:
    """What loading the list would do."""

    created: list[Entry] = field(default_factory=list)
    updated: list[tuple[Unit, dict]] = field(default_factory=list)
    unchanged: int = 0
    links_created: int = 0
    links_unchanged: int = 0

    def summary(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "links_created": self.links_created,
            "links_unchanged": self.links_unchanged,
        }


def _era_of(unit: Unit) -> str:
    if unit.valid_to == REFORM_DAY:
        return BEFORE
    if unit.valid_from == REFORM_DAY:
        return AFTER
    return BOTH


class _Existing:
    """The units already in the tree with a code of the list. A unit with reform dates is
    found by its era and code. A unit with no dates (entered by hand before the list was
    loaded) is found by its code and its name, for either era, and only once."""

    def __init__(self, entries: list[Entry]):
        codes = [entry.code for entry in entries]
        # A code the list gives twice (a former commune's, reused by the new one): an undated
        # unit is matched to the entry of its own name only.
        self.shared = {code for code, count in Counter(codes).items() if count > 1}
        self.dated: dict[tuple[str, str], Unit] = {}
        self.undated: dict[str, list[Unit]] = {}
        for unit in Unit.objects.filter(code__in=sorted(set(codes))).order_by("pk"):
            era = _era_of(unit)
            if era == BOTH:
                self.undated.setdefault(unit.code, []).append(unit)
            else:
                self.dated.setdefault((era, unit.code), unit)

    def find(self, entry: Entry) -> Unit | None:
        if entry.era != BOTH and (entry.era, entry.code) in self.dated:
            return self.dated[(entry.era, entry.code)]
        candidates = self.undated.get(entry.code, [])
        for unit in candidates:
            if entry.code not in self.shared or fold(unit.name) == fold(entry.name):
                candidates.remove(unit)
                return unit
        return None


def load(official: OfficialList, dry_run: bool = False) -> Changes:
    """Bring the tree in line with the list: create what is missing, correct names, kinds,
    parents and dates that differ, add the successions missing. Nothing is deleted. In one
    transaction; with `dry_run` it is rolled back."""
    changes = Changes()
    with transaction.atomic():
        _load(official, changes)
        if dry_run:
            transaction.set_rollback(True)
    return changes


def _load(official: OfficialList, changes: Changes) -> None:
    existing = _Existing(official.entries)
    units: dict[int, Unit] = {}  # id(entry) → its unit
    by_depth: dict[int, list[Entry]] = {}
    for entry in official.entries:
        by_depth.setdefault(_depth(entry), []).append(entry)
    for _, level in sorted(by_depth.items()):  # parents before their children
        new: list[tuple[Entry, Unit]] = []
        for entry in level:
            parent = units[id(entry.parent)] if entry.parent else None
            wanted = {
                "name": entry.name,
                "kind": entry.kind,
                "level": LEVEL_OF_KIND[entry.kind],
                "parent_id": parent.pk if parent else None,
                "valid_from": entry.valid_from,
                "valid_to": entry.valid_to,
            }
            unit = existing.find(entry)
            if unit is None:
                unit = Unit(code=entry.code, search_name=fold(entry.name), **wanted)
                new.append((entry, unit))
                changes.created.append(entry)
            else:
                differ = {k: v for k, v in wanted.items() if getattr(unit, k) != v}
                if entry.era == BOTH:  # dates entered by hand for a continuing unit stay
                    differ.pop("valid_from", None)
                    differ.pop("valid_to", None)
                if differ:
                    for name, value in differ.items():
                        setattr(unit, name, value)
                    unit.save()  # moves its subtree's paths when its parent changed
                    changes.updated.append((unit, differ))
                else:
                    changes.unchanged += 1
            units[id(entry)] = unit
        Unit.objects.bulk_create([unit for _, unit in new], batch_size=1000)
        for entry, unit in new:
            parent = units[id(entry.parent)] if entry.parent else None
            unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        Unit.objects.bulk_update([unit for _, unit in new], ["path"], batch_size=1000)

    pairs = set(_existing_links(units.values()))
    links = []
    for former, successor, kind, level in official.links:
        pair = (units[id(former)].pk, units[id(successor)].pk)
        if pair in pairs:
            changes.links_unchanged += 1
            continue
        pairs.add(pair)
        links.append(
            Succession(
                predecessor_id=pair[0],
                successor_id=pair[1],
                kind=kind,
                date=REFORM_DAY,
                legal_basis=LEGAL_BASIS[level],
                confirmed=False,
            )  # fmt: skip
        )
    Succession.objects.bulk_create(links, batch_size=1000)
    changes.links_created = len(links)


def _depth(entry: Entry) -> int:
    depth = 0
    while entry.parent is not None:
        entry, depth = entry.parent, depth + 1
    return depth


def _existing_links(units: Iterable[Unit]) -> list[tuple[int, int]]:
    ids = sorted({unit.pk for unit in units})
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(ids), 900):  # SQLite's bound on parameters
        chunk = ids[start : start + 900]
        pairs += Succession.objects.filter(
            Q(predecessor_id__in=chunk) | Q(successor_id__in=chunk)
        ).values_list("predecessor_id", "successor_id")
    return pairs
