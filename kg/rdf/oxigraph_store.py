"""The embedded store: pyoxigraph (RocksDB on disk, or in memory for tests).

- One named graph per article. ``put_article`` replaces it with ONE SPARQL update,
  ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }``: pyoxigraph applies an update
  in a single transaction (all or nothing), and its reads are repeatable-read snapshots, so
  neither a reader nor a crash ever sees half an article. (pyoxigraph 0.5 has no Python
  transaction object; ``extend``/``load`` are transactional but only add, so the update is the
  one call that can drop and add atomically.)
- Queries see the union of all graphs as their default graph (``use_default_graph_as_union``)
  unless the protocol's ``default_graph_uris``/``named_graph_uris`` say otherwise.
- ``bindings`` become pyoxigraph ``substitutions`` (SEP-0007): never pasted into the text.
  When pyoxigraph refuses one (a variable outside the SELECT projection, or only in a FILTER),
  the terms are bound as a VALUES block opening the WHERE group (:mod:`kg.rdf.bindings`).
- Time limits: see :mod:`kg.rdf._deadline` (worker thread, abandoned evaluations wind down).
  ``query_to(..., cancel=flag)`` skips that extra thread for a caller that already runs in a
  worker and keeps the time itself (``/sparql``): the evaluation runs in the calling thread and
  stops at its next solution once the caller sets the flag.
- ``select_text`` is ``select`` with plain strings instead of rdflib terms, for callers that
  only read values (:mod:`kg.lookups`): building rdflib terms cost more than the query.
- One writing process per folder (see :mod:`kg.rdf._lock`); ``read_only=True`` opens a static
  snapshot beside other readers, never beside a writer.
- ``generation()`` is kept in ``<folder>/kg.generation``, rewritten after every committed
  write, so another process (or the next run) sees it; in memory it is an attribute.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from tempfile import SpooledTemporaryFile
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kg._types import ArticleId, MediaType
from kg.errors import ArticleNotFoundError, ExportError, KGError, QueryError, StoreError
from kg.ids import article_id_from_iri, graph_iri
from kg.namespaces import PREFIXES
from kg.rdf import formats
from kg.rdf._deadline import CancelFlag, Cancelled, run_with_deadline, wait_abandoned
from kg.rdf._lock import FolderLock, read_holder
from kg.rdf.bindings import inline_values
from kg.rdf.store import KnowledgeStore, Row
from kg.rdf.terms import from_oxigraph, insert_data_body, sparql_term, to_oxigraph

logger = logging.getLogger(__name__)

GENERATION_NAME = "kg.generation"
SPOOL_BYTES = 8 * 1024 * 1024
"""Serialised results are spooled (in memory up to this size, then on disk) before they reach
the caller's output, so a query that fails or times out half-way writes nothing."""

_UNION_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


@contextmanager
def _translate() -> Iterator[None]:
    """pyoxigraph's exceptions as the library's: syntax and evaluation → QueryError, I/O → StoreError."""
    try:
        yield
    except (KGError, Cancelled):
        raise
    except (SyntaxError, ValueError, RuntimeError, TypeError) as exc:
        raise QueryError(str(exc)) from exc
    except OSError as exc:
        raise StoreError(str(exc)) from exc


class _GuardedWriter:
    """A binary sink that refuses further writes once the caller has given up."""

    def __init__(self, sink: IO[bytes], flag: CancelFlag) -> None:
        self._sink = sink
        self._flag = flag

    def write(self, data: bytes) -> int:
        self._flag.check()
        return self._sink.write(data)

    def flush(self) -> None:
        self._sink.flush()


