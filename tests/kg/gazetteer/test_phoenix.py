"""Phoenix dictionary parsers, on small snippets written in the files' exact formats."""

from __future__ import annotations

import pytest

from kg.gazetteer.phoenix import (
    parse_agents,
    parse_code,
    parse_countries,
    parse_date,
    parse_international,
    phrase_to_name,
    read_blocks,
)

COUNTRIES = """\
# TABARI-formatted .actor file
#
RUSSIAN_FEDERATION_  [RUS]
+RUSSIAN
+RUSSIA_ 
+MOSCOW_ 
+FEDERATION_COUNCIL  # Don't worry, only other one is Star Trek
# Russian institutions, since they're often used in the media:
RUSSIAN_FEDERAL_ASSEMBLY
+STATE_DUMA
\t[RUSLEG]
VLADIMIR_PUTIN_  # CountryInfo.txt
+VLADIMIR_VLADIMIROVICH_PUTIN_
+PUTIN_
+PRESIDENT_PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV 990809-000507]
\t[RUSGOV >080508]
\t[RUSELI]
IVO_JOSIPOVIC_
PRESIDENT_JOSIPOVIC_
\t[HRVGOV 100218-150219]
ARMENIA_
+ARMENIAN_ 
+YEREVAN_
\t[USRARM <900823]
\t[ARM >911221]
GIBRALTAR_  [GBRGIB]
+GIBRALTARIAN_
# East Germany cities that became DEU after reunification
LEIPZIG_
+DRESDEN_
\t[DEU]
GERMANY_  [DEU]
+GERMAN_
IRAQ_
\t[IRQ <20030320]
\t[IRQ >20060520]
IRAQI_KURDISTAN # Make new Kurdistan code?
+ERBIL
\t[IRQ >20060520]
"""


def _by_label(entries):
    return {e.label: e for e in entries}


def test_country_blocks_become_countries_keyed_by_iso() -> None:
    got = _by_label(parse_countries(COUNTRIES))
    russia = got["Russian Federation"]
    assert (russia.key, russia.type) == ("country/rus", "Country")
    assert {"Russian", "Russia", "Moscow", "Federation Council"} <= set(russia.aliases)
    # a state whose code sits on an indented line, with its Soviet past before it
    assert got["Armenia"].key == "country/arm"
    assert got["Iraq"].key == "country/irq"


def test_second_block_with_a_state_code_is_a_region_of_it() -> None:
    kurdistan = _by_label(parse_countries(COUNTRIES))["Iraqi Kurdistan"]
    assert (kurdistan.type, kurdistan.part_of) == ("Location", "country/irq")
    assert kurdistan.aliases == ["Erbil"]


def test_the_block_naming_the_code_on_its_root_line_is_the_state() -> None:
    got = _by_label(parse_countries(COUNTRIES))
    assert (got["Germany"].key, got["Germany"].type) == ("country/deu", "Country")
    assert (got["Leipzig"].type, got["Leipzig"].part_of) == ("Location", "country/deu")


def test_territory_code_is_a_location_of_its_state() -> None:
    gib = _by_label(parse_countries(COUNTRIES))["Gibraltar"]
    assert (gib.type, gib.part_of) == ("Location", "country/gbr")


def test_institutions_are_organisations_of_their_state() -> None:
    duma = _by_label(parse_countries(COUNTRIES))["Russian Federal Assembly"]
    assert duma.type == "Organization"
    assert duma.part_of == "country/rus"
    assert duma.aliases == ["State Duma"]


def test_people_get_dated_roles_with_codes() -> None:
    putin = _by_label(parse_countries(COUNTRIES))["Vladimir Putin"]
    assert putin.type == "Person" and putin.key == "person/vladimir-putin"
    spans = [(r.code, r.of, r.start, r.end) for r in putin.roles]
    assert ("RUSELI", "country/rus", "1970-01-01", "1999-08-09") in spans
    assert ("RUSGOV", "country/rus", "1999-08-09", "2000-05-07") in spans
    assert ("RUSGOV", "country/rus", "2008-05-08", None) in spans  # ">d": from d on
    assert ("RUSELI", "country/rus", None, None) in spans
    assert {r.title for r in putin.roles} == {"Government", "Elite"}
    assert putin.roles_on("2009-01-01")[0].code == "RUSGOV"
    assert "Vladimir Vladimirovich Putin" in putin.aliases
    assert "President Putin" in putin.aliases  # the parser keeps what is written


def test_root_without_codes_is_another_name_of_the_next_coded_actor() -> None:
    got = _by_label(parse_countries(COUNTRIES))
    ivo = got["Ivo Josipovic"]
    assert ivo.aliases == ["President Josipovic"]
    assert [(r.start, r.end) for r in ivo.roles] == [("2010-02-18", "2015-02-19")]
    assert "President Josipovic" not in got


def test_comments_never_become_names() -> None:
    names = {n for e in parse_countries(COUNTRIES) for n in (e.label, *e.aliases)}
    assert not any("Star Trek" in n or "#" in n or "Kurdistan code" in n for n in names)


