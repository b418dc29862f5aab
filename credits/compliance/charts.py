"""Bar charts drawn on the server as inline SVG: no JavaScript library to load or keep up to date, they
print, and they work on the plant's old browsers. Each chart names itself (<title>, <desc>) for screen
readers, and the template shows the same figures as a table beside it (`credits/compliance_chart.html`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from credits.compliance.verdicts import Status

WIDTH = 720
LABEL_WIDTH = 200
BAR_WIDTH = 440
ROW_HEIGHT = 26
BAR_HEIGHT = 18
LEGEND_HEIGHT = 22
FONT_SIZE = 12

# Distinct in hue and lightness, so that they stay apart for the colour-blind and in grey print.
STATUS_COLOURS = {
    Status.MET: "#2e7d32",
    Status.IN_PROGRESS: "#f2b600",
    Status.OVERDUE: "#c62828",
    Status.BLOCKED: "#4a148c",
    Status.NOT_APPLICABLE: "#b0b0b0",
}


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class Chart:
    """A horizontal stacked bar chart: one bar per row, one segment per series."""

    chart_id: str
    title: str
    description: str
    series: tuple[Series, ...]
    rows: tuple[ChartRow, ...]

    @property
    def height(self) -> int:
        return LEGEND_HEIGHT * self._legend_lines() + 8 + ROW_HEIGHT * max(len(self.rows), 1)

    def _legend_positions(self) -> list[tuple[int, int]]:
        positions, x, line = [], LABEL_WIDTH, 0
        for series in self.series:
            width = 18 + text_width(series.label) + 16
            if x + width > WIDTH and x > LABEL_WIDTH:
                x, line = LABEL_WIDTH, line + 1
            positions.append((x, line))
            x += width
        return positions

    def _legend_lines(self) -> int:
        return max((line for _x, line in self._legend_positions()), default=0) + 1

    @property
    def svg(self) -> SafeString:
        title_id, desc_id = f"{self.chart_id}-title", f"{self.chart_id}-desc"
        parts = [
            format_html(
                '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" id="{}" role="img" '
                'aria-labelledby="{} {}" viewBox="0 0 {} {}" width="100%" font-size="{}">',
                self.chart_id,
                title_id,
                desc_id,
                WIDTH,
                self.height,
                FONT_SIZE,
            ),
            format_html(
                '<title id="{}">{}</title><desc id="{}">{}</desc>',
                title_id,
                self.title,
                desc_id,
                self.description,
            ),
        ]
        for series, (x, line) in zip(self.series, self._legend_positions(), strict=True):
            y = line * LEGEND_HEIGHT + 4
            parts.append(
                format_html(
                    '<g class="bar-chart__legend"><rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                    '<text x="{}" y="{}">{}</text></g>',
                    x,
                    y,
                    series.colour,
                    x + 16,
                    y + 11,
                    series.label,
                )
            )
        top = LEGEND_HEIGHT * self._legend_lines() + 8
        biggest = max((row.total for row in self.rows), default=0)
        scale = BAR_WIDTH / biggest if biggest else 0
        for index, row in enumerate(self.rows):
            y = top + index * ROW_HEIGHT
            parts.append(
                format_html(
                    '<text class="bar-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
                    LABEL_WIDTH - 8,
                    y + BAR_HEIGHT - 4,
                    row.label,
                )
            )
            x = float(LABEL_WIDTH)
            for series, value in zip(self.series, row.values, strict=True):
                if not value:
                    continue
                width = value * scale
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
                        f"{x:.1f}",
                        y,
                        f"{width:.1f}",
                        BAR_HEIGHT,
                        series.colour,
                        f"{row.label} · {series.label}: {value}",
                    )
                )
                x += width
            parts.append(
                format_html(
                    '<text class="bar-chart__total" x="{}" y="{}">{}</text>',
                    f"{x + 6:.1f}",
                    y + BAR_HEIGHT - 4,
                    row.total,
                )
            )
        if not self.rows:
            parts.append(
                format_html('<text x="{}" y="{}">{}</text>', LABEL_WIDTH, top + BAR_HEIGHT - 4, _("No data"))
            )
        parts.append("</svg>")
        # Every part is either a literal or built by format_html, which escaped the labels.
        return mark_safe("".join(parts))  # noqa: S308


def text_width(text: str) -> int:
    """Roughly how wide `text` is at FONT_SIZE: CJK characters are square, Latin ones about half."""
    return sum(FONT_SIZE if ord(character) > 0x2E7F else FONT_SIZE * 6 // 10 for character in str(text))


def status_series() -> tuple[Series, ...]:
    return tuple(Series(status, Status(status).label, STATUS_COLOURS[status]) for status in Status.values)


def status_chart(
    *, chart_id: str, title: str, description: str, categories: Iterable[tuple[str, Mapping[str, int]]]
) -> Chart:
    """People by status for each category (a role, a month, a prefecture...)."""
    series = status_series()
    return Chart(
        chart_id=chart_id,
        title=title,
        description=description,
        series=series,
        rows=tuple(
            ChartRow(str(label), tuple(counts.get(item.key, 0) for item in series))
            for label, counts in categories
        ),
    )
