"""Uploaded files between the preview and the confirmation, kept per user in the data directory.

The file is read again at confirmation, so that the import sees the records
as they are then, not as they were at the upload. A file belongs to the user
who uploaded it: anyone else gets a 404.
"""

import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404

from davor.lib.files import private_dir, private_write
from davor.users.models import User

KEEP_SECONDS = 24 * 3600


@dataclass
class Upload:
    token: str
    filename: str
    mapping: list[str] | None
    path: Path

    def data(self) -> bytes:
        return self.path.read_bytes()


def _dir() -> Path:
    return private_dir(Path(settings.DAVOR_IMPORT_DIR))


def _paths(user: User, token: str) -> tuple[Path, Path]:
    base = _dir() / f"{user.pk}-{token}"
    return base.with_suffix(".data"), base.with_suffix(".json")


def upload_save(*, user: User, filename: str, data: bytes) -> str:
    for old in _dir().glob("*.data"):  # forget abandoned uploads
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)
    token = secrets.token_urlsafe(16)
    data_path, meta_path = _paths(user, token)
    private_write(data_path, data)
    private_write(meta_path, json.dumps({"filename": filename[:200], "mapping": None}).encode())
    return token


def upload_get(*, user: User, token: str) -> Upload:
    data_path, meta_path = _paths(user, token)
    if not data_path.is_file() or not meta_path.is_file():
        raise Http404
    meta = json.loads(meta_path.read_text())
    return Upload(token=token, filename=meta["filename"], mapping=meta["mapping"], path=data_path)


def upload_set_mapping(*, upload: Upload, mapping: list[str]) -> None:
    meta = {"filename": upload.filename, "mapping": mapping}
    private_write(upload.path.with_suffix(".json"), json.dumps(meta).encode())
    upload.mapping = mapping


def upload_delete(*, upload: Upload) -> None:
    upload.path.unlink(missing_ok=True)
    upload.path.with_suffix(".json").unlink(missing_ok=True)
