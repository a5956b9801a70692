"""What an office can choose about a review, beyond its uscite."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["ReviewOptions"]


@dataclass(frozen=True)
class ReviewOptions:
    """Options of the documents (the period and categories filter the uscite before).

    Attributes:
        clippings: include the clippings (full texts) after the listing.
        one_per_cluster: clip each press release once; its other copies are listed
            with a reference ("testo ripreso da …") instead of their full text.
        logo: an image (PNG or JPEG bytes) for the cover.
        charts: draw the charts (audience per category, uscite per day).
        start, end: the period the review covers, said on the cover.
    """

    clippings: bool = True
    one_per_cluster: bool = False
    logo: bytes | None = None
    charts: bool = True
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def logo_type(self) -> str:
        return "image/png" if (self.logo or b"")[:4] == b"\x89PNG" else "image/jpeg"
