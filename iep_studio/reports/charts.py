"""Charts for documents, drawn with matplotlib once per export and placed in both the PDF
and the Word file (python-docx takes pictures, not vector drawings). matplotlib is imported
only when a document has a chart: it takes about half a second."""
from __future__ import annotations

from functools import cache
from io import BytesIO

from ..core.contrast import readable
from ..core.progress.trials import LEVEL_COLOURS, LEVEL_HATCHES, ORDER, PROMPT_LEVELS
from .fonts import cjk_font_path


@cache
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no display, no Qt: the same in the window and on a server
    from matplotlib import font_manager
    from matplotlib import pyplot

    font_manager.fontManager.addfont(str(cjk_font_path()))
    name = font_manager.FontProperties(fname=str(cjk_font_path())).get_name()
    matplotlib.rcParams.update({"font.family": name, "axes.unicode_minus": False,
                                "font.size": 8})
    return pyplot


# The level hatches (trials.LEVEL_HATCHES) as matplotlib draws them: a character repeated
# draws its lines closer together.
HATCHES = {"": "", "/": "///", "\\": "\\\\\\", "-": "---", ".": "...", "+": "++", "x": "xx"}


def progress_chart(progress, language: str, width_cm: float = 16,
                   height_cm: float = 6.5) -> bytes:
    """One objective's sessions: a bar per session split by prompt level, the percent
    counted toward mastery, the criterion line and the day it was mastered."""
    pyplot = _pyplot()
    from matplotlib import patheffects

    zh = language.startswith("zh")
    figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=180)
    points = progress.points
    xs = list(range(len(points)))
    bottoms = [0.0] * len(points)
    # Each level its fill (a step of grey apart from its neighbours), a hatch in a darker
    # shade of the fill and a thin outline: told apart printed in black and white too.
    for code in ORDER:
        shares = [100 * p.by_level.get(code, 0) / p.trials for p in points]
        if any(shares):
            fill = LEVEL_COLOURS[code]
            axes.bar(xs, shares, bottom=bottoms, width=0.6, color=fill,
                     hatch=HATCHES[LEVEL_HATCHES[code]], hatchcolor=readable(fill, fill, 2.5),
                     edgecolor="#555555", linewidth=0.4,
                     label=PROMPT_LEVELS.label(code, language))
            bottoms = [b + s for b, s in zip(bottoms, shares)]
    # A white halo keeps the line and its markers seen over the darkest bars.
    halo = [patheffects.withStroke(linewidth=3.5, foreground="white")]
    axes.plot(xs, [p.percent for p in points], color="#1a4f8b", marker="o", markersize=3.5,
              markeredgecolor="white", markeredgewidth=0.6, linewidth=1.5, path_effects=halo,
              label="计入达标的百分比" if zh else "percent counted toward mastery")
    rule = progress.rule
    criterion = (f"标准 {rule.percent}% × {rule.sessions} 次" if zh
                 else f"criterion {rule.percent}% × {rule.sessions}")
    axes.axhline(rule.percent, color="#c62828", linestyle="--", linewidth=1, label=criterion)
    axes.text(-0.4, rule.percent + 2, criterion, color="#c62828", fontsize=7,
              bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})  # over the bars
    mastered_on = progress.mastery.mastered_on
    if mastered_on is not None:
        at = next(i for i, p in enumerate(points) if p.day == mastered_on)
        axes.axvline(at, color="#2e7d32", linewidth=1.5, path_effects=halo,
                     label=("达标 " if zh else "mastered ") + mastered_on.strftime("%m-%d"))
    axes.set_ylim(0, 105)
    axes.set_ylabel("%")
    step = max(1, len(points) // 10)
    axes.set_xticks(xs[::step], [p.day.strftime("%m-%d") for p in points][::step])
    axes.spines[["top", "right"]].set_visible(False)
    if points:
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    figure.tight_layout()
    out = BytesIO()
    # JPEG: the PDF takes it as it is, where a PNG is decoded and compressed again (most of
    # the time of a document with charts). At this quality the lines and text stay crisp.
    figure.savefig(out, format="jpeg", pil_kwargs={"quality": 92})
    pyplot.close(figure)
    return out.getvalue()


# Each assessment its own shade and hatch: told apart in black and white too.
PROFILE_LOOKS = [("#1f3a5f", ""), ("#6f8fb3", "///"), ("#9aa7b5", "xx"), ("#3d3d3d", "..")]


def profile_chart(rows, dates: list[str], language: str, width_cm: float = 16) -> bytes:
    """Per domain, one bar per assessment: items done independently (filled) and with
    help (outlined)."""
    from ..core.vocabulary import DOMAINS

    pyplot = _pyplot()
    height_cm = 2.2 + 1.1 * len(rows)
    figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=180)
    bar = 0.8 / max(1, len(dates))
    for i, date in enumerate(dates):
        colour, hatch = PROFILE_LOOKS[i % len(PROFILE_LOOKS)]
        ys = [r + i * bar for r in range(len(rows))]
        alone = [each[i].independent for _, each in rows]
        helped = [each[i].emerging for _, each in rows]
        axes.barh(ys, alone, height=bar * 0.9, color=colour if not hatch else "white",
                  edgecolor=colour, hatch=hatch, label=date)
        axes.barh(ys, helped, left=alone, height=bar * 0.9, color="white", edgecolor=colour)
    axes.set_yticks([r + bar * (len(dates) - 1) / 2 for r in range(len(rows))],
                    [DOMAINS.label(domain, language) for domain, _ in rows])
    axes.invert_yaxis()
    axes.set_xlabel("项目数" if language.startswith("zh") else "items")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower right", fontsize=7, frameon=False)
    figure.tight_layout()
    out = BytesIO()
    figure.savefig(out, format="jpeg", pil_kwargs={"quality": 92})
    pyplot.close(figure)
    return out.getvalue()
