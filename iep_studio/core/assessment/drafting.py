"""What a scored assessment says for the plan: present levels in a teacher's words, and
the objectives to work on next, grouped under a proposed long-term goal per domain.

Each ladder is read from the bottom: the highest step the child does independently is
where they stand; steps they do with help (emerging) are what to work on first; the first
step not yet done above their passes is the next one. Items scored N/A, or not scored,
say nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..vocabulary import DOMAINS
from .loading import LoadedInstrument, Placed

# A present level names at most this many behaviours of each kind per domain: a
# paragraph a parent reads, not the whole ladder.
NAMED = 3


@dataclass(frozen=True)
class Suggestion:
    placed: Placed
    why: str  # "emerging" (done with help or on some trials) or "next" (the next step)

    @property
    def objectives(self) -> list[str]:
        return self.placed.item.objectives


@dataclass
class DomainDraft:
    domain: str
    independent: list[Placed] = field(default_factory=list)  # the highest pass per ladder
    emerging: list[Placed] = field(default_factory=list)
    not_yet: list[Placed] = field(default_factory=list)  # the first not-yet above passes
    suggestions: list[Suggestion] = field(default_factory=list)

    def objective_ids(self) -> list[str]:
        """The goal-bank objectives the suggestions lead to, each once, in their order."""
        seen: list[str] = []
        for suggestion in self.suggestions:
            seen += [o for o in suggestion.objectives if o not in seen]
        return seen


def read_scores(instrument: LoadedInstrument, scores: dict) -> list[DomainDraft]:
    """Per domain with anything scored, in the instrument's order: where the child stands
    and what to suggest. `scores`: item id -> value (None for N/A) or an object with a
    `value`."""
    header = instrument.header
    drafts: dict[str, DomainDraft] = {}
    for part in instrument.domains:
        for sub in part.subdomains:
            ladder = instrument.ladder(sub)
            meanings = []
            for placed in ladder:
                value = _value(scores.get(placed.item.id, _UNSCORED))
                point = (None if value is None or value is _UNSCORED
                         else header.scale(placed.item.scale).point(value))
                meanings.append(point.means if point else None)
            if not any(meanings):
                continue
            draft = drafts.setdefault(part.domain, DomainDraft(part.domain))
            passed = [i for i, m in enumerate(meanings) if m == "independent"]
            top = passed[-1] if passed else -1
            if passed:
                draft.independent.append(ladder[top])
            for placed, meaning in zip(ladder, meanings):
                if meaning == "emerging":
                    draft.emerging.append(placed)
                    draft.suggestions.append(Suggestion(placed, "emerging"))
            following = next((i for i in range(top + 1, len(ladder))
                              if meanings[i] == "not_yet"), None)
            if following is not None:
                draft.not_yet.append(ladder[following])
                draft.suggestions.append(Suggestion(ladder[following], "next"))
    return list(drafts.values())


_UNSCORED = object()


def _value(score):
    return getattr(score, "value", score)


def present_level(draft: DomainDraft, language: str) -> str:
    """"能独立：…；…。在提示或协助下能：…。尚不能：…。" or its English, from the ladders:
    the behaviours themselves hold commas, so each is set off by a semicolon."""
    def named(placed_items: list[Placed]) -> list[str]:
        return [_phrase(p.item.behaviour.get(language), language)
                for p in placed_items[:NAMED]]

    independent, emerging, not_yet = (named(draft.independent), named(draft.emerging),
                                      named(draft.not_yet))
    if language.startswith("zh"):
        heads = ("能独立：", "在提示或协助下能：", "尚不能：")
        return "".join(head + "；".join(named_) + "。" for head, named_ in zip(
            heads, (independent, emerging, not_yet)) if named_)
    heads = ("Independently: ", "With prompts or help: ", "Not yet: ")
    return " ".join(head + "; ".join(named_) + "." for head, named_ in zip(
        heads, (independent, emerging, not_yet)) if named_)


def proposed_goal(draft: DomainDraft, language: str) -> str:
    """A long-term goal for the domain, from what the suggestions train (the teacher
    rewrites it as they see fit)."""
    label = DOMAINS.label(draft.domain, language)
    aims = [_phrase(s.placed.item.behaviour.get(language), language)
            for s in draft.suggestions[:2]]
    if language.startswith("zh"):
        return f"提高{label}能力" + (f"，能独立{'、'.join(aims)}" if aims else "") + "。"
    text = f"Improve {label.lower()}"
    if aims:
        text += ": " + " and ".join(aims) + " independently"
    return text + "."


def _phrase(behaviour: str, language: str) -> str:
    """A behaviour as part of a sentence: without its full stop, and in English with a
    small first letter."""
    text = behaviour.strip().rstrip("。.；;")
    if language.startswith("zh") or (len(text) > 1 and text[1].isupper()):  # "PE", "AAC"
        return text
    return text[:1].lower() + text[1:]
