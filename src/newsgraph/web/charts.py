"""Charts drawn on the server as inline SVG: bars over time, stacked bars by type, a network.

Plain pictures with axes, tick labels, titles and a legend, readable without
JavaScript; every label is escaped. Colours are SVG presentation attributes
(not style attributes), which the Content-Security-Policy allows.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from markupsafe import Markup, escape

__all__ = ["PALETTE", "bar_chart", "network_chart", "nice_step", "stacked_bar_chart"]

PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd",
)
WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 28, 58


def nice_step(largest: float, ticks: int = 5) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most `ticks` intervals up to `largest`."""
    if largest <= ticks:
        return 1
    raw = largest / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def _text(x: float, y: float, content: str, **attributes: str) -> str:
    shown = "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attributes.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{shown}>{escape(content)}</text>'


def _frame(css_class: str, label: str, width: int, height: int) -> str:
    return (f'<svg class="chart {escape(css_class)}" role="img" aria-label="{escape(label)}" '
            f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>')


def _axes(largest: int, labels: Sequence[str], y_title: str, x_title: str) -> tuple[list[str], float, float]:
    """Axis lines, y ticks with grid lines and titles; returns the parts, the y scale and the bar slot width."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = nice_step(largest)
    top_value = max(step, math.ceil(largest / step) * step)
    scale = plot_h / top_value
    parts = [f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#444"/>',
             f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#444"/>']
    for value in range(0, top_value + 1, step):
        y = TOP + plot_h - value * scale
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(LEFT - 6, y + 4, str(value), text_anchor="end", class_="tick", font_size="11"))
    slot = plot_w / max(1, len(labels))
    every = max(1, math.ceil(len(labels) / 12))
    for index, label in enumerate(labels):
        if index % every == 0 or index == len(labels) - 1 and len(labels) <= 12:
            x = LEFT + slot * (index + 0.5)
            parts.append(_text(x, TOP + plot_h + 16, label, text_anchor="middle", class_="tick", font_size="11"))
    parts.append(_text(LEFT + plot_w / 2, HEIGHT - 8, x_title, text_anchor="middle", class_="axis-label", font_size="12"))
    parts.append(_text(14, TOP + plot_h / 2, y_title, text_anchor="middle", class_="axis-label", font_size="12",
                       transform=f"rotate(-90 14 {TOP + plot_h / 2:.1f})"))
    return parts, scale, slot


def bar_chart(series: Sequence[tuple[str, int]], *, css_class: str, label: str, y_title: str, x_title: str) -> Markup:
    """One bar per (period, count), in the order given."""
    if not series:
        return Markup(f'{_frame(css_class, label, WIDTH, 60)}'
                      f'{_text(WIDTH / 2, 34, "nothing to chart", text_anchor="middle")}</svg>')
    labels = [period for period, _ in series]
    parts, scale, slot = _axes(max(count for _, count in series), labels, y_title, x_title)
    base = HEIGHT - BOTTOM
    for index, (period, count) in enumerate(series):
        height = count * scale
        x = LEFT + slot * index + slot * 0.15
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{base - height:.1f}" width="{slot * 0.7:.1f}" '
                     f'height="{height:.1f}" fill="{PALETTE[0]}"><title>{escape(period)}: {count}</title></rect>')
    return Markup(_frame(css_class, label, WIDTH, HEIGHT) + "".join(parts) + "</svg>")


def stacked_bar_chart(periods: Sequence[str], counts: dict[str, Counter[str]], kinds: Sequence[str], *,
                      css_class: str, label: str, y_title: str, x_title: str) -> Markup:
    """Bars per period stacked by kind (in `kinds` order), with a legend of the kinds present."""
    present = [kind for kind in kinds if any(counts.get(p, Counter())[kind] for p in periods)]
    if not periods or not present:
        return bar_chart([], css_class=css_class, label=label, y_title=y_title, x_title=x_title)
    largest = max(sum(counts.get(p, Counter()).values()) for p in periods)
    parts, scale, slot = _axes(largest, periods, y_title, x_title)
    colour = {kind: PALETTE[kinds.index(kind) % len(PALETTE)] for kind in present}
    base = HEIGHT - BOTTOM
    for index, period in enumerate(periods):
        y = base
        for kind in present:
            count = counts.get(period, Counter())[kind]
            if not count:
                continue
            height = count * scale
            y -= height
            parts.append(f'<rect class="bar" x="{LEFT + slot * index + slot * 0.15:.1f}" y="{y:.1f}" '
                         f'width="{slot * 0.7:.1f}" height="{height:.1f}" fill="{colour[kind]}">'
                         f'<title>{escape(period)} {escape(kind)}: {count}</title></rect>')
    legend_y = HEIGHT + 8
    rows = math.ceil(len(present) / 6)
    for index, kind in enumerate(present):
        x = LEFT + (index % 6) * 110
        y = legend_y + (index // 6) * 18
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour[kind]}"/>')
        parts.append(_text(x + 16, y + 10, kind, class_="legend", font_size="11"))
    height = HEIGHT + 14 + rows * 18
    return Markup(_frame(css_class, label, WIDTH, height) + "".join(parts) + "</svg>")


def network_chart(speakers: Sequence[tuple[str, str, int]], entities: Sequence[tuple[str, str | None, int]],
                  edges: Sequence[tuple[str, str, int, int]], *, label: str, speaker_href, entity_href) -> Markup:
    """Speakers on the left half of a circle, the entities they speak about on the right; a line per
    speaker-entity pair, thicker for more statements, solid where the statements name the entity
    and dashed where only their stories do. Deterministic: nodes keep their listed order."""
    width, height = 760, 540
    cx, cy, rx, ry = width / 2, height / 2 + 10, 215, 225  # an ellipse: the labels need the width
    if not edges:
        return Markup(f'{_frame("network", label, width, 80)}'
                      f'{_text(width / 2, 44, "no statement with a known speaker in this range", text_anchor="middle")}</svg>')
    where: dict[tuple[str, str], tuple[float, float, float]] = {}

    def place(kind: str, keys: Sequence[str], first: float, last: float) -> None:
        count = len(keys)
        for index, key in enumerate(keys):
            share = 0.5 if count == 1 else index / (count - 1)
            angle = math.radians(first + (last - first) * share)
            where[(kind, key)] = (cx + rx * math.cos(angle), cy + ry * math.sin(angle), angle)

    place("s", [sid for sid, _, _ in speakers], 245, 115)  # left half, top to bottom
    place("e", [name for name, _, _ in entities], -65, 65)  # right half, top to bottom
    heaviest = max(edge[2] for edge in edges)
    parts = []
    for speaker_id, entity, count, named in edges:
        x1, y1, _ = where[("s", speaker_id)]
        x2, y2, _ = where[("e", entity)]
        thickness = 1 + 5 * count / heaviest
        parts.append(f'<path class="edge" d="M{x1:.1f},{y1:.1f} Q{cx},{cy} {x2:.1f},{y2:.1f}" fill="none" '
                     f'stroke="#6b8fb5" stroke-opacity="0.6" stroke-width="{thickness:.1f}"'
                     + ('' if named else ' stroke-dasharray="5 4"') +
                     f'><title>{count} statement{"s" if count != 1 else ""}'
                     f'{"" if named else " (in stories about it)"}</title></path>')
    most = max([n for _, _, n in speakers] + [n for _, _, n in entities] + [1])

    def node(kind: str, key: str, name: str, count: int, href: str, fill: str, anchor: str) -> None:
        x, y, angle = where[(kind, key)]
        r = 4 + 8 * math.sqrt(count / most)
        lx, ly = x + (r + 6) * (1 if anchor == "start" else -1), y + 4
        shown = name if len(name) <= 28 else name[:27] + "…"
        parts.append(f'<a href="{escape(href)}" class="node {kind}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                     f'fill="{fill}"><title>{escape(name)}: {count}</title></circle>'
                     f'{_text(lx, ly, shown, text_anchor=anchor, font_size="12")}</a>')

    for speaker_id, name, count in speakers:
        node("s", speaker_id, name, count, speaker_href(speaker_id), PALETTE[1], "end")
    for name, entity_label, count in entities:
        node("e", name, name, count, entity_href(name), PALETTE[0], "start")
    parts.append(_text(20, 20, "speakers", font_size="13", class_="axis-label"))
    parts.append(_text(width - 20, 20, "what they speak about", font_size="13", class_="axis-label", text_anchor="end"))
    return Markup(_frame("network", label, width, height) + "".join(parts) + "</svg>")
