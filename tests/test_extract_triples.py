"""Triples from the dependency parse: one table per construction, entity linking of the arguments, quote skipping."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from graph.extract.entities import link_entities, quoted_ranges
from graph.extract.pipeline import extract
from graph.extract.triples import extract_triples
from graph.types import Triple
from tests.data.kg_example import SEEDS

if TYPE_CHECKING:
    from spacy.language import Language


def _triples(nlp: Language, text: str) -> list[Triple]:
    """All triples of a text, after linking its entities."""
    doc = nlp(text)
    return list(extract_triples(doc, link_entities(doc)))


def _named(nlp: Language, text: str) -> set[tuple[str | None, str, str | None, str]]:
    """Triples as (subject entity name, relation, object entity name, voice)."""
    doc = nlp(text)
    table = link_entities(doc)

    def name(key: str | None) -> str | None:
        """Canonical name of an entity key."""
        entity = table.entity(key)
        return entity.name if entity else None

    return {
        (name(t.subject.entity), t.relation, name(t.object.entity), t.voice)
        for t in extract_triples(doc, table)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active
        ("Donald Trump met Vladimir Putin in Helsinki.", {("Donald Trump", "meet", "Vladimir Putin", "active")}),
        ("Barack Obama did not endorse Hillary Clinton.",
         {("Barack Obama", "not_endorse", "Hillary Clinton", "active")}),
        # passive with an agent: the agent becomes the subject
        ("Keir Starmer was criticised by the Labour Muslim Network.",
         {("Labour Muslim Network", "criticise", "Keir Starmer", "passive")}),
        ("Hillary Clinton was defeated by Donald Trump.",
         {("Donald Trump", "defeat", "Hillary Clinton", "passive")}),
        # copula, with the "of" object of the attribute
        ("Joe Biden is the president of the United States.",
         {("Joe Biden", "be_president_of", "United States", "copula")}),
        # prepositional objects
        ("Nancy Pelosi voted against the bill.", {("Nancy Pelosi", "vote_against", None, "prep")}),
        ("Donald Trump met Vladimir Putin in Helsinki.", {("Donald Trump", "meet_in", "Helsinki", "prep")}),
        # coordination on either side
        ("Boris Johnson and Rishi Sunak attacked Keir Starmer.",
         {("Boris Johnson", "attack", "Keir Starmer", "active"), ("Rishi Sunak", "attack", "Keir Starmer", "active")}),
        ("Angela Rayner defended Keir Starmer and Sadiq Khan.",
         {("Angela Rayner", "defend", "Keir Starmer", "active"), ("Angela Rayner", "defend", "Sadiq Khan", "active")}),
        # "&" inside a name is not coordination
        ("Procter & Gamble and Unilever attacked Tesco.",
         {("Procter & Gamble", "attack", "Tesco", "active"), ("Unilever", "attack", "Tesco", "active")}),
        # conjoined verbs share the subject; relative pronouns stand for their noun
        ("Joe Biden defeated Donald Trump and won the election.",
         {("Joe Biden", "defeat", "Donald Trump", "active"), ("Joe Biden", "win", None, "active")}),
        ("Jeremy Corbyn, who led Labour, criticised Keir Starmer.",
         {("Jeremy Corbyn", "criticise", "Keir Starmer", "active")}),
        # object control: "urged X to withdraw" -> X withdraws
        ("Nancy Pelosi urged Joe Biden to withdraw from the race.",
         {("Nancy Pelosi", "urge", "Joe Biden", "active"), ("Joe Biden", "withdraw_from", None, "prep")}),
        # appositive role phrases and resolved pronouns link to the person
        ("Labour’s deputy leader, Angela Rayner, praised Kim Leadbeater.",
         {("Angela Rayner", "praise", "Kim Leadbeater", "active")}),
        ("Hillary Clinton lost in 2016, and Bill Clinton voted for her.",
         {("Bill Clinton", "vote_for", "Hillary Clinton", "prep")}),
    ],
)
def test_constructions(nlp: Language, text: str, expected: set[tuple[str | None, str, str | None, str]]) -> None:
    """Each construction yields the expected subject–relation–object with entities resolved."""
    assert expected <= _named(nlp, text)


def test_spans_quote_the_text(nlp: Language) -> None:
    """Subject, predicate, object and sentence spans all slice the original text exactly."""
    text = "Labour leader Keir Starmer thanked\u00a0voters. Kim Leadbeater was congratulated by Keir Starmer."
    triples = _triples(nlp, text)
    assert triples
    for triple in triples:
        for span in (triple.subject.span, triple.predicate, triple.object.span, triple.sentence):
            assert span.verify(text)
        assert triple.sentence.start <= triple.predicate.start < triple.predicate.end <= triple.sentence.end


def test_names_are_not_split_into_arguments(nlp: Language) -> None:
    """A name the parser split at "&" stays one argument spanning the whole name."""
    subjects = {t.subject.span.text for t in _triples(nlp, "Marks & Spencer sued Tesco.")}
    assert subjects == {"Marks & Spencer"}


def test_predicate_keeps_particle_and_preposition(nlp: Language) -> None:
    """The written predicate includes an adjacent preposition; the relation joins lemma and preposition."""
    triple = next(t for t in _triples(nlp, "Nancy Pelosi voted for Joe Biden.") if t.voice == "prep")
    assert (triple.predicate.text, triple.relation) == ("voted for", "vote_for")


def test_quoted_content_is_not_asserted(nlp: Language) -> None:
    """By default triples inside quotation marks are dropped; a skip callback decides instead when given."""
    text = "Keir Starmer said that “Boris Johnson lied to Parliament”. Keir Starmer met Rishi Sunak."
    doc = nlp(text)
    table = link_entities(doc)
    quotes = quoted_ranges(text)

    def inside_quotes(start: int, end: int) -> bool:
        """True for extents wholly inside quotation marks."""
        return any(a <= start and end <= b for a, b in quotes)

    everything = {t.relation for t in extract_triples(doc, table, skip=lambda start, end: False)}
    default = {t.relation for t in extract_triples(doc, table)}
    custom = {t.relation for t in extract_triples(doc, table, skip=inside_quotes)}
    assert "lie_to" in everything
    assert "lie_to" not in default and "lie_to" not in custom
    assert "meet" in default and "meet" in custom


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_one_triple_per_statement(nlp: Language, path: Path) -> None:
    """No two triples share the offsets a stored statement is identified by (two would merge into one node)."""
    triples = extract(nlp, path.read_text(encoding="utf-8")).triples
    keys = [t.offsets for t in triples]
    assert triples and len(keys) == len(set(keys))


@pytest.mark.parametrize("text", ["It rained.", "There were many.", "Going home!", ""])
def test_no_triples_without_arguments(nlp: Language, text: str) -> None:
    """Clauses without a nominal subject and object produce nothing (and nothing crashes)."""
    assert _triples(nlp, text) == []
