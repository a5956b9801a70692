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
from review.labels import NOT_AVAILABLE  # noqa: E402
from review.model import Review  # noqa: E402

__all__ = ["audience_per_category", "uscite_per_day"]

_ACCENT = "#1f4e79"
#: the days matplotlib can draw: the axis's margins must not fall outside them
_CALENDAR = (mdates.date2num(dt.date.min), mdates.date2num(dt.date.max))


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
    figure, axes = plt.subplots(figsize=(7.5, 2.6))
    axes.bar(mdates.date2num(ordered), [days[d] for d in ordered], color=_ACCENT, width=0.8)
    low, high = axes.get_xlim()
    axes.set_xlim(max(low, _CALENDAR[0]), min(high, _CALENDAR[1]))
    axes.set_title("Uscite per giorno", loc="left", fontsize=11, color=_ACCENT)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
    axes.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _: day_month(mdates.num2date(v).date()).replace(" ", "\n", 1)
    ))
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    return _png(figure)
