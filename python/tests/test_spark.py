"""A real local Spark (pyspark, local[2], Java 17) codes a corpus with
DataFrame.mapInArrow and dateline.process_batch, and gets exactly the events that
`dateline extract` gives on the same records."""

import os
import shutil

import pytest

from conftest import demo_records, event_keys, run_extract

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (scripts/setup-python)")
if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java for Spark (apt-get install openjdk-17-jre-headless)", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.pandas.types import from_arrow_schema  # noqa: E402


def partition_coder():
    """The function each executor runs, made here so that Spark ships it by value (the
    tests' modules are not importable on the workers)."""

    def code_partitions(batches):
        # Imported on the executor: each Python worker builds the engine once.
        import dateline

        for b in batches:
            yield dateline.process_batch(b)

    return code_partitions


def spark_session(cores):
    os.environ.setdefault("PYSPARK_PYTHON", os.sys.executable)
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("dateline-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "4")
        .getOrCreate()
    )


def corpus():
    """The demo stories, each twice under another id (a corpus larger than a batch)."""
    records = demo_records()
    return records + [dict(r, id="copy-" + r["id"]) for r in records]


def test_spark_map_in_arrow_equals_extract(dateline_bin, tmp_path):
    import dateline

    records = corpus()
    want = event_keys(run_extract(dateline_bin, records, tmp_path))
    spark = spark_session(2)
    try:
        df = spark.createDataFrame([(r["id"], r["text"], r["date"]) for r in records], "id string, text string, date string").repartition(2)
        out = df.mapInArrow(partition_coder(), from_arrow_schema(dateline.event_schema()))
        rows = out.select("Document", "EventCode", "Actor1Code", "Actor2Code", "Negated", "Hypothetical", "Date", "Evidence").collect()
        got = sorted((r[0], r[1], r[2] or "", r[3] or "", r[4], r[5], r[6] or "", r[7]) for r in rows)
        assert got == want
        ids = [r[0] for r in out.select("GLOBALEVENTID").collect()]
        assert len(ids) == len(set(ids)), "no two events share an id across executors"
    finally:
        spark.stop()
