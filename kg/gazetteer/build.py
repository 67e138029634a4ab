"""Build the project's gazetteer files from the Phoenix dictionaries and our hand-kept data.

    python -m kg.gazetteer.build [PHOENIX_ROOT] [--out DIR]

``PHOENIX_ROOT`` is the folder holding ``phoenix/`` (default ``../shared/gazetteer`` relative to
the repository). Inputs kept by hand in ``kg/gazetteer/data/``:

- ``countries.tsv``: the states we hold, their key, common name, capitals and metonyms,
  demonyms and extra aliases (Phoenix does not tell a capital from a province);
- ``bodies.jsonl``: international organisations, state bodies and news outlets;
- ``leaders.jsonl``: heads of state and government, ministers and spokespeople since 2009.

Outputs (committed; the build only makes them reproducible): ``actors.jsonl`` (the merged
gazetteer ``load_gazetteer`` reads), ``roles.json`` (role words for title recognition) and
``patterns.jsonl`` (entity-ruler patterns, see :mod:`kg.gazetteer.patterns`).

Merge policy: hand-kept entries win. Phoenix adds aliases to them (filtered: no surname-only
forms, no title-prefixed phrases, no name another entry claims) and adds the people and bodies
we do not keep ourselves, when their coded roles reach into 2009 or later (the corpus starts
in 2010). A full name that would point at two different people is dropped from both.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg import ids
from kg.gazetteer import patterns as pattern_mod
from kg.gazetteer.entries import DatedRole, GazetteerEntry, dump_entries, load_entries
from kg.gazetteer.phoenix import (
    SOURCE,
    RoleWord,
    parse_agents,
    parse_countries,
    parse_international,
)

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "gazetteer"
WIKIDATA = "http://www.wikidata.org/entity/"
SINCE = "2009-01-01"

# Phoenix codes that are not the ISO alpha-3 code of the state.
PHOENIX_ISO = {"tmp": "tls", "ksv": "xkx", "rom": "rou", "zar": "cod"}

# Phoenix international codes of bodies we keep by hand → the body's label in bodies.jsonl.
IGO_CODES: dict[str, str] = {
    "IGOUNO": "United Nations",
    "IGOWSTNAT": "NATO",
    "IGOEUREEC": "European Union",
    "IGOSEAASN": "ASEAN",
    "IGOUNOHLHWHO": "World Health Organization",
    "IGOUNOIAE": "International Atomic Energy Agency",
    "IGOBUSOPC": "OPEC",
    "IGOUNODEVWBK": "World Bank",
    "IGOUNOWBK": "World Bank",
    "IGOBUSIMF": "International Monetary Fund",
    "IGOBUSWTO": "World Trade Organization",
    "IGOAFRAFU": "African Union",
    "IGOMEAARL": "Arab League",
    "IGOOAS": "Organization of American States",
    "IGOUNOKID": "UNICEF",
    "IGOUNOREFHCR": "UNHCR",
    "IGOJUDICC": "International Criminal Court",
    "IGOUNOJUDICJ": "International Court of Justice",
    "IGOUNOWFP": "World Food Programme",
    "IGOWAFWAS": "ECOWAS",
    "IGOMOSOIC": "Organisation of Islamic Cooperation",
    "IGOUNOLABILO": "International Labour Organization",
}

# Title words: a Phoenix name starting with one of these is a title + name, not a name.
_GENERIC_TOKENS = frozenset(
    """the of and republic democratic people's peoples united states state kingdom islands island
    federal federation north south east west new saint st st. great central islamic socialist
    arab union commonwealth principality grand duchy strip""".split()
)
_ROLE_FILTER_WORDS = frozenset(
    """president presidents minister ministers prime premier secretary chancellor king queen
    prince princess emir sheikh sultan spokesman spokeswoman spokesperson ambassador envoy
    general gen. gen colonel col. lt. major admiral chairman chairwoman chair leader chief
    senator sen. rep. governor gov. mayor former ex ex- deputy vice foreign defense defence
    interior finance acting opposition dr. dr mr. mr mrs. mrs ms. ms sir lord lady judge
    justice attorney commander director head officials official delegate delegation monitors
    envoys bodies mission countries members member nations forces troops kanzler
    bundeskanzler pope emperor empress crown""".split()
)
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "van", "von", "abu", "le", "la"})
_INSTITUTION_WORDS = frozenset(
    """ministry ministries office palace department council cabinet committee commission
    government agency assembly parliament house embassy bureau court""".split()
)

# Our own role words: titles the entity stage should recognise, whatever Phoenix lists.
OWN_ROLES: dict[str, str] = {
    "president": "GOV", "vice president": "GOV", "vice-president": "GOV",
    "prime minister": "GOV", "deputy prime minister": "GOV", "premier": "GOV",
    "chancellor": "GOV", "king": "GOV", "queen": "GOV", "emir": "GOV", "crown prince": "GOV",
    "sultan": "GOV", "supreme leader": "GOV", "chairman": "GOV", "general secretary": "GOV",
    "foreign minister": "GOV", "minister of foreign affairs": "GOV",
    "foreign secretary": "GOV", "secretary of state": "GOV", "state secretary": "GOV",
    "defense minister": "GOVMIL", "defence minister": "GOVMIL", "defense secretary": "GOVMIL",
    "defence secretary": "GOVMIL", "secretary of defense": "GOVMIL",
    "unification minister": "GOV", "finance minister": "GOV", "trade minister": "GOV",
    "national security adviser": "GOV", "national security advisor": "GOV",
    "chief of staff": "GOV", "press secretary": "GOVMED", "spokesman": "GOVMED",
    "spokeswoman": "GOVMED", "spokesperson": "GOVMED", "foreign ministry spokesman": "GOVMED",
    "foreign ministry spokeswoman": "GOVMED", "foreign ministry spokesperson": "GOVMED",
    "ambassador": "GOV", "envoy": "GOV", "special envoy": "GOV", "special representative": "GOV",
    "secretary-general": "IGO", "secretary general": "IGO", "high representative": "IGO",
    "senator": "GOVLEG", "lawmaker": "GOVLEG", "speaker": "GOVLEG", "governor": "GOV",
    "mayor": "GOV", "general": "MIL", "admiral": "MIL", "commander": "MIL",
    "senior research associate": "EDU", "research fellow": "EDU", "senior fellow": "EDU",
    "analyst": "EDU", "professor": "EDU", "director": "ELI", "deputy foreign minister": "GOV",
    "vice foreign minister": "GOV", "first vice foreign minister": "GOV",
    "nuclear negotiator": "GOV", "chief negotiator": "GOV", "top diplomat": "GOV",
    "leader": "GOV", "head of state": "GOV", "head of government": "GOV",
}


# ---------------------------------------------------------------------------------------------
# hand-kept inputs


def read_countries(path: Path) -> tuple[list[GazetteerEntry], list[str]]:
    """``countries.tsv`` → country entries (key = Wikidata id or ``country/<iso3>``) and
    their ISO alpha-3 codes, in the same order."""
    out: list[GazetteerEntry] = []
    isos: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 6)[:6]
        iso, qid, label, capitals, demonyms, aliases = (c.strip() for c in cols)
        key = qid if qid != "-" else f"country/{iso}"
        demonym_list = _split(demonyms)
        out.append(
            GazetteerEntry(
                key=key,
                label=label,
                type="Country",
                aliases=[a for a in _split(aliases) if a != label],
                capitals=_split(capitals),
                demonyms=_with_plurals(demonym_list),
                same_as=[WIKIDATA + qid] if qid != "-" else [],
            )
        )
        isos.append(iso)
    return out, isos


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split("|") if p.strip()]


def _with_plurals(demonyms: list[str]) -> list[str]:
    """Add the plural of demonyms that take an -s (Afghans, Israelis), not Chinese or Swiss."""
    out = list(demonyms)
    for d in demonyms:
        if re.search(r"(an|i|er|ot|ar|e)$", d) and not d.endswith("ese") and d + "s" not in out:
            out.append(d + "s")
    return out


# ---------------------------------------------------------------------------------------------
# filtering Phoenix names


def _name_words(name: str) -> list[str]:
    """Accent-free lower-case words of a name, hyphens split (Dlamini-Zuma → dlamini, zuma)."""
    return ids.slugify(name).split("-")


def _tokens(name: str) -> list[str]:
    return re.findall(r"[\w'.]+", name.casefold())


def is_title_phrase(name: str, demonyms: set[str]) -> bool:
    """True for names that start with a title, a demonym or a country (``President Putin``)."""
    toks = _tokens(name)
    return bool(toks) and (toks[0] in _ROLE_FILTER_WORDS or toks[0] in demonyms)


_DIRECTIONS = frozenset({"north", "south", "east", "west", "new"})


def _country_alias_ok(alias: str, country: GazetteerEntry) -> bool:
    """Phoenix lists cities, provinces and rivers as country synonyms: keep only names that
    are recognisably the country's own (a spelling of its name, or its words rearranged)."""
    if any(c in alias for c in "(),") or len(alias) < 4:
        return False
    own = [country.label, *country.aliases]
    own_all = {t for n in own for t in _tokens(n)}
    own_tokens = {t for t in own_all if t not in _GENERIC_TOKENS and len(t) > 3}
    tokens = _tokens(alias)
    alias_tokens = [t for t in tokens if t not in _GENERIC_TOKENS]
    if not alias_tokens:
        return False
    if len(tokens) == 1:
        tok = tokens[0]
        if tok in _tokens(country.label)[1:]:
            return False  # a fragment of the name: Zealand, Principe
        return any(
            tok[:4] == o[:4]
            and abs(len(tok) - len(o)) <= 2
            and not (o.startswith(tok) and tok != o)  # truncated: Portu, Azerba
            and not _demonym_like(tok, o)
            for o in own_tokens
        )
    directions_ok = all(t in own_all for t in tokens if t in _DIRECTIONS)  # South Australia
    return directions_ok and all(t in own_tokens for t in alias_tokens)


