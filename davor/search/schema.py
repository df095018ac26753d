"""The search index's database objects, per backend, as SQL.

SQLite: one FTS5 table per kind of record, filled and kept in sync by
triggers, so that every write path (forms, API, admin, imports, bulk loads,
raw SQL) updates the index in the same transaction. PostgreSQL: expression
GIN indexes (full text with the ``german`` configuration, pg_trgm on folded
names) that the database maintains itself. Both: plain B-tree indexes on the
stored E.164 phone numbers.

The migration 0001 runs this SQL; changing it later needs a new migration.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

TOKENIZER = "unicode61 remove_diacritics 2"


def _text(*columns: str) -> str:
    # ß survives remove_diacritics; the query folds it to ss, so the index does too.
    joined = " || ' ' || ".join(f"coalesce(new.{c}, '')" for c in columns)
    return f"replace({joined}, 'ß', 'ss')"


@dataclass(frozen=True)
class Source:
    kind: str
    table: str
    name_columns: tuple[str, ...]
    body_columns: tuple[str, ...]
    customer_column: str  # the column that names the record's customer (the customer's own id for a customer)

    @property
    def fts(self) -> str:
        return f"search_{self.kind}_fts"

    @property
    def columns(self) -> tuple[str, ...]:
        return ("name", "body") if self.name_columns else ("body",)

    def values(self) -> list[str]:
        exprs = [_text(*self.name_columns)] if self.name_columns else []
        return [*exprs, _text(*self.body_columns)]


SOURCES = (
    Source("customer", "customers_customer", ("name",), ("number", "city", "email", "industry", "notes"), "id"),
    Source(
        "contact", "customers_contact", ("first_name", "last_name"), ("position", "department", "email"), "customer_id"
    ),
    Source("call", "calls_call", (), ("note", "personal_note"), "customer_id"),
    Source("order", "orders_order", (), ("number", "delivery_note", "conditions"), "customer_id"),
    Source("opportunity", "pipeline_opportunity", (), ("description",), "customer_id"),
    Source("referral", "pipeline_referral", (), ("note",), "referring_customer_id"),
)
BY_KIND = {source.kind: source for source in SOURCES}


def _sqlite_fts(s: Source, cols: str, values: str, watched: str) -> list[str]:
    """The FTS5 table of ``s`` and the triggers that copy each insert, update (of ``watched``) and delete into it."""
    return [
        f"CREATE VIRTUAL TABLE {s.fts} USING fts5({cols}, tokenize='{TOKENIZER}', prefix='2 3')",
        f"CREATE TRIGGER {s.fts}_ai AFTER INSERT ON {s.table} BEGIN "
        f"INSERT INTO {s.fts}(rowid, {cols}) VALUES (new.id, {values}); END",
        f"CREATE TRIGGER {s.fts}_au AFTER UPDATE OF {watched} ON {s.table} BEGIN "
        f"DELETE FROM {s.fts} WHERE rowid = old.id; "
        f"INSERT INTO {s.fts}(rowid, {cols}) VALUES (new.id, {values}); END",
        f"CREATE TRIGGER {s.fts}_ad AFTER DELETE ON {s.table} BEGIN DELETE FROM {s.fts} WHERE rowid = old.id; END",
    ]


def sqlite_create() -> list[str]:
    statements = []
    for s in SOURCES:
        cols = ", ".join(s.columns)
        values = ", ".join(s.values())
        watched = ", ".join((*s.name_columns, *s.body_columns))
        statements += [
            *_sqlite_fts(s, cols, values, watched),
            # What is already there goes into the index once.
            f"INSERT INTO {s.fts}(rowid, {cols}) SELECT id, {values.replace('new.', '')} FROM {s.table}",
        ]
        if s.name_columns:
            statements.append(f"CREATE VIRTUAL TABLE {s.fts}_vocab USING fts5vocab({s.fts}, 'col')")
    return statements


def sqlite_drop() -> list[str]:
    out = []
    for s in SOURCES:
        out += [f"DROP TRIGGER IF EXISTS {s.fts}_{t}" for t in ("ai", "au", "ad")]
        out += [f"DROP TABLE IF EXISTS {s.fts}_vocab", f"DROP TABLE IF EXISTS {s.fts}"]
    return out


# SQLite, migration 0004: each FTS5 table also holds the owner of the
# record's customer, as one token in an ``owner`` column ("o17"), so that a
# user's scope can be part of the full-text query itself: a seller who owns
# ten customers finds their records in a common word's 300,000 matches
# without looking up the customer of each. The triggers keep the token right
# when a record is written and when a customer changes hands (its records are
# indexed again). A user's query that could hit an owner token ("o17") is
# kept to the text columns (``text_only``).
OWNER_COLUMN = "owner"


def owner_token(user_id: int) -> str:
    return f"o{user_id}"


_OWNER_LIKE = re.compile(r"o\d*")  # a query word that is, or starts, an owner token


def text_only(kind: str, match: str, words: Iterable[str]) -> str:
    """The user's MATCH expression, kept to the text columns if one of its ``words`` could hit an owner token.

    (A column filter costs about 8 % of a query, so the others go as they are.)
    """
    if not any(_OWNER_LIKE.fullmatch(word) for word in words):
        return match
    columns = BY_KIND[kind].columns
    return f"{{{' '.join(columns)}}} : ({match})" if len(columns) > 1 else f"{columns[0]} : ({match})"


def _owner(source: Source, row: str) -> str:
    """The owner token of ``row`` (``new`` in a trigger, or the table's own row in a backfill)."""
    if source.kind == "customer":
        owner = f"{row}.owner_id"
    else:
        owner = f"(SELECT owner_id FROM customers_customer AS cu WHERE cu.id = {row}.{source.customer_column})"
    return f"coalesce('o' || {owner}, '')"


def _v4_columns(s: Source) -> tuple[str, str, str]:
    """The FTS5 columns of ``s`` with the owner token, their values in a trigger, and in a backfill of the table."""
    cols = ", ".join((*s.columns, OWNER_COLUMN))
    values = ", ".join((*s.values(), _owner(s, "new")))
    table_values = ", ".join(v.replace("new.", "") for v in s.values())
    return cols, values, table_values


def _v4_triggers(s: Source, *, if_not_exists: bool = False) -> list[str]:
    """The triggers that keep ``s``'s FTS5 table (owner token included) in step with its table."""
    cols, values, table_values = _v4_columns(s)
    watched = ", ".join((*s.name_columns, *s.body_columns, "owner_id" if s.kind == "customer" else s.customer_column))
    create = "CREATE TRIGGER IF NOT EXISTS" if if_not_exists else "CREATE TRIGGER"
    statements = [
        f"{create} {s.fts}_ai AFTER INSERT ON {s.table} BEGIN "
        f"INSERT INTO {s.fts}(rowid, {cols}) VALUES (new.id, {values}); END",
        f"{create} {s.fts}_au AFTER UPDATE OF {watched} ON {s.table} BEGIN "
        f"DELETE FROM {s.fts} WHERE rowid = old.id; "
        f"INSERT INTO {s.fts}(rowid, {cols}) VALUES (new.id, {values}); END",
        f"{create} {s.fts}_ad AFTER DELETE ON {s.table} BEGIN DELETE FROM {s.fts} WHERE rowid = old.id; END",
    ]
    if s.kind != "customer":  # a customer changing hands takes its records with it
        statements.append(
            f"{create} {s.fts}_owner AFTER UPDATE OF owner_id ON customers_customer BEGIN "
            f"DELETE FROM {s.fts} WHERE rowid IN (SELECT id FROM {s.table} WHERE {s.customer_column} = new.id); "
            f"INSERT INTO {s.fts}(rowid, {cols}) SELECT id, {table_values}, coalesce('o' || new.owner_id, '') "
            f"FROM {s.table} WHERE {s.customer_column} = new.id; END"
        )
    return statements


def sqlite_v4_create() -> list[str]:
    statements = sqlite_drop()
    for s in SOURCES:
        cols, _values, table_values = _v4_columns(s)
        statements += [
            f"CREATE VIRTUAL TABLE {s.fts} USING fts5({cols}, tokenize='{TOKENIZER}', prefix='2 3')",
            *_v4_triggers(s),
            f"INSERT INTO {s.fts}(rowid, {cols}) SELECT id, {table_values}, {_owner(s, s.table)} FROM {s.table}",
        ]
        if s.name_columns:
            statements.append(f"CREATE VIRTUAL TABLE {s.fts}_vocab USING fts5vocab({s.fts}, 'col')")
    return statements


# SQLite checks every trigger of the schema when a table is renamed, and a
# migration that rebuilds a table (SQLite's way to add a NOT NULL column:
# copy to new__x, drop x, rename) leaves, for that moment, triggers on other
# tables pointing at a table that is not there: "error in trigger …: no such
# table". The owner token's triggers name customers_customer and every
# indexed table across tables, so every migration run takes them down first
# and puts them back after (see apps.py); they hold no data.
def sqlite_v4_triggers_drop() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {s.fts}_{t}" for s in SOURCES for t in ("ai", "au", "ad", "owner")]


def sqlite_v4_triggers_create() -> list[str]:
    return [statement for s in SOURCES for statement in _v4_triggers(s, if_not_exists=True)]


def sqlite_v4_drop() -> list[str]:
    """Back to migration 0001's tables."""
    return [*(f"DROP TRIGGER IF EXISTS {s.fts}_owner" for s in SOURCES), *sqlite_drop(), *sqlite_create()]


# PostgreSQL. Migration 0001 created expression indexes (the ``_v1`` helpers
# below, kept as they were so that 0001 still builds the same schema);
# migration 0002 replaced them (``postgres_v2_*``):
#
# - a stored generated ``search_document`` tsvector column per table, GIN
#   indexed. The database keeps it in sync on every write; ranking reads it
#   instead of recomputing to_tsvector for every candidate, and a common word
#   can be answered by walking the primary key backwards with a cheap filter.
#   Name columns carry weight A, so ts_rank puts a name hit first (as bm25's
#   column weights do on SQLite).
# - the trigram indexes on ``search_fold_name(...)``, a function that is not
#   inlined and is declared expensive: with the plain translate(lower(...))
#   expression the planner estimated a sequential scan (which computes
#   word_similarity for every name, ~30 ms at 10,000 customers) as cheaper
#   than the index (~2 ms).
#
# The query expressions must be written exactly as the index expressions.
PG_NAME_KINDS = ("customer", "contact")
PG_DOCUMENT_COLUMN = "search_document"
PG_FOLD_FUNCTION = "search_fold_name"


def _pg_name_v1(kind: str, alias: str = "") -> str:
    """The folded name that 0001's trigram index holds (Müller → muller)."""
    prefix = f"{alias}." if alias else ""
    columns = " || ' ' || ".join(prefix + c for c in BY_KIND[kind].name_columns)
    return f"translate(lower({columns}), 'äöüß', 'aous')"


def _pg_document_v1(kind: str, alias: str = "") -> str:
    """The text 0001's full-text index holds, as an expression on the kind's table."""
    s = BY_KIND[kind]
    prefix = f"{alias}." if alias else ""
    joined = " || ' ' || ".join(f"coalesce({prefix}{c}, '')" for c in (*s.name_columns, *s.body_columns))
    return f"to_tsvector('german'::regconfig, {joined})"


def pg_name(kind: str, alias: str = "") -> str:
    """The folded name that the trigram index holds (Müller → muller)."""
    prefix = f"{alias}." if alias else ""
    columns = " || ' ' || ".join(prefix + c for c in BY_KIND[kind].name_columns)
    return f"{PG_FOLD_FUNCTION}({columns})"


def pg_document(kind: str, alias: str = "") -> str:
    """The stored tsvector column that the full-text index holds."""
    prefix = f"{alias}." if alias else ""
    return prefix + PG_DOCUMENT_COLUMN


def _pg_document_expression(kind: str) -> str:
    """What the generated column stores: names (weight A, if the kind has them) and the rest (weight D)."""
    s = BY_KIND[kind]

    def vector(columns: tuple[str, ...]) -> str:
        joined = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
        return f"to_tsvector('german'::regconfig, {joined})"

    if not s.name_columns:
        return vector(s.body_columns)
    return f"setweight({vector(s.name_columns)}, 'A') || {vector(s.body_columns)}"


def postgres_v2_create() -> list[str]:
    statements = [
        # plpgsql so that it is never inlined: the index expression stays this call, and its cost stays declared.
        f"CREATE OR REPLACE FUNCTION {PG_FOLD_FUNCTION}(name text) RETURNS text LANGUAGE plpgsql "
        "IMMUTABLE STRICT PARALLEL SAFE COST 200 AS "
        "$$ BEGIN RETURN translate(lower(name), 'äöüß', 'aous'); END $$"
    ]
    for s in SOURCES:
        statements += [
            f"DROP INDEX IF EXISTS {s.fts}",
            f"ALTER TABLE {s.table} ADD COLUMN {PG_DOCUMENT_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({_pg_document_expression(s.kind)}) STORED",
            f"CREATE INDEX {s.fts} ON {s.table} USING gin ({PG_DOCUMENT_COLUMN})",
        ]
    for kind in PG_NAME_KINDS:
        table = BY_KIND[kind].table
        statements += [
            f"DROP INDEX IF EXISTS search_{kind}_trgm",
            f"CREATE INDEX search_{kind}_trgm ON {table} USING gin (({pg_name(kind)}) gin_trgm_ops)",
        ]
    return statements


def postgres_v2_drop() -> list[str]:
    statements = []
    for s in SOURCES:
        statements += [
            f"DROP INDEX IF EXISTS {s.fts}",
            f"ALTER TABLE {s.table} DROP COLUMN IF EXISTS {PG_DOCUMENT_COLUMN}",
            f"CREATE INDEX IF NOT EXISTS {s.fts} ON {s.table} USING gin (({_pg_document_v1(s.kind)}))",
        ]
    for kind in PG_NAME_KINDS:
        table = BY_KIND[kind].table
        statements += [
            f"DROP INDEX IF EXISTS search_{kind}_trgm",
            f"CREATE INDEX search_{kind}_trgm ON {table} USING gin (({_pg_name_v1(kind)}) gin_trgm_ops)",
        ]
    return [*statements, f"DROP FUNCTION IF EXISTS {PG_FOLD_FUNCTION}(text)"]


def postgres_create() -> list[str]:
    """Migration 0001's PostgreSQL objects."""
    statements = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
    for s in SOURCES:
        statements.append(f"CREATE INDEX IF NOT EXISTS {s.fts} ON {s.table} USING gin (({_pg_document_v1(s.kind)}))")
    for kind in PG_NAME_KINDS:
        table, expression = BY_KIND[kind].table, _pg_name_v1(kind)
        statements.append(
            f"CREATE INDEX IF NOT EXISTS search_{kind}_trgm ON {table} USING gin (({expression}) gin_trgm_ops)"
        )
        statements.append(f"CREATE INDEX IF NOT EXISTS search_{kind}_email ON {table} (upper(email))")
    return statements


def postgres_drop() -> list[str]:
    names = [s.fts for s in SOURCES] + [f"search_{k}_{x}" for k in PG_NAME_KINDS for x in ("trgm", "email")]
    return [f"DROP INDEX IF EXISTS {name}" for name in names]


# PostgreSQL, migration 0003: the words that names are made of, for the
# fuzzy pass. A trigram search over 300,000 whole names finds thousands of
# candidates for a typo like "Schmitd" (50 ms); over the few thousand
# distinct words it finds a handful, which the full-text index then looks up.
# A trigger adds the words of every new or renamed customer and contact (a
# word whose last owner was renamed or deleted stays; it only costs a lookup
# that finds nothing); an erasure removes the person's words
# (postgres_forget_words).
PG_NAME_WORDS = "search_name_word"
_PG_WORD_SPLIT = "'[^[:alnum:]]+'"  # a name's words, as regexp_split_to_table takes the separator


def _pg_name_text(kind: str, row: str) -> str:
    """The name columns of ``row`` (``NEW`` in a trigger, or a table alias) as one text."""
    return " || ' ' || ".join(f"coalesce({row}.{c}, '')" for c in BY_KIND[kind].name_columns)


def _pg_words(kind: str, source: str = "") -> str:
    """The distinct words (three letters or more) of the new row's name, or of every row of ``source``."""
    name = _pg_name_text(kind, "src" if source else "NEW")
    rows = f"{source} AS src, " if source else ""
    return (
        f"SELECT DISTINCT '{kind}', w, {PG_FOLD_FUNCTION}(w) "
        f"FROM {rows}regexp_split_to_table(lower({name}), {_PG_WORD_SPLIT}) AS w WHERE length(w) >= 3"
    )


def postgres_forget_words(kind: str) -> str:
    """Delete the words of a name (the parameter) that no name of ``kind`` has any more, split as the trigger splits."""
    name = _pg_name_text(kind, "src")
    return (
        f"DELETE FROM {PG_NAME_WORDS} AS gone WHERE gone.kind = '{kind}' AND gone.word IN "
        f"(SELECT w FROM regexp_split_to_table(lower(%s), {_PG_WORD_SPLIT}) AS w) AND NOT EXISTS "
        f"(SELECT 1 FROM {BY_KIND[kind].table} AS src "
        # the word between two separators (a word holds letters and digits only, so it is safe in the pattern)
        f"WHERE lower({name}) ~ ('(^|[^[:alnum:]])' || gone.word || '($|[^[:alnum:]])'))"
    )


def on_database(vendor: str, statements):
    """A RunPython function that runs ``statements()`` on one database (``vendor``) and does nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for statement in statements():
                schema_editor.execute(statement)

    return run


def on_postgresql(statements):
    return on_database("postgresql", statements)


def postgres_v3_create() -> list[str]:
    statements = [
        f"CREATE TABLE {PG_NAME_WORDS} (kind varchar(16) NOT NULL, word text NOT NULL, folded text NOT NULL, "
        "PRIMARY KEY (kind, word))",
        f"CREATE INDEX {PG_NAME_WORDS}_trgm ON {PG_NAME_WORDS} USING gin (folded gin_trgm_ops)",
        # The whole-name trigram indexes of 0002 are no longer asked.
        *(f"DROP INDEX IF EXISTS search_{kind}_trgm" for kind in PG_NAME_KINDS),
    ]
    for kind in PG_NAME_KINDS:
        source = BY_KIND[kind]
        statements += [
            f"CREATE FUNCTION {PG_NAME_WORDS}_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"INSERT INTO {PG_NAME_WORDS} (kind, word, folded) {_pg_words(kind)} ON CONFLICT DO NOTHING; "
            "RETURN NULL; END $$",
            f"CREATE TRIGGER {PG_NAME_WORDS}_{kind} AFTER INSERT OR UPDATE OF {', '.join(source.name_columns)} "
            f"ON {source.table} FOR EACH ROW EXECUTE FUNCTION {PG_NAME_WORDS}_{kind}()",
            f"INSERT INTO {PG_NAME_WORDS} (kind, word, folded) {_pg_words(kind, source.table)} ON CONFLICT DO NOTHING",
        ]
    return statements


def postgres_v3_drop() -> list[str]:
    statements = []
    for kind in PG_NAME_KINDS:
        statements += [
            f"DROP TRIGGER IF EXISTS {PG_NAME_WORDS}_{kind} ON {BY_KIND[kind].table}",
            f"DROP FUNCTION IF EXISTS {PG_NAME_WORDS}_{kind}()",
        ]
    for kind in PG_NAME_KINDS:
        table = BY_KIND[kind].table
        statements.append(f"CREATE INDEX search_{kind}_trgm ON {table} USING gin (({pg_name(kind)}) gin_trgm_ops)")
    return [*statements, f"DROP TABLE IF EXISTS {PG_NAME_WORDS}"]


PHONE_INDEXES = {
    "search_customer_phone": ("customers_customer", "phone"),
    "search_contact_phone": ("customers_contact", "phone"),
    "search_contact_mobile": ("customers_contact", "mobile"),
}


def common_create(vendor: str) -> list[str]:
    # On PostgreSQL the pattern operator class also serves LIKE '+49711%' (a number typed so far).
    ops = " varchar_pattern_ops" if vendor == "postgresql" else ""
    return [f"CREATE INDEX IF NOT EXISTS {name} ON {t} ({c}{ops})" for name, (t, c) in PHONE_INDEXES.items()]


def common_drop() -> list[str]:
    return [f"DROP INDEX IF EXISTS {name}" for name in PHONE_INDEXES]
