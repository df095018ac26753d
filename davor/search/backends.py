"""The full-text and name queries, one way per database.

SQLite asks the FTS5 tables that the triggers keep in sync; PostgreSQL asks
its stored ``german`` tsvector columns and, for names, a trigram-indexed
table of name words. Both rank only the newest matches of a kind, so that a
word found in 180,000 notes costs as little as a rare one, then check the
user's scope on the ranked list until a group is full; when too few of the
window were the user's, they ask again with the scope inside the window (a
seller's newest matches are found even when colleagues own most of the data).
"""

from django.db import connection, transaction
from rapidfuzz import fuzz, process

from davor.search import schema
from davor.search.text import RANK_WINDOW, Term, fold, fts5_match, tsquery
from davor.users.models import User

# The column of each kind's table that names its customer.
CUSTOMER_COLUMN = {
    "customer": "id",
    "contact": "customer_id",
    "call": "customer_id",
    "order": "customer_id",
    "opportunity": "customer_id",
    "referral": "referring_customer_id",
}
PG_RANK_WINDOW = 200  # PostgreSQL ranks fewer than SQLite (so a 1 % word fills it from the newest slice)
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


def _from(kind: str) -> str:
    table = schema.BY_KIND[kind].table
    if kind == "customer":
        return f"{table} cu"
    return f"{table} t JOIN customers_customer cu ON cu.id = t.{CUSTOMER_COLUMN[kind]}"


def text_ranked(*, kind: str, terms: list[Term], user: User, limit: int) -> list[int]:
    """Ids of ``kind`` whose text matches every term, best first (among the newest matches)."""
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _pg_text(kind=kind, terms=terms, user=user, limit=limit)
    return _sqlite_text(kind=kind, match=fts5_match(terms), user=user, limit=limit)


