"""Ray Data's map_batches with dateline.process_batch gives the events `dateline
extract` gives (skipped when ray is not installed)."""

import pytest

from conftest import demo_records, event_keys, run_extract

ray = pytest.importorskip("ray", reason="ray[data] is not installed (pip install 'ray[data]')")


def test_ray_map_batches_equals_extract(dateline_bin, tmp_path):
    import dateline
    import pyarrow as pa

    records = demo_records()
    want = event_keys(run_extract(dateline_bin, records, tmp_path))
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        table = pa.Table.from_pylist(records, schema=pa.schema([("id", pa.string()), ("text", pa.string()), ("date", pa.string())]))

        def code(batch: pa.Table) -> pa.Table:
            import dateline

            return pa.Table.from_batches([dateline.process_batch(b) for b in batch.to_batches()], schema=dateline.event_schema())

        ds = ray.data.from_arrow(table).repartition(2).map_batches(code, batch_format="pyarrow", batch_size=4)
        rows = ds.take_all()
        got = sorted((r["Document"], r["EventCode"], r["Actor1Code"] or "", r["Actor2Code"] or "", r["Negated"], r["Hypothetical"], r["Date"] or "", r["Evidence"]) for r in rows)
        assert got == want
    finally:
        ray.shutdown()
