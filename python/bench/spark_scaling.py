"""How Spark's workers scale with dateline: the same corpus coded by mapInArrow with
one task slot (local[1]) and with two (local[2]), each Python worker on one core
(RAYON_NUM_THREADS=1), best of --rounds runs after a warm-up that builds each worker's
engine. Prints MB/s and the speed-up; on a machine with two idle cores it should be
close to 2x.

usage: python python/bench/spark_scaling.py [--mb 8] [--rounds 3] [--partitions 8]
"""

import argparse
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def corpus(mb):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    rows, size, i = [], 0, 0
    while size < mb * 1_000_000:
        t = texts[i % len(texts)]
        rows.append((f"doc-{i}", t, "2024-06-18"))
        size += len(t.encode("utf-8"))
        i += 1
    return rows, size


def code_partitions(batches):
    import dateline

    for b in batches:
        yield dateline.process_batch(b)


def run(cores, rows, partitions, rounds):
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    import dateline

    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(f"dateline-bench-{cores}")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    try:
        df = spark.createDataFrame(rows, "id string, text string, date string").repartition(partitions).cache()
        df.count()
        schema = from_arrow_schema(dateline.event_schema())
        job = lambda: df.mapInArrow(code_partitions, schema).write.format("noop").mode("overwrite").save()  # noqa: E731
        job()  # warm-up: each worker builds its engine once
        best = float("inf")
        for _ in range(rounds):
            t = time.perf_counter()
            job()
            best = min(best, time.perf_counter() - t)
        return best
    finally:
        spark.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--partitions", type=int, default=8)
    a = ap.parse_args()
    os.environ["RAYON_NUM_THREADS"] = "1"
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    rows, size = corpus(a.mb)
    one = run(1, rows, a.partitions, a.rounds)
    two = run(2, rows, a.partitions, a.rounds)
    mb = size / 1e6
    print(f"corpus {len(rows)} documents, {mb:.1f} MB; {a.partitions} partitions; best of {a.rounds}")
    print(f"local[1]: {one:.2f} s, {mb / one:.2f} MB/s")
    print(f"local[2]: {two:.2f} s, {mb / two:.2f} MB/s")
    print(f"speed-up with 2 workers: {one / two:.2f}x")


if __name__ == "__main__":
    main()
