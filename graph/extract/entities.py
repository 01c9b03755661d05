"""Entity linking within one document: named mentions -> one Entity per referent with all its aliases.

Takes the repaired name mentions from :mod:`graph.extract.names`, merges surface forms that denote
the same referent (aliases, typos, acronyms, surnames; "Clinton" goes to the most recent Clinton),
records role descriptions ("Labour leader") as aliases, then hands over to
:mod:`graph.extract.anaphora` for pronouns and nominals.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.extract import normalise as nm
from graph.extract.names import SWAPPABLE, RawName, acronym_links, raw_names, without_titles
from graph.extract.roles import name_gender
from graph.types import Entity, EntityType, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

_QUOTE_OPEN, _QUOTE_CLOSE = "“", "”"
_QUOTE_CHARS = re.compile('[“”"\n]')
# Head words of organisation names too generic to stand for the whole name on their own.
_GENERIC_ORG_WORDS = frozenset(
    {"network", "centre", "center", "academy", "council", "committee", "association", "institute", "university",
     "organisation", "organization", "foundation", "trust", "union", "department", "ministry", "agency", "news",
     "times", "post", "campaign", "movement", "alliance", "school", "college", "society", "club", "league",
     "house", "state", "states", "office", "court", "bank", "group", "service", "board", "commission", "church"}
)


@dataclass(frozen=True, slots=True)
class EntityTable:
    """The entities of one document and every mention of them, indexed by offset for fast lookups."""

    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()  # sorted by (start, -end)
    quoted: tuple[tuple[int, int], ...] = ()  # character ranges inside quotation marks
    text: str = field(default="", repr=False, compare=False)  # the document text, read once from the Doc
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, Entity] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Sort mentions and build the offset and key indexes."""
        ordered = tuple(sorted(self.mentions, key=lambda m: (m.span.start, -m.span.end)))
        object.__setattr__(self, "mentions", ordered)
        object.__setattr__(self, "_starts", tuple(m.span.start for m in ordered))
        object.__setattr__(self, "_by_key", {e.key: e for e in self.entities})

    def entity(self, key: str | None) -> Entity | None:
        """The entity with this key, or None."""
        return self._by_key.get(key) if key else None

    def mentions_within(self, start: int, end: int) -> list[Mention]:
        """Mentions lying entirely inside ``[start, end)``, in text order."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.span.end <= end]

    def mentions_overlapping(self, start: int, end: int, *, max_len: int = 400) -> list[Mention]:
        """Mentions that share at least one character with ``[start, end)``."""
        lo = bisect_left(self._starts, start - max_len)
        hi = bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.span.end > start]

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The resolved mention with exactly this span, if any."""
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, start)
        for mention in self.mentions[lo:hi]:
            if mention.span.end == end and mention.entity:
                return mention
        return None

    def entity_at(self, start: int, end: int) -> str | None:
        """Key of the entity best matching a character span: exact mention, else the widest mention inside it.

        Possessors ("Labour’s" in "Labour’s deputy leader") lose to the phrase they modify; a mention
        that begins the span wins over later ones of the same width.
        """
        if end <= start:
            return None
        exact = self.mention_at(start, end)
        if exact:
            return exact.entity
        core = nm.match_key(self._text_of(start, end), person=False)
        for mention in self.mentions_overlapping(start, end):
            covers = mention.span.start <= start and mention.span.end >= end
            if covers and mention.entity and nm.match_key(mention.span.text, person=False) == core:
                return mention.entity  # "Labour leader" inside "The Labour leader’s"
        inside = [m for m in self.mentions_within(start, end) if m.entity]
        if not inside:
            around = [m for m in self.mentions_overlapping(start, end) if m.entity]
            around = [m for m in around if m.span.start <= start and m.span.end >= end]
            return min(around, key=lambda m: m.span.end - m.span.start).entity if around else None

        def score(m: Mention) -> tuple[int, int, int]:
            """Non-possessive first, then wider, then earlier."""
            possessive = m.span.text.endswith(("’s", "'s", "’", "'"))
            return (0 if possessive else 1, m.span.end - m.span.start, -m.span.start)

        return max(inside, key=score).entity

    def _text_of(self, start: int, end: int) -> str:
        """Document text of a range (from the kept text, else rebuilt from a mention covering it)."""
        if self.text:
            return self.text[start:end]
        for mention in self.mentions_overlapping(start, end):
            if mention.span.start <= start and mention.span.end >= end:
                return mention.span.text[start - mention.span.start : end - mention.span.start]
        return ""

    def quoted_at(self, offset: int) -> bool:
        """True when a character offset lies inside quotation marks (ranges are sorted and disjoint)."""
        i = bisect_right(self.quoted, (offset, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]


def link_entities(doc: Doc) -> EntityTable:
    """Link every name, role description, pronoun and nominal in a parsed document to its entity."""
    from graph.extract.anaphora import resolve_references

    return resolve_references(doc, link_names(doc))


def quoted_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges enclosed by double quotation marks (curly pairs, or alternating straight quotes).

    A quote still open at a line break ends there: a curly one is a multi-paragraph quotation (its
    paragraph is quoted), an unbalanced straight one is dropped.
    """
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _QUOTE_CHARS.finditer(text):
        i, ch = match.start(), match.group()
        if ch == "\n" and open_at is not None:
            if text[open_at] == _QUOTE_OPEN:
                ranges.append((open_at, i))
            open_at = None
        elif ch == _QUOTE_OPEN:
            open_at = i
        elif ch == _QUOTE_CLOSE and open_at is not None:
            ranges.append((open_at, i + 1))
            open_at = None
        elif ch == '"':
            if open_at is None:
                open_at = i
            else:
                ranges.append((open_at, i + 1))
                open_at = None
    return tuple(ranges)


def link_names(doc: Doc) -> EntityTable:
    """Named entities only (with role aliases and appositive phrases), before pronoun/nominal resolution."""
    text = doc.user_data.get("claimgraph.text") or doc.text  # the original when a normalised copy was parsed
    raws = raw_names(doc, text)
    nodes, node_of = _name_nodes(raws)
    parent = list(range(len(nodes)))

    def find(i: int) -> int:
        """Union-find root of a name node."""
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        """Merge the clusters of two name nodes."""
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    multi = [i for i, n in enumerate(nodes) if len(n.words) > 1]
    single = [i for i, n in enumerate(nodes) if len(n.words) == 1]
    # Names can only match when they share a word's first letter (typos keep it) or an acronym's
    # initials, so candidates come from a small index instead of all pairs.
    multi_by_letter: dict[str, list[int]] = defaultdict(list)
    for i in multi:
        for letter in _letters(nodes[i].words):
            multi_by_letter[letter].append(i)
        multi_by_letter["#" + nm.initials(nodes[i].words)].append(i)
    for i in multi:
        for j in sorted({j for letter in _letters(nodes[i].words) for j in multi_by_letter[letter] if j > i}):
            if _nodes_match(nodes[i], nodes[j]):
                union(i, j)
    for a, b in acronym_links(text, raws):
        union(node_of[a], node_of[b])
    # Single words: join the only compatible full name; ambiguous ones are decided per mention below.
    ambiguous: dict[int, list[int]] = {}
    for i in single:
        word = nodes[i].words[0]
        pool = {j for letter in _letters((word,)) for j in multi_by_letter[letter]} | set(multi_by_letter["#" + word])
        roots = sorted({find(j) for j in pool if _nodes_match(nodes[i], nodes[j])})
        if len(roots) == 1:
            union(i, roots[0])
        elif len(roots) > 1:
            ambiguous[i] = roots
    single_by_letter: dict[str, list[int]] = defaultdict(list)
    for i in single:
        if i not in ambiguous:
            for letter in _letters(nodes[i].words):
                single_by_letter[letter].append(i)
    for group in single_by_letter.values():
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                if find(i) != find(j) and _nodes_match(nodes[i], nodes[j]):
                    union(i, j)

    # An ambiguous "Clinton" goes to the Clinton mentioned most recently before it, else the most mentioned.
    total = Counter(find(raw.node) for raw in raws if raw.node not in ambiguous)
    cluster_of: list[int] = []
    last_seen: dict[int, int] = {}
    seen_count: Counter[int] = Counter()
    for raw in raws:
        node = raw.node
        if node in ambiguous:
            roots = [find(r) for r in ambiguous[node]]
            cluster = max(roots, key=lambda r: (last_seen.get(r, -1), seen_count[r], total[r]))
        else:
            cluster = find(node)
        cluster_of.append(cluster)
        last_seen[cluster] = raw.start
        seen_count[cluster] += 1

    members: dict[int, list[RawName]] = defaultdict(list)
    for raw, cluster in zip(raws, cluster_of, strict=True):
        members[cluster].append(raw)
    roles = _role_phrases(doc, raws, cluster_of)

    entities: list[Entity] = []
    mentions: list[Mention] = []
    used_keys: set[str] = set()
    for cluster, group in sorted(members.items(), key=lambda kv: kv[1][0].start):
        etype = _cluster_type(_weighted_votes(group))
        forms = [r.text for r in group]
        if etype == EntityType.PERSON:  # "Prime Minister Boris Johnson" is named "Boris Johnson"
            forms = [without_titles(f) for f in forms]
        if etype == EntityType.GROUP:  # "Muslims", not the adjective "Muslim"
            forms = [f for f in forms if nm.strip_possessive(f).endswith("s")] or forms
        name = nm.canonical_name(forms)
        key = _unique_key(nm.name_key(name), used_keys)
        extra = roles.get(cluster, [])
        aliases = _dedupe([r.text for r in group] + [alias for alias, _, _ in extra])
        spans = [Span.of(text, r.start, r.end) for r in group]
        phrase_spans = [Span.of(text, s, e) for _, s, e in extra if e > s]
        entities.append(Entity(key, name, etype, tuple(aliases), tuple(sorted(set(spans + phrase_spans)))))
        mentions.extend(Mention(s, key) for s in set(spans + phrase_spans))
    return EntityTable(tuple(entities), tuple(mentions), quoted_ranges(text), text)


def _letters(words: Iterable[str]) -> set[str]:
    """First letters under which a name is indexed (a nickname also under its formal name's letter)."""
    out = set()
    for word in words:
        out.add(word[0])
        if word in nm.NICKNAMES:
            out.add(nm.NICKNAMES[word][0])
    return out


def _dedupe(items: Iterable[str]) -> list[str]:
    """Cleaned surface forms in first-seen order, without duplicates or empties."""
    out: list[str] = []
    for item in items:
        form = nm.clean_surface(item)
        if form and form not in out:
            out.append(form)
    return out


def _unique_key(base: str, used: set[str]) -> str:
    """A slug not used yet in this document ("labour", "labour-2", ...)."""
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    used.add(key)
    return key


def _weighted_votes(group: list[RawName]) -> Counter[EntityType]:
    """NER type votes of a cluster; full names, titles and known given names count for more than lone words.

    The small model often calls a bare "Sanders" ORG while "Sen. Bernie Sanders" is clearly a person.
    """
    votes: Counter[EntityType] = Counter()
    full_person = any(raw.type == EntityType.PERSON and len(raw.words) > 1 for raw in group)
    for raw in group:
        if full_person and raw.type == EntityType.PLACE:
            continue  # "Kasich" tagged as a place beside "John Kasich"
        votes[raw.type] += len(raw.words)
        if raw.type in SWAPPABLE and (nm.title_gender(raw.text) or name_gender(raw.text) or _titled(raw.text)):
            votes[EntityType.PERSON] += 3
    return votes


def _titled(surface: str) -> bool:
    """Whether a name starts with a personal title ("Sen. Bernie Sanders", "Dr Jill Biden")."""
    first = surface.split(maxsplit=1)[0].rstrip(".").lower() if surface.strip() else ""
    return first in nm.TITLES and len(surface.split()) > 1


def _cluster_type(votes: Counter[EntityType]) -> EntityType:
    """Majority NER type of a cluster; an organisation beats a group (a party named by its members)."""
    if not votes:
        return EntityType.OTHER
    if EntityType.ORGANIZATION in votes and EntityType.GROUP in votes:
        return EntityType.ORGANIZATION
    return votes.most_common(1)[0][0]


def _name_nodes(raws: list[RawName]) -> tuple[list[RawName], dict[int, int]]:
    """Distinct names (by match key) with a voted type; assigns ``raw.node`` and maps raw index -> node."""
    by_words: dict[tuple[str, ...], int] = {}
    nodes: list[RawName] = []
    votes: list[Counter[EntityType]] = []
    node_of: dict[int, int] = {}
    for idx, raw in enumerate(raws):
        node = by_words.get(raw.words)
        if node is None:
            node = by_words[raw.words] = len(nodes)
            nodes.append(RawName(raw.start, raw.end, raw.text, raw.type, raw.head, raw.words))
            votes.append(Counter())
        votes[node][raw.type] += 1
        nodes[node].locative = nodes[node].locative or raw.locative
        raw.node = node
        node_of[idx] = node
    for node, vote in zip(nodes, votes, strict=True):
        node.type = _cluster_type(vote)
    return nodes, node_of


def _nodes_match(a: RawName, b: RawName) -> bool:
    """Whether two distinct names can denote one referent, tolerating PERSON/ORG confusion on single words."""
    if a.type == b.type == EntityType.ORGANIZATION and (len(a.words) == 1) != (len(b.words) == 1):
        short, long_ = (a, b) if len(a.words) == 1 else (b, a)
        if short.words[0] == long_.words[-1] and short.words[0] not in nm.ORG_SUFFIXES | _GENERIC_ORG_WORDS:
            return True
    if a.type == b.type or nm.types_compatible(a.type, b.type):
        rule = a.type if a.type != EntityType.OTHER else b.type
        if rule == EntityType.GROUP:
            rule = EntityType.ORGANIZATION
        return nm.names_match(a.text, b.text, rule)
    if _surname_as_place(a, b) or _surname_as_place(b, a):
        return True
    if {a.type, b.type} <= SWAPPABLE and (len(a.words) == 1 or len(b.words) == 1):
        person = a if a.type == EntityType.PERSON else b
        other = b if person is a else a
        if len(person.words) > 1:
            return nm.names_match(other.text, person.text, EntityType.PERSON)
        return len(other.words) == 1 and nm.close_spelling(other.words[0], person.words[0])
    return False


def _surname_as_place(place: RawName, person: RawName) -> bool:
    """A lone "Kasich" the model calls a place, beside "John Kasich": never after "in"/"at", so the person."""
    return (
        place.type == EntityType.PLACE
        and person.type == EntityType.PERSON
        and len(place.words) == 1
        and len(person.words) > 1
        and not place.locative
        and place.words[0] == person.words[-1]
    )


def _role_phrases(doc: Doc, raws: list[RawName], cluster_of: list[int]) -> dict[int, list[tuple[str, int, int]]]:
    """Role descriptions attached to person names, as (alias, phrase start, phrase end) per cluster.

    Two shapes: a pre-modifier ("Labour leader Keir Starmer") and an appositive on either side
    ("Labour’s deputy leader, Angela Rayner"; "Kim Leadbeater, the Labour candidate,").  The whole
    phrase becomes a mention of the person, the role alone becomes an alias.
    """
    from graph.extract.roles import role_np

    out: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for raw, cluster in zip(raws, cluster_of, strict=True):
        if raw.type != EntityType.PERSON:
            continue
        first = doc.char_span(raw.start, raw.end, alignment_mode="expand")
        if first is None:
            continue
        found = role_np(doc, first.start, first.end)
        if found is None:
            continue
        role_start, role_end, aliases = found
        phrase_start = min(role_start, raw.start)
        phrase_end = max(role_end, raw.end)
        for alias in aliases:
            out[cluster].append((alias, phrase_start, phrase_end))
        written = doc.char_span(role_start, role_end, alignment_mode="expand")
        if written is not None:
            tokens = [t for t in written if t.dep_ != "det"]
            if tokens:  # the role itself ("Labour’s deputy leader") also refers to the person
                out[cluster].append(("", tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    return out
