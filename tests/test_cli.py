"""The `kg` command line end to end, in-process, on a store in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.extract.records import ExtractionRecord

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").glob("*.txt"))

OTHER = {
    "id": "lisbon-1",
    "published": "2023-05-09",
    "title": "Ministers meet",
    "text": "Portuguese Foreign Minister Joao Gomes Cravinho met Spanish Foreign Minister "
            "Jose Manuel Albares in Lisbon on Monday. \"We agreed on a great deal,\" Cravinho said.",
}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "kg"
    monkeypatch.setenv("KG_STORE", str(path))
    monkeypatch.setenv("KG_WORKERS", "1")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stats(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, _ = run(capsys, "stats", "--format", "json")
    assert code == 0
    return dict(json.loads(out))


@pytest.mark.model
def test_extract_prints_one_valid_record_with_the_phone_call(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", "--format", "jsonl", str(SEED))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    record = ExtractionRecord.model_validate_json(lines[0])
    ids = {e.id for e in record.entities}
    for m in record.meetings:
        assert set(m.participants) <= ids
    for s in record.statements:
        assert s.speaker is None or s.speaker in ids
    labels = {e.id: e.label for e in record.entities}
    calls = [m for m in record.meetings if m.kind == "phone_call"
             and {labels[p] for p in m.participants} == {"Donald Trump", "Moon Jae-in"}]
    assert calls, "the Trump-Moon phone call was not found"
    assert calls[0].status == "occurred" and calls[0].date == "2018-01-10"


@pytest.mark.model
def test_ingest_twice_changes_nothing_and_delete_removes_only_that_article(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "lisbon-1.json"
    other.write_text(json.dumps(OTHER), encoding="utf-8")
    assert run(capsys, "ingest", str(SEED.parent), str(other))[0] == 0
    first = stats(capsys)
    assert run(capsys, "ingest", str(SEED.parent))[0] == 0
    assert stats(capsys) == first

    code, out, _ = run(capsys, "query", "--format", "json",
                       "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://127.0.0.1:8000/graph/lisbon-1> { ?s ?p ?o } }")
    assert code == 0
    other_triples = int(json.loads(out)["results"]["bindings"][0]["n"]["value"])
    assert other_triples > 0

    code, _, err = run(capsys, "delete", SEED.stem)
    assert code == 0, err
    after = stats(capsys)
    assert after["quads"] == other_triples
    assert after["counts"]["Article"] == {"reported": 1, "resolved": 1}  # type: ignore[index]
    code, _, err = run(capsys, "delete", SEED.stem)
    assert code == 1 and "no article" in err


@pytest.mark.model
def test_a_bad_file_is_reported_and_the_rest_are_stored(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(OTHER), encoding="utf-8")
    (folder / "bad.json").write_text("{oops", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(folder))
    assert code == 1
    assert "bad.json" in err and "invalid JSON" in err
    assert "empty.txt" in err
    assert stats(capsys)["counts"]["Article"]["resolved"] == 1  # type: ignore[index]


@pytest.mark.model
def test_met_names_moon_with_the_call(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "ingest", str(SEED))[0] == 0
    code, out, err = run(capsys, "met", "Trump", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    moon = [r for r in result if "Moon" in json.dumps(r)]
    assert moon, out
    assert any(m["kind"] == "phone_call" and m["date"] == "2018-01-10" for r in moon for m in r["meetings"])


def test_query_refuses_updates(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "query", "DROP ALL")
    assert code == 2
    assert "update" in err.lower()


def test_unknown_export_format_is_named(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "--format", "pptx")
    assert code == 2
    assert "pptx" in err
