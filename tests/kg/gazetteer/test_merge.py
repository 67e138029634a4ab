"""The build's merge rules, on a tiny Phoenix folder and tiny hand-kept files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.gazetteer.build import build, build_entries, resolve_collisions
from kg.gazetteer.entries import DatedRole, GazetteerEntry, dump_entries, load_entries

COUNTRIES_TSV = (
    "# iso3, qid, label, capitals, demonyms, aliases\n"
    "rus\tQ159\tRussia\tMoscow|Kremlin\tRussian\tRussian Federation\n"
    "usa\tQ30\tUnited States\tWashington\tAmerican\tUS|U.S.|America\n"
)
PHOENIX_COUNTRIES = """\
# header comment
RUSSIAN_FEDERATION_  [RUS]
+RUSSIA_
+RUSSLAND_
+MOSCOW_
+VOLGOGRAD_
+VLADIMIR_
+RUSSIAN_
UNITED_STATES_OF_AMERICA_  [USA]
+NEW_YORK_
+TEXAS_
+AMERICA
VLADIMIR_PUTIN_  # CountryInfo.txt
+VLADIMIR_VLADIMIROVICH_PUTIN_
+PUTIN_
+PRESIDENT_PUTIN_
+RUSSIAN_PRESIDENT_VLADIMIR_PUTIN
\t[RUSGOV >080508]
BORIS_YELTSIN_
+BORIS_N._YELTSIN
\t[RUSGOV 910710-991231]
SERGEI_IVANOV_
+SERGEI_B._IVANOV
\t[RUSGOV 010328-071231]
\t[RUSELI 080101-110101]
KREMLIN_
+THE_KREMLIN_
\t[RUSGOV]
VLADIMIR_ALEKSEYEVICH_PUTIN_
\t[RUSGOV 120507-180507]
VLADIMIR_PAVLOVICH_PUTIN_
\t[USAGOV 120507-180507]
JOHN_SMITH_
\t[USAGOV 090101-120101]
JOHN_SMYTH_
+JOHN_SMITH_
\t[USAGOV >100101]
"""
PHOENIX_INTL = """\
UNITED_NATIONS_\t[IGOUNO]
SOME_ENVOY_PERSON_\t[IGOUNO 100101-120101]
"""
AGENTS = "PRESIDENT [~GOV]\nWARPLANE [~MIL]\n"


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path]:
    source, data = tmp_path / "src", tmp_path / "data"
    (source / "phoenix").mkdir(parents=True)
    data.mkdir()
    (source / "phoenix" / "Phoenix.Countries.actors.txt").write_text(PHOENIX_COUNTRIES)
    (source / "phoenix" / "Phoenix.International.actors.txt").write_text(PHOENIX_INTL)
    (source / "phoenix" / "Phoenix.agents.txt").write_text(AGENTS)
    (data / "countries.tsv").write_text(COUNTRIES_TSV)
    dump_entries(
        [GazetteerEntry(key="Q1065", label="United Nations", type="Organization", aliases=["UN"],
                        same_as=["http://www.wikidata.org/entity/Q1065"])],
        data / "bodies.jsonl",
    )
    dump_entries(
        [GazetteerEntry(key="Q7747", label="Vladimir Putin", type="Person",
                        roles=[DatedRole(title="President", of="Q159", start="2012-05-07")])],
        data / "leaders.jsonl",
    )
    return source, data


def _by_key(source: Path, data: Path) -> dict[str, GazetteerEntry]:
    return {e.key: e for e in build_entries(source, data)}


def test_country_aliases_keep_names_and_drop_places(folders: tuple[Path, Path]) -> None:
    got = _by_key(*folders)
    russia = got["Q159"]
    assert "Russland" in russia.aliases  # a spelling of the name
    assert not {"Volgograd", "Vladimir", "Moscow", "Russian"} & set(russia.aliases)
    assert russia.capitals == ["Moscow", "Kremlin"] and "Russians" in russia.demonyms
    assert "United States of America" in got["Q30"].aliases
    assert not {"New York", "Texas"} & set(got["Q30"].aliases)


def test_phoenix_person_merges_into_ours_with_full_names_only(folders: tuple[Path, Path]) -> None:
    putin = _by_key(*folders)["Q7747"]
    assert "Vladimir Vladimirovich Putin" in putin.aliases
    assert not {"Putin", "President Putin", "Russian President Vladimir Putin"} & set(putin.aliases)
    assert [r.title for r in putin.roles] == ["President"]  # hand-kept roles win


def test_a_fuller_name_serving_the_same_state_is_our_person(folders: tuple[Path, Path]) -> None:
    got = _by_key(*folders)
    assert "person/vladimir-alekseyevich-putin" not in got
    assert "Vladimir Alekseyevich Putin" in got["Q7747"].aliases
    assert "person/vladimir-pavlovich-putin" in got  # serving another state: someone else


def test_phoenix_people_out_of_office_before_2009_are_left_out(folders: tuple[Path, Path]) -> None:
    got = _by_key(*folders)
    assert "person/boris-yeltsin" not in got
    ivanov = got["person/sergei-ivanov"]  # an elite role reaching 2011
    assert ivanov.aliases == ["Sergei B. Ivanov"] and ivanov.source == "phoenix"
    assert {r.of for r in ivanov.roles} == {"Q159"}


def test_a_name_shared_by_two_people_stays_only_as_a_label(folders: tuple[Path, Path]) -> None:
    got = _by_key(*folders)
    assert got["person/john-smith"].label == "John Smith"
    assert "John Smith" not in got["person/john-smyth"].aliases


def test_bodies_claimed_by_hand_kept_entries_are_not_duplicated(folders: tuple[Path, Path]) -> None:
    got = _by_key(*folders)
    assert not any(e.label.endswith("Kremlin") for e in got.values() if e.key != "Q159")
    assert [k for k, e in got.items() if e.label == "United Nations"] == ["Q1065"]
    envoy = got["person/some-envoy-person"]
    assert [r.of for r in envoy.roles] == ["Q1065"]  # IGOUNO → our UN entry


def test_build_writes_all_three_files(folders: tuple[Path, Path], tmp_path: Path) -> None:
    source, data = folders
    out = tmp_path / "out"
    counts = build(source, out, data)
    assert counts["actors"] == len(list(load_entries(out / "actors.jsonl")))
    assert (out / "roles.json").read_text().count('"phrase": "warplane"') == 0
    assert counts["patterns"] > counts["actors"]


def test_resolve_collisions_prefers_labels_then_hand_kept_entries() -> None:
    a = GazetteerEntry(key="person/a", label="Ann Lee", type="Person", aliases=["A. Lee"])
    b = GazetteerEntry(key="person/b", label="Bo Lee", type="Person", aliases=["Ann Lee", "A. Lee"],
                       source="phoenix")
    c = GazetteerEntry(key="person/c", label="Cy Lee", type="Person", aliases=["C. Lee"],
                       source="phoenix")
    d = GazetteerEntry(key="person/d", label="Di Lee", type="Person", aliases=["C. Lee"],
                       source="phoenix")
    got = {e.key: e for e in resolve_collisions([a, b, c, d])}
    assert got["person/a"].aliases == ["A. Lee"]
    assert got["person/b"].aliases == []
    assert got["person/c"].aliases == [] and got["person/d"].aliases == []
