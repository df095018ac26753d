"""The full-text and name queries, one way per database.

SQLite asks the FTS5 tables that the triggers keep in sync; PostgreSQL asks
its stored ``german`` tsvector columns and, for names, a trigram-indexed
table of name words. Both rank only the newest matches of a kind, so that a
word found in 180,000 notes costs as little as a rare one, then check the
user's scope on the ranked list until a group is full. When too few of the
window were the user's (a seller whose colleagues own most of the data), the
scope goes into the query: on SQLite as the owner tokens the index holds, on
PostgreSQL as a wider window and then the user's own records. How
PostgreSQL reads a window is chosen from ANALYZE's statistics.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction
from rapidfuzz import fuzz, process

from davor.search import schema
from davor.search.text import RANK_WINDOW, Term, fold, fts5_match, tsquery
from davor.users.models import User

# The column of each kind's table that names its customer.
CUSTOMER_COLUMN = {source.kind: source.customer_column for source in schema.SOURCES}
PG_RANK_WINDOW = 200  # PostgreSQL ranks fewer than SQLite (so a 1 % word fills it from the newest slice)
PG_SCOPE_WINDOW = 2000  # newest matches looked through for a user who had too few of the rank window
PG_NEWEST_SLICE = 25_000  # records where a common word's newest matches are looked for first (see _pg_text)
FUZZY_CUTOFF = 80
EVERYTHING = "1 = 1"  # the scope of a user who sees every customer


def scope_sql(user: User) -> tuple[str, list]:
    """customer_scope (davor.customers.selectors) as SQL on the customer aliased ``cu``.

    Written out so that it joins rather than materialises a list of ids; a
    test checks that it agrees with customer_scope for every role.
    """
    if user.is_superuser or user.role == User.Role.ADMIN:
        return EVERYTHING, []
    if user.role == User.Role.MANAGER and user.team_id:
        return "(cu.owner_id = %s OR cu.owner_id IN (SELECT id FROM users_user WHERE team_id = %s))", [
            user.pk,
            user.team_id,
        ]
    return "cu.owner_id = %s", [user.pk]


def scope_owners(user: User) -> list[int] | None:
    """The owners whose customers the user sees, as scope_sql spells it (None: every customer)."""
    where, params = scope_sql(user)
    if where == EVERYTHING:
        return None
    owner, *team = params
    if not team:
        return [owner]
    return [owner, *User.objects.filter(team_id=team[0]).exclude(pk=owner).values_list("pk", flat=True)]


def _from(kind: str) -> str:
    table = schema.BY_KIND[kind].table
    if kind == "customer":
        return f"{table} cu"
    return f"{table} t JOIN customers_customer cu ON cu.id = t.{CUSTOMER_COLUMN[kind]}"


class Ranked(NamedTuple):
    ids: list[int]  # best first, in the user's scope
    crowded: bool  # the window of newest matches was full: the words are common in this kind's texts


def text_ranked(*, terms: list[Term], user: User, limit: int) -> dict[str, Ranked]:
    """Per kind, the ids whose text matches every term, best first (among the newest matches)."""
    if not terms:
        return {}
    if connection.vendor == "postgresql":
        return _pg_text(terms=terms, user=user, limit=limit)
    match, words = fts5_match(terms), [term.word for term in terms]
    return {
        kind: _sqlite_text(kind=kind, match=schema.text_only(kind, match, words), user=user, limit=limit)
        for kind in CUSTOMER_COLUMN
    }


def raw_fts(*, kind: str, match: str, limit: int = 8) -> list[int]:
    """The bare FTS5 query with the same newest-window ranking, unscoped: the benchmark's yardstick.

    (``match`` as the service hands it to FTS5, see schema.text_only.)
    """
    fts = schema.BY_KIND[kind].fts
    sql = (
        f"SELECT rowid FROM (SELECT rowid, {_bm25(kind)} AS score FROM {fts} WHERE {fts} MATCH %s "
        f"ORDER BY rowid DESC LIMIT {RANK_WINDOW}) ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return [row[0] for row in cursor.fetchall()]


def _sqlite_text(*, kind: str, match: str, user: User, limit: int) -> Ranked:
    """The newest matches ranked by bm25, then the first ``limit`` of them the user may see.

    The scope is checked on the ranked list and only until ``limit`` rows
    passed (a manager's query looks up a handful of customers, not 2,000).
    When the window was full and too few of it were in scope (a seller
    whose colleagues wrote most of the newest notes), the query is asked
    again with the scope inside the window, so that the seller's own newest
    matches are ranked.
    """
    fts = schema.BY_KIND[kind].fts
    window = (
        f"SELECT rowid, {_bm25(kind)} AS score FROM {fts} WHERE {fts} MATCH %s ORDER BY rowid DESC LIMIT {RANK_WINDOW}"
    )
    where, params = scope_sql(user)
    if where == EVERYTHING:  # the best of the window, no scope to check
        best = "SELECT rowid, NULL FROM w ORDER BY score LIMIT %s"
    else:
        best = (
            f"SELECT ranked.rowid, NULL FROM (SELECT rowid, score FROM w ORDER BY score LIMIT {RANK_WINDOW}) ranked "
            f"{_joins(kind, 'ranked.rowid')} WHERE {where} LIMIT %s"
        )
    sql = f"WITH w AS MATERIALIZED ({window}) SELECT NULL, count(*) FROM w UNION ALL SELECT * FROM ({best})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        (_, in_window), *rows = cursor.fetchall()
    crowded = in_window >= RANK_WINDOW
    if len(rows) < limit and crowded and where != EVERYTHING:
        return Ranked(_sqlite_text_scoped(kind=kind, match=match, user=user, limit=limit), crowded)
    return Ranked([r[0] for r in rows], crowded)


def _bm25(kind: str) -> str:
    fts = schema.BY_KIND[kind].fts
    weights = ", 10.0, 1.0" if schema.BY_KIND[kind].name_columns else ""  # a name hit beats a note hit
    return f"bm25({fts}{weights})"


def _joins(kind: str, id_: str) -> str:
    """From a matching record's id to its customer ``cu`` (and the record as ``t``), in this order.

    On SQLite a CROSS JOIN keeps the order as written: left free, it starts
    from a seller's 20,000 customers by the owner index and reads all their
    calls to find the handful that matched (46 ms instead of 8).
    """
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"
    if kind == "customer":
        return f"{join} customers_customer cu ON cu.id = {id_}"
    table = schema.BY_KIND[kind].table
    return f"{join} {table} t ON t.id = {id_} {join} customers_customer cu ON cu.id = t.{CUSTOMER_COLUMN[kind]}"


def _sqlite_text_scoped(*, kind: str, match: str, user: User, limit: int) -> list[int]:
    """The newest matches *in scope*, ranked: the user's scope is part of the full-text query.

    Only reached when fewer than ``limit`` of the newest RANK_WINDOW matches
    were the user's. The index holds each record's owner as a token
    (schema.OWNER_COLUMN), so FTS5 intersects the words with the owners
    instead of the customer of every match being looked up (a new seller's
    ``Angebot``: 125,000 matches, 85 ms → a few).
    """
    fts = schema.BY_KIND[kind].fts
    owners = " OR ".join(f'"{schema.owner_token(owner)}"' for owner in scope_owners(user) or ())
    sql = (
        f"SELECT rowid FROM (SELECT rowid, {_bm25(kind)} AS score FROM {fts} WHERE {fts} MATCH %s "
        f"ORDER BY rowid DESC LIMIT {RANK_WINDOW}) ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"({match}) AND {schema.OWNER_COLUMN} : ({owners})", limit])
        return [r[0] for r in cursor.fetchall()]


def _pg_text(*, terms: list[Term], user: User, limit: int) -> dict[str, Ranked]:
    """Per kind, the ids matching every term: see _pg_text_query."""
    together = " ".join(t.word for t in terms if not t.prefix) if len(terms) > 1 else ""
    tables = _pg_tables(list(CUSTOMER_COLUMN), together=together)
    query = tsquery(terms)
    return {
        kind: _pg_text_query(kind=kind, query=query, user=user, limit=limit, table=tables[kind])
        for kind in CUSTOMER_COLUMN
    }


@dataclass(frozen=True)
class _PgTable:
    newest_id: int
    common: bool  # every word searched together is among the column's most common lexemes


def _pg_tables(kinds: list[str], *, together: str = "") -> dict[str, _PgTable]:
    """Each kind's newest id and, for words searched ``together``, whether all are common: one statement."""
    newest = ", ".join(f"(SELECT coalesce(max(id), 0) FROM {schema.BY_KIND[kind].table})" for kind in kinds)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_PG_LEXEMES}, {newest}", [together])
        lexemes, *newest_ids = cursor.fetchone()
    common = _pg_common_lexemes() if lexemes else {}
    return {
        kind: _PgTable(
            newest_id=newest_id,
            common=bool(lexemes) and set(lexemes) <= common.get(schema.BY_KIND[kind].table, frozenset()),
        )
        for kind, newest_id in zip(kinds, newest_ids, strict=True)
    }


