"""A small instrument a school might write: two domains, the default scale and one of
its own, and a conversion table. Used by the instrument and scoring tests."""
from __future__ import annotations

import textwrap
from pathlib import Path

GOALS = {"gm-stairs-01", "gm-stairs-02", "fm-grasp-01"}

HEADER = """\
schema_version: 1
id: school-scale
title: {zh: 学校评估表, en: School checklist}
age_bands: ["3-6", "6-9"]
scales:
  - id: five-point
    title: {zh: 五级, en: Five points}
    not_applicable: false
    points:
      - {value: 1, means: not_yet, label: {zh: 不能, en: Cannot}}
      - {value: 3, means: emerging, label: {zh: 部分, en: Partly}}
      - {value: 5, means: independent, label: {zh: 独立, en: Alone}}
scoring:
  conversions:
    - domain: gross_motor
      age_months_from: 36
      age_months_to: 71
      result_name: {zh: 等级, en: Level}
      table:
        - {raw_from: 0, raw_to: 2, result: C}
        - {raw_from: 3, raw_to: 4, result: B}
"""

GROSS_MOTOR = """\
schema_version: 1
instrument: school-scale
domain: gross_motor
subdomains:
  - id: stairs
    title: {zh: 上下楼梯, en: Stairs}
    items:
      - id: stairs-01
        behaviour: {zh: 扶栏杆上楼梯, en: Climbs stairs holding the rail}
        age_band: "3-6"
        method: probe
        materials: {zh: 楼梯, en: Stairs}
        instruction: {zh: 请学生上6级楼梯, en: Ask the child to climb 6 steps}
        passed_when: {zh: 独立上完6级, en: Climbs all 6 alone}
        objectives: [gm-stairs-01]
      - id: stairs-02
        behaviour: {zh: 随班上下楼梯, en: Uses the stairs with the class}
        age_band: "6-9"
        method: observation
        passed_when: {zh: 连续3天跟上队伍, en: Keeps up on 3 days running}
        objectives: [gm-stairs-02]
"""

FINE_MOTOR = """\
schema_version: 1
instrument: school-scale
domain: fine_motor
subdomains:
  - id: grasp
    title: {zh: 抓握, en: Grasp}
    items:
      - id: grasp-01
        behaviour: {zh: 三指捏起小积木, en: Picks up a small block with three fingers}
        age_band: "3-6"
        method: parent_report
        passed_when: {zh: 家长报告能做到, en: The parent says so}
        scale: five-point
        objectives: [fm-grasp-01]
"""


def folder(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "instruments"
    for name, text in files.items():
        path = root / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def good(tmp_path) -> Path:
    return folder(tmp_path, **{"school__instrument.yaml": HEADER,
                               "school__gross_motor.yaml": GROSS_MOTOR,
                               "school__fine_motor.yaml": FINE_MOTOR})
