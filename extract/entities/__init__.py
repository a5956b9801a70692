"""Entities of an uscita: the comuni it names and the one it is about, the officials
it quotes, the figures it reports. A spaCy pipeline (``spacy.blank("it")`` plus our
components ``rassegna_cities``, ``rassegna_officials``, ``rassegna_figures``), offline.

The records are importable without loading spaCy; the pipeline loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extract.entities.records import City, Entities, Figure, Official

if TYPE_CHECKING:
    from extract.entities.officials import merge_officials
    from extract.entities.pipeline import analyse, load_pipeline

__all__ = ["City", "Entities", "Figure", "Official", "analyse", "load_pipeline",
           "merge_officials"]


def __getattr__(name: str) -> Any:
    # spaCy takes a second to import: only the steps that analyse texts pay for it
    if name in {"analyse", "load_pipeline"}:
        from extract.entities import pipeline

        return getattr(pipeline, name)
    if name == "merge_officials":
        from extract.entities import officials

        return officials.merge_officials
    raise AttributeError(name)