def raw_fts(*, kind: str, match: str, limit: int = 20) -> list[int]:
    """The bare FTS5 query with the same newest-window ranking, unscoped: the benchmark's yardstick."""
    fts = schema.BY_KIND[kind].fts
    sql = (
        f"SELECT rowid FROM (SELECT rowid, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH %s "
        f"ORDER BY rowid DESC LIMIT {RANK_WINDOW}) ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return [row[0] for row in cursor.fetchall()]


def _sqlite_text(*, kind: str, match: str, user: User, limit: int) -> list[int]:
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
    if where == EVERYTHING:  # the bare ranked window
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM ({window}) ORDER BY score LIMIT %s", [match, limit])
            return [r[0] for r in cursor.fetchall()]
    sql = (
        f"WITH w AS MATERIALIZED ({window}) "
        "SELECT NULL, count(*) FROM w UNION ALL SELECT * FROM ("
        f"SELECT ranked.rowid, NULL FROM (SELECT rowid, score FROM w ORDER BY score LIMIT {RANK_WINDOW}) ranked "
        f"{_joins(kind, 'ranked.rowid')} WHERE {where} LIMIT %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        (_, in_window), *rows = cursor.fetchall()
    if len(rows) < limit and in_window >= RANK_WINDOW:
        return _sqlite_text_scoped(kind=kind, match=match, user=user, limit=limit)
    return [r[0] for r in rows]


def _bm25(kind: str) -> str:
    fts = schema.BY_KIND[kind].fts
    weights = ", 10.0, 1.0" if schema.BY_KIND[kind].name_columns else ""  # a name hit beats a note hit
    return f"bm25({fts}{weights})"


def _joins(kind: str, id_: str) -> str:
    """From a matching record's id to its customer ``cu`` (and the record as ``t``)."""
    if kind == "customer":
        return f"JOIN customers_customer cu ON cu.id = {id_}"
    table = schema.BY_KIND[kind].table
    return f"JOIN {table} t ON t.id = {id_} JOIN customers_customer cu ON cu.id = t.{CUSTOMER_COLUMN[kind]}"


def _sqlite_text_scoped(*, kind: str, match: str, user: User, limit: int) -> list[int]:
    """The newest matches *in scope*, ranked: every match is joined to its customer until the window is full."""
    fts = schema.BY_KIND[kind].fts
    where, params = scope_sql(user)
    sql = (
        f"SELECT rowid FROM (SELECT {fts}.rowid AS rowid, {_bm25(kind)} AS score FROM {fts} "
        f"{_joins(kind, fts + '.rowid')} WHERE {fts} MATCH %s AND {where} ORDER BY {fts}.rowid DESC "
        f"LIMIT {RANK_WINDOW}) ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        return [r[0] for r in cursor.fetchall()]


def _pg_text(*, kind: str, terms: list[Term], user: User, limit: int) -> list[int]:
    """Ids of ``kind`` matching every term: see _pg_text_query."""
    return _pg_text_query(kind=kind, query=tsquery(terms), user=user, limit=limit)


def _pg_text_query(*, kind: str, query: str, user: User, limit: int) -> list[int]:
    """The newest matches ranked by ts_rank, then the first ``limit`` of them the user may see.

    The window of newest matches is found in two bounded steps, because
    neither of PostgreSQL's two ways is good for every word: walking the
    primary key backwards finds a common word's newest matches at once but
    reads the whole table for a rare one; the GIN bitmap finds a rare word
    at once but fetches every one of a common word's 200,000 rows. So:
    first the newest ``PG_NEWEST_SLICE`` records only (either way is cheap
    there); only if they hold fewer than the window, every match (then
    there are few). Scope as on SQLite: checked on the ranked window, and
    asked again inside the window when too few of it were the user's.
    """
    table, document = schema.BY_KIND[kind].table, schema.PG_DOCUMENT_COLUMN
    matching = f"SELECT id FROM {table} WHERE {document} @@ to_tsquery('german', %s)"
    newest = (
        f"{matching} AND id > (SELECT coalesce(max(id), 0) FROM {table}) - {PG_NEWEST_SLICE} "
        f"ORDER BY id DESC LIMIT {PG_RANK_WINDOW}"
    )
    everywhere = f"SELECT id FROM ({matching} OFFSET 0) AS every_match ORDER BY id DESC LIMIT {PG_RANK_WINDOW}"
    in_window, ids, older = _pg_ranked(kind=kind, window=newest, query=query, user=user, limit=limit)
    if in_window < PG_RANK_WINDOW and older:
        in_window, ids, _ = _pg_ranked(kind=kind, window=everywhere, query=query, user=user, limit=limit)
    if len(ids) < limit and in_window >= PG_RANK_WINDOW and scope_sql(user)[0] != EVERYTHING:
        return _pg_text_scoped(kind=kind, query=query, user=user, limit=limit)
    return ids


def _pg_ranked(*, kind: str, window: str, query: str, user: User, limit: int) -> tuple[int, list[int], bool]:
    """How many matches the window holds, the best ``limit`` of them in the user's scope, and
    whether the table has records older than the newest slice."""
    alias = "cu" if kind == "customer" else "t"
    document = schema.pg_document(kind, alias=alias)
    table = schema.BY_KIND[kind].table
    where, params = scope_sql(user)
    sql = (
        f"WITH w AS MATERIALIZED ({window}) "
        f"SELECT NULL, count(*), (SELECT coalesce(max(id), 0) > {PG_NEWEST_SLICE} FROM {table}) FROM w UNION ALL ("
        f"SELECT {alias}.id, NULL, NULL FROM w {_joins(kind, 'w.id')} WHERE {where} "
        f"ORDER BY ts_rank({document}, to_tsquery('german', %s)) DESC, {alias}.id DESC LIMIT %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, query, limit])
        (_, in_window, older), *rows = cursor.fetchall()
    return in_window, [r[0] for r in rows], older


def _pg_text_scoped(*, kind: str, query: str, user: User, limit: int) -> list[int]:
    """The newest matches *in scope*, ranked (the fallback for a user with a small share of the data)."""
    alias = "cu" if kind == "customer" else "t"
    document = schema.pg_document(kind, alias=alias)
    where, params = scope_sql(user)
    sql = (
        f"SELECT id FROM (SELECT {alias}.id AS id, {document} AS doc FROM {_from(kind)} "
        f"WHERE {document} @@ to_tsquery('german', %s) AND {where} "
        f"ORDER BY {alias}.id DESC LIMIT {PG_RANK_WINDOW}) AS newest "
        "ORDER BY ts_rank(doc, to_tsquery('german', %s)) DESC, id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, query, limit])
        return [r[0] for r in cursor.fetchall()]


def similar_names(*, kind: str, terms: list[Term], user: User, limit: int) -> list[int]:
    """Customers or contacts whose name is like the query's words: typos, missing umlauts."""
    words = [t.word for t in terms if len(t.word) >= 4]
    if not words:
        return []
    if connection.vendor == "postgresql":
        similar = [w for word in words for w in _pg_similar_words(kind, fold(word))]
        if not similar:
            return []
        query = " | ".join(f"'{w}':A" for w in similar)  # in a name (weight A), as the name has it
        return _pg_text_query(kind=kind, query=query, user=user, limit=limit)
    extra = []
    for word in words:
        extra += _sqlite_similar_terms(kind, word)
    if not extra:
        return []
    match = "name : (" + " OR ".join(f'"{term}"' for term in extra) + ")"
    return _sqlite_text(kind=kind, match=match, user=user, limit=limit)


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
        tables = " OR ".join(
            f"EXISTS (SELECT 1 FROM {s.table} WHERE {schema.PG_DOCUMENT_COLUMN} @@ to_tsquery('german', %s))"
            for s in schema.SOURCES
        )
        params = [f"'{word}'"] * len(schema.SOURCES)
        with transaction.atomic(), connection.cursor() as cursor:
            # EXISTS makes the planner hope for an early row in a sequential scan (100 ms for a word
            # that is not there); the GIN index answers in a millisecond.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"SELECT {tables}", params)
            return bool(cursor.fetchone()[0])
    tables = " OR ".join(f"EXISTS (SELECT 1 FROM {s.fts} WHERE {s.fts} MATCH %s)" for s in schema.SOURCES)
    params = [f'"{word}"'] * len(schema.SOURCES)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {tables}", params)
        return bool(cursor.fetchone()[0])


def _pg_similar_words(kind: str, folded: str) -> list[str]:
    """Words of names like ``folded`` (as the names have them): trigram candidates, then the same cut-off as SQLite."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word, folded FROM {schema.PG_NAME_WORDS} WHERE kind = %s AND folded %% %s "
            "ORDER BY similarity(folded, %s) DESC LIMIT 20",
            [kind, folded, folded],
        )
        candidates = {word: their_folded for word, their_folded in cursor.fetchall()}
    hits = process.extract(folded, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
    return [hit[2] for hit in hits if hit[2].isalnum()]


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
