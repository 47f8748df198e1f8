"""The role center KPIs as charts (matplotlib, Agg backend, PNG or SVG) with their alt text.

Readable without colour: every series has its own hatching or marker, bars carry their
values as direct labels, and each chart has an alt text that says what it shows (the page
and the Prefect artifact put the figures' table beside it). Colours are the Okabe-Ito
palette, distinguishable with the common colour-vision deficiencies.

Amounts are Decimal everywhere else; only the drawing takes floats (bar heights), and every
label is formatted from the Decimal itself.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from decimal import Decimal

from babel.dates import format_date
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from domain.messaging import formats
from domain.operations.kpi_rules import BUCKETS, Kpis
from domain.operations.kpi_texts import text

CHARTS = ("purchases_sales", "gross_profit", "inventory", "aging", "waiting")
#: Okabe-Ito: blue, orange, bluish green, vermillion, reddish purple
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7")
#: matplotlib's figures share font caches: draw one at a time
_LOCK = threading.Lock()


def month_label(key: str, language: str, pattern: str = "MMM yyyy") -> str:
    """``2026-11`` as the reader says it (nov. 2026); ``MMM yy`` on the charts' crowded axes."""
    year, month = (int(part) for part in key.split("-"))
    return format_date(dt.date(year, month, 1), pattern, locale=formats.locale_of(language))


def _whole(value: Decimal, language: str) -> str:
    return formats.number(value.quantize(Decimal(1)), language)


def _axis(ax, language: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _: _whole(Decimal(str(round(x))), language)))
    ax.grid(axis="y", linestyle=":", linewidth=0.6, color="#999999")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _bars(ax, positions, values, width, colour, hatch, label, language):
    bars = ax.bar(positions, [float(v) for v in values], width, color=colour, hatch=hatch, edgecolor="#222222",
                  linewidth=0.6, label=label)
    ax.bar_label(bars, labels=[_whole(v, language) if v else "" for v in values], fontsize=6.5, padding=2,
                 rotation=90)
    return bars


def _purchases_sales(fig, kpis: Kpis, language: str) -> None:
    ax = fig.add_subplot()
    x = range(len(kpis.months))
    _bars(ax, [i - 0.2 for i in x], [m.purchases for m in kpis.months], 0.4, COLOURS[0], "///",
          text(language, "purchases"), language)
    _bars(ax, [i + 0.2 for i in x], [m.sales for m in kpis.months], 0.4, COLOURS[1], "...",
          text(language, "sales"), language)
    _months_axis(ax, kpis, language)
    ax.legend(loc="upper left", fontsize=8, frameon=False)


def _gross_profit(fig, kpis: Kpis, language: str) -> None:
    ax = fig.add_subplot()
    values = [m.gross_profit for m in kpis.months]
    bars = _bars(ax, range(len(values)), values, 0.6, COLOURS[2], "\\\\\\", text(language, "gross_profit"), language)
    for bar, value in zip(bars, values):
        if value < 0:  # a loss: another colour and hatching, never colour alone
            bar.set_color(COLOURS[3])
            bar.set_hatch("xxx")
            bar.set_edgecolor("#222222")
    ax.axhline(0, color="#222222", linewidth=0.8)
    _months_axis(ax, kpis, language)


def _inventory(fig, kpis: Kpis, language: str) -> None:
    ax = fig.add_subplot()
    x = list(range(len(kpis.months)))
    actual = [m.inventory_value for m in kpis.months]
    ax.plot(x, [float(v) for v in actual], marker="o", color=COLOURS[0], linewidth=1.8,
            label=text(language, "inventory_value"))
    ax.annotate(_whole(actual[-1], language), (x[-1], float(actual[-1])), textcoords="offset points",
                xytext=(0, 8), ha="center", fontsize=8)
    expected = [m.inventory_expected for m in kpis.months]
    if any(expected):
        ax.plot(x, [float(v) for v in expected], marker="s", linestyle="--", color=COLOURS[1], linewidth=1.4,
                label=text(language, "inventory_expected"))
    _months_axis(ax, kpis, language)
    ax.legend(loc="upper left", fontsize=8, frameon=False)


