"""The review as one self-contained HTML page (Jinja2), styled for screen and A4 print."""

from __future__ import annotations

import base64

import jinja2

from extract.authors import short_author
from review import labels
from review.charts import audience_per_category, uscite_per_day
from review.italian import day_month, long_date, number
from review.model import Review
from review.options import ReviewOptions
from review.stops import city_stops

__all__ = ["HtmlRenderer"]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("review", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["number"] = number
    env.filters["day_month"] = day_month
    env.filters["long_date"] = long_date
    env.filters["short_author"] = short_author
    env.globals["labels"] = labels
    return env


def _data_uri(content: bytes, kind: str) -> str:
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


class HtmlRenderer:
    """A single self-contained HTML file, styled for screen and for A4 print.

    The same page is what WeasyPrint prints as the PDF: its ``@page`` rules give the
    page numbers, the running header and the table of contents' page numbers.
    """

    suffix = ".html"

    def __init__(self, options: ReviewOptions | None = None) -> None:
        self.env = _environment()
        self.options = options or ReviewOptions()

    def render(self, review: Review) -> bytes:
        """The page, charts and logo inlined as data URIs."""
        template = self.env.get_template("rassegna.html.j2")
        options = self.options
        charts = {}
        if options.charts:
            for name, draw in (("categories", audience_per_category), ("days", uscite_per_day)):
                png = draw(review)
                if png:
                    charts[name] = _data_uri(png, "image/png")
        logo = _data_uri(options.logo, options.logo_type) if options.logo else ""
        return template.render(
            review=review,
            by_id={u.id: u for u in review.uscite},
            options=options,
            charts=charts,
            logo=logo,
            stops=city_stops(review),
            sources={c.id: c.source for c in review.clusters},
        ).encode("utf-8")
