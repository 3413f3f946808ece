"""The document model as simple HTML, for the print preview in the window (Qt's text
document prints it) and anywhere a quick look is enough. Charts are embedded as data URLs.
The PDF and Word files remain the documents of record."""
from __future__ import annotations

from base64 import b64encode
from html import escape

from . import document as d


def _text(text: str) -> str:
    return escape(text or "").replace("\n", "<br>")


def render_html(doc: d.Document) -> str:
    size = 14 if doc.large_type else 10.5
    zh = doc.language.startswith("zh")
    parts = [f"<html><body style='font-size:{size}pt'>",
             f"<p style='color:#666;font-size:8pt'>{_text(doc.school)}　{_text(doc.running_head)}"
             "</p>", f"<h1 align='center'>{_text(doc.title)}</h1>"]
    if doc.subtitle:
        parts.append(f"<p align='center' style='color:#555'>{_text(doc.subtitle)}</p>")
    for block in doc.blocks:
        if isinstance(block, d.Heading):
            tag = "h2" if block.level <= 1 else "h3"
            colour = " style='color:#1a4f8b'" if block.level <= 1 else ""
            parts.append(f"<{tag}{colour}>{_text(block.text)}</{tag}>")
        elif isinstance(block, d.Paragraph):
            style = " style='color:#555;font-size:smaller'" if block.style == "note" else ""
            parts.append(f"<p{style}>{_text(block.text)}</p>")
        elif isinstance(block, d.Bullets):
            parts.append("<ul>" + "".join(f"<li>{_text(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, d.Fields):
            cells = "".join(f"<tr><th align='left' bgcolor='#eef2f7'>{_text(k)}</th>"
                            f"<td>{_text(v)}</td></tr>" for k, v in block.pairs)
            parts.append(_table(cells))
        elif isinstance(block, d.Table):
            head = "".join(f"<th align='left' bgcolor='#eef2f7'>{_text(c)}</th>"
                           for c in block.columns)
            rows = "".join("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>"
                           for row in block.rows)
            parts.append(_table(f"<tr>{head}</tr>{rows}"))
        elif isinstance(block, d.Chart):
            data = b64encode(block.image).decode("ascii")
            parts.append(f"<p align='center'><img src='data:image/jpeg;base64,{data}' "
                         f"width='{int(block.width_cm * 37.8)}'><br>{_text(block.caption)}</p>")
        elif isinstance(block, d.Signatures):
            head = ("角色", "姓名", "签名", "日期") if zh else ("Role", "Name", "Signature", "Date")
            rows = "".join(f"<tr><td height='36'>{_text(r)}</td><td>{_text(n)}</td><td></td>"
                           f"<td>{_text(s)}</td></tr>" for r, n, s in block.rows)
            parts.append(f"<p style='color:#555'>{_text(block.note)}</p>" + _table(
                "<tr>" + "".join(f"<th align='left' bgcolor='#eef2f7'>{h}</th>" for h in head)
                + f"</tr>{rows}"))
        elif isinstance(block, d.PageBreak):
            parts.append("<p style='page-break-after:always'></p>")
    parts.append("</body></html>")
    return "".join(parts)


def _table(rows: str) -> str:
    return ("<table width='100%' border='1' cellspacing='0' cellpadding='4' "
            f"style='border-collapse:collapse;border-color:#9e9e9e'>{rows}</table><br>")
