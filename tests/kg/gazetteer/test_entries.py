"""Gazetteer entries: JSON Lines round trip and dated roles."""

from __future__ import annotations

from pathlib import Path

from kg.gazetteer import Gazetteer, load_gazetteer
from kg.gazetteer.entries import DatedRole, GazetteerEntry, dump_entries, load_entries

TRUMP = GazetteerEntry(
    key="Q22686",
    label="Donald Trump",
    type="Person",
    aliases=["Donald J. Trump"],
    same_as=["http://www.wikidata.org/entity/Q22686"],
    roles=[
        DatedRole(title="President", of="Q30", start="2017-01-20", end="2021-01-20"),
        DatedRole(title="President", of="Q30", start="2025-01-20"),
    ],
)
USA = GazetteerEntry(
    key="Q30",
    label="United States",
    type="Country",
    aliases=["US"],
    capitals=["Washington"],
    demonyms=["American"],
)
WHITE_HOUSE = GazetteerEntry(key="Q35525", label="White House", type="Organization", part_of="Q30")
PHOENIX = GazetteerEntry(
    key="person/x-y",
    label="X Y",
    type="Person",
    roles=[DatedRole(title="Government", of="Q30", start="2009-01", code="USAGOV")],
    source="phoenix",
)


def test_dump_then_load_gives_the_same_entries_sorted_by_key(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    assert dump_entries([WHITE_HOUSE, TRUMP, PHOENIX, USA], path) == 4
    back = list(load_entries(path))
    assert back == sorted([WHITE_HOUSE, TRUMP, PHOENIX, USA], key=lambda e: e.key)
    # defaults are left out of the file, optional fields survive
    text = path.read_text(encoding="utf-8")
    assert '"capitals": []' not in text
    assert '"part_of": "Q30"' in text and '"code": "USAGOV"' in text


def test_roles_on_picks_the_roles_held_that_day() -> None:
    assert [r.start for r in TRUMP.roles_on("2018-01-11")] == ["2017-01-20"]
    assert TRUMP.roles_on("2022-06-01") == []
    assert [r.start for r in TRUMP.roles_on("2026-11-01")] == ["2025-01-20"]  # open end
    assert TRUMP.roles_on("2021-01-20")  # the last day counts
    assert len(TRUMP.roles_on(None)) == 2


def test_month_precision_spans_compare_by_prefix() -> None:
    role = DatedRole(title="Spokesperson", of="Q148", start="2012-09", end="2024")
    assert role.holds_on("2012-09-01") and role.holds_on("2024-12-31")
    assert not role.holds_on("2012-08-31") and not role.holds_on("2025-01-01")


def test_gazetteer_lookup_is_case_insensitive_over_every_name() -> None:
    g = Gazetteer([TRUMP, USA])
    assert [e.key for e in g.lookup("donald j. trump")] == ["Q22686"]
    assert [e.key for e in g.lookup("WASHINGTON")] == ["Q30"]
    assert [e.key for e in g.lookup("American")] == ["Q30"]
    assert g.lookup("Obama") == []


def test_load_gazetteer_reads_the_built_file_alone(tmp_path: Path) -> None:
    dump_entries([TRUMP, USA], tmp_path / "actors.jsonl")
    dump_entries([TRUMP], tmp_path / "leaders.jsonl")  # an input, already merged
    (tmp_path / "patterns.jsonl").write_text('{"label": "GPE"}\n', encoding="utf-8")
    g = load_gazetteer.__wrapped__(tmp_path)
    assert len(g) == 2 and len(g.lookup("Donald Trump")) == 1
