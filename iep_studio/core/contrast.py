"""Contrast between colours, as WCAG 2 measures it, so charts and marked text stay
readable in a light or a dark palette, and in black and white. Colours are "#rrggbb"
strings: the window and the documents (which must not load Qt) share these sums."""
from __future__ import annotations


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def luminance(colour: str) -> float:
    """Relative luminance, 0 for black to 1 for white: the grey a colour prints as."""
    r, g, b = (_channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """From 1 (the same) to 21 (black on white); text needs 4.5, shapes 3."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(first: str, second: str, share: float) -> str:
    """`share` of `second` blended into `first`."""
    return "#" + "".join(f"{round(a + (b - a) * share):02x}"
                         for a, b in zip(rgb(first), rgb(second)))


def readable(colour: str, background: str, ratio: float = 4.5) -> str:
    """`colour`, or the nearest shade of it toward black or white (whichever the background
    is further from) with at least `ratio` against `background`: a red stays a red, only
    lighter on a dark background."""
    if contrast(colour, background) >= ratio:
        return colour
    target = "#ffffff" if luminance(background) < 0.18 else "#000000"
    for step in range(1, 21):
        shade = mix(colour, target, step / 20)
        if contrast(shade, background) >= ratio:
            return shade
    return target