def _aging(fig, kpis: Kpis, language: str) -> None:
    ax = fig.add_subplot()
    y = range(len(BUCKETS))
    for offset, (side, colour, hatch) in zip((-0.2, 0.2), (("payables", COLOURS[0], "///"),
                                                            ("receivables", COLOURS[1], "..."))):
        values = [getattr(kpis, side).buckets[name] for name in BUCKETS]
        bars = ax.barh([i + offset for i in y], [float(v) for v in values], 0.4, color=colour, hatch=hatch,
                       edgecolor="#222222", linewidth=0.6, label=text(language, side))
        ax.bar_label(bars, labels=[_whole(v, language) for v in values], fontsize=7, padding=3)
    ax.set_yticks(list(y), [text(language, name) for name in BUCKETS], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _whole(Decimal(str(round(v))), language)))
    ax.tick_params(axis="x", labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)


def _waiting(fig, kpis: Kpis, language: str) -> None:
    ax = fig.add_subplot()
    names = [f"intake_{status}" for status in kpis.intake] + ["approval_open"]
    counts = [*kpis.intake.values(), kpis.approval_waiting]
    hatches = ["///"] * len(kpis.intake) + ["xxx"]
    colours = [COLOURS[0]] * len(kpis.intake) + [COLOURS[4]]
    bars = ax.barh(range(len(names)), counts, 0.6, color=colours, hatch=hatches, edgecolor="#222222", linewidth=0.6)
    ax.bar_label(bars, labels=[str(c) for c in counts], fontsize=8, padding=3)
    ax.set_yticks(range(len(names)), [text(language, n) for n in names], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _months_axis(ax, kpis: Kpis, language: str) -> None:
    ax.set_xticks(range(len(kpis.months)), [month_label(m.month, language, "MMM yy") for m in kpis.months],
                  fontsize=7, rotation=45, ha="right")
    ax.tick_params(axis="y", labelsize=7)
    _axis(ax, language)
    ax.margins(y=0.18)


_DRAW = {"purchases_sales": _purchases_sales, "gross_profit": _gross_profit, "inventory": _inventory,
         "aging": _aging, "waiting": _waiting}


def render(kpis: Kpis, name: str, language: str = "en", fmt: str = "png") -> bytes:
    """Chart ``name`` (one of :data:`CHARTS`) as PNG or SVG bytes."""
    with _LOCK:
        fig = Figure(figsize=(7.2, 3.4), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        _DRAW[name](fig, kpis, language)
        fig.suptitle(f"{title(name, language)} ({kpis.currency})" if name != "waiting" else title(name, language),
                     fontsize=10, fontweight="bold")
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata={"Software": None} if fmt == "png" else {"Date": None})
        return buffer.getvalue()


def title(name: str, language: str) -> str:
    return text(language, f"chart_{name}")


def alt_text(kpis: Kpis, name: str, language: str = "en") -> str:
    """What chart ``name`` shows, in words (the image's alt text)."""
    amount = lambda v: f"{formats.amount(v, language)} {kpis.currency}"  # noqa: E731
    months = kpis.months
    span = f"{month_label(months[0].month, language)} - {month_label(months[-1].month, language)}"
    if name in ("purchases_sales", "gross_profit"):
        parts = []
        for series in (("purchases", "sales") if name == "purchases_sales" else ("gross_profit",)):
            best = max(months, key=lambda m: getattr(m, series))
            parts.append(text(language, "alt_highest", series=text(language, series).lower(),
                              amount=amount(getattr(best, series)), month=month_label(best.month, language)))
        return f"{title(name, language)}, {span}: " + "; ".join(parts)
    if name == "inventory":
        return f"{title(name, language)}, {span}: " + text(
            language, "alt_latest", amount=amount(months[-1].inventory_value),
            date=formats.date(kpis.as_of, language))
    if name == "aging":
        parts = [text(language, "alt_aging", series=text(language, side), total=amount(getattr(kpis, side).total),
                      overdue=amount(getattr(kpis, side).total - getattr(kpis, side).buckets["not_due"]))
                 for side in ("payables", "receivables")]
        return f"{title(name, language)}, {formats.date(kpis.as_of, language)}: " + "; ".join(parts)
    return f"{title(name, language)}: " + text(language, "alt_waiting", intake=kpis.intake_waiting,
                                                approval=kpis.approval_waiting)
