"""Writing a review: the one list of its formats, and the files written from it.

:data:`RENDERERS` names every format and the renderer that writes it; the formats
the CLI offers (:data:`FORMATS`) and its help are read from it, so a new format is one
module in :mod:`review.formats` and one line here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from review.formats.docx import DocxRenderer
from review.formats.html import HtmlRenderer
from review.formats.json import JsonRenderer
from review.formats.pdf import PdfRenderer
from review.formats.xlsx import XlsxRenderer
from review.model import Review
from review.options import ReviewOptions

__all__ = ["FORMATS", "RENDERERS", "Renderer", "renderers", "write_review"]


class Renderer(Protocol):
    """Turns a :class:`Review` into the bytes of one file format."""

    suffix: str

    def render(self, review: Review) -> bytes: ...


#: every format a review is written in, in the order they are written, with the
#: renderer that writes it (made from the review's options)
RENDERERS: dict[str, Callable[[ReviewOptions], Renderer]] = {
    "html": HtmlRenderer,
    "json": JsonRenderer,
    "pdf": PdfRenderer,
    "docx": DocxRenderer,
    "xlsx": XlsxRenderer,
}
#: the names of the formats, in the order they are written
FORMATS = tuple(RENDERERS)


def renderers(options: ReviewOptions | None = None) -> dict[str, Renderer]:
    """One renderer per format, sharing the options."""
    options = options or ReviewOptions()
    return {name: make(options) for name, make in RENDERERS.items()}


def write_review(
    review: Review,
    out_dir: Path,
    formats: Iterable[str] = ("html", "json"),
    stem: str = "rassegna",
    options: ReviewOptions | None = None,
) -> list[Path]:
    """Write the review in each format; returns the paths written.

    Each file is written beside its final name and then renamed, so a reader never
    sees half a review.

    Raises:
        ValueError: when a format is not one of :data:`FORMATS`.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    options = options or ReviewOptions()
    written = []
    for name in formats:
        if name not in RENDERERS:
            raise ValueError(f"unknown format {name!r} (one of: {', '.join(FORMATS)})")
        renderer = RENDERERS[name](options)
        path = out_dir / f"{stem}{renderer.suffix}"
        partial = path.with_suffix(path.suffix + ".part")
        partial.write_bytes(renderer.render(review))
        partial.replace(path)
        written.append(path)
    return written
