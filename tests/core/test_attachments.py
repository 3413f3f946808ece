"""Files attached to a student's file: kept only when they are what they say they are,
shown as pictures and PDF pages, hidden from those not on the child's team, and named in
the history without their bytes."""
from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from iep_studio.core.access import Actor, PermissionDenied
from iep_studio.core.errors import IepStudioError, InvalidInput, NotFound
from iep_studio.core.services.attachment_files import MAX_BYTES
from iep_studio.core.services.attachments import read_limited
from tests.sample_files import bomb_png, jpeg_turned, pdf, png

HIDDEN = ("This record cannot be opened: it has been removed, or it belongs to a student "
          "whose team you are not on. Nothing was changed; refresh the list, or ask the "
          "administrator to add you to the team.")
ROLE = ("Your account's role does not allow this change. Nothing was saved; ask a resource "
        "teacher or the administrator.")


def refusal(call) -> str:
    with pytest.raises(InvalidInput) as refused:
        call()
    return refused.value.problems[0].text()


@pytest.fixture
def attachments(services):
    return services.attachments


# -- what is kept ---------------------------------------------------------------------------
def test_a_scan_is_kept_with_its_size_hash_and_kind(attachments, team):
    content = pdf()
    kept = attachments.add(team.student.id, "诊断证明.pdf", content, kind="diagnosis",
                           taken_on="2026-09-01", note="市妇幼保健院")
    assert (kept.file_name, kept.title, kept.kind, kept.media_type) == (
        "诊断证明.pdf", "诊断证明", "diagnosis", "application/pdf")
    assert kept.byte_size == len(content)
    assert kept.sha256 == hashlib.sha256(content).hexdigest()
    assert attachments.content(kept.id) == content
    listed, = attachments.for_student(team.student.id)
    assert listed.title == "诊断证明" and "content" not in listed.__dict__  # lists never load it


def test_the_kind_comes_from_the_bytes_never_the_name(attachments, team):
    kept = attachments.add(team.student.id, "photo.pdf", png(), kind="photo")
    # A picture named .pdf is still a picture, and a copy saved from it opens as one.
    assert (kept.file_name, kept.media_type) == ("photo.png", "image/png")
    kept = attachments.add(team.student.id, "C:\\Users\\wl\\扫描件\\consent", pdf(1))
    assert (kept.file_name, kept.media_type) == ("consent.pdf", "application/pdf")
    kept = attachments.add(team.student.id, "成绩单.hta", pdf(2))
    assert kept.file_name == "成绩单.pdf"  # never saved under a program's ending


@pytest.mark.parametrize("name, content", [
    ("诊断.pdf", b"MZ\x90\x00\x03" + b"\0" * 200),  # a program renamed .pdf
    ("报告.docx", b"PK\x03\x04" + b"\0" * 200),  # a Word document (a ZIP inside)
    ("page.html", b"<!DOCTYPE html><script>alert(1)</script>"),
    ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"),
    ("moving.gif", b"GIF89a" + b"\0" * 50),
])
def test_files_that_are_not_a_pdf_or_a_picture_are_refused(attachments, team, name, content):
    assert refusal(lambda: attachments.add(team.student.id, name, content)) == (
        f"{name} cannot be attached: whatever its name says, it is not a PDF or a picture "
        "(JPEG, PNG, WEBP, TIFF or BMP). Save a Word or Excel document as PDF first; scan "
        "paper as PDF or as a picture.")
    assert attachments.for_student(team.student.id) == []


def test_an_iphone_photo_is_refused_with_what_to_do(attachments, team):
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 100
    assert refusal(lambda: attachments.add(team.student.id, "IMG_0001.HEIC", heic)) == (
        "IMG_0001.HEIC is an iPhone photo (HEIC), which cannot be shown here. Send it as JPEG "
        "instead (on the iPhone: Settings, Camera, Formats, Most Compatible), then attach it.")


