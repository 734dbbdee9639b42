"""The count as a bar chart drawn on the server (SVG): each candidate's votes at the first and
at the last stage, the quota as a line. Right-to-left pages get the chart mirrored: bars grow
from the right, labels stand on the right, and text keeps its own direction."""
from markupsafe import Markup, escape

WIDTH, ROW, LABEL = 640, 44, 200


def number(value):
    """Whole votes without decimals; transferred votes with the five places of the count."""
    return str(value.quantize(1)) if value == value.to_integral() else str(value)


def stage_chart(request, report, title=""):
    rtl = request.localizer.locale_name in ("ar", "fa", "fa_AF", "ps", "ur")
    stages = report["stages"]
    if not stages:
        return Markup("")
    first, last = stages[0].votes, stages[-1].votes
    top = max([*first, *last, report["quota"] or 0, 1])
    names = report["names"]
    height = ROW * len(names) + 20
    span = WIDTH - LABEL - 80

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
             f'class="el-chart" role="img" aria-labelledby="el-chart-title" '
             f'direction="{"rtl" if rtl else "ltr"}">',
             f'<title id="el-chart-title">{escape(title)}</title>']
    for row, name in enumerate(names):
        y = 10 + row * ROW
        for offset, votes, css in ((0, first[row], "el-bar-first"), (18, last[row], "el-bar-last")):
            length = float(votes) / float(top) * span
            left = WIDTH - LABEL - 10 - length if rtl else LABEL + 10
            parts.append(f'<rect class="{css}" x="{left:.1f}" y="{y + offset}" '
                         f'width="{max(length, 1):.1f}" height="16"/>')
        text_x = WIDTH - 4 if rtl else 4
        elected = " el-elected" if row in report["elected_set"] else ""
        parts.append(f'<text class="el-label{elected}" x="{text_x}" y="{y + 22}" '
                     f'text-anchor="start">{escape(name)}</text>')
        value_x = (WIDTH - LABEL - 16 - float(last[row]) / float(top) * span) if rtl else \
            (LABEL + 16 + float(last[row]) / float(top) * span)
        parts.append(f'<text class="el-value" x="{value_x:.1f}" y="{y + 31}" '
                     f'text-anchor="start"><tspan direction="ltr" unicode-bidi="embed">'
                     f'{escape(number(last[row]))}'
                     f'</tspan></text>')
    if report["quota"]:
        qx = float(report["quota"]) / float(top) * span
        qx = WIDTH - LABEL - 10 - qx if rtl else LABEL + 10 + qx
        parts.append(f'<line class="el-quota" x1="{qx:.1f}" x2="{qx:.1f}" y1="0" y2="{height}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