_DEMONYM_ENDINGS = re.compile(r"(an|ans|ian|ians|ese|ish|i|is|er|ers|os|aise|ais|im|ids|s)$")


def _demonym_like(token: str, own: str) -> bool:
    """Czechs, Croat(ian)s, Hollander, Mexicanos: people, not the state (unless the name ends
    the same way: Philippines / Phillipines)."""
    if token == own or not _DEMONYM_ENDINGS.search(token):
        return False
    same_ending = token[-2:] == own[-2:] and re.search(r"(an|ia|i|is|es|us|as)$", own)
    return not same_ending


def _person_aliases(entry: GazetteerEntry, demonyms: set[str]) -> list[str]:
    """Full-name aliases only: no surname-only forms, no ``President X`` phrases."""
    label_tokens = _tokens(entry.label)
    out: list[str] = []
    for alias in entry.aliases:
        toks = _tokens(alias)
        if len(toks) < 2 or any(c in alias for c in "()"):
            continue  # one word: a surname, which the entity stage links within an article
        if is_title_phrase(alias, demonyms) or _role_word_in(alias) or alias in out:
            continue  # "UN Secretary-General Ban Ki-Moon", "Kanzler Merkel"
        if toks[0] in _NAME_PARTICLES:
            continue  # "Al Assad": a surname with its article
        if label_tokens and toks[-1] != label_tokens[-1] and toks[0] != label_tokens[0]:
            continue  # neither the given name nor the surname: a different name altogether
        out.append(alias)
    return out


