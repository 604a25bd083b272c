"""Charts as small SVG drawings, written on the server.

Pure: no Django import. Hand-written rather than drawn by matplotlib: the two kinds we need
(bars per year, a step curve) are a few dozen lines each, the SVG stays small and readable,
its text uses the page's font and can run right to left (matplotlib knows neither, and would
add a large dependency to the web process). Every chart has a table beside it on the page
with the same numbers, for screen readers and for those who would rather read; the SVG is
`aria-hidden` so the numbers are not read twice. Colours are attributes, not styles, so the
page's content security policy needs no exception. All text is escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 640
HEIGHT = 260
MARGIN_START = 48
MARGIN_END = 16
MARGIN_TOP = 16
MARGIN_BOTTOM = 40
BAR = "#1f4e79"
SECOND = "#7a9cc6"
AXIS = "#555555"
PALETTE = ("#1f4e79", "#b5451b", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c", "#ad1457", "#37474f")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: hidden to protect persons


@dataclass(frozen=True)
class Curve:
    label: str
    points: list[tuple[float, float]]  # (x, y) with y from 0 to 1, a step function


def _x(position: float, *, rtl: bool) -> float:
    inner = WIDTH - MARGIN_START - MARGIN_END
    offset = position * inner
    return (WIDTH - MARGIN_START - offset) if rtl else (MARGIN_START + offset)


def _y(share: float) -> float:
    inner = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    return MARGIN_TOP + inner * (1 - share)


def _open(title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="ww-chart" aria-hidden="true" focusable="false">',
        f"<title>{escape(title)}</title>",
    ]


def _nice_top(value: int) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value  # pragma: no cover


def bar_chart(bars: list[Bar], *, title: str, hidden_mark: str = "*", rtl: bool = False) -> str:
    """Vertical bars, one per label (e.g. a year), the first label at the start side."""
    parts = _open(title)
    top = _nice_top(max((bar.value or 0 for bar in bars), default=0))
    anchor = "end" if not rtl else "start"
    for share in (0, 0.5, 1):
        y = _y(share)
        x_axis = _x(0, rtl=rtl)
        parts.append(
            f'<line x1="{_x(0, rtl=rtl):.1f}" x2="{_x(1, rtl=rtl):.1f}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke="#dddddd" stroke-width="1"/>'
        )
        label_x = x_axis - 6 if not rtl else x_axis + 6
        parts.append(
            f'<text x="{label_x:.1f}" y="{y + 4:.1f}" font-size="11" fill="{AXIS}" '
            f'text-anchor="{anchor}">{round(top * share)}</text>'
        )
    count = max(len(bars), 1)
    slot = 1 / count
    for index, bar in enumerate(bars):
        centre = _x((index + 0.5) * slot, rtl=rtl)
        width = (WIDTH - MARGIN_START - MARGIN_END) * slot * 0.7
        label_y = HEIGHT - MARGIN_BOTTOM + 16
        parts.append(
            f'<text x="{centre:.1f}" y="{label_y:.1f}" font-size="11" fill="{AXIS}" '
            f'text-anchor="middle">{escape(bar.label)}</text>'
        )
        if bar.value is None:
            parts.append(
                f'<text x="{centre:.1f}" y="{_y(0) - 4:.1f}" font-size="12" fill="{AXIS}" '
                f'text-anchor="middle">{escape(hidden_mark)}</text>'
            )
            continue
        y = _y(bar.value / top if top else 0)
        parts.append(
            f'<rect x="{centre - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{_y(0) - y:.1f}" fill="{BAR}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def step_chart(
    curves: list[Curve], *, title: str, x_max: float, x_ticks: list[tuple[float, str]], rtl: bool
) -> str:
    """Step curves (e.g. the share of persons in work by months since intake), y from 0 to
    100 %, x from 0 to `x_max`; a legend below."""
    parts = _open(title)
    anchor = "end" if not rtl else "start"
    for share in (0, 0.25, 0.5, 0.75, 1):
        y = _y(share)
        parts.append(
            f'<line x1="{_x(0, rtl=rtl):.1f}" x2="{_x(1, rtl=rtl):.1f}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke="#dddddd" stroke-width="1"/>'
        )
        label_x = _x(0, rtl=rtl) + (-6 if not rtl else 6)
        parts.append(
            f'<text x="{label_x:.1f}" y="{y + 4:.1f}" font-size="11" fill="{AXIS}" '
            f'text-anchor="{anchor}">{round(share * 100)} %</text>'
        )
    for position, label in x_ticks:
        x = _x(min(position / x_max, 1), rtl=rtl)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 16:.1f}" font-size="11" '
            f'fill="{AXIS}" text-anchor="middle">{escape(label)}</text>'
        )
    for index, curve in enumerate(curves):
        colour = PALETTE[index % len(PALETTE)]
        path = []
        previous_y = 0.0
        for x, y in [(0.0, 0.0), *curve.points]:
            if x > x_max:
                break
            px = _x(x / x_max, rtl=rtl)
            path.append(f"L{px:.1f},{_y(previous_y):.1f}")
            path.append(f"L{px:.1f},{_y(y):.1f}")
            previous_y = y
        path.append(f"L{_x(1, rtl=rtl):.1f},{_y(previous_y):.1f}")
        d = "M" + " ".join(path)[1:]
        parts.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"/>')
        legend_y = HEIGHT - 8
        legend_x = _x(index / max(len(curves), 1), rtl=rtl)
        parts.append(
            f'<rect x="{legend_x - (12 if rtl else 0):.1f}" y="{legend_y - 9:.1f}" width="12" '
            f'height="4" fill="{colour}"/>'
        )
        text_x = legend_x + (16 if not rtl else -16)
        parts.append(
            f'<text x="{text_x:.1f}" y="{legend_y:.1f}" font-size="11" fill="{AXIS}" '
            f'text-anchor="{"start" if not rtl else "end"}">{escape(curve.label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
