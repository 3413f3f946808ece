"""Who is at the keyboard, what their role lets them change, and whose files they see."""
from .rules import (
    ADMINISTRATOR, READ_ONLY, RESOURCE_TEACHER, TEAM_MEMBER, Actor, PermissionDenied,
)

__all__ = ["ADMINISTRATOR", "READ_ONLY", "RESOURCE_TEACHER", "TEAM_MEMBER", "Actor",
           "PermissionDenied"]
