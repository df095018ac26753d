"""Files only Davor's own user may read: the data directory and what Davor writes into it.

The database, its WAL and shared-memory files, backups and uploaded
import files all hold customers' personal data (and a backup the secret
key); on a shared machine none of them may be readable by other users.
SQLite creates a database's -wal and -shm files with the database file's
mode, so a database created 0600 keeps them 0600 too.
"""

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """``path`` as a directory (created if missing) that only this user may enter."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    path.chmod(DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """``path`` created empty if missing, and readable and writable by this user only."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    path.chmod(FILE_MODE)
    return path


def private_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``, which nobody else may read at any moment (mode set before the first byte)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)
        with os.fdopen(descriptor, "wb", closefd=False) as handle:
            handle.write(data)
    finally:
        os.close(descriptor)
    return path


def sqlite_private(database: Path) -> None:
    """The SQLite database (created if missing) and its -wal, -shm and -journal files, 0600."""
    private_file(database)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.chmod(FILE_MODE)
