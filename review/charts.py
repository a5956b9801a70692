"""Charts of the review (matplotlib): audience per category, uscite per day."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import matplotlib

matplotlib.use("Agg")  # no screen: render to files only

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from review.italian import day_month, number  # noqa: E402
from review.model import Review  # noqa: E402

__all__ = ["audience_per_category", "uscite_per_day"]

_ACCENT = "#1f4e79"


def _png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def audience_per_category(review: Review) -> bytes | None:
    """A horizontal bar per category with uscite: audience, with uscite in the label."""
    blocks = [b for b in review.categories if b.count]
    if not blocks:
        return None
    figure, axes = plt.subplots(figsize=(7.5, 0.45 * len(blocks) + 1.0))
    names = [f"{b.name} ({b.count} {'uscita' if b.count == 1 else 'uscite'})"
             for b in blocks][::-1]
    values = [b.audience for b in blocks][::-1]
    bars = axes.barh(names, values, color=_ACCENT)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: number(int(v))))
    axes.bar_label(bars, labels=[number(v) if v else "n.d." for v in values], padding=3,
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
    first, last = min(days), max(days)
    span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    figure, axes = plt.subplots(figsize=(7.5, 2.6))
    axes.bar(mdates.date2num(span), [days.get(d, 0) for d in span], color=_ACCENT, width=0.8)
    axes.set_title("Uscite per giorno", loc="left", fontsize=11, color=_ACCENT)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
    axes.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _: day_month(mdates.num2date(v).date()).replace(" ", "\n", 1)
    ))
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    return _png(figure)
