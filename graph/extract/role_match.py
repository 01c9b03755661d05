"""Role nominals matched to people: "the Labour leader" via role aliases, "the Vermont senator" via titles.

A role alias ("Labour’s deputy leader") is read back as (head noun, modifiers); a title in a name
("Vermont Sen. Bernie Sanders") counts as the role it abbreviates.  Place words in the nominal must
agree with the person's when several people hold the title, and a title never reaches past a more
recently mentioned person who may hold the role unannounced.
"""

from __future__ import annotations

from graph.extract import normalise as nm
from graph.extract.roles import role_signature
from graph.types import Entity, EntityType

# Abbreviated titles and the role nouns they stand for ("Sen. X" is "the senator").
TITLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "pres": "president",
                       "gen": "general", "sec": "secretary", "supt": "superintendent", "amb": "ambassador"}


def match_role(
    lemma: str, mods: set[str], proper: set[str], entities: dict[str, Entity], last_seen: dict[str, int], text: str,
    before: int,
) -> str | None:
    """The person whose role alias has this head noun and includes these modifiers (exact set preferred)."""
    best: tuple[tuple[int, int], str] | None = None
    common = {m for m in mods if m not in proper}
    for key, entity in entities.items():
        if entity.type != EntityType.PERSON:
            continue
        last = last_seen.get(key, -1)
        if last < 0 or last >= before:
            continue
        for alias in entity.aliases:
            if nm.is_name_like(alias):
                # A title is a role too: "Vermont Sen. Bernie Sanders" is "the (Vermont) senator".
                words = [w.rstrip(".").lower() for w in nm.clean_surface(alias).split(" ")]
                titled = [i for i, w in enumerate(words[:-1]) if TITLE_ABBREVIATIONS.get(w, w) == lemma]
                if titled and not common:
                    # "Vermont" before the title, in the alias or just before a mention, must agree if the phrase says it
                    place = set(words[: titled[0]]) | _words_before(entity, text)
                    score = (2 if proper <= place else 3, -last)
                    if best is None or score < best[0]:
                        best = (score, key)
                continue
            sig = role_signature(alias)
            if sig is None or sig[0] != lemma or not mods <= sig[1]:
                continue
            score = (0 if sig[1] == mods else 1, -last)
            if best is None or score < best[0]:
                best = (score, key)
    if best is not None and best[0][0] == 3 and _titled_people(lemma, entities, last_seen, before) > 1:
        return None  # "the Florida senator" among several senators, none said to be from Florida
    if best is not None and best[0][0] >= 2 and _later_person(best[1], lemma, entities, last_seen, before):
        return None  # "Gov. Jeb Bush ... Christie said ... The governor": a more recent person may hold it too
    return best[1] if best else None


def _later_person(key: str, lemma: str, entities: dict[str, Entity], last_seen: dict[str, int], before: int) -> bool:
    """Whether a person without this title was mentioned after the given one and before an offset."""
    last = last_seen.get(key, -1)
    return any(
        other != key and last < seen < before and entities[other].type == EntityType.PERSON
        and not _has_title(entities[other], lemma)
        for other, seen in last_seen.items()
    )


def _has_title(entity: Entity, lemma: str) -> bool:
    """Whether a name-like alias of a person carries a title meaning this role noun ("Sen." for senator)."""
    for alias in entity.aliases:
        words = [w.rstrip(".").lower() for w in nm.clean_surface(alias).split(" ")]
        if nm.is_name_like(alias) and any(TITLE_ABBREVIATIONS.get(w, w) == lemma for w in words[:-1]):
            return True
    return False


def _words_before(entity: Entity, text: str) -> set[str]:
    """Lower-cased words just before an entity's mentions ("Florida" in "Florida Sen. Marco Rubio")."""
    out: set[str] = set()
    for span in entity.mentions:
        out.update(w.strip(".,’'").lower() for w in text[max(0, span.start - 30) : span.start].split()[-3:])
    return out


def _titled_people(lemma: str, entities: dict[str, Entity], last_seen: dict[str, int], before: int) -> int:
    """How many people mentioned before an offset carry a title meaning this role noun."""
    return sum(
        1 for key, entity in entities.items()
        if entity.type == EntityType.PERSON and 0 <= last_seen.get(key, -1) < before and _has_title(entity, lemma)
    )