INTERNATIONAL = """\
######   The United Nations  #######
UNITED_NATIONS_\t[IGOUNO]# NGO_Actors
SECRETARY-GENERAL_BAN_KI-MOON
+BAN_KI-MOON
\t[IGOUNO >20070101]
\t[KORGOVBUS 2004017-20061201]
NATO_
+NORTH_ATLANTIC_TREATY_ORGANIZATION_\t
\t[IGOWSTNAT]# NGO_Actors
JAVIER_SOLANA_\t[IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006] # president of the CoEU
OXFAM_\t[NGO]
"""


def test_international_bodies_and_people() -> None:
    got = _by_label(parse_international(INTERNATIONAL))
    assert got["United Nations"].type == "Organization"
    nato = got["NATO"]
    assert nato.type == "Organization" and nato.aliases == ["North Atlantic Treaty Organization"]
    assert got["Oxfam"].type == "Organization"
    solana = got["Javier Solana"]
    assert solana.type == "Person"
    assert [(r.code, r.of, r.start, r.end) for r in solana.roles] == [
        ("IGOEUREEC", None, "1995-07-01", "1995-12-31"),
        ("IGOWSTNAT", None, "1995-12-05", "1999-10-06"),
    ]
    ban = got["Secretary-General Ban Ki-Moon"]
    assert "Ban Ki-Moon" in ban.aliases
    # a typo'd date keeps the code and drops the span; the state code still gives ``of``
    assert ("KORGOVBUS", "country/kor", None, None) in [
        (r.code, r.of, r.start, r.end) for r in ban.roles
    ]


AGENTS = """\
# comment line
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES

PRESIDENT [~GOV]
PRIME_MINISTER [~GOV]
SPOKES!PERSON! [~MED]
FOREIGN_!MINIST! [~GOV]
!MINIST! FOR_DEFENSE [~GOVMIL]
!MINIST! OF_TERRITORIAL_AD!MINIST!RATION [~GOV]
THIEF {THIEVES} [~CRM]
SEA_ROVER [~CRM] # ARGGGHHHHH
"""


def test_agents_expand_macros_and_keep_codes() -> None:
    words = {w.phrase: w for w in parse_agents(AGENTS)}
    assert words["president"].code == "GOV"
    assert words["prime minister"].code == "GOV"
    assert {"spokesman", "spokeswoman", "spokesperson"} <= set(words)
    assert words["spokesperson"].code == "MED"
    assert {"foreign minister", "foreign ministry"} <= set(words)
    assert words["minister for defense"].code == "GOVMIL"
    assert words["thief"].plurals == ("thieves",)
    # a macro inside a word (the file's own slip) is the literal word
    assert "minister of territorial administration" in words
    assert not any("administer" in p or "administries" in p for p in words)
    assert "sea rover" in words and all("#" not in p for p in words)


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("UNITED_STATES_OF_AMERICA_", "United States of America"),
        ("BASHAR_AL-ASSAD", "Bashar al-Assad"),
        ("KIM_JONG-UN", "Kim Jong-un"),
        ("MOON_JAE-IN_", "Moon Jae-in"),
        ("VLADIMIR_V._PUTIN", "Vladimir V. Putin"),
        ("U.S.", "U.S."),
        ("WILLIAM_A._O'NEIL_", "William A. O'Neil"),
        ("POPE_BENEDICT_XVI", "Pope Benedict XVI"),
        ("G20", "G20"),
        ("DPRK", "DPRK"),
        ("ROSTOV-ON-DON", "Rostov-on-Don"),
    ],
)
def test_phrase_to_name(phrase: str, name: str) -> None:
    assert phrase_to_name(phrase) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RUSGOV 000507-080507", ("RUSGOV", "2000-05-07", "2008-05-07")),
        ("RUSGOV >080508", ("RUSGOV", "2008-05-08", None)),
        ("RUSGOV > 080508", ("RUSGOV", "2008-05-08", None)),
        ("USRARM <900823", ("USRARM", None, "1990-08-23")),
        ("AFGELI 19270101-730717", ("AFGELI", "1927-01-01", "1973-07-17")),
        ("RUSELI", ("RUSELI", None, None)),
    ],
)
def test_parse_code(text: str, expected: tuple[str, str | None, str | None]) -> None:
    code = parse_code(text)
    assert code is not None
    assert (code.code, code.start, code.end) == expected


def test_parse_code_rejects_placeholders_and_dates_reject_garbage() -> None:
    assert parse_code("---") is None
    with pytest.raises(ValueError):
        parse_date("2004017")
    with pytest.raises(ValueError):
        parse_date("001399")


def test_blocks_keep_file_order_and_skip_comments() -> None:
    roots = [b.root for b in read_blocks(COUNTRIES)]
    assert roots[:3] == ["RUSSIAN_FEDERATION_", "RUSSIAN_FEDERAL_ASSEMBLY", "VLADIMIR_PUTIN_"]
