"""The full-text and name queries, one way per database.

SQLite asks the FTS5 tables that the triggers keep in sync; PostgreSQL asks
its expression indexes (``german`` full text, pg_trgm on folded names). Both
rank only the newest ``RANK_WINDOW`` matches of a kind, so that a word found
in 180,000 notes costs as little as a rare one, and both join the customer to
apply the user's scope inside the same query (a seller's newest matches are
found even when colleagues own most of the data).
"""

from django.db import connection
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
PG_RANK_WINDOW = 500  # PostgreSQL recomputes each document's vector to rank it: fewer, but still the newest
FUZZY_CUTOFF = 80


def scope_sql(user: User) -> tuple[str, list]:
    """customer_scope (davor.customers.selectors) as SQL on the customer aliased ``cu``.

    Written out so that it joins rather than materialises a list of ids; a
    test checks that it agrees with customer_scope for every role.
    """
    if user.is_superuser or user.role == User.Role.ADMIN:
        return "1 = 1", []
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
    fts = schema.BY_KIND[kind].fts
    where, params = scope_sql(user)
    if kind == "customer":
        joins = f"JOIN customers_customer cu ON cu.id = {fts}.rowid"
    else:
        table = schema.BY_KIND[kind].table
        joins = f"JOIN {table} t ON t.id = {fts}.rowid JOIN customers_customer cu ON cu.id = t.{CUSTOMER_COLUMN[kind]}"
    weights = ", 10.0, 1.0" if schema.BY_KIND[kind].name_columns else ""  # a name hit beats a note hit
    sql = (
        f"SELECT rowid FROM (SELECT {fts}.rowid AS rowid, bm25({fts}{weights}) AS score FROM {fts} {joins} "
        f"WHERE {fts} MATCH %s AND {where} ORDER BY {fts}.rowid DESC LIMIT {RANK_WINDOW}) "
        "ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        return [r[0] for r in cursor.fetchall()]


def _pg_text(*, kind: str, terms: list[Term], user: User, limit: int) -> list[int]:
    alias = "cu" if kind == "customer" else "t"
    document = schema.pg_document(kind, alias=alias)
    where, params = scope_sql(user)
    sql = (
        f"SELECT id FROM (SELECT {alias}.id AS id, {document} AS doc FROM {_from(kind)} "
        f"WHERE {document} @@ to_tsquery('german', %s) AND {where} "
        f"ORDER BY {alias}.id DESC LIMIT {PG_RANK_WINDOW}) AS newest "
        "ORDER BY ts_rank(doc, to_tsquery('german', %s)) DESC, id DESC LIMIT %s"
    )
    query = tsquery(terms)
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, query, limit])
        return [r[0] for r in cursor.fetchall()]


def similar_names(*, kind: str, terms: list[Term], user: User, limit: int) -> list[int]:
    """Customers or contacts whose name is like the query's words: typos, missing umlauts."""
    words = [t.word for t in terms if len(t.word) >= 4]
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _pg_names(kind=kind, text=" ".join(words), user=user, limit=limit)
    extra = []
    for word in words:
        extra += _sqlite_similar_terms(kind, word)
    if not extra:
        return []
    match = "name : (" + " OR ".join(f'"{term}"' for term in extra) + ")"
    return _sqlite_text(kind=kind, match=match, user=user, limit=limit)


def _sqlite_similar_terms(kind: str, word: str) -> list[str]:
    """Words of the name index like ``word``: only those with its first letter and about its length are compared.

    The vocabulary table reads a range of the index's terms, so the
    comparison sees a few hundred names, not all 300,000.
    """
    vocab = schema.BY_KIND[kind].fts + "_vocab"
    first = word[0]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {vocab} WHERE col = 'name' AND term >= %s AND term < %s",
            [first, first + "\U0010ffff"],
        )
        candidates = [r[0] for r in cursor.fetchall() if abs(len(r[0]) - len(word)) <= 2]
    hits = process.extract(word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
    return [hit[0] for hit in hits if hit[0].isalnum()]


def _pg_names(*, kind: str, text: str, user: User, limit: int) -> list[int]:
    alias = "cu" if kind == "customer" else "t"
    expression = schema.pg_name(kind, alias=alias)
    where, params = scope_sql(user)
    folded = fold(text)
    sql = (
        f"SELECT {alias}.id FROM {_from(kind)} WHERE %s <%% {expression} AND {where} "
        f"ORDER BY word_similarity(%s, {expression}) DESC, {alias}.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [folded, *params, folded, limit])
        return [r[0] for r in cursor.fetchall()]


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
