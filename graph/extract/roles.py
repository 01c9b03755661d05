"""Role descriptions of people ("Labour’s deputy leader", "the Labour leader") and the word lists behind them.

Finds the role phrase attached to a person name (pre-modifier or appositive) so it can become an
alias, and reads a role alias back as (head noun, modifiers) so "the Labour leader" can later be
matched to the person described that way.  Also holds the small noun lexicons used by coreference.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from graph.extract import normalise as nm

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Nouns for people in a role; a "the <role>" phrase is resolved through role aliases.
ROLE_NOUNS = frozenset(
    """leader deputy chairman chairwoman chair chairperson president vice-president minister secretary
    chancellor candidate nominee mp mep senator congressman congresswoman representative governor mayor
    spokesman spokeswoman spokesperson director chief head founder ceo executive official strategist adviser
    advisor aide campaigner activist member councillor judge lawyer attorney commissioner ambassador
    general commander editor reporter correspondent journalist columnist author professor researcher
    economist analyst expert rival opponent challenger incumbent politician lawmaker premier prime
    treasurer whip speaker owner boss manager coach captain secretary-general frontrunner front-runner
    businessman businesswoman billionaire pastor imam rabbi bishop priest""".split()
)
# Collective nouns that name an organisation anaphorically ("the group said").
COLLECTIVE_NOUNS = frozenset(
    """group organisation organization network party body campaign charity company firm union association
    movement coalition alliance committee team outlet newspaper paper agency department ministry council
    government administration institute foundation trust society club federation league""".split()
)
# Plural or human nouns that can introduce an unnamed speaker referred back to later ("the organisations").
HUMAN_NOUNS = (
    ROLE_NOUNS
    | COLLECTIVE_NOUNS
    | frozenset(
        """person people man men woman women voter resident citizen protester demonstrator supporter critic
        worker student parent family community activist campaigner member official source insider organiser
        organizer volunteer victim witness survivor officer soldier doctor nurse teacher mother father
        son daughter wife husband friend neighbour neighbor employee staffer agent investigator prosecutor
        detective policeman guard driver farmer customer client patient fan player athlete artist writer actor
        singer child kid boy girl teenager adult veteran immigrant refugee migrant taxpayer consumer employer
        entrepreneur scientist physician surgeon juror delegate superdelegate donor lobbyist pollster
        consultant operative protestor attendee participant respondent""".split()
    )
)
# Communicative artefacts whose author is the speaker ("The letter went on to say").
ARTEFACT_NOUNS = frozenset(
    """letter statement report survey poll study article post tweet email e-mail memo note release
    petition speech interview paper document briefing claim message video op-ed editorial""".split()
)
AUTHOR_VERBS = frozenset({"write", "publish", "sign", "send", "issue", "release", "commission", "conduct", "post"})


@lru_cache(maxsize=16384)
def role_signature(alias: str) -> tuple[str, frozenset[str]] | None:
    """(head, modifiers) of a role alias ("Labour’s deputy leader" -> ("leader", {"labour", "deputy"}))."""
    words: list[str] = []
    for word in nm.clean_surface(alias).split(" "):
        bare = nm.strip_possessive(word).lower()
        if bare in ("in", "of", "for", "at", "from", "on", "to", "with", "and"):
            break
        if bare and bare not in ("the", "a", "an"):
            words.append(bare)
    if len(words) == 0 or words[-1].rstrip("s") not in ROLE_NOUNS and words[-1] not in ROLE_NOUNS:
        return None
    return words[-1], frozenset(words[:-1])


_ROLE_LEFT_DEPS = frozenset({"compound", "amod", "poss", "case", "det", "nummod", "advmod", "nmod", "cc", "conj"})


def role_np(doc: Doc, start: int, end: int) -> tuple[int, int, list[str]] | None:
    """A role description attached to the person name at tokens [start, end): (phrase start, end char, aliases).

    Pre-modifiers ("Labour leader Keir Starmer"), or an appositive before/after the name found by
    the parse or by the pattern "<role noun>, <Name>".
    """
    name_head = doc[start:end].root
    # Pre-modifier run: tokens immediately left of the name that attach into the phrase.
    i = start - 1
    while i >= 0 and doc[i].dep_ in ("compound", "amod", "nmod", "poss", "case", "nummod") and start - 1 - i < 5:
        if not (i < doc[i].head.i < end):
            break
        if doc[i].tag_ in ("NN", "NNS") and doc[i].head.tag_ in ("NNP", "NNPS") and doc[i].head.i < start - 1:
            break  # "the allegation Labour’s deputy leader": "allegation" is not part of the role
        i -= 1
    before = doc[start - 1] if start > 0 else None
    common_noun = before is not None and before.tag_ in ("NN", "NNS") and before.text[:1].islower()
    if i + 1 < start and before is not None and (common_noun or before.lower_ in ROLE_NOUNS | {"ceo"}):
        role = doc[i + 1 : start]
        return role.start_char, role.end_char, _role_aliases(role)
    # Appositive found by the parse.
    role_head: Token | None = None
    if name_head.dep_ == "appos" and name_head.head.tag_ in ("NN", "NNS") and name_head.head.i < start:
        role_head = name_head.head
    else:
        for child in name_head.rights:
            if child.dep_ == "appos" and child.tag_ in ("NN", "NNS", "NNP") and child.lower_ in ROLE_NOUNS | {"mp"}:
                role_head = child
                break
    # Surface pattern "<role noun>, <Name>".
    if role_head is None and start >= 2 and doc[start - 1].text == "," and doc[start - 2].lemma_.lower() in ROLE_NOUNS:
        if doc[start - 2].n_lefts:  # "Labour’s deputy leader, Angela Rayner" but not "... president, Mrs. Clinton said"
            role_head = doc[start - 2]
    if role_head is None or role_head.lemma_.lower() not in ROLE_NOUNS:
        return None
    left = role_head.i
    while left > 0 and doc[left - 1].dep_ in _ROLE_LEFT_DEPS and doc[left - 1].i >= role_head.left_edge.i:
        if doc[left - 1].tag_ in ("NN", "NNS") and doc[left - 1].head.tag_ in ("NNP", "NNPS"):
            break
        left -= 1
    if role_head.i > end:  # "Name, the former Labour and Respect MP," keeps its whole modifier run
        left = max(role_head.left_edge.i, end)
    right = role_head.i + 1
    if role_head.i > end:
        right = role_head.i + 1
        for child in role_head.rights:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") or child.right_edge.i - role_head.i > 6:
                break
            right = child.right_edge.i + 1
    elif role_head.i < start:
        for child in role_head.rights:
            if child.dep_ == "prep" and child.i < start:
                right = max(right, child.right_edge.i + 1)
    role = doc[left:right]
    return role.start_char, role.end_char, _role_aliases(role, role_head)


def _role_aliases(role: Span, head: Token | None = None) -> list[str]:
    """Alias forms of a role phrase: as written without a leading article, and the bare role noun phrase."""
    tokens = []
    for t in role:
        if t.text in ("(", "[", ";", "—", "–"):
            break  # "High Commissioner for Refugees (UNHCR)": the bracket is not part of the role
        if not t.is_punct or t.text in "’'-":
            tokens.append(t)
    while tokens and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    if not tokens:
        return []
    doc = role.doc
    full = doc[tokens[0].i : tokens[-1].i + 1].text
    aliases = [full]
    if head is None:
        heads = [t for t in tokens if t.lemma_.lower() in ROLE_NOUNS]
        head = heads[-1] if heads else None
    if head is not None:
        left = head.i
        while left > tokens[0].i and doc[left - 1].dep_ in ("compound", "amod", "nmod"):
            left -= 1
        bare = doc[left : head.i + 1].text
        if bare not in aliases:
            aliases.append(bare)
    return aliases


# Common given names with a clear gender, as weak evidence for he/she agreement (titles and
# pronouns already linked in the text take precedence).  Deliberately small and unambiguous.
MALE_NAMES = frozenset(
    """aaron adam alan albert alex alexander andrew anthony barack ben benjamin bernard bernie bill bob
    boris brian bruce carl charles chris christopher chuck dan daniel david dennis donald douglas ed edward
    elijah eric frank fred gary george gordon greg gregory harry henry ian jack jacob james jason jeb jeff
    jeffrey jeremy jerry jim jimmy joe john johnny jonathan joseph josh joshua juan justin keir keith ken
    kevin larry liam lindsey marco mark martin matt matthew michael mike mitch mohammed muhammad nathan
    neil nick nicholas nigel oliver patrick paul peter philip ralph richard rick rishi rob robert roger
    ron ronald rudy sadiq sam samuel scott sean stephen steve steven ted thomas tim timothy tom tony vladimir
    walter william""".split()
)
FEMALE_NAMES = frozenset(
    """alexandria alice amanda amy andrea angela ann anna anne barbara betsy betty carly carol caroline
    catherine christine claire condoleezza debbie deborah diane donna elizabeth ellen emily emma gina hannah
    heather helen hillary ilhan jacqueline jane janet jennifer jessica jill joan joanna judith julia julie
    karen kate katherine kathleen kathy kelly kim kimberly laura linda lisa liz margaret maria marie mary
    melania michelle nancy natalie nicola nikki olivia pamela patricia priti rachel rebecca ruth sarah
    sharon sophie stephanie susan suzanne theresa tulsi valerie victoria yvette""".split()
)


def name_gender(name: str) -> str | None:
    """'m' or 'f' from a person's title or a common given name ("Angela Rayner" -> 'f'), else None."""
    gender = nm.title_gender(name)
    if gender:
        return gender
    words = nm.name_tokens(name)
    if len(words) < 2:
        return None
    if words[0] in MALE_NAMES:
        return "m"
    return "f" if words[0] in FEMALE_NAMES else None
