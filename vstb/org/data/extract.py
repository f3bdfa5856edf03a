"""Make official_units.json.gz from the open dataset of `vietnamadminunits` (MIT licence,
https://github.com/tranngocminhhieu/vietnamadminunits, version 1.0.4): its list of units
before the 2025 reform (63 provinces, their districts and communes), the list after it (34
provinces, 3,321 communes) with the General Statistics Office's codes, and its mapping of
former communes to the communes that took them over.

Only names, codes, kinds and the links are kept (a few hundred kilobytes), so VSTB needs
neither the package nor its dependencies. To refresh when the list changes:

    pip download vietnamadminunits==<version> --no-deps && unzip the wheel, then
    python -m vstb.org.data.extract <…>/vietnamadminunits/data/dataset.db \
        <…>/vietnamadminunits/data/converter_2025.json <version>
"""

import gzip
import json
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "official_units.json.gz"


def extract(database: str, converter: str, version: str) -> dict:
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    legacy = db.execute(
        "SELECT provinceCode, province, provinceKey, districtCode, district, districtType, "
        "districtKey, wardCode, ward, wardType, wardKey FROM admin_units_legacy "
        "ORDER BY provinceCode, districtCode, wardCode"
    ).fetchall()
    current = db.execute(
        "SELECT provinceCode, province, provinceKey, wardCode, ward, wardType, wardKey "
        "FROM admin_units ORDER BY provinceCode, wardCode"
    ).fetchall()
    mapping = json.loads(Path(converter).read_text(encoding="utf-8"))

    provinces_before, districts, communes_before = {}, {}, []
    legacy_code = {}  # "<province>_<district>_<ward>" key → code ("D<code>" for a district)
    province_by_key = {}
    for (
        p_code,
        p_name,
        p_key,
        d_code,
        d_name,
        d_type,
        d_key,
        w_code,
        w_name,
        w_type,
        w_key,
    ) in legacy:
        provinces_before[p_code] = p_name
        province_by_key[p_key] = p_code
        districts[d_code] = (d_name, d_type, p_code)
        if w_code:
            communes_before.append([w_code, w_name, w_type, d_code])
            legacy_code[f"{p_key}_{d_key}_{w_key}"] = w_code
        else:  # a district with no commune (an island district): it is its own key
            legacy_code[f"{p_key}_{d_key}_None"] = f"D{d_code}"

    provinces_after, communes_after, new_code = {}, [], {}
    new_province_by_key = {}
    for p_code, p_name, p_key, w_code, w_name, w_type, w_key in current:
        provinces_after[p_code] = p_name
        new_province_by_key[p_key] = p_code
        communes_after.append([w_code, w_name, w_type, p_code])
        new_code[(p_key, w_key)] = w_code

    province_links = sorted(
        [province_by_key[old], new_province_by_key[new]]
        for new, olds in mapping["DICT_PROVINCE"].items()
        for old in olds
    )
    commune_links = set()
    for p_key, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, olds in wards.items():
            for old in olds:
                if old in legacy_code:
                    commune_links.add((legacy_code[old], new_code[(p_key, w_key)], "whole"))
    for p_key, olds in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            for part in parts:
                commune_links.add((legacy_code[old], new_code[(p_key, part["newWardKey"])], "part"))
    return {
        "source": "vietnamadminunits (MIT), https://github.com/tranngocminhhieu/vietnamadminunits",
        "version": version,
        "provinces_before": sorted([code, name] for code, name in provinces_before.items()),
        "districts_before": sorted([code, *rest] for code, rest in districts.items()),
        "communes_before": communes_before,
        "provinces_after": sorted([code, name] for code, name in provinces_after.items()),
        "communes_after": communes_after,
        "province_links": province_links,
        "commune_links": sorted(list(link) for link in commune_links),
    }


if __name__ == "__main__":
    data = extract(*sys.argv[1:4])
    with gzip.open(OUT, "wt", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
    print(OUT, {key: len(value) for key, value in data.items() if isinstance(value, list)})
