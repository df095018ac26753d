"""Backup and restore of the whole database, while Davor runs.

SQLite: the online backup API copies a consistent snapshot page by page
while others go on reading and writing (a plain file copy of a WAL database
can tear). PostgreSQL: ``pg_dump`` in its custom format (a consistent
snapshot too), brought back with ``pg_restore --clean`` in one transaction.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from davor.users.audit import audit_record
from davor.users.models import AuditEvent


class BackupError(RuntimeError):
    pass


def _vendor(alias: str) -> str:
    return connections[alias].vendor


def _pg_env(alias: str) -> tuple[dict[str, str], str]:
    settings = connections[alias].settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[name] = str(settings[key])
    return env, settings["NAME"]


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(done.stderr.strip() or f"{command[0]} failed")


def database_is_empty(*, alias: str = "default") -> bool:
    """No users and no customers (a fresh database, or none at all)."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    for table in ("users_user", "customers_customer"):
        if table in tables:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return False
    return True


def database_backup(*, path: Path, alias: str = "default") -> Path:
    """Write a consistent copy of the database to ``path`` (written beside it first, then renamed)."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    if _vendor(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif _vendor(alias) == "postgresql":
        env, name = _pg_env(alias)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={partial}", name], env)
    else:
        raise BackupError(f"backups of {_vendor(alias)} databases are not supported")
    partial.replace(path)
    audit_record(action=AuditEvent.Action.BACKUP, details={"vendor": _vendor(alias)})
    return path


def database_restore(*, path: Path, alias: str = "default") -> None:
    """Replace the database's contents with the backup at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    if _vendor(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (integrity check failed)")
            source.backup(connection.connection)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path} is not a Davor SQLite backup: {exc}") from exc
        finally:
            source.close()
    elif _vendor(alias) == "postgresql":
        env, name = _pg_env(alias)
        connections[alias].close()  # our own open transaction must not hold locks pg_restore waits for
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction"]
        _run([*command, f"--dbname={name}", str(path)], env)
    else:
        raise BackupError(f"restoring {_vendor(alias)} databases is not supported")
    audit_record(action=AuditEvent.Action.RESTORE, details={"vendor": _vendor(alias)})
