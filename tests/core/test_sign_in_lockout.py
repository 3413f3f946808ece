"""Wrong passwords: counted on the account, slowed down after a few, locked after ten
until an administrator unlocks it. Time is moved on by the test, never waited for."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from iep_studio.core.access import PermissionDenied
from iep_studio.core.model import AuditEntry
from iep_studio.core.services import Services
from iep_studio.core.services.accounts import SignInRefused
from iep_studio.core.services.sign_in import sign_in, working_as
from iep_studio.core.store import open_store
from tests.conftest import Clock

NOT_RIGHT = ("The name or the password is not right. Check them (and the keyboard's Caps "
             "Lock) and try again.")
LOCKED = ("This account is locked after 10 wrong passwords in a row. Ask the administrator "
          "to unlock it in Settings → Accounts.")

pytestmark = pytest.mark.usefixtures("quick_hashes")  # many passwords typed


@pytest.fixture
def clock(services):
    clock = Clock()
    services.clock.moment = clock
    return clock


@pytest.fixture
def people(services):
    """An administrator and a resource teacher, each with a password."""
    admin = services.accounts.create_first("wangli", "王丽", password="secret-1")
    teacher = services.accounts.create("liu", "刘老师", "resource_teacher", "secret-2")
    return admin, teacher


def wrong(services, name="liu") -> SignInRefused:
    with pytest.raises(SignInRefused) as refused:
        services.accounts.sign_in(name, "not-the-password")
    return refused.value


def test_wrong_passwords_are_counted_even_though_the_sign_in_fails(services, people, clock):
    _, teacher = people
    wrong(services)
    wrong(services)
    assert services.accounts.get(teacher.id).failed_sign_ins == 2  # committed, not rolled back
    services.accounts.sign_in("liu", "secret-2")
    assert services.accounts.get(teacher.id).failed_sign_ins == 0  # a right one starts again


def test_each_try_after_three_wrong_ones_waits_longer_up_to_a_minute(services, people, clock):
    waits = []
    for _ in range(9):
        refused = wrong(services)
        assert str(refused) == NOT_RIGHT  # the same words as for a name that does not exist
        waits.append(refused.wait_seconds)
        clock.wait(refused.wait_seconds)
    assert waits == [0, 0, 1, 2, 4, 8, 16, 32, 60]


def test_a_try_before_the_wait_is_over_is_not_even_checked(services, people, clock):
    _, teacher = people
    for _ in range(4):
        clock.wait(wrong(services).wait_seconds)
    assert wrong(services).wait_seconds == 4  # the fifth
    clock.wait(3)
    with pytest.raises(SignInRefused) as early:  # the right password, a second too soon
        services.accounts.sign_in("liu", "secret-2")
    assert str(early.value) == "Too many wrong passwords in a row. Wait 1 s, then try again."
    assert early.value.wait_seconds == 1
    assert services.accounts.get(teacher.id).failed_sign_ins == 5  # not counted
    clock.wait(1)
    assert services.accounts.sign_in("liu", "secret-2").name == "刘老师"


def test_the_tenth_wrong_password_locks_the_account_even_for_the_right_one(
        services, people, clock):
    _, teacher = people
    for _ in range(9):
        clock.wait(wrong(services).wait_seconds)
    assert str(wrong(services)) == LOCKED
    clock.wait(24 * 3600)  # time alone does not unlock it
    with pytest.raises(SignInRefused) as refused:
        services.accounts.sign_in("liu", "secret-2")
    assert str(refused.value) == LOCKED and refused.value.wait_seconds == 0
    assert services.accounts.get(teacher.id).locked_at is not None
    # A name nobody has is told nothing more than before.
    assert str(wrong(services, "nobody")) == NOT_RIGHT


def lock(services, clock, name="liu") -> None:
    for _ in range(10):
        clock.wait(wrong(services, name).wait_seconds)


def test_an_administrator_unlocks_and_it_is_in_the_audit_log(services, people, clock):
    admin, teacher = people
    lock(services, clock)
    as_admin = sign_in(services, "wangli", "secret-1")
    as_admin.accounts.unlock(teacher.id)
    unlocked = services.accounts.get(teacher.id)
    assert (unlocked.locked_at, unlocked.failed_sign_ins) == (None, 0)
    assert services.accounts.sign_in("liu", "secret-2").name == "刘老师"
    with services.store.session() as s:
        entries = list(s.scalars(select(AuditEntry).where(
            AuditEntry.record_id == teacher.id).order_by(AuditEntry.at)))
    unlocking = [e for e in entries if e.changes.get("locked_at", [None, 1])[1] is None]
    assert [(e.actor, e.account_id) for e in unlocking] == [("王丽", admin.id)]
    assert unlocking[0].changes["failed_sign_ins"] == [10, 0]


def test_only_an_administrator_may_unlock(services, people, clock):
    _, teacher = people
    services.accounts.create("zhao", "赵老师", "resource_teacher", "secret-3")
    lock(services, clock)
    as_colleague = sign_in(services, "zhao", "secret-3")
    with pytest.raises(PermissionDenied, match="Your account's role does not allow this"):
        as_colleague.accounts.unlock(teacher.id)
    assert services.accounts.get(teacher.id).locked_at is not None


def test_a_new_password_from_the_administrator_unlocks_too(services, people, clock):
    _, teacher = people
    lock(services, clock)
    sign_in(services, "wangli", "secret-1").accounts.reset_password(teacher.id, "new-secret")
    assert services.accounts.sign_in("liu", "new-secret").name == "刘老师"


def test_signing_in_gives_new_services_and_leaves_the_gate_as_it_was(services, people):
    signed = sign_in(services, "liu", "secret-2")
    assert signed.store.actor.name == "刘老师" and signed.store.actor.role == "resource_teacher"
    assert services.store.actor is None  # the gate acts for nobody, before and after
    other = working_as(services, sign_in(services, "wangli", "secret-1").store.actor)
    assert (signed.store.actor.name, other.store.actor.name) == ("刘老师", "王丽")


def test_an_upgraded_0005_database_starts_every_account_unlocked(tmp_path):
    fixture = Path(__file__).parents[1] / "migrations" / "fixtures" / "schema_0005.sqlite"
    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(fixture, database)
    store = open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    try:
        with sqlite3.connect(database) as connection:
            rows = connection.execute(
                "SELECT username, failed_sign_ins, last_failed_sign_in, locked_at "
                "FROM account").fetchall()
        assert rows == [("wangli", 0, None, None)]
        services = Services(store)
        services.clock.moment = Clock()
        assert wrong(services, "wangli").wait_seconds == 0
        assert services.accounts.sign_in("wangli", "secret-1").role == "administrator"
    finally:
        store.dispose()


def test_the_last_administrator_is_kept_waiting_but_never_locked_out(services, people, clock):
    admin, _ = people
    for _ in range(12):
        refused = wrong(services, "wangli")
        clock.wait(refused.wait_seconds)
    assert str(refused) == NOT_RIGHT and refused.wait_seconds == 60
    assert services.accounts.get(admin.id).locked_at is None
    assert services.accounts.sign_in("wangli", "secret-1").role == "administrator"
    # With a second administrator, the first can be locked: the other unlocks.
    services.accounts.create("chen", "陈校长", "administrator", "secret-4")
    lock(services, clock, "wangli")
    assert services.accounts.get(admin.id).locked_at is not None
