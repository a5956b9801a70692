"""sqlite-utils, imported without pandas and numpy.

sqlite-utils imports pandas and numpy whenever they are installed (random-italian-person,
the source of our first names, brings pandas along), only to map their types to column
types; the store writes none of them. Importing the two cost every command that opens
the store half a second of CPU, and the crawl process a tenth of its CPU on a campaign
of 2,000 pages. A process that imports pandas itself, before or after, gets it as usual.
"""

from __future__ import annotations

import sys

__all__ = ["sqlite_utils"]

_SKIPPED = ("pandas", "numpy")
_absent = [name for name in _SKIPPED if name not in sys.modules]
for _name in _absent:
    sys.modules[_name] = None  # type: ignore[assignment]  # "import pandas" now fails
try:
    import sqlite_utils  # noqa: E402
finally:
    for _name in _absent:
        if _name in sys.modules and sys.modules[_name] is None:
            del sys.modules[_name]