# ---------------------------------------------------------------------------------------------
# merging


def _reaches(role: DatedRole, since: str) -> bool:
    """True when a dated role is held on or after ``since`` (undated roles tell nothing)."""
    if role.end is not None:
        return role.end >= since
    return role.start is not None


class _Merger:
    """Hand-kept entries (as mutable rows) plus what Phoenix adds to them and around them."""

    def __init__(
        self, countries: list[GazetteerEntry], isos: list[str], others: list[GazetteerEntry]
    ) -> None:
        self.by_iso = {iso: e.key for iso, e in zip(isos, countries, strict=True)}
        self.body_key = {e.label: e.key for e in others if e.type == "Organization"}
        self.demonyms = {d.casefold() for c in countries for d in c.demonyms} | {
            t for c in countries for t in _tokens(c.label) if t not in _GENERIC_TOKENS
        }
        self.hand: dict[str, dict[str, Any]] = {}
        for e in [*countries, *others]:
            if e.key in self.hand:
                raise ValueError(f"duplicate hand-kept key {e.key}")
            self.hand[e.key] = e.model_dump()
        self.claimed: dict[str, str] = {}  # casefolded name → key of the entry that holds it
        for key, row in self.hand.items():
            for n in _all_names(row):
                self.claimed.setdefault(n.casefold(), key)
        self.extra: dict[str, dict[str, Any]] = {}
        self.people_by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key, row in self.hand.items():
            words = _name_words(row["label"])
            if row["type"] == "Person" and len(words) > 1:
                self.people_by_ends[(words[0], words[-1])].append(key)

    # -- keys

    def remap(self, of: str | None) -> str | None:
        """A Phoenix ``country/<code>`` (or any key) → the key we hold, or None."""
        if of is None:
            return None
        if of.startswith("country/"):
            iso = of.split("/", 1)[1]
            return self.by_iso.get(PHOENIX_ISO.get(iso, iso))
        return of if of in self.hand else None

    def roles(self, roles: Iterable[DatedRole]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for r in roles:
            if r.start is None and r.end is None:
                continue  # undated codes ([RUSELI]) say nothing about when
            of = self.body_key.get(IGO_CODES.get(r.code or "", "")) or self.remap(r.of)
            row = r.model_copy(update={"of": of}).model_dump()
            if row not in out:
                out.append(row)
        return out

    def owner(self, pe: GazetteerEntry) -> str | None:
        """The hand-kept entry a Phoenix entry is (one of its names is ours, or its slug)."""
        for n in (pe.label, *pe.aliases):
            if n.casefold() in self.claimed:
                return self.claimed[n.casefold()]
        return pe.key if pe.key in self.hand else None

    def _claim(self, key: str, row: dict[str, Any], names: Iterable[str]) -> None:
        for n in names:
            if n.casefold() not in self.claimed and n not in row["aliases"]:
                row["aliases"].append(n)
                self.claimed[n.casefold()] = key

    # -- one method per Phoenix entry type

    def add(self, pe: GazetteerEntry) -> None:
        {
            "Country": self.add_country,
            "Location": self.add_location,
            "Person": self.add_person,
            "Organization": self.add_org,
        }[pe.type](pe)

    def add_country(self, pe: GazetteerEntry) -> None:
        iso = pe.key.split("/", 1)[1]
        key = self.by_iso.get(PHOENIX_ISO.get(iso, iso))
        if key is None:
            return  # territories and former states we do not hold
        row = self.hand[key]
        country = GazetteerEntry.model_validate(row)
        self._claim(key, row, [a for a in (pe.label, *pe.aliases) if _country_alias_ok(a, country)])

    def add_location(self, pe: GazetteerEntry) -> None:
        """Territories (Guam, Greenland) and regions (Iraqi Kurdistan) of a state."""
        state = self.hand.get(self.remap(pe.part_of) or "")
        if state is not None and state["label"].casefold() in pe.label.casefold():
            return  # a second listing of the state itself (Federation of Saint Kitts ...)
        if pe.label.casefold() in self.claimed:
            return
        row = {**pe.model_dump(), "aliases": [], "part_of": self.remap(pe.part_of)}
        self.extra[pe.key] = row
        self._claim(pe.key, row, [pe.label])
        row["aliases"].remove(pe.label)
        bare = pe.model_copy(update={"aliases": []})  # judged against the place's name alone
        self._claim(pe.key, row, [a for a in pe.aliases if _country_alias_ok(a, bare)])

    def same_person(self, pe: GazetteerEntry) -> str | None:
        """A hand-kept person whose name is this one without middle names, serving the same
        state (Phoenix ``Ahmed Ali Aboul Gheit`` is our ``Ahmed Aboul Gheit``)."""
        words = _name_words(pe.label)
        if len(words) < 3:
            return None
        states = {self.remap(r.of) for r in pe.roles} - {None}
        for key in self.people_by_ends.get((words[0], words[-1]), []):
            row = self.hand[key]
            if set(_name_words(row["label"])) <= set(words) and states & {
                r["of"] for r in row["roles"]
            }:
                return key
        return None

    def add_person(self, pe: GazetteerEntry) -> None:
        aliases = _person_aliases(pe, self.demonyms)
        owner = self.owner(pe) or self.same_person(pe)
        if owner is not None:
            row = self.hand.get(owner)
            if row is not None and row["type"] == "Person":  # ours: Phoenix adds spellings
                as_alias = pe.model_copy(update={"aliases": [pe.label], "label": row["label"]})
                self._claim(owner, row, [*_person_aliases(as_alias, self.demonyms), *aliases])
            return
        if not any(_reaches(r, SINCE) for r in pe.roles):
            return  # out of office before the corpus starts
        if is_title_phrase(pe.label, self.demonyms) or len(_tokens(pe.label)) < 2:
            return
        row = self.extra.setdefault(pe.key, {**pe.model_dump(), "aliases": [], "roles": []})
        row["aliases"] += [a for a in aliases if a not in row["aliases"]]
        row["roles"] += [r for r in self.roles(pe.roles) if r not in row["roles"]]

    def add_org(self, pe: GazetteerEntry) -> None:
        if self.owner(pe) is not None or _role_word_in(pe.label) or pe.label in _NOT_BODIES:
            return
        row = self.extra.setdefault(pe.key, {**pe.model_dump(), "aliases": []})
        row["part_of"] = self.remap(pe.part_of)
        self._claim(pe.key, row, [a for a in _org_aliases(pe) if not _role_word_in(a)])

    # -- result

    def entries(self) -> list[GazetteerEntry]:
        rows = [*self.hand.values(), *self.extra.values()]
        # one-word "bodies" that are given names (royals coded without dates: ABDULLAH [SAUGOV])
        given = {
            _tokens(d["label"])[0]
            for d in rows
            if d["type"] == "Person" and len(_tokens(d["label"])) > 1
        }
        keep = [
            d
            for d in rows
            if not (
                d["type"] == "Organization"
                and d.get("source") == SOURCE
                and len(_tokens(d["label"])) == 1
                and _tokens(d["label"])[0] in given
            )
        ]
        return [GazetteerEntry.model_validate(d) for d in keep]


def build_entries(source: Path, data_dir: Path = DATA_DIR) -> list[GazetteerEntry]:
    """All gazetteer entries: hand-kept ones first, Phoenix-derived ones added around them."""
    countries, isos = read_countries(data_dir / "countries.tsv")
    others = [
        *load_entries(data_dir / "bodies.jsonl"),
        *load_entries(data_dir / "leaders.jsonl"),
    ]
    merger = _Merger(countries, isos, others)
    phoenix_dir = source / "phoenix"
    country_text = (phoenix_dir / "Phoenix.Countries.actors.txt").read_text(encoding="utf-8")
    intl_text = (phoenix_dir / "Phoenix.International.actors.txt").read_text(encoding="utf-8")
    for pe in [*parse_countries(country_text), *parse_international(intl_text)]:
        merger.add(pe)
    return resolve_collisions(merger.entries())


# Phoenix roots that are kinds of actor, not actors
_NOT_BODIES = frozenset({"NGO", "MNC", "MNCS", "IGO", "Human Rights Organization"})

_ORG_GENERIC = _GENERIC_TOKENS | frozenset(
    """corporation company inc group council assembly organization organisation association
    national international ministry department agency bank service services front party
    movement army forces committee commission institute foundation fund""".split()
)


def _org_aliases(entry: GazetteerEntry) -> list[str]:
    """Phoenix lists members and leaders among a body's synonyms: keep the names that are the
    body's own (a short acronym, or sharing a distinctive word with the label)."""
    own = {t for t in _tokens(entry.label) if t not in _ORG_GENERIC and len(t) > 3}
    initials = {t[0] for t in _tokens(entry.label) if t not in ("of", "the", "and", "for")}
    out: list[str] = []
    for alias in entry.aliases:
        toks = _tokens(alias)
        if len(toks) == 1 and 2 <= len(alias) <= 6 and alias.isalpha():
            if alias[0].lower() in initials:  # not OPIC for the Federal Trade Commission
                out.append(alias.upper())
        elif any(t in own for t in toks if t not in _ORG_GENERIC):
            out.append(alias)
    return out


def _role_word_in(name: str) -> bool:
    return any(t in _ROLE_FILTER_WORDS for t in _tokens(name))


def _all_names(d: dict) -> list[str]:
    return [d["label"], *d.get("aliases", []), *d.get("capitals", []), *d.get("demonyms", [])]


def resolve_collisions(entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Drop names that would send one spelling to two different entries.

    A label always stays with its entry; an alias that is another entry's label, or an
    alias of two entries at once, is removed (hand-kept entries keep theirs over Phoenix's).
    """
    labels: dict[str, str] = {}
    for e in entries:
        labels.setdefault(e.label.casefold(), e.key)
    alias_owners: dict[str, list[GazetteerEntry]] = defaultdict(list)
    for e in entries:
        for a in dict.fromkeys([*e.aliases, *e.capitals, *e.demonyms]):
            if a.casefold() != e.label.casefold():
                alias_owners[a.casefold()].append(e)
    drop: dict[str, set[str]] = defaultdict(set)
    for name, owners in alias_owners.items():
        keys = {o.key for o in owners}
        if name in labels:
            losers = keys - {labels[name]}
        else:
            hand_keys = {o.key for o in owners if o.source != "phoenix"}
            losers = keys - hand_keys if len(hand_keys) == 1 else keys if len(keys) > 1 else set()
        for k in losers:
            drop[k].add(name)
    out: list[GazetteerEntry] = []
    for e in entries:
        gone = drop.get(e.key, set())
        # a spelling that differs only in case adds little: matching mostly ignores case
        # (acronyms keep their mixed-case twin: "NATO" matches exactly, "Nato" is its own form)
        kept: dict[tuple[str, bool], str] = {(e.label.casefold(), e.label.isupper()): e.label}
        for a in e.aliases:
            kept.setdefault((a.casefold(), a.isupper()), a)
        if len(kept) != len(e.aliases) + 1:
            e = e.model_copy(update={"aliases": list(kept.values())[1:]})
        if gone:
            e = e.model_copy(
                update={
                    "aliases": [a for a in e.aliases if a.casefold() not in gone],
                    "capitals": [a for a in e.capitals if a.casefold() not in gone],
                    "demonyms": [a for a in e.demonyms if a.casefold() not in gone],
                }
            )
        out.append(e)
    return out


# ---------------------------------------------------------------------------------------------
# role words


def build_roles(agents: Sequence[RoleWord]) -> list[dict[str, object]]:
    """Role words (titles) for the entity stage: our own list plus Phoenix's person-like ones."""
    rows: dict[str, dict[str, object]] = {
        phrase: {"phrase": phrase, "sector": code, "source": "project"}
        for phrase, code in OWN_ROLES.items()
    }
    for w in agents:
        words = w.phrase.split()
        if not words or any(t in _INSTITUTION_WORDS for t in words) or w.phrase in rows:
            continue
        if not w.code.startswith(("GOV", "ELI", "MIL", "MED", "SPY", "JUD", "LEG", "COP")):
            continue
        if _head(words) not in _TITLE_HEADS:
            continue  # not a person's title (warplane, publishing company, ministers)
        rows[w.phrase] = {"phrase": w.phrase, "sector": w.code, "source": "phoenix"}
    return sorted(rows.values(), key=lambda r: str(r["phrase"]))


_TITLE_HEADS = frozenset(
    """minister secretary president spokesman spokeswoman spokesperson ambassador envoy officer
    commander general chief director chairman chairwoman chairperson adviser advisor counsel
    judge justice governor mayor senator lawmaker legislator editor diplomat official leader
    negotiator premier chancellor king queen prince princess emir sultan monarch lieutenant
    sergeant captain colonel major admiral marshal commissioner deputy attache attaché consul
    delegate representative head vice-president vice-chairman undersecretary under-secretary
    councillor councilor commandant superintendent inspector prosecutor attorney speaker
    journalist reporter correspondent columnist analyst professor researcher""".split()
)


def _head(words: list[str]) -> str:
    """The head noun of a role phrase: the word before ``of``/``for``/``to``, else the last."""
    for i, w in enumerate(words):
        if w in ("of", "for", "to", "at", "in", "on") and i > 0:
            return words[i - 1]
    return words[-1]


# ---------------------------------------------------------------------------------------------
# entry point


def build(
    source: Path = DEFAULT_SOURCE, out_dir: Path = DATA_DIR, data_dir: Path = DATA_DIR
) -> dict[str, int]:
    """Write ``actors.jsonl``, ``roles.json`` and ``patterns.jsonl`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = build_entries(source, data_dir)
    n_actors = dump_entries(entries, out_dir / "actors.jsonl")
    agents = parse_agents((source / "phoenix" / "Phoenix.agents.txt").read_text(encoding="utf-8"))
    roles = build_roles(agents)
    (out_dir / "roles.json").write_text(
        json.dumps({"source": "kg.gazetteer.build", "roles": roles}, indent=1, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    pats = pattern_mod.entity_ruler_patterns(entries)
    n_patterns = pattern_mod.dump_patterns(pats, out_dir / "patterns.jsonl")
    return {"actors": n_actors, "roles": len(roles), "patterns": n_patterns}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg.gazetteer.build", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="folder holding phoenix/ (default: ../shared/gazetteer)")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = build(args.source, args.out)
    logger.info("wrote %s", ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "DEFAULT_SOURCE",
    "IGO_CODES",
    "OWN_ROLES",
    "build",
    "build_entries",
    "build_roles",
    "main",
    "read_countries",
    "resolve_collisions",
]
