"""Backup and restore of the whole database and the secret key, while Davor runs.

SQLite: the online backup API copies a consistent snapshot page by page
while others go on reading and writing (a plain file copy of a WAL database
can tear). PostgreSQL: ``pg_dump`` in its custom format (a consistent
snapshot too), brought back with ``pg_restore --clean`` in one transaction.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

from davor.lib.files import FILE_MODE, private_file, private_write
from davor.users.audit import audit_record
from davor.users.models import AuditEvent

DUMP_NAMES = {"sqlite": "davor.sqlite3", "postgresql": "davor.pgdump"}
KEY_NAME = "secret_key"
MANIFEST_NAME = "manifest.json"


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
    """Write a consistent copy of the database and the secret key to ``path`` (0600, written beside it, renamed).

    The backup is a tar archive: the database (``davor.sqlite3`` or a pg_dump
    ``davor.pgdump``), ``secret_key`` (without it a restore on a new machine
    could not read the stored CalDAV passwords and would sign everyone out)
    and ``manifest.json``. It is therefore as secret as the key itself.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    vendor = _vendor(alias)
    with tempfile.TemporaryDirectory(prefix=".davor-backup-", dir=path.parent) as work:  # 0700
        dump = Path(work) / DUMP_NAMES.get(vendor, "davor.dump")
        _dump(alias, dump)
        private_file(partial)
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=dump.name)
            _add_bytes(archive, KEY_NAME, settings.SECRET_KEY.encode())
            _add_bytes(archive, MANIFEST_NAME, json.dumps({"format": 1, "vendor": vendor}).encode())
    partial.replace(path)
    audit_record(action=AuditEvent.Action.BACKUP, details={"vendor": vendor})
    return path


def _dump(alias: str, dump: Path) -> None:
    if _vendor(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        private_file(dump)
        target = sqlite3.connect(dump)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif _vendor(alias) == "postgresql":
        env, name = _pg_env(alias)
        private_file(dump)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={dump}", name], env)
    else:
        raise BackupError(f"backups of {_vendor(alias)} databases are not supported")


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), FILE_MODE
    archive.addfile(info, io.BytesIO(data))


def database_restore(*, path: Path, alias: str = "default", without_key: bool = False) -> None:
    """Replace the database's contents and the secret key with the backup at ``path``.

    A backup from before keys were included is refused unless ``without_key``:
    restoring it on a new machine makes stored CalDAV passwords unreadable and
    signs everyone out.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    if not tarfile.is_tarfile(path):
        if not without_key:
            raise BackupError(
                f"{path} holds no secret key (an older backup, or no backup at all). Restoring it anyway makes "
                "stored calendar passwords unreadable and signs everyone out: add --without-key to do so."
            )
        _load(alias, path)
    else:
        with tempfile.TemporaryDirectory(prefix=".davor-restore-") as work:
            dump, key = _unpack(path, Path(work))
            _key_check(key)
            _load(alias, dump)
            _key_keep(key)
    audit_record(action=AuditEvent.Action.RESTORE, details={"vendor": _vendor(alias)})


def _unpack(path: Path, work: Path) -> tuple[Path, str]:
    """The database dump and the key from the archive; only the members Davor wrote are read."""
    with tarfile.open(path) as archive:
        names = set(archive.getnames())
        dump_name = next((name for name in DUMP_NAMES.values() if name in names), None)
        if dump_name is None or KEY_NAME not in names:
            raise BackupError(f"{path} is not a Davor backup (no database or no key in it)")
        key_file = archive.extractfile(KEY_NAME)
        source = archive.extractfile(dump_name)
        if key_file is None or source is None:
            raise BackupError(f"{path} is not a Davor backup")
        dump = private_write(work / dump_name, source.read())
        return dump, key_file.read().decode().strip()


def _key_check(key: str) -> None:
    if not key:
        raise BackupError("the backup's secret key is empty")
    if os.environ.get("SECRET_KEY") and os.environ["SECRET_KEY"] != key:
        raise BackupError(
            "SECRET_KEY in the environment is not the key this backup was made with: "
            "set SECRET_KEY to the backup's key (the archive's secret_key file), or unset it."
        )


def _key_keep(key: str) -> None:
    """The backup's key becomes this data directory's key (when it does not come from the environment)."""
    if os.environ.get("SECRET_KEY"):
        return
    target = Path(settings.DATA_DIR) / "secret_key"
    if not target.exists() or target.read_text().strip() != key:
        private_write(target, key.encode())


def _load(alias: str, path: Path) -> None:
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
