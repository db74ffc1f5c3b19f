"""Shared fixtures: the checkout, the `dateline` binary, the demo corpus as records."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("DATELINE_BIN", ROOT / "target" / "release" / "dateline"))


def demo_records():
    """The demo stories as (id, text, date) records, dated as a user would date them."""
    records = []
    for i, path in enumerate(sorted((ROOT / "examples").glob("*.txt"))):
        records.append({"id": path.name, "text": path.read_text(encoding="utf-8"), "date": "2024-06-18" if i % 2 else None})
    return records


@pytest.fixture(scope="session")
def dateline_bin():
    if not BIN.exists():
        pytest.skip(f"{BIN} is not built (cargo build --release -p dateline)")
    return BIN


def run_extract(dateline_bin, records, tmp_path):
    """`dateline extract` over records written as JSON Lines: the documents, in order."""
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n")
    out = subprocess.run([str(dateline_bin), "extract", str(corpus)], cwd=ROOT, check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


def event_keys(docs):
    """Each event of the documents as what must agree: document, code, actors, flags, date, evidence."""
    keys = []
    for d in docs:
        for e in d["events"]:
            src = (e.get("source") or {}).get("code") or ""
            tgt = (e.get("target") or {}).get("code") or ""
            keys.append((d["id"], e["code"], src, tgt, e["negated"], e["hypothetical"], e.get("date") or d.get("published") or "", e["evidence"]))
    return sorted(keys)
