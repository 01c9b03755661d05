"""Cross-document entity linking: map each document's entities onto the store's existing ones.

One entity per real-world referent across documents: a new document's "Starmer" joins the stored
"Keir Starmer". The registry is loaded once per ingest run and kept up to date as documents are
written, so linking stays linear in the number of entities.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from graph.extract.normalise import canonical_name, same_referent
from graph.rdf import iris
from graph.rdf.mapping import ENTITY_CLASSES, RdfTriple
from graph.rdf.vocab import SDO
from graph.store.base import Store
from graph.types import Entity, EntityType

ENTITIES_QUERY = """
PREFIX schema: <https://schema.org/>
SELECT ?entity ?name ?type (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases) WHERE {
  ?entity schema:name ?name .
  OPTIONAL { ?entity a ?type }
  OPTIONAL { ?entity schema:alternateName ?alias }
  FILTER(STRSTARTS(STR(?entity), "https://w3id.org/claimgraph/id/entity/"))
} GROUP BY ?entity ?name ?type
"""

# stored class IRI -> entity type: the inverse of the mapping's ENTITY_CLASSES (schema:Thing stays OTHER)
_TYPES_BY_CLASS = {str(cls): kind for kind, cls in ENTITY_CLASSES.items() if kind is not EntityType.OTHER}


@dataclass(slots=True)
class KnownEntity:
    """An entity as stored: IRI, canonical name, type and aliases."""

    iri: URIRef
    name: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Linking:
    """The result of linking one document's entities: key -> IRI, and name changes to apply."""

    iris: dict[str, URIRef]
    default_deletes: tuple[RdfTriple, ...]
    renamed: dict[str, str]  # entity key -> canonical name now stored (when the store's is fuller)


_WORD = re.compile(r"[^\W\d_]{3,}")
# lower-case particles that begin real names ("de Blasio", "al-Assad", "van Gogh")
_NAME_PARTICLES = frozenset({"al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "la", "le", "ten", "ter", "van", "von"})
_NOT_NAME = frozenset({"the", "sir", "mr", "mrs", "ms", "dr", "and", "of", "for", "lord", "lady", "dame"})


def match_keys(name: str, aliases: Iterable[str]) -> set[str]:
    """Blocking keys for candidate lookup: per name word its 4-letter prefix and its sorted letters.

    The prefix survives a dropped or doubled letter ("Leadbeatter"), the sorted letters a swap ("Kier");
    ``same_referent`` then decides, so keys only need to be generous.
    """
    keys: set[str] = set()
    for text in (name, *aliases):
        keys.add("n:" + " ".join(text.lower().split()))  # the whole name: short ones ("UK") have no word keys
        for word in _WORD.findall(text.lower()):
            if word not in _NOT_NAME:
                keys.add("p:" + word[:4])
                keys.add("s:" + "".join(sorted(word)))
    return keys


def is_description(name: str) -> bool:
    """Whether an entity is named only by a description ("senior Labour official", "five Muslim organisations").

    Two documents' "senior Labour official" are not known to be one person, so such entities are never
    linked across documents: each document keeps its own.
    """
    first = name.split(maxsplit=1)[0] if name.strip() else ""
    head = re.split(r"[-\u2010\u2011']", first, maxsplit=1)[0]
    return bool(first) and first[0].islower() and head not in _NAME_PARTICLES


class EntityRegistry:
    """The store's entities indexed by match keys, for linking documents one after another."""

    def __init__(self, known: Iterable[KnownEntity] = ()) -> None:
        self.by_iri: dict[URIRef, KnownEntity] = {}
        self.index: dict[str, set[URIRef]] = defaultdict(set)
        for entity in known:
            self._remember(entity)

    @classmethod
    def load(cls, store: Store) -> EntityRegistry:
        """Read every stored entity once."""
        merged: dict[URIRef, KnownEntity] = {}
        for row in store.query(ENTITIES_QUERY):
            iri, name, cls_iri, aliases = row
            entity = merged.get(iri)
            kind = _TYPES_BY_CLASS.get(str(cls_iri), EntityType.OTHER) if cls_iri is not None else EntityType.OTHER
            if entity is None:
                entity = merged[iri] = KnownEntity(URIRef(iri), str(name), kind)
            elif kind is not EntityType.OTHER:
                entity.type = kind
            if aliases:
                entity.aliases.update(a for a in str(aliases).split("\x1f") if a)
        return cls(merged.values())

    def _remember(self, entity: KnownEntity) -> None:
        """Index an entity for later documents (descriptions stay with their own document)."""
        if is_description(entity.name):
            return
        self.by_iri[entity.iri] = entity
        for key in match_keys(entity.name, entity.aliases):
            self.index[key].add(entity.iri)

    def _candidates(self, entity: Entity) -> list[KnownEntity]:
        seen: set[URIRef] = set()
        for key in match_keys(entity.name, entity.aliases):
            seen.update(self.index.get(key, ()))
        return [self.by_iri[i] for i in sorted(seen)]

    def link(self, entities: Iterable[Entity], document: str | None = None) -> Linking:
        """Link a document's entities to stored ones (or new IRIs), updating the registry.

        Entities named only by a description get an IRI of their own within ``document`` and are never
        offered to other documents (see :func:`is_description`).
        """
        out: dict[str, URIRef] = {}
        deletes: list[RdfTriple] = []
        matched: dict[str, tuple[str, KnownEntity]] = {}
        for entity in entities:
            if document is not None and is_description(entity.name):
                out[entity.key] = iris.entity_iri(f"{entity.key}@{document}")
                continue
            match = next(
                (
                    known
                    for known in self._candidates(entity)
                    if same_referent(
                        entity.name, entity.aliases, entity.type, known.name, tuple(known.aliases), known.type
                    )
                ),
                None,
            )
            if match is None:
                match = KnownEntity(iris.entity_iri(entity.key), entity.name, entity.type, set(entity.aliases))
                if match.iri in self.by_iri:  # same key, different referent: keep IRIs apart
                    match.iri = iris.entity_iri(f"{entity.key}-{len(self.by_iri)}")
            else:
                best = canonical_name([match.name, entity.name])
                if best != match.name:
                    deletes.append((match.iri, SDO.name, Literal(match.name)))
                    match.aliases.add(match.name)
                    match.name = best
                match.aliases.update(entity.aliases)
                if match.type is EntityType.OTHER:
                    match.type = entity.type
            self._remember(match)
            out[entity.key] = match.iri
            matched[entity.key] = (entity.name, match)
        renamed = {key: known.name for key, (name, known) in matched.items() if known.name != name}
        return Linking(out, tuple(deletes), renamed)
