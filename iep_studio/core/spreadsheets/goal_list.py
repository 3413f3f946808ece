"""A teacher's own list of goals (自编目标库) as resource rooms keep one in Excel: which
column holds what, and each row turned into a goal of the goal bank.

Columns are recognised by their headings, in Chinese or English (领域, 子领域, 条件, 行为,
标准, 掌握标准, 适用年龄, 家庭建议, and the same with （英文） for the English wording).
Cells are read as teachers write them: a domain by its name or code, an age as 6-9, 6-9岁,
小学低段 or 7岁, a mastery rule as 80%，连续3次 or a cell formatted as a percentage. What
cannot be read is a Problem on that cell, never a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import QT_TRANSLATE_NOOP
from ..vocabulary import AGE_BANDS, DOMAINS, Term, Vocabulary, age_band_of, has_han, join_labels
from .reading import Sheet, SpreadsheetRefused, Value
from .roster import SheetRow, Table, _text, table_of

# What a column of a goal list can hold. The main columns take the teacher's wording (in
# Chinese, or in English when a cell holds no Chinese); the "（英文）" ones its English.
GOAL_COLUMNS = Vocabulary(
    Term("domain", "领域", "Domain"),
    Term("subdomain", "子领域", "Subdomain"),
    Term("condition", "条件", "Condition"),
    Term("behaviour", "行为", "Behaviour"),
    Term("criterion", "标准", "Criterion"),
    Term("mastery", "掌握标准", "Mastery"),
    Term("age_band", "适用年龄", "Ages"),
    Term("home_tip", "家庭建议", "Home tip"),
    Term("subdomain_en", "子领域（英文）", "Subdomain (English)"),
    Term("condition_en", "条件（英文）", "Condition (English)"),
    Term("behaviour_en", "行为（英文）", "Behaviour (English)"),
    Term("criterion_en", "标准（英文）", "Criterion (English)"),
    Term("home_tip_en", "家庭建议（英文）", "Home tip (English)"),
)
WORDED = ("subdomain", "condition", "behaviour", "criterion", "home_tip")
REQUIRED = ("domain", "condition", "behaviour", "criterion")

# Other headings goal lists use, besides each column's own names and code.
_HEADINGS = {
    "domain": "领域 训练领域 目标领域 课程领域 domain area",
    "subdomain": "子领域 次领域 分领域 项目 subdomain",
    "condition": "条件 目标条件 情境 condition conditions",
    "behaviour": "行为 目标行为 行为表现 目标 短期目标 behaviour behavior",
    "criterion": "标准 通过标准 评量标准 达成标准 criterion criteria",
    "mastery": "掌握标准 掌握 达标 通过率 mastery masterycriterion",
    "age_band": "适用年龄 年龄 年龄段 学段 适用学段 age ages ageband",
    "home_tip": "家庭建议 家庭指导 家长建议 在家练习 hometip home",
    "subdomain_en": "subdomainen",
    "condition_en": "conditionen",
    "behaviour_en": "behaviouren behavioren",
    "criterion_en": "criterionen",
    "home_tip_en": "hometipen",
}
# Other names lists give the ages of the app's bands (each band's own names count too).
_AGE_NAMES = {"3-6": "3-6岁 学前 幼儿园 学前段 preschool",
              "6-9": "6-9岁 小学低段 低段 1-3年级 一至三年级 lowerprimary",
              "9-12": "9-12岁 小学高段 高段 4-6年级 四至六年级 upperprimary",
              "12-15": "12-15岁 初中 初中段 7-9年级 juniorsecondary"}
# An empty age, or one of these, means the goal suits every age.
EVERY_AGE = {"", "不限", "全部", "所有年龄", "各年龄段", "all", "allages", "any"}


def _key(text: str) -> str:
    """A heading or a name as compared: lower case, without spaces, the marks of a
    required column (*) and punctuation; the words in brackets are kept, so
    "条件（英文）" is another column than "条件" (and "行为（必填）" is read by `recognise`
    without them)."""
    return re.sub(r"[\s*＊:：._\-/、（）()]+", "", str(text)).lower()


def _bare(text: str) -> str:
    return _key(re.sub(r"[（(][^）)]*[）)]", "", str(text)))


def _names(vocabulary: Vocabulary, more: dict[str, str]) -> dict[str, str]:
    names = {}
    for term in vocabulary:
        for name in (term.code, term.zh, term.en, *more.get(term.code, "").split()):
            names.setdefault(_key(name), term.code)
    return names


HEADINGS = _names(GOAL_COLUMNS, _HEADINGS)
DOMAIN_NAMES = _names(DOMAINS, {})
AGE_NAMES = _names(AGE_BANDS, _AGE_NAMES)


def recognise(headings: list[str]) -> list[str]:
    """The column each heading names ("" for a column left out); each is given to its
    first column only."""
    columns, taken = [], set()
    for heading in headings:
        text = heading or ""
        found = HEADINGS.get(_key(text)) or HEADINGS.get(_bare(text), "")
        if found in taken:
            found = ""
        taken.add(found)
        columns.append(found)
    return columns


def goal_table(sheet: Sheet) -> Table:
    """The header row (the first of the first rows with most headings recognised, so a
    title above it is passed over) and the rows below it, all as wide as the widest."""
    if not sheet.rows:
        raise SpreadsheetRefused(QT_TRANSLATE_NOOP(
            "Errors", "{name} holds no goals to import. Check that it is the goal list, and "
            "that the list is on the sheet that shows when the file opens."),
            name=sheet.file_name)
    return table_of(sheet, recognise)


@dataclass
class GoalRow(SheetRow):
    """One goal of the list, and the goal-bank document its cells make."""

    document: dict = field(default_factory=dict)  # a goal-bank goal, without its id


def read_goal_row(line: int, values: tuple, mapping: list[str], language: str) -> GoalRow:
    """A row's cells turned into a goal, with a problem for each cell that cannot be read
    or is missing. Whether the goal is already in the bank is checked after, by the
    service, which knows the bank."""
    row = GoalRow(line, tuple(_text(v) for v in values))
    cell = {name: values[i] for i, name in enumerate(mapping) if name and i < len(values)}
    document: dict = {}
    code = _domain(row, _text(cell.get("domain")), language)
    for name in WORDED:
        text = {"zh": _text(cell.get(name)), "en": _text(cell.get(name + "_en"))}
        if text["zh"] and not text["en"] and not has_han(text["zh"]):
            text = {"zh": "", "en": text["zh"]}  # a list written in English
        if name in REQUIRED and not (text["zh"] or text["en"]):
            row.add(name, QT_TRANSLATE_NOOP("Errors", "This field is required."))
        for language_of, limit in (("zh", 2000), ("en", 2000)):
            if len(text[language_of]) > limit:
                row.add(name if language_of == "zh" else name + "_en", QT_TRANSLATE_NOOP(
                    "Errors", "Too long: at most {limit} characters."), limit=limit)
        if text["zh"] or text["en"]:
            document[name] = text
    if code:
        document["domain"] = code
        # A goal without its own subdomain is filed under its domain's name.
        term = DOMAINS.get(code)
        document.setdefault("subdomain", {"zh": term.zh, "en": term.en})
    document["age_band"] = _age_band(row, cell.get("age_band"))
    mastery = _mastery(row, cell.get("mastery"))
    if mastery:
        document["mastery"] = mastery
    row.document = document
    return row


def _domain(row: GoalRow, text: str, language: str) -> str:
    if not text:
        row.add("domain", QT_TRANSLATE_NOOP("Errors", "This field is required."))
        return ""
    code = DOMAIN_NAMES.get(_key(text)) or DOMAIN_NAMES.get(_bare(text))
    if code is None:
        row.add("domain", QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not one of the choices: "
                                            "{choices}."),
                # The main domains only: their subdomains (如厕, 记忆 …) are read too, but
                # a list of all of them would bury the answer.
                value=text, choices=join_labels((t.label(language) for t in DOMAINS
                                                 if "." not in t.code), language))
        return ""
    return code


_AGE_RANGE = re.compile(r"^(\d{1,2})\s*(?:岁)?\s*[-~～至到—–]\s*(\d{1,2})\s*(?:岁|周岁)?$")
_ONE_AGE = re.compile(r"^(\d{1,2})\s*(?:岁|周岁)?$")


def _age_band(row: GoalRow, value: Value) -> str:
    """An AGE_BANDS code, or "" for a goal that suits every age."""
    text = _text(value)
    if _key(text) in EVERY_AGE:
        return ""
    code = AGE_NAMES.get(_key(text)) or AGE_NAMES.get(_bare(text))
    if code:
        return code
    one, span = _ONE_AGE.match(text), _AGE_RANGE.match(text)
    if one:
        code = age_band_of(int(one.group(1)))
    elif span:
        low, high = int(span.group(1)), int(span.group(2))
        # A range inside one band is that band (7-8岁 is 小学低段); one across two is not.
        code = next((t.code for t in AGE_BANDS
                     if int(t.code.split("-")[0]) <= low and high <= int(t.code.split("-")[1])),
                    "")
    if not code:
        row.add("age_band", QT_TRANSLATE_NOOP(
            "Errors", "\"{value}\" is not an age the goal bank knows. Write one band, such "
            "as {example}, or leave the cell empty for every age."),
            value=text, example="6-9")
    return code or ""


_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")
_OUT_OF = re.compile(r"(\d{1,2})\s*次中\s*(?:至少|有)?\s*(\d{1,2})\s*次|(\d{1,2})\s*/\s*(\d{1,2})")
_SESSIONS = re.compile(r"连续\s*(\d{1,2})|(\d{1,2})\s*(?:consecutive|in a row)"
                       r"|(\d{1,2})\s*(?:次课|次|天|节课|节|周|sessions?|days?|lessons?)",
                       re.IGNORECASE)


def _mastery(row: GoalRow, value: Value) -> dict:
    """{"percent": …, "sessions": …} from "80%，连续3次", "4/5 连续3天", "80%" or a
    percentage cell (0.8); {} for an empty cell (the app's default rule then applies)."""
    if value is None or _text(value) == "":
        return {}
    percent, sessions = None, None
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}(?:\.\d+)?", value.strip()):
        value = float(value)  # a percentage cell saved as CSV: "0.8", or "80"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        percent = round(value * 100) if 0 < value <= 1 else round(value)
    else:
        text = _text(value)
        found, out_of = _PERCENT.search(text), _OUT_OF.search(text)
        rest = text
        if found:
            percent = round(float(found.group(1)))
            rest = text.replace(found.group(0), " ")
        elif out_of:
            total, done = (out_of.group(1), out_of.group(2)) if out_of.group(1) else (
                out_of.group(4), out_of.group(3))
            percent = round(int(done) * 100 / int(total)) if int(total) else None
            rest = text.replace(out_of.group(0), " ")
        in_a_row = _SESSIONS.search(rest)
        if in_a_row:
            sessions = int(next(g for g in in_a_row.groups() if g))
    if percent is None or not 1 <= percent <= 100 or (sessions is not None
                                                      and not 1 <= sessions <= 40):
        row.add("mastery", QT_TRANSLATE_NOOP(
            "Errors", "\"{value}\" is not a mastery rule the app can read. Write a "
            "percentage and, if you like, the sessions in a row, e.g. {example}."),
            value=_text(value), example="80%，连续3次")
        return {}
    return {"percent": percent, **({"sessions": sessions} if sessions else {})}


# The blank list a teacher downloads: the headings, and one goal written as a resource
# teacher writes one, to copy.
TEMPLATE_COLUMNS = ("domain", "subdomain", "condition", "behaviour", "criterion", "mastery",
                    "age_band", "home_tip")
TEMPLATE_EXAMPLE = {
    "zh": ("生活自理", "个人卫生", "在教师口头提示下", "学生能独立洗手（六步洗手法）",
           "连续3次课5次中至少4次正确", "80%，连续3次", "6-9岁",
           "饭前便后请孩子自己洗手，大人在旁边小声数“一、二、三……”提醒六个步骤，"
           "做对了就夸他。"),
    "en": ("Self-care", "Personal hygiene", "With a spoken reminder from the teacher",
           "the student washes their hands alone (six-step hand washing)",
           "correctly on at least 4 of 5 trials, in 3 consecutive sessions",
           "80%, 3 sessions in a row", "6-9",
           "Before meals and after the toilet, let your child wash their hands alone while "
           "you count the six steps quietly; praise them when they get it right."),
}
