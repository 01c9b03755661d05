"""Who gives a label: a naming verb in the passive names no speaker unless a "by" phrase does.

"A group called “We The People”", "the plan has been dubbed “Obamacare”", "what is called “debate”":
the noun before the verb is the thing named, not the one naming it, so such a claim keeps its cue and
content but has no source (its speaker is unknown), while "was dubbed “X” by critics" keeps the agent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from graph.extract import cues
from graph.extract.attributions import Found, is_passive

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAMING_VERBS = cues.PREDICATIVE_VERBS - {"praise", "hail", "denounce", "condemn", "compare", "liken"}


def _passive_namer(verb: Token) -> bool:
    """True for a naming verb used passively with no agent: "is called", "being dubbed", "a group called"."""
    if cues.lemma_of(verb) not in NAMING_VERBS or any(c.dep_ == "agent" for c in verb.children):
        return False
    if is_passive(verb):
        return True
    # a bare past participle modifying the named noun ("a group called “X”"), or "being"/"been" + participle
    return verb.tag_ == "VBN" and (verb.dep_ == "acl" or any(c.lower_ in ("being", "been") for c in verb.lefts))


def unnamed_namers(doc: Doc, found: Iterable[Found]) -> None:
    """Clear the source of every naming claim whose verb is passive without an agent (see the module)."""
    for f in found:
        if f.cue_token is not None and f.source is not None and _passive_namer(doc[f.cue_token]):
            f.source = f.resolve = None
