#!/usr/bin/env python3
"""Converts the peers' SYNTHETIC benchmark data (../shared/bench-peers/data.yaml, written by
their gen_data.py) into parbrief's dataset format, so parbrief and the Typst peer render the
same content. Writes <out>/2019.yaml (the peer's *_prev scores) and <out>/2020.yaml.

Usage: python3 peer_to_parbrief.py PEER_DATA_YAML OUT_DIR   (needs PyYAML)
"""
import json
import os
import re
import sys
import unicodedata

import yaml


def slug(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def q(text):
    return json.dumps(text, ensure_ascii=False)


def year_file(data, year, suffix):
    regions = sorted({p["region"] for p in data["provinces"]}, key=lambda r: [p["region"] for p in data["provinces"]].index(r))
    out = [
        "# SYNTHETIC BENCHMARK DATA converted from the peers' gen_data.py (seed 2020):",
        "# real province names, invented scores. NOT the real PAR Index / SIPAS results.",
        f"year: {year}",
        f"announced: {year + 1}-05-18",
        "announced_sources: [SYN]",
        "regions:",
    ]
    out += [f"  - {{ id: {slug(r)}, name: {q(r)}, name_en: {q(r)} }}" for r in regions]
    out += ["national:"]
    out += [f"  {i}: {{ average: null, previous_average: null, sources: [SYN] }}" for i in ("par", "sipas")]
    if suffix == "":
        out += ["directions:", "  given_by: \"Người chủ trì mô phỏng (SYNTHETIC)\"",
                "  given_by_en: \"A synthetic chair (SYNTHETIC)\"", "  sources: [SYN]", "  items:"]
        for d in data["directions"]:
            out += [f"    - title: {q(d['title'])}", f"      summary: {q(d['text'])}",
                    "      title_en: \"Synthetic direction\"", "      summary_en: \"Synthetic benchmark text.\""]
    else:
        out += ["directions: null"]
    out += ["provinces:"]
    for p in data["provinces"]:
        full = p["kind"][:1].upper() + p["kind"][1:] + " " + p["name"]
        out.append(
            f"  - {{ id: {p['code']}, name: {q(p['name'])}, full_name: {q(full)}, region: {slug(p['region'])}, "
            f"par: {{ score: {p['par' + suffix]:.2f}, rank: null, region_rank: null }}, "
            f"sipas: {{ score: {p['sipas' + suffix]:.2f}, rank: null, region_rank: null }}, sources: [SYN] }}")
    out += ["sources:", "  SYN:", "    publisher: \"bench-peers gen_data.py\"",
            "    title: \"Synthetic benchmark data (bench-peers gen_data.py, seed 2020), not real figures\"",
            "    date: null", "    address: \"../shared/bench-peers/gen_data.py\""]
    return "\n".join(out) + "\n"


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    os.makedirs(out, exist_ok=True)
    year = data["meta"]["year"]
    for y, suffix in ((year - 1, "_prev"), (year, "")):
        with open(os.path.join(out, f"{y}.yaml"), "w", encoding="utf-8") as f:
            f.write(year_file(data, y, suffix))


if __name__ == "__main__":
    main()