_PG_LEXEMES = "tsvector_to_array(to_tsvector('german', %s))"  # words as the full-text columns store them
PG_COMMON_MAX_AGE = 600  # seconds; the statistics only change when ANALYZE runs
_pg_common: dict[str, tuple[float, dict[str, frozenset[str]]]] = {}


def _pg_common_lexemes() -> dict[str, frozenset[str]]:
    """Per table, the most common words of its full-text column, from the statistics ANALYZE keeps.

    They cost no look at the data, but reading them through the pg_stats
    view takes milliseconds of planning, so they are kept in the process
    for a while (they only steer which way a query is run, never its result).
    """
    database = connection.settings_dict["NAME"]
    fetched_at, common = _pg_common.get(database, (0.0, {}))
    if time.monotonic() - fetched_at > PG_COMMON_MAX_AGE:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename, most_common_elems::text::text[] FROM pg_stats "
                "WHERE schemaname = current_schema() AND tablename = ANY(%s) AND attname = %s",
                [[source.table for source in schema.SOURCES], schema.PG_DOCUMENT_COLUMN],
            )
            common = {table: frozenset(lexemes or ()) for table, lexemes in cursor.fetchall()}
        _pg_common[database] = (time.monotonic(), common)
    return common


def _pg_text_query(*, kind: str, query: str, user: User, limit: int, table: _PgTable) -> Ranked:
    """The newest matches ranked by ts_rank, then the first ``limit`` of them the user may see.

    The window of newest matches is found in two bounded steps, because
    neither of PostgreSQL's two ways is good for every word: walking the
    primary key backwards finds a common word's newest matches at once but
    reads the whole table for a rare one; the GIN bitmap finds a rare word
    at once but fetches every one of a common word's 200,000 rows. So:
    first the newest ``PG_NEWEST_SLICE`` records only (either way is cheap
    there); only if they hold fewer than the window, every match (then
    there are few). The planner chooses the way through the slice from its
    statistics, which are right for one word; for several words that must
    all match it multiplies their frequencies, which is wrong for words that
    go together. So when each of them is common (``table.common``), the
    slice is walked (a bitmap there would do the work of the second step
    twice when the words never meet in one record).
    Scope as on SQLite: checked on the ranked window, and asked again inside
    the window when too few of it were the user's.
    """
    document = schema.PG_DOCUMENT_COLUMN
    # A literal, not a subquery: the planner must see how few records the slice holds to choose well.
    slice_start = int(table.newest_id) - PG_NEWEST_SLICE
    source = schema.BY_KIND[kind].table
    matching = f"SELECT id FROM {source} WHERE {document} @@ to_tsquery('german', %s)"
    # The same test as a function call, which no index can answer: the slice is walked.
    walked = f"SELECT id FROM {source} WHERE ts_match_vq({document}, to_tsquery('german', %s))"
    scoped = scope_sql(user)[0] != EVERYTHING
    for window in (PG_RANK_WINDOW, PG_SCOPE_WINDOW) if scoped else (PG_RANK_WINDOW,):
        newest = f"{walked if table.common else matching} AND id > {slice_start} ORDER BY id DESC LIMIT {window}"
        everywhere = f"SELECT id FROM ({matching} OFFSET 0) AS every_match ORDER BY id DESC LIMIT {window}"
        in_window, ids = _pg_ranked(kind=kind, window=newest, query=query, user=user, limit=limit)
        if in_window < window and slice_start > 0:
            in_window, ids = _pg_ranked(kind=kind, window=everywhere, query=query, user=user, limit=limit)
        if len(ids) >= limit or in_window < window:
            return Ranked(ids, in_window >= PG_RANK_WINDOW)
        # Too few of a full window were the user's: a wider window, then the user's own records.
    return Ranked(_pg_text_scoped(kind=kind, query=query, user=user, limit=limit), True)


