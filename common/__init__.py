"""What every stage may import: errors, shared parsers and what rassegna knows of outlets.

- :mod:`common.errors`: the errors a user can cause, one line naming the file, line or URL.
- :mod:`common.dates`: the one Italian date parser (extraction, imports, CLI, campaign).
- :mod:`common.tables`: the one CSV/XLSX reader (the outlet registry and the imports).
- :mod:`common.outlets`: agencies, broadcasters, portals and social networks, read from
  ``common/data/outlets.toml`` (extraction and audience both read it).
- :mod:`common.text`: the one text fold (lower case, accents dropped).

This package sits below the stages (``crawler``, ``extract``, ``dedupe``, ``audience``,
``review``) and the orchestrator (``rassegna``). It imports none of them, so any of them
may import it.
"""
