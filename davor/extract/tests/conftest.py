from datetime import datetime

import pytest

from davor.extract import extract


@pytest.fixture
def run():
    """extract() as a dict, with the call's date and time given as ISO text."""

    def _run(text: str, now: str = "2026-05-11T09:15", lang: str | None = None) -> dict:
        return extract(text, now=datetime.fromisoformat(now), lang=lang).to_dict()

    return _run
