"""The export files read by the tools users load them with: pyarrow and pandas."""

import subprocess

import pandas as pd
import pyarrow.parquet as pq

from conftest import ROOT


def dl(dateline_bin, *args):
    return subprocess.run([str(dateline_bin), *map(str, args)], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def test_exports_load_in_pandas_and_pyarrow(dateline_bin, tmp_path):
    db = tmp_path / "demo.db"
    dl(dateline_bin, "ingest", "--db", db, "examples")
    n_events = len(dl(dateline_bin, "query", "--db", db, "events").splitlines())
    assert n_events > 20

    dl(dateline_bin, "export", "--db", db, "--format", "parquet", "--out", tmp_path / "pq")
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.num_rows == n_events
    assert str(events.schema.field("GoldsteinScale").type) == "double"
    assert str(events.schema.field("SQLDATE").type) == "int64"
    mentions = pq.read_table(tmp_path / "pq" / "mentions.parquet")
    assert set(mentions.column("GLOBALEVENTID").to_pylist()) == set(events.column("GLOBALEVENTID").to_pylist())
    assert pq.read_table(tmp_path / "pq" / "documents.parquet").num_rows >= 1

    dl(dateline_bin, "export", "--db", db, "--format", "csv", "--out", tmp_path / "events.csv")
    csv = pd.read_csv(tmp_path / "events.csv", dtype={"EventCode": str, "EventRootCode": str})
    assert len(csv) == n_events and list(csv.columns[:3]) == ["GLOBALEVENTID", "SQLDATE", "MonthYear"]
    assert (csv["EventCode"].str[:2] == csv["EventRootCode"]).all()

    dl(dateline_bin, "export", "--db", db, "--format", "gdelt-events", "--out", tmp_path / "events.tsv")
    tsv = pd.read_csv(tmp_path / "events.tsv", sep="\t", header=None, dtype=str, keep_default_na=False)
    assert tsv.shape == (n_events, 61)
    dl(dateline_bin, "export", "--db", db, "--format", "gdelt-mentions", "--out", tmp_path / "mentions.tsv")
    m = pd.read_csv(tmp_path / "mentions.tsv", sep="\t", header=None, dtype=str, keep_default_na=False)
    assert m.shape == (mentions.num_rows, 16)