def test_empty_damaged_and_locked_files_are_refused(attachments, team):
    sid = team.student.id
    assert refusal(lambda: attachments.add(sid, "空.pdf", b"")) == (
        "空.pdf is empty (0 bytes). Check that it was saved or scanned completely, then "
        "attach it again.")
    whole = pdf()
    assert refusal(lambda: attachments.add(sid, "半个.pdf", whole[: len(whole) // 2])) == (
        "半个.pdf looks like a PDF file, but it cannot be read: it may be damaged, or cut "
        "short while it was copied. Open it where it was made, save it again, then attach it.")
    picture = png((400, 400))
    assert refusal(lambda: attachments.add(sid, "cut.png", picture[:200])).startswith(
        "cut.png looks like a PNG file, but it cannot be read")
    assert refusal(lambda: attachments.add(sid, "锁.pdf", pdf(1, password="1234"))) == (
        "锁.pdf is a PDF locked with a password, so it cannot be shown. Save a copy without "
        "the password (or print it to PDF), then attach that.")


def test_a_decompression_bomb_is_refused_not_warned_about(attachments, team):
    assert refusal(lambda: attachments.add(team.student.id, "bomb.png", bomb_png())) == (
        "bomb.png is a picture of more than 89 million pixels, too large to be shown safely. "
        "Scan it again at a lower resolution, or make the picture smaller, then attach it.")
    # Past the limit but below twice it, Pillow itself only warns: refused all the same.
    assert refusal(lambda: attachments.add(team.student.id, "big.png", bomb_png(10000))
                   ).startswith("big.png is a picture of more than 89 million pixels")


def test_a_file_past_the_limit_is_refused_by_its_size_without_reading_it_all(
        attachments, team, tmp_path):
    path = tmp_path / "全书扫描.pdf"
    with path.open("wb") as file:
        file.write(b"%PDF-1.4\n")
        file.truncate(MAX_BYTES + 5 * 1024 * 1024)  # 25 MB on disk
    assert refusal(lambda: attachments.add_file(team.student.id, path)) == (
        "全书扫描.pdf is 25.0 MB; a file attached may be at most 20 MB. Scan it again at a lower "
        "resolution (150 to 200 dpi is clear enough to read) or as PDF, then attach it.")
    name, content, size = read_limited(path)
    assert (name, len(content), size) == ("全书扫描.pdf", MAX_BYTES + 1, MAX_BYTES + 5 * 1024 * 1024)


def test_a_file_that_cannot_be_read(attachments, team, tmp_path):
    assert refusal(lambda: attachments.add_file(team.student.id, tmp_path / "gone.pdf")
                   ).startswith("gone.pdf cannot be read (No such file or directory). Check "
                                "that the file is still there and that you may open it.")


def test_the_same_file_twice_is_refused_naming_the_first(attachments, team):
    content = pdf()
    attachments.add(team.student.id, "scan.pdf", content, title="家长知情同意书")
    assert refusal(lambda: attachments.add(team.student.id, "scan (1).pdf", content)) == (
        "scan (1).pdf is already attached to this student's file, as \"家长知情同意书\". "
        "Nothing was added.")


def test_details_are_checked_like_any_form(attachments, team, another_child):
    sid = team.student.id
    with pytest.raises(InvalidInput) as refused:
        attachments.add(sid, "a.png", png(), kind="selfie", taken_on="2030-01-01")
    assert {p.field for p in refused.value.problems} == {"kind", "taken_on"}
    # Another child's plan is not this child's to attach to.
    assert refusal(lambda: attachments.add(sid, "a.png", png(),
                                           plan_id=another_child["plan"].id)) == (
        "What this file was to belong to is not in this student's file (it may have been "
        "removed). Choose again from the list.")


def test_several_files_at_once_the_good_ones_attached_each_refusal_said(
        attachments, team, tmp_path):
    (tmp_path / "photo.jpg").write_bytes(jpeg_turned())
    (tmp_path / "virus.pdf").write_bytes(b"MZ" + b"\0" * 100)
    (tmp_path / "scan.pdf").write_bytes(pdf())
    added, refused = attachments.add_files(
        team.student.id, [tmp_path / n for n in ("photo.jpg", "virus.pdf", "scan.pdf")],
        {"kind": "work_sample"})
    assert [(a.file_name, a.kind) for a in added] == [("photo.jpg", "work_sample"),
                                                     ("scan.pdf", "work_sample")]
    assert [(r.name, r.text()[:40]) for r in refused] == [
        ("virus.pdf", "virus.pdf cannot be attached: whatever i")]


# -- shown ------------------------------------------------------------------------------------
def test_a_picture_is_shown_turned_upright_and_scaled_down(attachments, team):
    kept = attachments.add(team.student.id, "photo.jpg", jpeg_turned((800, 400)))
    shown, pages = attachments.preview(kept.id, max_side=200)
    image = Image.open(io.BytesIO(shown))
    assert (image.format, pages) == ("PNG", 1)
    assert image.size == (100, 200)  # stored lying down, shown standing, at most 200 px
    assert attachments.preview(png((50, 30)))[1] == 1  # bytes not yet attached, too


def test_bytes_that_cannot_be_shown_say_so(attachments):
    with pytest.raises(IepStudioError) as refused:
        attachments.preview(b"%PDF-1.4 and nothing after")
    assert str(refused.value) == (
        "This file cannot be shown: it may be damaged. Save a copy and open it on the computer "
        "where it was made.")


def test_each_page_of_a_pdf_is_shown(attachments, team):
    kept = attachments.add(team.student.id, "report.pdf", pdf(2))
    first, pages = attachments.preview(kept.id, page=0, max_side=400)
    second, _ = attachments.preview(kept.id, page=1, max_side=400)
    assert pages == 2 and first != second
    image = Image.open(io.BytesIO(first))
    assert max(image.size) == 400 and image.size[1] > image.size[0]  # an A4 page, upright


# -- changed, removed, put back, saved ------------------------------------------------------
def test_details_change_and_a_removal_is_undone_whole(attachments, team, complete_plan, tmp_path):
    content = pdf()
    kept = attachments.add(team.student.id, "scan.pdf", content)
    changed = attachments.update(kept.id, {"title": "专家委员会评估意见", "kind":
                                           "committee_decision", "plan_id": complete_plan.id})
    assert (changed.kind, changed.plan_id) == ("committee_decision", complete_plan.id)
    removed = attachments.remove(kept.id)
    assert attachments.for_student(team.student.id) == []
    with pytest.raises(NotFound):
        attachments.content(kept.id)
    attachments.restore(removed)
    assert attachments.content(kept.id) == content
    assert attachments.get(kept.id).title == "专家委员会评估意见"
    saved = attachments.save_copy(kept.id, tmp_path / "out" / "委员会意见.pdf")
    assert saved.read_bytes() == content


def test_the_history_names_the_file_never_its_bytes(services, attachments, team):
    content = png()
    kept = attachments.add(team.student.id, "作品.png", content, kind="work_sample")
    rows = {c.field: c for c in services.history.for_student(team.student.id)
            if c.kind == "attachment"}
    assert "content" not in rows
    assert rows["file_name"].after == "作品.png"
    assert rows["byte_size"].after == len(content)
    assert rows["sha256"].after == kept.sha256
    assert rows["kind"].row("zh_CN")[2:] == ["附件", "新增", "类别", "", "作品样本"]


# -- who may see and change them ------------------------------------------------------------
def test_a_team_member_and_a_read_only_account_cannot_attach(services, attachments, team):
    kept = attachments.add(team.student.id, "scan.pdf", pdf())
    for role in ("team_member", "read_only"):
        services.store.actor = Actor("acc-liu", "刘老师", role, team.head_teacher)
        with pytest.raises(PermissionDenied) as refused:
            attachments.add(team.student.id, "photo.png", png())
        assert str(refused.value) == ROLE
        with pytest.raises(PermissionDenied):
            attachments.remove(kept.id)
        with pytest.raises(PermissionDenied):
            attachments.update(kept.id, {"title": "x"})
        assert [a.title for a in attachments.for_student(team.student.id)] == ["scan"]
    services.store.actor = None
    assert [a.title for a in attachments.for_student(team.student.id)] == ["scan"]


def test_another_teams_teacher_cannot_list_or_read_them(services, attachments, team,
                                                       another_child):
    theirs = attachments.add(another_child["student"].id, "癫痫诊断.pdf", pdf())
    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    assert attachments.for_student(another_child["student"].id) == []
    with pytest.raises(PermissionDenied) as refused:
        attachments.content(theirs.id)
    assert str(refused.value) == HIDDEN
    with pytest.raises(PermissionDenied):
        attachments.preview(theirs.id)
    with pytest.raises(PermissionDenied):
        attachments.add(another_child["student"].id, "more.png", png())


def test_removing_a_step_or_an_observation_and_undoing_it_keeps_their_files(
        services, attachments, team, complete_plan):
    """A consent form attached to the consent step, and a work sample attached to an
    observation: removed with their record, they stay in the file; undo links them again."""
    step = services.intake.record(team.student.id, "consent", "2026-09-01")
    form = attachments.add(team.student.id, "同意书.pdf", pdf(), kind="consent",
                           intake_record_id=step.id)
    objective = complete_plan.goals[0].objectives[0]
    seen = services.observations.log(team.student.id, objective.id, "II")
    sample = attachments.add(team.student.id, "作品.png", png(), kind="work_sample",
                             observation_id=seen.id)
    kept_step = services.intake.remove(step.id)
    kept_seen = services.observations.remove(seen.id)
    linked = {a.id: (a.intake_record_id, a.observation_id)
              for a in attachments.for_student(team.student.id)}
    assert linked == {form.id: (None, None), sample.id: (None, None)}
    services.intake.restore(kept_step)
    services.observations.restore(kept_seen)
    linked = {a.id: (a.intake_record_id, a.observation_id)
              for a in attachments.for_student(team.student.id)}
    assert linked == {form.id: (step.id, None), sample.id: (None, seen.id)}
