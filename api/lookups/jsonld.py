"""JSON-LD views of the lookup dicts, in the store's own vocabulary, so rdflib parses them into the stored triples."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from graph.rdf.mapping import KIND_TERMS
from graph.rdf.vocab import PREFIXES
from graph.types import ClaimKind

JSON_LD = "application/ld+json"
CONTEXT: dict[str, str] = {k: str(v) for k, v in PREFIXES.items() if k not in ("id", "rel")}
CG_TYPES = {"Group"}  # entity types in the claimgraph vocabulary; the rest are schema.org classes


def _int(value: int) -> dict[str, Any]:
    """A typed non-negative integer literal."""
    return {"@value": value, "@type": "xsd:nonNegativeInteger"}


def span_node(doc_iri: str, span: dict[str, Any], entity: str | None = None) -> dict[str, Any]:
    """A NIF offset span node, ``<doc#char=start,end>``."""
    node: dict[str, Any] = {
        "@id": f"{doc_iri}#char={span['start']},{span['end']}",
        "nif:beginIndex": _int(span["start"]),
        "nif:endIndex": _int(span["end"]),
        "nif:anchorOf": span["text"],
    }
    if entity:
        node["itsrdf:taIdentRef"] = {"@id": entity}
    return node


def claim_node(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim dict as a ``schema:Claim`` node with its spans."""
    doc = claim["document"]["iri"]
    confidence = Decimal(str(claim["confidence"])).normalize()
    node: dict[str, Any] = {
        "@id": claim["iri"],
        "@type": "schema:Claim",
        "schema:text": claim["content"]["text"],
        "cg:kind": {"@id": str(KIND_TERMS[ClaimKind(claim["kind"])])},
        "cg:confidence": {"@value": format(confidence, "f"), "@type": "xsd:decimal"},
        "prov:wasDerivedFrom": {"@id": doc},
        "cg:content": [span_node(doc, s) for s in claim["content"]["spans"]],
    }
    if claim["cue"]:
        node["cg:cue"] = span_node(doc, claim["cue"])
        node["cg:cueText"] = claim["cue"]["text"].lower()
    speaker = claim["speaker"]
    if speaker and speaker["mention"]:
        entity = speaker["entity"]["iri"] if speaker["entity"] else None
        node["cg:speakerMention"] = span_node(doc, speaker["mention"], entity)
        node["cg:speakerText"] = speaker["mention"]["text"]
    if speaker and speaker["entity"]:
        node["schema:author"] = {"@id": speaker["entity"]["iri"]}
    if claim["about"]:
        node["schema:about"] = [{"@id": a["iri"]} for a in claim["about"]]
        node["cg:aboutMention"] = [span_node(doc, m, a["iri"]) for a in claim["about"] for m in a["mentions"]]
    if claim["sentence"]:
        node["cg:sentence"] = span_node(doc, claim["sentence"])
    return node


def entity_node(entity: dict[str, Any]) -> dict[str, Any]:
    """An entity dict as a typed node with its name and aliases."""
    prefix = "cg" if entity["type"] in CG_TYPES else "schema"
    node: dict[str, Any] = {"@id": entity["iri"], "@type": f"{prefix}:{entity['type']}", "schema:name": entity["name"]}
    if entity.get("aliases"):
        node["schema:alternateName"] = entity["aliases"]
    return node


def document_node(doc: dict[str, Any]) -> dict[str, Any]:
    """A document dict as a ``schema:CreativeWork`` node."""
    node: dict[str, Any] = {
        "@id": doc["iri"],
        "@type": ["schema:CreativeWork", "prov:Entity"],
        "dcterms:identifier": doc["id"],
        "dcterms:source": doc["path"],
        "cg:sha256": doc["sha256"],
    }
    if doc.get("title") is not None:
        node["dcterms:title"] = doc["title"]
    if doc.get("length") is not None:
        node["dcterms:extent"] = _int(doc["length"])
    return node


def document(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """A JSON-LD document holding these nodes."""
    return {"@context": CONTEXT, "@graph": nodes}
