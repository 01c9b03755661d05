"""Name normalisation rules used within and across documents: typos merge, different people do not."""

from __future__ import annotations

import pytest

from graph.extract.normalise import (
    canonical_name,
    clean_surface,
    close_spelling,
    is_name_like,
    match_key,
    name_key,
    names_match,
    same_referent,
    title_gender,
)
from graph.types import EntityType

EntityFacts = tuple[str, tuple[str, ...], EntityType]  # name, aliases, type
P, O, G, L = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP, EntityType.PLACE


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Kier", "Keir", True),  # transposition
        ("Leadbeatter", "Leadbeater", True),  # doubled letter
        ("Hilary", "Hillary", True),
        ("Galloway", "Galloway", True),
        ("John", "Joan", False),  # short names differing by a letter are different people
        ("Bill", "Will", False),
        ("Bill", "Hillary", False),
        ("Johnson", "Jonson", True),
        ("Smith", "Smyth", False),  # substitution in a short name
        ("Keir", "Beir", False),  # first letter differs
    ],
)
def test_close_spelling(a: str, b: str, expected: bool) -> None:
    """Only plausible single typos count as the same word."""
    assert close_spelling(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "etype", "expected"),
    [
        ("Sir Kier", "Keir Starmer", P, True),
        ("Sir Keir", "Sir Kier", P, True),
        ("Starmer", "Keir Starmer", P, True),
        ("Mr Trump", "Donald Trump", P, True),
        ("Leadbeatter", "Kim Leadbeater", P, True),
        ("H. Clinton", "Hillary Clinton", P, True),
        ("Hillary Clinton", "Bill Clinton", P, False),
        ("John Smith", "Joan Smith", P, False),
        ("Donald Trump Jr.", "Donald Trump", P, False),  # father and son
        ("Trump", "Donald Trump Jr.", P, False),
        ("Jess Phillips MP", "Jess Phillips", P, True),
        ("Angela Rayner", "Angela Merkel", P, False),
        ("LMN", "The Labour Muslim Network", O, True),
        ("Labour", "the Labour Party", O, True),
        ("Labour’s", "Labour", O, True),
        ("Labour", "Labour Muslim Network", O, False),
        ("Tories", "Conservatives", G, True),
        ("Muslim", "Muslims", G, True),
        ("General Motors", "Motors", O, False),
        ("Ford", "Ford Motor Company", O, False),
    ],
)
def test_names_match(a: str, b: str, etype: EntityType, expected: bool) -> None:
    """Type-specific name compatibility: honorifics, surnames, typos, acronyms, generic suffixes."""
    assert names_match(a, b, etype) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("Keir Starmer", ("Starmer", "Labour leader"), P), ("Keir Starmer", ("Sir Keir",), P), True),
        (("Keir Starmer", ("Sir Kier",), P), ("Sir Keir", (), P), True),
        (("Kim Leadbeater", (), P), ("Kim Leadbeatter", (), P), True),
        (("Hillary Clinton", ("Clinton",), P), ("Bill Clinton", ("Clinton",), P), False),
        # Role descriptions never bridge documents: two different deputy leaders.
        (("Angela Rayner", ("deputy leader",), P), ("Tom Watson", ("deputy leader",), P), False),
        (("Recep Tayyip Erdogan", ("Turkish President",), P), ("Abdullah Gul", ("Turkish President",), P), False),
        (("Labour Party", ("Labour", "the party"), O), ("Labour", (), O), True),
        (("Labour Party", (), O), ("Labour Party", (), P), False),  # incompatible types
        (("Conservatives", ("Tories",), G), ("Conservative Party", (), O), True),
        (("Labour Muslim Network", ("LMN",), O), ("LMN", (), O), True),
        (("Paris", (), L), ("Paris Hilton", (), P), False),
        # Unnamed referents only match the identical description, never a name or a near description.
        (("local voters", (), G), ("local voters", ("the voters",), G), True),
        (("local voters", (), G), ("local voter", (), G), False),
        (("five Muslim organisations", ("the organisations",), G), ("Muslims", (), G), False),
        (("Trump campaign", (), O), ("Donald Trump", ("Trump",), P), False),
        (("al-Qaeda", (), O), ("al-Qaeda", (), O), True),
    ],
)
def test_same_referent(a: EntityFacts, b: EntityFacts, expected: bool) -> None:
    """Cross-document merging decisions on whole entities."""
    assert same_referent(a[0], a[1], a[2], b[0], b[1], b[2]) is expected
    assert same_referent(b[0], b[1], b[2], a[0], a[1], a[2]) is expected  # symmetric


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Sir Kier", "Keir Starmer", "Starmer", "Sir Keir", "Keir"], "Keir Starmer"),
        (["Labour’s", "the Labour Party", "Labour"], "Labour Party"),
        (["The Labour Muslim Network", "LMN"], "Labour Muslim Network"),
        (["Leadbeatter", "Kim Leadbeater’s", "Kim Leadbeater"], "Kim Leadbeater"),
        (["Mr\u00a0Trump", "Trump"], "Trump"),
        (["General Motors", "GM"], "General Motors"),
        ([], ""),
    ],
)
def test_canonical_name(names: list[str], expected: str) -> None:
    """The fullest form, cleaned of articles, possessives, honorifics and odd spaces."""
    assert canonical_name(names) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Keir Starmer", "keir-starmer"),
        ("Labour’s", "labour"),
        ("Batley & Dewsbury", "batley-and-dewsbury"),
        ("Zoë Garbáge", "zoe-garbage"),
        ("U.S.", "us"),
        ("  ", "entity"),
    ],
)
def test_name_key(name: str, expected: str) -> None:
    """Keys are stable ASCII slugs usable as IRI tails."""
    assert name_key(name) == expected


def test_match_key_strips_articles_possessives_titles_and_nbsp() -> None:
    """Matching ignores the decorations that vary between mentions of one name."""
    assert match_key("the Labour Party’s") == "labour party"
    assert match_key("Sir\u00a0Keir") == "keir"
    assert match_key("General Motors", person=False) == "general motors"
    assert clean_surface(" “Labour\u00a0leader” ") == "Labour leader"
    assert clean_surface("U.S.") == "U.S."  # an acronym keeps its last dot
    assert match_key("U.S.") == match_key("US") == "us"


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Sir Keir", True),
        ("Labour Party of Britain", True),
        ("deputy leader", False),
        ("Labour leader", False),
        ("Turkish President", False),  # capitalised, but a role
        ("Podesta Group’s CEO", False),
    ],
)
def test_is_name_like(alias: str, expected: bool) -> None:
    """Names are capitalised throughout; role descriptions are not."""
    assert is_name_like(alias) is expected


@pytest.mark.parametrize(("name", "expected"), [("Mrs May", "f"), ("Sir Keir", "m"), ("Dr. Lord Smith", "m"), ("Keir Starmer", None)])
def test_title_gender(name: str, expected: str | None) -> None:
    """Gendered titles give pronoun-agreement evidence; bare names give none."""
    assert title_gender(name) == expected
