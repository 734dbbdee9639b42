"""The count as a bar chart drawn on the server (SVG): each candidate's votes at the first and
at the last stage, the quota as a line. On right-to-left pages the chart is mirrored: names on
the right, bars growing to the left, numbers at the bars' left ends (anchors, not the SVG
``direction`` property, place the text, so every browser draws it the same way)."""
from markupsafe import Markup, escape

from portal.api import direction

WIDTH, ROW, LABEL, VALUE = 400, 44, 110, 56


def number(value):
    """Whole votes without decimals; transferred votes with the five places of the count."""
    return str(value.quantize(1)) if value == value.to_integral() else str(value)


def stage_chart(request, report, title=""):
    rtl = direction(request.locale_name) == "rtl"
    stages = report["stages"]
    if not stages:
        return Markup("")
    first, last = stages[0].votes, stages[-1].votes
    top = float(max([*first, *last, report["quota"] or 0, 1]))
    names = report["names"]
    height = ROW * len(names) + 12
    span = WIDTH - LABEL - VALUE - 10

    def bar(value):
        """(left x, width) of a bar of ``value`` votes."""
        length = max(float(value) / top * span, 1)
        return ((WIDTH - LABEL - 6 - length) if rtl else (LABEL + 6)), length

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
             f'class="el-chart" role="img" aria-labelledby="el-chart-title" direction="ltr">',
             f'<title id="el-chart-title">{escape(title)}</title>']
    for row, name in enumerate(names):
        y = 6 + row * ROW
        for offset, votes, css in ((0, first[row], "el-bar-first"), (18, last[row], "el-bar-last")):
            left, length = bar(votes)
            parts.append(f'<rect class="{css}" x="{left:.1f}" y="{y + offset}" '
                         f'width="{length:.1f}" height="16"/>')
        elected = " el-elected" if row in report["elected_set"] else ""
        parts.append(f'<text class="el-label{elected}" x="{WIDTH - 2 if rtl else 2}" '
                     f'y="{y + 22}" text-anchor="{"end" if rtl else "start"}">'
                     f'{escape(name)}</text>')
        left, length = bar(last[row])
        value_x = left - 4 if rtl else left + length + 4
        parts.append(f'<text class="el-value" x="{value_x:.1f}" y="{y + 31}" '
                     f'text-anchor="{"end" if rtl else "start"}">{escape(number(last[row]))}'
                     f'</text>')
    if report["quota"]:
        left, length = bar(report["quota"])
        qx = left if rtl else left + length
        parts.append(f'<line class="el-quota" x1="{qx:.1f}" x2="{qx:.1f}" y1="0" y2="{height}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
