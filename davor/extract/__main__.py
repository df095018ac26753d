"""``python -m davor.extract``: the extraction command (see cli.py)."""

import sys

from .cli import main

sys.exit(main())
