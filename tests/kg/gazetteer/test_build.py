"""The committed gazetteer files: well-formed, consistent, and reproducible by the build."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from kg.gazetteer import DATA_DIR, load_gazetteer, load_role_words
from kg.gazetteer.build import DEFAULT_SOURCE, build
from kg.gazetteer.entries import GazetteerEntry, load_entries

ACTORS = DATA_DIR / "actors.jsonl"


@pytest.fixture(scope="module")
def entries() -> list[GazetteerEntry]:
    return list(load_entries(ACTORS))


@pytest.fixture(scope="module")
def by_key(entries: list[GazetteerEntry]) -> dict[str, GazetteerEntry]:
    return {e.key: e for e in entries}


def test_keys_are_unique(entries: list[GazetteerEntry]) -> None:
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys))


def test_every_role_and_part_of_points_at_an_entry(
    entries: list[GazetteerEntry], by_key: dict[str, GazetteerEntry]
) -> None:
    dangling = [
        (e.key, target)
        for e in entries
        for target in [*(r.of for r in e.roles), e.part_of]
        if target is not None and target not in by_key
    ]
    assert dangling == []


def test_no_full_name_points_at_two_people(entries: list[GazetteerEntry]) -> None:
    people: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.type == "Person":
            for name in (e.label, *e.aliases):
                people[name.casefold()].add(e.key)
    assert {n: k for n, k in people.items() if len(k) > 1} == {}


def test_wikidata_keys_carry_their_same_as(entries: list[GazetteerEntry]) -> None:
    for e in entries:
        if e.key.startswith("Q"):
            assert e.same_as == [f"http://www.wikidata.org/entity/{e.key}"], e.key
        else:
            assert "/" in e.key and not e.same_as, e.key


def test_united_states(by_key: dict[str, GazetteerEntry]) -> None:
    us = by_key["Q30"]
    assert (us.label, us.type) == ("United States", "Country")
    assert {"US", "U.S.", "USA", "America"} <= set(us.aliases)
    assert "Washington" in us.capitals and "American" in us.demonyms
    assert "New York" not in us.aliases and "Texas" not in us.aliases  # Phoenix cities filtered


def test_metonyms_and_aliases_of_states(by_key: dict[str, GazetteerEntry]) -> None:
    assert {"Moscow", "Kremlin"} <= set(by_key["Q159"].capitals)
    assert "DPRK" in by_key["Q423"].aliases and "Pyongyang" in by_key["Q423"].capitals
    assert {"ROK", "Republic of Korea"} <= set(by_key["Q884"].aliases)
    assert {"Britain", "UK"} <= set(by_key["Q145"].aliases)
    assert "Downing Street" in by_key["Q145"].capitals


def test_every_un_member_style_state_is_present(entries: list[GazetteerEntry]) -> None:
    countries = [e for e in entries if e.type == "Country"]
    assert len(countries) >= 193
    labels = {e.label for e in countries}
    assert {"Tuvalu", "South Sudan", "Eswatini", "North Macedonia", "Palau"} <= labels


def test_donald_trump(by_key: dict[str, GazetteerEntry]) -> None:
    trump = by_key["Q22686"]
    assert trump.label == "Donald Trump" and trump.type == "Person"
    spans = {(r.title, r.of, r.start, r.end) for r in trump.roles}
    assert ("President", "Q30", "2017-01-20", "2021-01-20") in spans
    assert ("President", "Q30", "2025-01-20", None) in spans
    assert "Trump" not in trump.aliases  # surnames are linked per article, not here
    assert [r.title for r in trump.roles_on("2018-06-12")] == ["President"]


def test_load_gazetteer_finds_people_by_alternative_spelling() -> None:
    g = load_gazetteer()
    assert [e.key for e in g.lookup("Kim Jong Un")] == ["Q56226"]
    assert [e.key for e in g.lookup("Moon Jae In")] == ["Q21001"]
    assert g.get("Q884") is not None


def test_role_words_cover_the_titles_we_need() -> None:
    roles = load_role_words()
    wanted = {"president", "prime minister", "foreign minister", "spokesman", "spokeswoman",
              "spokesperson", "ambassador", "vice-president", "chancellor", "king",
              "secretary of state", "senior research associate"}
    assert wanted <= set(roles)
    assert roles["president"] == "GOV"
    assert not any(word.endswith(" ministry") for word in roles)  # institutions are not titles
    assert "warplane" not in roles and "ministers" not in roles


@pytest.mark.slow
def test_rebuild_reproduces_the_committed_files(tmp_path: Path) -> None:
    if not (DEFAULT_SOURCE / "phoenix").is_dir():
        pytest.skip("Phoenix dictionaries not available")
    counts = build(DEFAULT_SOURCE, tmp_path)
    assert counts["actors"] == len(ACTORS.read_text(encoding="utf-8").splitlines())
    for name in ("actors.jsonl", "roles.json", "patterns.jsonl"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
    json.loads((tmp_path / "roles.json").read_text(encoding="utf-8"))
