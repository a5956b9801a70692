"""Charts of the review (matplotlib): audience per category, uscite per day.

matplotlib is imported by the first chart drawn: every command imports the review
package, and only a review with charts needs matplotlib (half a second of CPU).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections import Counter
from types import ModuleType
from typing import TYPE_CHECKING

from review.italian import day_month, number
from review.labels import NOT_AVAILABLE
from review.model import Review

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["audience_per_category", "uscite_per_day"]

_ACCENT = "#1f4e79"


@functools.cache
def _pyplot() -> ModuleType:
    import matplotlib

    matplotlib.use("Agg")  # no screen: render to files only
    import matplotlib.pyplot as plt

    return plt


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    _pyplot().close(figure)
    return buffer.getvalue()


def audience_per_category(review: Review) -> bytes | None:
    """A horizontal bar per category with uscite: audience, with uscite in the label."""
    blocks = [b for b in review.categories if b.count]
    if not blocks:
        return None
    from matplotlib.ticker import FuncFormatter

    figure, axes = _pyplot().subplots(figsize=(7.5, 0.45 * len(blocks) + 1.0))
    names = [f"{b.name} ({b.count} {'uscita' if b.count == 1 else 'uscite'})"
             for b in blocks][::-1]
    values = [b.audience for b in blocks][::-1]
    bars = axes.barh(names, values, color=_ACCENT)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: number(int(v))))
    axes.bar_label(bars, labels=[number(v) if v else NOT_AVAILABLE for v in values], padding=3,
                   fontsize=8)
    axes.set_title("Audience per categoria", loc="left", fontsize=11, color=_ACCENT)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    axes.margins(x=0.18)
    return _png(figure)


def uscite_per_day(review: Review) -> bytes | None:
    """Uscite per publication day over the campaign."""
    days = Counter(u.published for u in review.uscite if u.published)
    if not days:
        return None
    # a bar per day with uscite: the date axis leaves the days without any empty, so a
    # date decades away (a page's wrong metadata) costs two bars, not thousands
    ordered = sorted(days)
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure, axes = _pyplot().subplots(figsize=(7.5, 2.6))
    axes.bar(mdates.date2num(ordered), [days[d] for d in ordered], color=_ACCENT, width=0.8)
    low, high = axes.get_xlim()
    # the days matplotlib can draw: the axis's margins must not fall outside them
    axes.set_xlim(max(low, mdates.date2num(dt.date.min)), min(high, mdates.date2num(dt.date.max)))
    axes.set_title("Uscite per giorno", loc="left", fontsize=11, color=_ACCENT)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
    axes.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _: day_month(mdates.num2date(v).date()).replace(" ", "\n", 1)
    ))
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    return _png(figure)
