"""What every stage may import: the errors, and the parsers every caller shares.

This package sits below the stages (``crawler``, ``extract``, ``dedupe``, ``audience``,
``review``) and the orchestrator (``rassegna``). It imports none of them, so any of them
may import it.
"""
