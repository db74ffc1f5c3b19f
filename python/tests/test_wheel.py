"""The wheel as a user installs it: `pip install` into a fresh virtual environment, then
`dateline.extract` codes the reference story as `dateline extract` does."""

import json
import pathlib
import subprocess
import sys

import pytest

from conftest import ROOT, event_keys

SEED = ROOT.parent / "shared" / "seed" / "article.txt"
SNIPPET = "import dateline, json, sys; print(json.dumps(dateline.extract([open(sys.argv[1], encoding='utf-8').read()])))"


def wheel():
    wheels = sorted((ROOT / "target" / "wheels").glob("dateline-*.whl"))
    if not wheels:
        pytest.skip("no wheel in target/wheels (scripts/build-wheel)")
    return wheels[-1]


def test_fresh_venv_codes_the_reference_story_as_the_command(dateline_bin, tmp_path):
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (../shared is not checked out)")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # pyarrow comes from pip's cache when scripts/setup-python has run; the wheel itself is local.
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel())], check=True)
    out = subprocess.run([str(py), "-c", SNIPPET, str(SEED)], cwd=ROOT, check=True, capture_output=True, text=True)
    [got] = json.loads(out.stdout)
    cli = subprocess.run([str(dateline_bin), "extract", str(SEED)], cwd=ROOT, check=True, capture_output=True, text=True)
    [want] = [json.loads(line) for line in cli.stdout.splitlines()]
    assert got["events"], "the reference story has events"
    got["id"] = want["id"]
    got["published"] = want.get("published")
    assert event_keys([got]) == event_keys([want])
    names = lambda d: sorted((p["name"], p.get("country")) for p in d.get("places", []))  # noqa: E731
    assert names(got) == names(want)
