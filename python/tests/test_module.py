"""dateline.extract and dateline.process_batch against the command line's output."""

import datetime

import pyarrow as pa
import pytest

import dateline
from conftest import demo_records, event_keys, run_extract

SEED = "Russian President Vladimir Putin met Kyrgyz President Sadyr Japarov in Bishkek on Monday, and the two signed an agreement on a joint gas pipeline."


def test_extract_gives_the_json_model():
    [doc] = dateline.extract(SEED, date="2024-05-06")
    assert doc["schema_version"] == 1
    assert doc["text"] == SEED
    assert doc["dict_version"] == dateline.versions()["dict_version"]
    codes = [(e["code"], e["source"]["code"], e["target"]["code"]) for e in doc["events"]]
    assert any(c[0][:2] in ("04", "05") and c[1].startswith("RUS") and c[2].startswith("KGZ") for c in codes), codes
    assert all(e["date"] == "2024-05-06" for e in doc["events"]), "Monday is the story's own day"


def test_extract_takes_a_list_and_keeps_its_order():
    docs = dateline.extract(["Nothing happened.", SEED, ""])
    assert [d["id"] for d in docs] == ["0", "1", "2"]
    assert docs[0]["events"] == [] and docs[1]["events"]


def test_bad_arguments_are_value_errors():
    with pytest.raises(ValueError, match="date"):
        dateline.extract(SEED, date="next Monday")
    with pytest.raises(ValueError, match="texts"):
        dateline.extract([1, 2])
    dateline.versions()  # the engine is built now
    with pytest.raises(RuntimeError, match="configure"):
        dateline.configure(places=False)


def test_extract_agrees_with_the_command(dateline_bin, tmp_path):
    records = demo_records()
    cli = run_extract(dateline_bin, records, tmp_path)
    # The same texts, dated alike, coded in Python (ids are positions here).
    for r, want in zip(records, cli):
        [got] = dateline.extract(r["text"], date=r["date"])
        got["id"] = want["id"]
        assert event_keys([got]) == event_keys([want]), r["id"]


def batch(records):
    return pa.RecordBatch.from_pydict(
        {
            "id": [r["id"] for r in records],
            "text": [r["text"] for r in records],
            "date": [r["date"] for r in records],
        }
    )


def test_process_batch_gives_a_row_per_event(dateline_bin, tmp_path):
    records = demo_records()
    out = dateline.process_batch(batch(records))
    assert out.schema == dateline.event_schema()
    assert out.schema.names[:2] == ["GLOBALEVENTID", "SQLDATE"] and "SOURCEURL" in out.schema.names
    cli = run_extract(dateline_bin, records, tmp_path)
    assert out.num_rows == sum(len(d["events"]) for d in cli)
    ids = out.column("GLOBALEVENTID").to_pylist()
    assert len(set(ids)) == len(ids), "ids are distinct"
    again = dateline.process_batch(batch(records))
    assert again.column("GLOBALEVENTID").to_pylist() == ids, "and stable"
    rows = out.to_pylist()
    got = sorted((r["Document"], r["EventCode"], r["Actor1Code"] or "", r["Actor2Code"] or "", r["Negated"], r["Hypothetical"], r["Date"] or "", r["Evidence"]) for r in rows)
    assert got == event_keys(cli)
    for r in rows:
        assert r["EventCode"].startswith(r["EventBaseCode"]) and r["EventCode"].startswith(r["EventRootCode"])
        assert r["QuadClass"] in (1, 2, 3, 4)
        assert 19000101 <= r["SQLDATE"] <= 21000101


def test_process_batch_edges():
    empty = dateline.process_batch(pa.RecordBatch.from_pydict({"id": ["a"], "text": ["The weather was fine."]}))
    assert empty.num_rows == 0 and empty.schema == dateline.event_schema()
    # Integer ids, dates as dates, and a URL.
    b = pa.RecordBatch.from_pydict(
        {
            "id": pa.array([7], pa.int64()),
            "text": [SEED],
            "date": pa.array([datetime.date(2024, 5, 6)], pa.date32()),
            "url": ["https://example.org/a"],
        }
    )
    out = dateline.process_batch(b).to_pylist()
    assert out and all(r["Document"] == "7" and r["SOURCEURL"] == "https://example.org/a" for r in out)
    assert all(r["SQLDATE"] == 20240506 for r in out)
    with pytest.raises(ValueError, match='"text"'):
        dateline.process_batch(pa.RecordBatch.from_pydict({"id": ["a"], "body": ["x"]}))
    nulls = pa.RecordBatch.from_pydict({"id": [None], "text": [None]}, schema=pa.schema([("id", pa.string()), ("text", pa.string())]))
    assert dateline.process_batch(nulls).num_rows == 0
