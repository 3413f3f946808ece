"""The library's instruments: IEP Studio's own, and a school's imported from a folder
(problems listed, nothing half imported), removed after asking."""
from __future__ import annotations

from iep_studio.ui.library.instruments_panel import InstrumentsPanel
from iep_studio.ui.qt import QMessageBox

from tests.assessment.instrument_files import GROSS_MOTOR, HEADER, folder, good


def rows(panel) -> list[tuple[str, str]]:
    return [(panel.table.item(r, 0).text(), panel.table.item(r, 3).text())
            for r in range(panel.table.rowCount())]


def test_import_a_school_instrument_then_remove_it(window, qtbot, monkeypatch, tmp_path):
    panel = InstrumentsPanel(window.services)
    qtbot.addWidget(panel)
    assert rows(panel) == [("IEP Studio 课程本位评估（3-15岁）", "IEP Studio")]
    assert not panel.remove_button.isEnabled()  # its own stays
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    broken = folder(tmp_path / "broken", **{"instrument.yaml": HEADER,
                                            "gross_motor.yaml": GROSS_MOTOR.replace(
                                                "method: observation", "method: watching")})
    panel.import_folder(str(broken))
    assert said[-1].startswith("没有导入任何内容。请改正以下问题后重新导入该文件夹：\n\n"
                               "gross_motor.yaml:19 subdomains.0.items.1.method")
    assert len(rows(panel)) == 1
    panel.import_folder(str(good(tmp_path)))
    assert said[-1] == "已导入：school-scale。现在可以用它逐项评分。"
    assert rows(panel)[1] == ("学校评估表", "本校导入")
    panel.table.selectRow(1)
    assert panel.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.remove()
    assert len(rows(panel)) == 1