class OxigraphStore(KnowledgeStore):
    """A :class:`KnowledgeStore` over an embedded pyoxigraph store.

    ``path=None`` keeps everything in memory (tests). ``timeout`` is the default time limit of
    ``select``/``ask``/``construct``/``query_to`` in seconds (None: no limit).
    """

    def __init__(self, path: Path | str | None, base_iri: str, *, read_only: bool = False,
                 timeout: float | None = None) -> None:
        self.base_iri = base_iri
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.timeout = timeout
        self._lock: FolderLock | None = None
        self._write_mutex = threading.Lock()
        self._inline = threading.Condition()
        self._inline_running = 0  # query_to(cancel=...) evaluations in callers' threads
        self._store: ox.Store | None = self._open()
        self._generation = self._read_generation() or time.time_ns()

    # ------------------------------------------------------------------ opening

    def _open(self) -> ox.Store:
        if self.path is None:
            if self.read_only:
                raise StoreError("a read-only store needs a folder")
            return ox.Store()
        if self.read_only:
            if not self.path.is_dir():
                raise StoreError(f"no store at {self.path}")
            self._lock = FolderLock(self.path, shared=True)
        else:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store folder {self.path}: {exc}") from exc
            self._lock = FolderLock(self.path, shared=False)
        try:
            return ox.Store.read_only(str(self.path)) if self.read_only else ox.Store(str(self.path))
        except OSError as exc:
            self._lock.release()
            self._lock = None
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

    @property
    def store(self) -> ox.Store:
        """The underlying pyoxigraph store (StoreError once closed)."""
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    def set_holder_info(self, url: str | None = None, **extra: str) -> None:
        """Record in the holder file how to reach this process (``kg serve`` passes its URL)."""
        if self._lock is not None:
            self._lock.write_holder(url=url, **extra)

    def close(self) -> None:
        """Flush, release the store and the folder lock; waits briefly for abandoned queries."""
        if self._store is None:
            return
        left = wait_abandoned(2.0)
        with self._inline:
            self._inline.wait_for(lambda: self._inline_running == 0, 2.0)
            left += self._inline_running
        if left:
            logger.warning("closing with %d abandoned query evaluation(s) still running", left)
        if self.path is not None and not self.read_only:
            with _translate():
                self._store.flush()
        self._store = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # ------------------------------------------------------------------ writes

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        return self.store

    def _graph_node(self, article_id: ArticleId) -> ox.NamedNode:
        return ox.NamedNode(graph_iri(self.base_iri, article_id))

    def put_article(self, article_id: ArticleId, graph: Graph) -> None:
        store = self._writable()
        name = sparql_term(URIRef(graph_iri(self.base_iri, article_id)))
        body = insert_data_body(graph)  # built completely before anything is written
        update = f"DROP SILENT GRAPH {name}"
        if body:
            update += f" ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}"
        with self._write_mutex, _translate():
            store.update(update)
            self._bump()

    def delete_article(self, article_id: ArticleId) -> bool:
        store = self._writable()
        node = self._graph_node(article_id)
        with self._write_mutex, _translate():
            if not store.contains_named_graph(node):
                return False
            store.remove_graph(node)
            self._bump()
        return True

    # ------------------------------------------------------------------ generation

    def _generation_file(self) -> Path | None:
        return self.path / GENERATION_NAME if self.path is not None else None

    def _read_generation(self) -> int:
        file = self._generation_file()
        try:
            return int(file.read_text(encoding="ascii")) if file is not None else 0
        except (OSError, ValueError):
            return 0

    def _bump(self) -> None:
        """Move the generation on after a committed write (caller holds the write mutex).

        Clock-seeded, so it never repeats a value even if the file is lost between runs.
        """
        self._generation = max(self._generation + 1, time.time_ns())
        file = self._generation_file()
        if file is not None:
            tmp = file.with_name(f".{GENERATION_NAME}.{os.getpid()}")
            tmp.write_text(str(self._generation), encoding="ascii")
            os.replace(tmp, file)

    def generation(self) -> int:
        if self.read_only:
            return self._read_generation() or self._generation
        return self._generation

    # ------------------------------------------------------------------ reads

    def has_article(self, article_id: ArticleId) -> bool:
        with _translate():
            return bool(self.store.contains_named_graph(self._graph_node(article_id)))

    def articles(self) -> list[ArticleId]:
        prefix = f"{self.base_iri}graph/"
        with _translate():
            names = [g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)]
        found = (article_id_from_iri(self.base_iri, n) for n in names if n.startswith(prefix))
        return sorted(a for a in found if a is not None)

    def count(self, article_id: ArticleId | None = None) -> int:
        with _translate():
            if article_id is None:
                return len(self.store)
            node = self._graph_node(article_id)
            return sum(1 for _ in self.store.quads_for_pattern(None, None, None, node))

    def _query(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
               default_graph_uris: list[str] | None = None,
               named_graph_uris: list[str] | None = None) -> Any:
        options: dict[str, Any] = {}
        if default_graph_uris is None and named_graph_uris is None:
            options["use_default_graph_as_union"] = True
        else:
            options["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris or []]
            if named_graph_uris is not None:
                options["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris]
        if not bindings:
            return self.store.query(query, **options)
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()}
        try:
            return self.store.query(query, substitutions=substitutions, **options)
        except RuntimeError:
            # SEP-0007 substitution needs each variable in the projection / pattern scope;
            # otherwise bind the same terms as a VALUES block opening the WHERE group.
            return self.store.query(inline_values(query, bindings), **options)

    def _timed(self, work: Callable[[CancelFlag], Any], timeout: float | None) -> Any:
        def guarded(flag: CancelFlag) -> Any:
            with _translate():
                return work(flag)

        return run_with_deadline(guarded, timeout if timeout is not None else self.timeout)

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
               timeout: float | None = None) -> list[Row]:
        def work(flag: CancelFlag) -> list[Row]:
            result = self._query(query, bindings)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("select() needs a SELECT query")
            names = [v.value for v in result.variables]
            rows: list[Row] = []
            for solution in result:
                flag.check()
                row: Row = {}
                for name in names:
                    term = solution[name]
                    if term is not None:
                        row[name] = from_oxigraph(term)
                rows.append(row)
            return rows

        rows: list[Row] = self._timed(work, timeout)
        return rows

    def select_text(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
                    timeout: float | None = None) -> list[dict[str, str]]:
        """:meth:`select` with each bound value as its plain string (IRI, literal's lexical form
        or blank node id) instead of an rdflib term."""
        def work(flag: CancelFlag) -> list[dict[str, str]]:
            result = self._query(query, bindings)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("select_text() needs a SELECT query")
            names = [v.value for v in result.variables]
            rows: list[dict[str, str]] = []
            for solution in result:
                flag.check()
                rows.append({name: term.value for name, term in zip(names, solution) if term is not None})
            return rows

        rows: list[dict[str, str]] = self._timed(work, timeout)
        return rows

    def ask(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
            timeout: float | None = None) -> bool:
        def work(flag: CancelFlag) -> bool:
            result = self._query(query, bindings)
            if not isinstance(result, ox.QueryBoolean):
                raise QueryError("ask() needs an ASK query")
            return bool(result)

        answer: bool = self._timed(work, timeout)
        return answer

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None, *,
                  timeout: float | None = None) -> Graph:
        def work(flag: CancelFlag) -> Graph:
            result = self._query(query, bindings)
            if not isinstance(result, ox.QueryTriples):
                raise QueryError("construct() needs a CONSTRUCT or DESCRIBE query")
            graph = Graph()
            for triple in result:
                flag.check()
                graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate),
                           from_oxigraph(triple.object)))
            return graph

        graph: Graph = self._timed(work, timeout)
        return graph

    def query_to(self, query: str, media_type: MediaType, out: IO[bytes], *,
                 default_graph_uris: list[str] | None = None,
                 named_graph_uris: list[str] | None = None,
                 timeout: float | None = None, cancel: CancelFlag | None = None) -> MediaType:
        """See :meth:`KnowledgeStore.query_to`. With ``cancel``, the caller keeps the time limit
        itself (``timeout`` is ignored): the evaluation runs in the calling thread, with no
        thread of its own, and stops at its next solution once the caller sets the flag (then
        :class:`Cancelled`, and nothing is written to ``out``)."""
        def work(flag: CancelFlag) -> tuple[formats.MediaFormat, Any]:
            result = self._query(query, default_graph_uris=default_graph_uris,
                                 named_graph_uris=named_graph_uris)
            if isinstance(result, ox.QueryTriples):
                fmt = formats.for_graph(media_type)
            else:
                fmt = formats.for_results(media_type)
            spool = SpooledTemporaryFile(max_size=SPOOL_BYTES)
            try:
                result.serialize(_GuardedWriter(spool, flag), fmt.oxigraph)
            except BaseException:
                spool.close()
                if flag.is_set():
                    raise Cancelled from None
                raise
            return fmt, spool

        if cancel is None:
            fmt, spool = self._timed(work, timeout)
        else:
            with self._inline:
                self._inline_running += 1
            try:
                with _translate():
                    fmt, spool = work(cancel)
            finally:
                with self._inline:
                    self._inline_running -= 1
                    self._inline.notify_all()
        with spool:
            spool.seek(0)
            shutil.copyfileobj(spool, out)
        return fmt.media_type

    # ------------------------------------------------------------------ dumps

    def dump(self, media_type: MediaType, out: IO[bytes], article_id: ArticleId | None = None) -> None:
        fmt = formats.lookup(media_type)
        if fmt is None or fmt.family == "results":
            raise ExportError(f"cannot dump the store as {media_type!r}")
        rdf_format = fmt.oxigraph
        assert isinstance(rdf_format, ox.RdfFormat)
        prefixes = _PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        with _translate():
            if article_id is not None:
                node = self._graph_node(article_id)
                if not self.store.contains_named_graph(node):
                    raise ArticleNotFoundError(article_id)
                if fmt.family == "dataset":
                    ox.serialize(self.store.quads_for_pattern(None, None, None, node), out,
                                 rdf_format, prefixes=prefixes)
                else:
                    self.store.dump(out, rdf_format, from_graph=node, prefixes=prefixes)
            elif fmt.family == "dataset":
                self.store.dump(out, rdf_format, prefixes=prefixes)
            else:
                triples = self.store.query(_UNION_QUERY, use_default_graph_as_union=True)
                ox.serialize(triples, out, rdf_format, prefixes=prefixes)


def holder_info(path: Path | str) -> dict[str, Any] | None:
    """What the process holding the store folder recorded about itself (pid, command, url…)."""
    return read_holder(Path(path))


__all__ = ["GENERATION_NAME", "OxigraphStore", "holder_info"]
