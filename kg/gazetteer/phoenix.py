"""Parsers for the Phoenix (PETRARCH2) actor and agent dictionaries: text in, entries out.

The files are described in ``/work/shared/gazetteer/README.md``. Their shared grammar:

- ``#`` starts a comment (whole line or tail); blank lines separate nothing in particular.
- A *root* line (not indented, no ``+``) names an actor; ``+`` lines add synonyms; codes in
  brackets follow on the root line or on indented lines: ``[RUSGOV 000507-080507]``,
  ``[RUSGOV >080508]`` (from that day on), ``[RUSGOV <080508]`` (until), ``[RUSELI]``
  (undated). Dates are ``yymmdd`` or ``yyyymmdd``.
- A root line without codes, directly followed by another root line, is another name of the
  same actor (``IVO_JOSIPOVIC_`` / ``PRESIDENT_JOSIPOVIC_`` / ``[HRVGOV ...]``).
- Underscores join the words of a phrase.
- Agents: ``PRESIDENT [~GOV]``, ``CATTLE!PERSON! [~AGR]`` with ``!PERSON! = MAN, WOMAN, ...``
  macros, ``{PLURAL}`` or ``{}`` plural hints.

These functions are pure (text → values): the build script (:mod:`kg.gazetteer.build`) curates
and merges their output. Countries get the key ``country/<iso3>``, other actors
``{type}/{slug}`` (:func:`kg.ids.actor_key`); the build swaps in Wikidata ids where known.

>>> phrase_to_name("BAN_KI-MOON_")
'Ban Ki-Moon'
>>> phrase_to_name("BASHAR_AL-ASSAD")
'Bashar al-Assad'
>>> phrase_to_name("UNITED_STATES_OF_AMERICA_")
'United States of America'
>>> phrase_to_name("U.S.")
'U.S.'
>>> parse_date("000507"), parse_date("19270101"), parse_date("991231")
('2000-05-07', '1927-01-01', '1999-12-31')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg import ids
from kg.gazetteer.entries import DatedRole, GazetteerEntry

SOURCE = "phoenix"

# Two-digit years up to this value are read as 20yy, later ones as 19yy (the lists stop ~2019).
_PIVOT = 30

# Sector codes (CAMEO actor ontology) → a role title for people the lists only code coarsely.
SECTOR_TITLES: dict[str, str] = {
    "GOV": "Government",
    "ELI": "Elite",
    "MIL": "Military",
    "LEG": "Legislature",
    "OPP": "Opposition",
    "JUD": "Judiciary",
    "SPY": "Intelligence",
    "COP": "Police",
    "MED": "Media",
    "BUS": "Business",
    "REB": "Rebel",
    "INS": "Insurgent",
    "EDU": "Education",
    "HLH": "Health",
    "LAB": "Labour",
    "PTY": "Party",
    "CVL": "Civilian",
    "REF": "Refugee",
    "HRI": "Human rights",
    "ENV": "Environment",
    "DEV": "Development",
    "AGR": "Agriculture",
    "REL": "Religion",
    "UAF": "Armed group",
    "CRM": "Criminal",
    "SPI": "Intelligence",
    "IGO": "Official",
    "NGO": "Official",
    "MNC": "Business",
}

# Code prefixes that are not states: their roles carry no ``of``.
NON_STATE_PREFIXES = frozenset(
    {"IGO", "NGO", "MNC", "IMG", "UNO", "INS", "REB", "UAF", "MUS", "CHR", "BUD", "JEW", "HIN"}
)

# Words kept lower-case inside a name (not as its first word), alone or after a hyphen.
_WORD_PARTICLES = frozenset(
    {"of", "the", "and", "for", "de", "da", "del", "della", "du", "des", "van", "von", "der",
     "den", "bin", "ibn"}
)
_HYPHEN_PARTICLES = _WORD_PARTICLES | {"on", "in", "sur", "le", "la", "al", "el", "ul", "un"}
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?|[A-Za-z]\.?")
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_ACRONYMS = frozenset(
    {"UN", "US", "USA", "UK", "EU", "NATO", "ASEAN", "UNSC", "IAEA", "OPEC", "WHO", "WTO",
     "IMF", "OSCE", "APEC", "BRICS", "SCO", "CIA", "FBI", "NSA", "KGB", "FSB", "PLO", "PLA",
     "ROK", "DPRK", "PRC", "UAE", "AU", "OAS", "OAU", "ECOWAS", "UNHCR", "UNICEF", "UNESCO",
     "NGO", "ANC", "BJP", "LDP", "CPC", "CCP", "KMT", "DPP", "SDF", "IDF", "ISIS", "ISIL",
     "EC", "ECB", "OECD", "G7", "G8", "G20", "GCC", "SADC", "IGAD", "ICC", "ICJ", "WFP", "FAO",
     "UNDP", "UNEP", "IOM", "ILO", "ITU", "IMO", "ICAO", "WIPO", "UNRWA", "UNIFIL", "MONUSCO"}
)
_VOWELS = frozenset("AEIOUY")
_CODE = re.compile(r"\[([^\]]*)\]")
_DATED = re.compile(
    r"^(?P<code>[A-Z]+)\s*"
    r"(?:(?P<op>[<>])\s*(?P<d1>\d+)|(?P<s>\d+)\s*-\s*(?P<e>\d+)|(?P<one>\d+))?$"
)
_MACRO = re.compile(r"^!(?P<name>[A-Z]+)!\s*=\s*(?P<values>.+)$")
_AGENT = re.compile(
    r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[~(?P<code>[A-Z]*)[\]}]"
)


@dataclass(frozen=True)
class PhoenixCode:
    """One bracketed code, e.g. ``RUSGOV`` from 2000-05-07 to 2008-05-07."""

    code: str
    start: str | None = None
    end: str | None = None


@dataclass
class PhoenixBlock:
    """A root phrase with its synonyms and codes, as written (phrases still underscored)."""

    root: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[PhoenixCode] = field(default_factory=list)
    header_codes: list[PhoenixCode] = field(default_factory=list)
    comment: str = ""


@dataclass(frozen=True)
class RoleWord:
    """A role word from the agents dictionary: ``foreign minister`` → sector ``GOV``."""

    phrase: str
    code: str
    plurals: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# names and dates


def phrase_to_name(phrase: str) -> str:
    """A Phoenix phrase (``VLADIMIR_V._PUTIN_``) as a spaced, capitalised name."""
    words = [w for w in phrase.replace("_", " ").split() if w]
    return " ".join(_word(w, i) for i, w in enumerate(words))


def _word(word: str, index: int) -> str:
    """One word: acronyms, initials, numbers and Roman numerals in capitals; particles
    (of, al-, bin) in lower case inside a name; every other word capitalised."""
    letters = "".join(c for c in word if c.isalpha())
    if (
        word.upper() in _ACRONYMS
        or _DOTTED.fullmatch(word)
        or any(c.isdigit() for c in word)
        or (_ROMAN.match(word.upper()) and index > 0)
        or (len(letters) >= 2 and not (_VOWELS & set(letters.upper())))
    ):
        return word.upper()
    parts = word.split("-")
    out: list[str] = []
    for j, part in enumerate(parts):
        low = part.lower()
        if (j > 0 and low in _HYPHEN_PARTICLES) or (
            index > 0 and (low in _WORD_PARTICLES or (len(parts) > 1 and low in ("al", "el")))
        ):
            out.append(low)  # United States of America, Bashar al-Assad, Rostov-on-Don
        else:
            out.append(_cap(low))
    return "-".join(out)


def _cap(low: str) -> str:
    if len(low) > 2 and low[1] == "'":  # o'neil, d'alema
        return low[0].upper() + "'" + low[2:].capitalize()
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    return low[:1].upper() + low[1:]


def parse_date(text: str) -> str:
    """``yymmdd`` or ``yyyymmdd`` → ``YYYY-MM-DD`` (two-digit years pivot at 2030)."""
    digits = text.strip()
    if len(digits) == 8:
        year, rest = digits[:4], digits[4:]
    elif len(digits) == 6:
        yy = int(digits[:2])
        year, rest = str((2000 if yy <= _PIVOT else 1900) + yy), digits[2:]
    else:
        raise ValueError(f"not a Phoenix date: {text!r}")
    month, day = int(rest[:2]), int(rest[2:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"not a Phoenix date: {text!r}")
    return f"{year}-{rest[:2]}-{rest[2:]}"


def parse_code(text: str) -> PhoenixCode | None:
    """``RUSGOV 000507-080507`` → :class:`PhoenixCode`; None for ``---`` or malformed codes."""
    m = _DATED.match(text.strip())
    if m is None:
        return None
    start = end = None
    try:
        if m["op"] == ">":
            start = parse_date(m["d1"])
        elif m["op"] == "<":
            end = parse_date(m["d1"])
        elif m["s"]:
            start, end = parse_date(m["s"]), parse_date(m["e"])
        elif m["one"]:
            start = parse_date(m["one"])
    except ValueError:
        return PhoenixCode(m["code"])  # a typo'd date: keep the code, drop the span
    if start and end and start > end and len(m["s"] or "") == 6:
        start = str(int(start[:4]) - 100) + start[4:]  # 250101-300101: a 1925 start
    if start and end and start > end:
        start, end = end, start
    return PhoenixCode(m["code"], start, end)


def _codes(text: str) -> list[PhoenixCode]:
    return [c for raw in _CODE.findall(text) if (c := parse_code(raw)) is not None]


def _split_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body, comment.strip()


# ---------------------------------------------------------------------------------------------
# the shared actor-file grammar


def read_blocks(text: str) -> Iterator[PhoenixBlock]:
    """The actor blocks of a ``.actors.txt`` file, in file order."""
    block: PhoenixBlock | None = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, comment = _split_comment(raw)
        if raw[0] in " \t" or raw.startswith("["):
            if block is not None:
                block.codes.extend(_codes(body))
            continue
        phrase = _CODE.sub(" ", body).strip()
        if raw.startswith("+"):
            if block is not None and phrase.strip("+ "):
                block.synonyms.append(phrase.lstrip("+").strip())
                block.codes.extend(_codes(body))
            continue
        if block is not None and not block.codes:
            # a root without codes: another name of the actor whose codes come next
            block.synonyms.append(phrase)
            block.codes.extend(_codes(body))
            block.header_codes.extend(_codes(body))
            continue
        if block is not None:
            yield block
        header = _codes(body)
        block = PhoenixBlock(root=phrase, codes=list(header), header_codes=header, comment=comment)
    if block is not None:
        yield block


def country_code(block: PhoenixBlock) -> str | None:
    """The ISO alpha-3 code when ``block`` is a state (a bare 3-letter code, still in force)."""
    codes = [
        c.code
        for c in block.codes
        if len(c.code) == 3 and c.end is None and c.code not in NON_STATE_PREFIXES
    ]
    return codes[-1] if codes else None


_ORG_WORDS = frozenset(
    """ASSEMBLY COUNCIL MINISTRY MINISTRIES DEPARTMENT PARTY ARMY FORCE FORCES NAVY GUARD GUARDS
    COMMISSION COMMITTEE AGENCY BANK FUND UNION ORGANIZATION ORGANISATION ASSOCIATION SERVICE
    OFFICE BUREAU COURT PARLIAMENT CONGRESS SENATE HOUSE GOVERNMENT CABINET MOVEMENT FRONT
    BRIGADE BRIGADES BATTALION CORPS POLICE INSTITUTE UNIVERSITY COMPANY CORPORATION NEWS
    AGENCY MISSION PROGRAMME PROGRAM COMMAND AUTHORITY ALLIANCE LEAGUE COALITION FEDERATION
    CONFERENCE SECRETARIAT TRIBUNAL NATIONS COMMUNITY GROUP COUNCILS SOCIETY FOUNDATION
    CENTER CENTRE NETWORK BOARD ADMINISTRATION REGIME DUMA KNESSET MAJLIS BUNDESTAG BUNDESRAT
    REICHSTAG MOSSAD KREMLIN PENTAGON TALIBAN HAMAS HEZBOLLAH HIZBULLAH PARLIAMENTARY
    TANK""".split()
)


def _looks_like_org(block: PhoenixBlock) -> bool:
    """Institutions name themselves with institution words or as one word without a dated
    code (``KNESSET [ISRGOVLEG]``); a one-word root with dated codes is a monarch (``FAHD``)."""
    words = set(re.split(r"[_\s,()-]+", block.root.upper()))
    if words & _ORG_WORDS:
        return True
    root = block.root.strip("_ ")
    one_word = "_" not in root and " " not in root
    return one_word and not any(c.start or c.end for c in block.codes)


def territory_of(block: PhoenixBlock) -> str | None:
    """``GIBRALTAR_ [GBRGIB]``: a territory of a state (state code + a non-sector code)."""
    codes = {c.code for c in block.codes}
    if len(codes) != 1:
        return None
    code = next(iter(codes))
    if len(code) == 6 and code[:3] not in NON_STATE_PREFIXES and code[3:] not in SECTOR_TITLES:
        if any(c.start or c.end for c in block.codes):
            return None
        return code[:3]
    return None


def _roles(codes: list[PhoenixCode]) -> list[DatedRole]:
    roles: list[DatedRole] = []
    for c in codes:
        prefix, sectors = c.code[:3], [c.code[i : i + 3] for i in range(3, len(c.code), 3)]
        state = prefix not in NON_STATE_PREFIXES and prefix not in SECTOR_TITLES
        title = next((SECTOR_TITLES[s] for s in sectors if s in SECTOR_TITLES), None)
        if title is None:
            title = SECTOR_TITLES.get(prefix, "Member")
        role = DatedRole(
            title=title,
            of=f"country/{prefix.lower()}" if state else None,
            start=c.start,
            end=c.end,
            code=c.code,
        )
        if role not in roles:
            roles.append(role)
    return roles


def _names(block: PhoenixBlock) -> tuple[str, list[str]]:
    label = phrase_to_name(block.root)
    aliases: list[str] = []
    for syn in block.synonyms:
        name = phrase_to_name(syn)
        if name and name.casefold() != label.casefold() and name not in aliases:
            aliases.append(name)
    return label, aliases


def _block_entry(block: PhoenixBlock, seen: set[str]) -> GazetteerEntry | None:
    label, aliases = _names(block)
    if not label:
        return None
    iso = country_code(block)
    if iso is not None and iso not in seen:
        seen.add(iso)
        return GazetteerEntry(
            key=f"country/{iso.lower()}", label=label, type="Country", aliases=aliases,
            source=SOURCE,
        )
    if iso is not None:  # a second block coded as the state: a region of it (Iraqi Kurdistan)
        return GazetteerEntry(
            key=ids.actor_key(label, "Location"), label=label, type="Location",
            aliases=aliases, part_of=f"country/{iso.lower()}", source=SOURCE,
        )
    territory = territory_of(block)
    if territory is not None:
        return GazetteerEntry(
            key=ids.actor_key(label, "Location"), label=label, type="Location",
            aliases=aliases, part_of=f"country/{territory.lower()}", source=SOURCE,
        )
    roles = _roles(block.codes)
    if _looks_like_org(block):
        return GazetteerEntry(
            key=ids.actor_key(label, "Organization"), label=label, type="Organization",
            aliases=aliases, part_of=next((r.of for r in roles if r.of), None), source=SOURCE,
        )
    return GazetteerEntry(
        key=ids.actor_key(label, "Person"), label=label, type="Person", aliases=aliases,
        roles=roles, source=SOURCE,
    )


def parse_countries(text: str) -> list[GazetteerEntry]:
    """``Phoenix.Countries.actors.txt`` → countries (``country/<iso3>``), institutions, people.

    Country aliases are every synonym as written (cities and provinces included): telling the
    capital and the demonyms apart needs facts the file does not hold, so the build does it.
    """
    blocks = list(read_blocks(text))
    # the state's own block: the one naming the code on its root line (GERMANY_ [DEU]), else
    # the first; any other block coded as the state is a place in it (LEIPZIG_ ... [DEU])
    main: dict[str, int] = {}
    for i, b in enumerate(blocks):
        iso = country_code(b)
        if iso is None:
            continue
        on_root = any(c.code == iso for c in b.header_codes)
        if iso not in main or on_root and not any(
            c.code == iso for c in blocks[main[iso]].header_codes
        ):
            main[iso] = i
    chosen = set(main.values())
    out: list[GazetteerEntry] = []
    for i, b in enumerate(blocks):
        seen = set() if i in chosen else {country_code(b) or ""}
        if (e := _block_entry(b, seen)) is not None:
            out.append(e)
    return out


def parse_international(text: str) -> list[GazetteerEntry]:
    """``Phoenix.International.actors.txt`` → international organisations and people.

    Roles keep their Phoenix code (``IGOUNO``) and no ``of``: the build maps codes to bodies.
    """
    seen = {"*"}  # never a state here: bare 3-letter codes ([IGO], [NGO]) are bodies
    out: list[GazetteerEntry] = []
    for block in read_blocks(text):
        if country_code(block) is not None:
            seen.add(country_code(block) or "")
        entry = _block_entry(block, seen)
        if entry is not None and entry.type != "Location":
            out.append(entry)
    return out


def parse_agents(text: str) -> list[RoleWord]:
    """``Phoenix.agents.txt`` → role words with their sector code, macros expanded."""
    macros: dict[str, list[str]] = {}
    words: list[RoleWord] = []
    for raw in text.splitlines():
        body, _ = _split_comment(raw)
        body = body.strip()
        if not body:
            continue
        if m := _MACRO.match(body):
            macros[m["name"]] = [v.strip() for v in m["values"].split(",") if v.strip()]
            continue
        m = _AGENT.match(body)
        if m is None:
            continue
        plurals = tuple(
            phrase_to_name(p).lower() for p in (m["plural"] or "").split(",") if p.strip()
        )
        for phrase in _expand(m["phrase"].strip(), macros):
            words.append(RoleWord(phrase=phrase, code=m["code"], plurals=plurals))
    return words


def _expand(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    """``FOREIGN_!MINIST!`` → ``foreign minister``, ``foreign ministers``, ...; ``!MINIST! FOR_X``
    keeps its space as a word break."""
    m = re.search(r"!([A-Z]+)!", phrase)
    if m is not None and m.start() > 0 and phrase[m.start() - 1].isalpha() and (
        m.end() < len(phrase) and phrase[m.end()].isalpha()
    ):  # AD!MINIST!RATION: a replace gone wrong in the file, the word is meant literally
        return _expand(phrase[: m.start()] + m[1] + phrase[m.end() :], macros)
    if m is None:
        text = " ".join(phrase.replace("_", " ").lower().split())
        return [text] if text else []
    values = macros.get(m[1], [m[1]])
    out: list[str] = []
    for v in values:
        out.extend(_expand(phrase[: m.start()] + v + phrase[m.end() :], macros))
    return out


__all__ = [
    "NON_STATE_PREFIXES",
    "SECTOR_TITLES",
    "SOURCE",
    "PhoenixBlock",
    "PhoenixCode",
    "RoleWord",
    "country_code",
    "parse_agents",
    "parse_code",
    "parse_countries",
    "parse_date",
    "parse_international",
    "phrase_to_name",
    "read_blocks",
    "territory_of",
]