def _pg_ranked(*, kind: str, window: str, query: str, user: User, limit: int) -> tuple[int, list[int]]:
    """How many matches the window holds, and the best ``limit`` of the newest PG_RANK_WINDOW of them in the
    user's scope."""
    alias = "cu" if kind == "customer" else "t"
    document = schema.pg_document(kind, alias=alias)
    where, params = scope_sql(user)
    sql = (
        f"WITH w AS MATERIALIZED ({window}) "
        f"SELECT NULL, count(*) FROM w UNION ALL ("
        f"SELECT id, NULL FROM (SELECT {alias}.id AS id, {document} AS doc FROM w {_joins(kind, 'w.id')} "
        f"WHERE {where} ORDER BY w.id DESC LIMIT {PG_RANK_WINDOW}) AS newest_of_theirs "
        "ORDER BY ts_rank(doc, to_tsquery('german', %s)) DESC, id DESC LIMIT %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, query, limit])
        (_, in_window), *rows = cursor.fetchall()
    return in_window, [r[0] for r in rows]


def _pg_text_scoped(*, kind: str, query: str, user: User, limit: int) -> list[int]:
    """The newest matches among the user's own records, ranked: for a user with a very small share of the data.

    Only reached when fewer than ``limit`` of the newest PG_SCOPE_WINDOW
    matches were the user's, so the user's customers are few: starting from
    them (the owner index, then their records) reads far less than every
    match of a common word.
    """
    alias = "cu" if kind == "customer" else "t"
    document = schema.pg_document(kind, alias=alias)
    where, params = scope_sql(user)
    theirs = "cu.id" if kind == "customer" else f"t.{CUSTOMER_COLUMN[kind]}"
    sql = (
        f"WITH mine AS MATERIALIZED (SELECT cu.id FROM customers_customer cu WHERE {where}) "
        f"SELECT id FROM (SELECT {alias}.id AS id, {document} AS doc FROM {schema.BY_KIND[kind].table} {alias} "
        f"WHERE {theirs} IN (SELECT id FROM mine) AND {document} @@ to_tsquery('german', %s) "
        f"ORDER BY {alias}.id DESC LIMIT {PG_RANK_WINDOW}) AS newest "
        "ORDER BY ts_rank(doc, to_tsquery('german', %s)) DESC, id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, query, query, limit])
        return [r[0] for r in cursor.fetchall()]


def similar_names(*, kind: str, terms: list[Term], user: User, limit: int) -> list[int]:
    """Customers or contacts whose name is like the query's words: typos, missing umlauts."""
    words = [t.word for t in terms if len(t.word) >= 4]
    if not words:
        return []
    if connection.vendor == "postgresql":
        similar = _pg_similar_words(kind, [fold(word) for word in words])
        if not similar:
            return []
        query = " | ".join(f"'{w}':A" for w in similar)  # in a name (weight A), as the name has it
        return _pg_text_query(kind=kind, query=query, user=user, limit=limit, table=_pg_tables([kind])[kind]).ids
    extra = []
    for word in words:
        extra += _sqlite_similar_terms(kind, word)
    if not extra:
        return []
    match = "name : (" + " OR ".join(f'"{term}"' for term in extra) + ")"
    return _sqlite_text(kind=kind, match=match, user=user, limit=limit).ids


def _sqlite_similar_terms(kind: str, word: str) -> list[str]:
    """Words of the name index like ``word``: only those that start as it does and are about as long are compared.

    The vocabulary table reads a range of the index's terms (and counts
    their rows as it goes), so the range is the query's first two letters:
    a few dozen names, not all 300,000; a typo in the first two letters is
    not forgiven.
    """
    vocab = schema.BY_KIND[kind].fts + "_vocab"
    start = word[:2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {vocab} WHERE col = 'name' AND term >= %s AND term < %s",
            [start, start + "\U0010ffff"],
        )
        candidates = [r[0] for r in cursor.fetchall() if abs(len(r[0]) - len(word)) <= 2]
    hits = process.extract(word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
    return [hit[0] for hit in hits if hit[0].isalnum()]


def is_whole_word(word: str) -> bool:
    """Whether ``word`` is a word of any index as it stands (then a search for it is not a word still being typed)."""
    if connection.vendor == "postgresql":
        return _pg_is_whole_word(word)
    tables = " OR ".join(f"EXISTS (SELECT 1 FROM {s.fts} WHERE {s.fts} MATCH %s)" for s in schema.SOURCES)
    params = [schema.text_only(s.kind, f'"{word}"', [word]) for s in schema.SOURCES]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {tables}", params)
        return bool(cursor.fetchone()[0])


def _pg_is_whole_word(word: str) -> bool:
    """The planner's statistics first: a word among a column's most common lexemes is there without a look.

    Asking the GIN index whether ``lieferung`` occurs reads its whole posting
    list (a third of all notes, 15 ms); the statistics that ANALYZE keeps name
    the common words. Only a rarer word (or one before the first ANALYZE)
    goes to the index, where its posting list is short.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_PG_LEXEMES}", [word])
        lexemes = set(cursor.fetchone()[0])
    if lexemes and any(lexemes <= common for common in _pg_common_lexemes().values()):
        return True
    exists = " OR ".join(
        f"EXISTS (SELECT 1 FROM {s.table} WHERE {schema.PG_DOCUMENT_COLUMN} @@ to_tsquery('german', %s))"
        for s in schema.SOURCES
    )
    # EXISTS makes the planner hope for an early row in a sequential scan (100 ms for a word
    # that is not there); the GIN index answers in a millisecond.
    with transaction.atomic(), connection.cursor() as cursor, _pg_without(cursor, "enable_seqscan"):
        cursor.execute(f"SELECT {exists}", [f"'{word}'"] * len(schema.SOURCES))
        return bool(cursor.fetchone()[0])


@contextmanager
def _pg_without(cursor, setting: str) -> Iterator[None]:
    """The planner without one of its ways (``setting``, e.g. enable_seqscan) for this block only.

    SET LOCAL would last to the end of the outermost transaction, so the
    previous value is put back (the caller holds a transaction open).
    """
    cursor.execute("SELECT current_setting(%s)", [setting])
    before = cursor.fetchone()[0]
    cursor.execute("SELECT set_config(%s, 'off', true)", [setting])
    try:
        yield
    finally:
        cursor.execute("SELECT set_config(%s, %s, true)", [setting, before])


def _pg_similar_words(kind: str, folded: list[str]) -> list[str]:
    """Words of names like each of ``folded`` (as the names have them): trigram candidates, then the same cut-off
    as SQLite. One statement for all the query's words."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT q.wanted, n.word, n.folded FROM unnest(%s::text[]) AS q(wanted) CROSS JOIN LATERAL ("
            f"SELECT word, folded FROM {schema.PG_NAME_WORDS} WHERE kind = %s AND folded %% q.wanted "
            "ORDER BY similarity(folded, q.wanted) DESC LIMIT 20) AS n",
            [folded, kind],
        )
        candidates: dict[str, dict[str, str]] = {}
        for wanted, word, their_folded in cursor.fetchall():
            candidates.setdefault(wanted, {})[word] = their_folded
    similar = []
    for wanted, theirs in candidates.items():
        hits = process.extract(wanted, theirs, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
        similar += [hit[2] for hit in hits if hit[2].isalnum() and hit[2] not in similar]
    return similar


def forget_name_words(name: str) -> None:
    """After an erasure: drop the name's words from PostgreSQL's word table unless another name still has them.

    (SQLite's fuzzy pass reads the FTS5 vocabulary, which forgets a word with its last row.)
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for kind in schema.PG_NAME_KINDS:
            cursor.execute(schema.postgres_forget_words(kind), [name])


def email_owners(*, kind: str, email: str, user: User, limit: int) -> list[int]:
    """Customers or contacts with exactly this address (PostgreSQL; SQLite finds it as words of the index)."""
    if connection.vendor != "postgresql" or "@" not in email:
        return []
    alias = "cu" if kind == "customer" else "t"
    where, params = scope_sql(user)
    sql = f"SELECT {alias}.id FROM {_from(kind)} WHERE upper({alias}.email) = upper(%s) AND {where} LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [email.strip(), *params, limit])
        return [r[0] for r in cursor.fetchall()]
