"""Entity linking, speaker/pronoun/nominal resolution on small sentences and on the gold seed documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

from graph.extract.coref import resolve_mention
from graph.extract.entities import EntityTable, link_entities, quoted_ranges

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DATA = Path(__file__).parent / "data"
SEED_FILES = sorted(DATA.glob("*.json"))


def _name_at(table: EntityTable, text: str, phrase: str, occurrence: int = 0) -> str | None:
    """Canonical name of the entity at the n-th occurrence of a phrase, via ``entity_at``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    entity = table.entity(table.entity_at(start, start + len(phrase)))
    return entity.name if entity else None


def _resolved(nlp: Language, text: str, phrase: str, occurrence: int = 0) -> str | None:
    """Canonical name ``resolve_mention`` gives for the n-th occurrence of a phrase, or None."""
    doc = nlp(text)
    table = link_entities(doc)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    entity = table.entity(resolve_mention(doc, table, start, start + len(phrase)))
    return entity.name if entity else None


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        (
            "Prime Minister Boris Johnson visited Leeds on Friday. Mr Johnson said he was delighted. "
            "Later Jonhson met workers.",
            "Boris Johnson",
            {"Mr Johnson", "Jonhson"},
        ),
        (
            "The Federal Bureau of Investigation (FBI) opened an inquiry. The FBI said it would report soon.",
            "Federal Bureau of Investigation",
            {"FBI"},
        ),
        (
            "The White House spokesman, Josh Earnest, told reporters that the spokesman would not comment.",
            "Josh Earnest",
            {"White House spokesman", "the spokesman"},
        ),
        ("Former president Barack Obama praised Joe Biden. He said Biden was a good man.", "Joe Biden", {"Biden"}),
        # Words the NER swept into a person's name are left out of it.
        ("That’s Jeb Bush in a nutshell. Jeb Bush smiled.", "Jeb Bush", {"Jeb Bush"}),
        # A name glued to the previous word (missing space) is still found, without the glued word.
        ("This article first appeared inThe Conversation.", "Conversation", {"The Conversation"}),
        (
            "The Democratic Party lost the seat. Democratic Party officials said the party would regroup.",
            "Democratic Party",
            {"the party"},
        ),
    ],
)
def test_one_entity_with_all_aliases(nlp: Language, text: str, name: str, aliases: set[str]) -> None:
    """Titles, typos, acronyms, roles and nominals end up as aliases of one canonically named entity."""
    table = link_entities(nlp(text))
    entity = next(e for e in table.entities if e.name == name)
    assert aliases <= set(entity.aliases)
    assert all(span.verify(text) for span in entity.mentions)


@pytest.mark.parametrize(
    ("text", "phrase", "occurrence", "expected"),
    [
        # "Clinton" alone goes to the most recently mentioned Clinton.
        ("Hillary Clinton met voters in Iowa. Bill Clinton spoke later in Ohio. Clinton said it was strong.",
         "Clinton", 2, "Bill Clinton"),
        ("Bill Clinton spoke in Ohio. Hillary Clinton met voters in Iowa. Clinton said it was strong.",
         "Clinton", 2, "Hillary Clinton"),
        ("Bill Clinton spoke in Ohio. Hillary Clinton met voters in Iowa.", "Bill Clinton", 0, "Bill Clinton"),
        # Pronouns: recency, grammatical role, binding ("Merkel told him" is not Merkel).
        ("Senator Elizabeth Warren criticised the bank. She said its executives should resign.",
         "She", 0, "Elizabeth Warren"),
        ("Angela Merkel met Emmanuel Macron in Paris. Merkel told him that Germany would help.",
         "him", 0, "Emmanuel Macron"),
        ("Reporters asked Jane Smith about the plan, but she declined to comment.", "she", 0, "Jane Smith"),
        # Gender from common given names and titles overrides recency and subjecthood.
        ("Emmanuel Macron met Angela Merkel in Paris. She said the talks went well.", "She", 0, "Angela Merkel"),
        ("Mrs Thornberry met Mr Gove. He said the talks went well.", "He", 0, "Gove"),
        # A title is a role: "Senator Bernie Sanders" is later "the senator".
        ("Senator Bernie Sanders spoke in Iowa. Later the senator said he would stay.", "the senator", 0,
         "Bernie Sanders"),
        ("Labour leader Keir Starmer met his deputy, Angela Rayner. The Labour leader said little.",
         "The Labour leader", 0, "Keir Starmer"),
        ("Tesla CEO Elon Musk said the cars were safe. The Tesla CEO later apologised.",
         "The Tesla CEO", 0, "Elon Musk"),
        # "its" goes to an organisation or place (bare "it" is left alone: too often "it is clear that").
        ("Greenpeace said its members would protest.", "its", 0, "Greenpeace"),
        ("Britain and its allies disagreed.", "its", 0, "Britain"),
        # Nominals: "the group" as a subject looks back to a recent organisation; a plural noun to its group.
        ("Greenpeace accused the company of lying. The group said the report was misleading.",
         "The group", 0, "Greenpeace"),
        ("Ten charities wrote to the minister on Tuesday. The charities said the cuts would hurt children.",
         "The charities", 0, "Ten charities"),
        # A list of names spelling out a group stands for the group.
        ("Three charities: Oxfam, Save the Children and Shelter, said the cuts were cruel. "
         "The charities added that nobody had listened.", "Oxfam, Save the Children and Shelter", 0, "Three charities"),
    ],
)
def test_resolution(nlp: Language, text: str, phrase: str, occurrence: int, expected: str) -> None:
    """Names, pronouns and nominals resolve to the intended entity."""
    assert _resolved(nlp, text, phrase, occurrence) == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The union said its members would strike. They want higher pay.", "They"),  # no named antecedent
        ("The union said its members would strike.", "its"),
        ("Greenpeace said it was clear that the plan failed.", "it"),
        ("Greenpeace accused the company of lying.", "the company"),  # an object is not a back-reference
        ("It was late. She left early.", "She"),  # nobody to refer to
        ("Officials met on Monday. A spokesman said nothing.", "A spokesman"),
    ],
)
def test_unresolvable_stays_open(nlp: Language, text: str, phrase: str) -> None:
    """Without a clear antecedent, the mention is not guessed."""
    assert _resolved(nlp, text, phrase) is None


def test_no_break_spaces_inside_names(nlp: Language) -> None:
    """A name written with U+00A0 is one mention (span as written) and its canonical name has a plain space."""
    text = "Yesterday Donald\u00a0Trump told reporters that he would win."
    table = link_entities(nlp(text))
    entity = next(e for e in table.entities if e.type.value == "Person")
    assert entity.name == "Donald Trump"
    assert "Donald\u00a0Trump" in {span.text for span in entity.mentions}
    assert _name_at(table, text, " he ") == "Donald Trump"


def test_person_type_survives_mislabelled_surnames(nlp: Language) -> None:
    """Lone surnames the model calls ORG do not outvote a titled full name; "he" still finds the person."""
    text = "Sen. Bernie Sanders spoke in Iowa. Sanders hasn't said whether he has a strategy. Sanders won."
    table = link_entities(nlp(text))
    entity = next(e for e in table.entities if e.name == "Bernie Sanders")
    assert entity.type.value == "Person"
    assert _name_at(table, text, " he ") == "Bernie Sanders"


def test_people_sharing_a_surname_stay_apart(nlp: Language) -> None:
    """Hillary and Bill Clinton are two entities; neither absorbs the other."""
    table = link_entities(nlp("Hillary Clinton and Bill Clinton campaigned in Ohio."))
    names = {e.name for e in table.entities}
    assert {"Hillary Clinton", "Bill Clinton"} <= names


def test_quoted_ranges_handles_curly_and_straight_quotes() -> None:
    """Quotation ranges cover the quote marks; an unclosed quote ends at the paragraph."""
    text = 'He said “yes” and "no".\nShe said "maybe\n“We will go on.\n“And win,” he said.'
    ranges = quoted_ranges(text)
    assert [text[a:b] for a, b in ranges] == ["“yes”", '"no"', "“We will go on.", "“And win,”"]


def test_table_lookups(nlp: Language) -> None:
    """mentions are sorted, mentions_within and entity_at find what lies in a span."""
    text = "Labour’s deputy leader, Angela Rayner, said the Labour Party would win."
    table = link_entities(nlp(text))
    starts = [m.span.start for m in table.mentions]
    assert starts == sorted(starts)
    assert _name_at(table, text, "Labour’s deputy leader, Angela Rayner") == "Angela Rayner"
    assert _name_at(table, text, "the Labour Party") == "Labour Party"
    inside = table.mentions_within(0, text.index(","))
    names = {entity.name for m in inside if (entity := table.entity(m.entity)) is not None}
    assert "Labour Party" in names
    assert table.entity_at(text.index("would"), text.index("would") + 5) is None
    assert table.entity_at(10, 5) is None  # an empty or inverted range names nothing


# ---- the gold seed documents: the realistic case ----------------------------------------------------------


class Seed(NamedTuple):
    """One gold seed document: its JSON, the parsed Doc and the entity table."""

    gold: dict[str, Any]
    doc: Doc
    table: EntityTable


@pytest.fixture(scope="module")
def seeds(nlp: Language) -> dict[str, Seed]:
    """Every seed document parsed and linked once per module."""
    out = {}
    for path in SEED_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = nlp(gold["text"])
        out[path.stem] = Seed(gold, doc, link_entities(doc))
    return out


@pytest.mark.parametrize(
    ("seed", "phrase", "occurrence", "expected"),
    [
        ("000_47dcde34e7c4ee15", "Sir Kier", 0, "Keir Starmer"),
        ("000_47dcde34e7c4ee15", "Sir Kier", 1, "Keir Starmer"),
        ("000_47dcde34e7c4ee15", "Sir Keir", 0, "Keir Starmer"),
        ("000_47dcde34e7c4ee15", "Starmer", 1, "Keir Starmer"),
        ("000_47dcde34e7c4ee15", "The Labour leader", 0, "Keir Starmer"),
        ("000_47dcde34e7c4ee15", "him", 0, "Keir Starmer"),
        ("000_47dcde34e7c4ee15", "LMN", 0, "Labour Muslim Network"),
        ("000_47dcde34e7c4ee15", "LMN", 1, "Labour Muslim Network"),
        ("000_47dcde34e7c4ee15", "Labour’s", 0, "Labour Party"),
        ("000_47dcde34e7c4ee15", "the Labour Party", 0, "Labour Party"),
        ("000_47dcde34e7c4ee15", "Tories", 0, "Conservatives"),
        ("000_47dcde34e7c4ee15", "Mail", 0, "Daily Mail"),
        ("004_ef74bc89c900b4aa", "Leadbeatter", 0, "Kim Leadbeater"),
        ("004_ef74bc89c900b4aa", "Leadbeater", 1, "Kim Leadbeater"),
        ("004_ef74bc89c900b4aa", "Starmer", 1, "Keir Starmer"),
        ("004_ef74bc89c900b4aa", "the Respect party", 0, "Respect"),
    ],
)
def test_seed_mentions(seeds: dict[str, Seed], seed: str, phrase: str, occurrence: int, expected: str) -> None:
    """Typos, titles, surnames, acronyms, possessives and role nominals in the seeds link to one entity."""
    gold, _, table = seeds[seed]
    assert _name_at(table, gold["text"], phrase, occurrence) == expected


@pytest.mark.parametrize(
    ("seed", "source", "expected"),
    [
        ("000_47dcde34e7c4ee15", "the group", "Labour Muslim Network"),
        ("000_47dcde34e7c4ee15", "They", "Labour Muslim Network"),
        ("000_47dcde34e7c4ee15", "Labour’s deputy leader, Angela Rayner", "Angela Rayner"),
        ("000_47dcde34e7c4ee15", "she", "Angela Rayner"),
        ("000_47dcde34e7c4ee15", "the organisations", "five Muslim organisations"),
        ("000_47dcde34e7c4ee15", "The letter", "five Muslim organisations"),
        ("000_47dcde34e7c4ee15", "a recent Survation’s phone poll of adults earlier this month", "Survation"),
        # Referred back to later as "the anonymous official", so it becomes an (unnamed) entity of its own.
        ("000_47dcde34e7c4ee15", "a senior Labour official", "senior Labour official"),
        ("000_47dcde34e7c4ee15", "one local voter", None),
        ("004_ef74bc89c900b4aa", "He", "Keir Starmer"),
        ("004_ef74bc89c900b4aa", "Labour leader Keir Starmer", "Keir Starmer"),
        ("004_ef74bc89c900b4aa", "We", None),
    ],
)
def test_seed_speakers(seeds: dict[str, Seed], seed: str, source: str, expected: str | None) -> None:
    """Gold speaker phrases of the seeds resolve to the gold speaker, or stay open when gold has no entity."""
    gold, doc, table = seeds[seed]
    quote = next(q for q in gold["quotes"] for s in q["sources"] if s["text"] == source)
    span = next(s for s in quote["sources"] if s["text"] == source)
    entity = table.entity(resolve_mention(doc, table, span["start"], span["end"]))
    assert (entity.name if entity else None) == expected
    if expected is not None:
        assert expected == quote["speaker"]


def test_seed_list_of_names_is_the_group(seeds: dict[str, Seed]) -> None:
    """A speaker phrase covering only the listed names still resolves to the group they spell out."""
    gold, doc, table = seeds["000_47dcde34e7c4ee15"]
    source = next(s for q in gold["quotes"] for s in q["sources"] if "Ansaar Organisation" in s["text"])
    start = gold["text"].index("Ansaar Organisation", source["start"])
    entity = table.entity(resolve_mention(doc, table, start, source["end"]))
    assert entity is not None and entity.name == "five Muslim organisations"


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_gold_entities_are_grouped(seeds: dict[str, Seed], path: Path) -> None:
    """Every gold entity's name-form aliases land in one predicted entity, and different gold entities stay apart.

    Occurrences inside a longer alias ("Labour" in "Labour Muslim Network") and quoted first-person
    roles are not independent mentions and are skipped; at least 90% of the rest must agree.
    """
    gold, _, table = seeds[path.stem]
    text = gold["text"]
    independent = _gold_occurrences(gold)
    predicted: dict[str, set[str | None]] = {}
    for start, end, canonical in independent:
        predicted.setdefault(canonical, set()).add(table.entity_at(start, end))
    agree = sum(1 for start, end, canonical in independent
                if table.entity_at(start, end) == _majority(table, independent, canonical))
    assert agree / len(independent) >= 0.9
    majorities = [_majority(table, independent, c) for c in predicted]
    assert len(set(majorities)) == len(majorities), "two gold entities merged into one"
    for canonical, key in zip(predicted, majorities, strict=True):
        entity = table.entity(key)
        assert entity is not None
        if canonical in text:  # canonical name = the fullest form seen
            assert entity.name == canonical


def _majority(table: EntityTable, occurrences: list[tuple[int, int, str]], canonical: str) -> str | None:
    """The predicted entity key most of a gold entity's occurrences map to."""
    keys = [table.entity_at(s, e) for s, e, c in occurrences if c == canonical]
    return max(set(keys), key=keys.count)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_spans_verify(seeds: dict[str, Seed], path: Path) -> None:
    """Every mention and entity span quotes the original text exactly (curly quotes, no-break spaces)."""
    gold, _, table = seeds[path.stem]
    assert all(m.span.verify(gold["text"]) for m in table.mentions)
    assert all(s.verify(gold["text"]) for e in table.entities for s in e.mentions)
    assert len({e.key for e in table.entities}) == len(table.entities)


# ---- NER junk and run-together names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_entities"),
    [
        # An adjective's shape and job: modifying a common noun, or predicative.
        ("“This is a patently vile, Islamophobic briefing,” the group said.", {"Islamophobic"}),
        ("Critics called the plan Orwellian.", {"Orwellian"}),
        # An abstract noun names no organisation.
        ("Accusations that Labour doesn’t take Islamophobia seriously have not helped.", {"Islamophobia"}),
        # A plural common noun is not a person ("the Clintons" with its article would be).
        ("Representatives from different Mosques and Muslim organisations met in Leeds.", {"Mosques"}),
        # Capitalised only at sentence starts while the text also writes it in lower case.
        ("Labour has relied on biraderi networks. Biraderi, meaning brotherhood, are informal networks.",
         {"Biraderi"}),
        # A title-case headline: NER runs on through its verbs; the body's name is kept.
        ("Marco Rubio Responds To Question About Trump\n\nMarco Rubio said on Monday that he would run.",
         {"Marco Rubio Responds To Question", "Marco Rubio Responds To Question About Trump"}),
    ],
)
def test_ner_junk_is_not_an_entity(nlp: Language, text: str, not_entities: set[str]) -> None:
    """Adjectives, abstract and plural common nouns, sentence-initial common words and headline runs are no entities."""
    table = link_entities(nlp(text))
    names = {e.name for e in table.entities} | {a for e in table.entities for a in e.aliases}
    assert not names & not_entities


def test_headline_keeps_the_name_the_body_uses(nlp: Language) -> None:
    """A headline's run-on name is cut back to the body's name, so the headline mention still counts."""
    text = "Marco Rubio Responds To Question About Trump\n\nMarco Rubio said on Monday that he would run."
    table = link_entities(nlp(text))
    rubio = next(e for e in table.entities if e.name == "Marco Rubio")
    assert [m.text for m in rubio.mentions if m.start < text.index("\n")] == ["Marco Rubio"]


def test_possessive_inside_one_ner_span_splits_it(nlp: Language) -> None:
    """"The New Republic’s Jeet Heer" is an organisation and a person, and the phrase resolves to the person."""
    text = "The New Republic’s Jeet Heer wrote that the deal was bad."
    assert _resolved(nlp, text, "The New Republic’s Jeet Heer") == "Jeet Heer"
    assert "New Republic" in {e.name for e in link_entities(nlp(text)).entities}


def test_missed_repeat_of_a_one_word_name(nlp: Language) -> None:
    """A one-word organisation the NER misses once (tagged as a common noun) is still a mention of it."""
    text = ("Labour won the seat. Labour needs to think again. The problem is the way Labour engages voters. "
            "Labour said so.")
    table = link_entities(nlp(text))
    assert _name_at(table, text, "Labour", 2) == "Labour"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # The phrase's head names the speaker, not a modifier in front of it.
        ("Republican Presidential hopeful Sen. Ted Cruz said the deal was bad.",
         "Republican Presidential hopeful Sen. Ted Cruz", "Ted Cruz"),
        ("Algerian foreign affairs ministry spokesman Benali Cherif Abdelaziz said the deal was bad.",
         "Algerian foreign affairs ministry spokesman Benali Cherif Abdelaziz", "Benali Cherif Abdelaziz"),
        ("Los Angeles-based attorney Edgar Martirosyan said the deal was bad.",
         "Los Angeles-based attorney Edgar Martirosyan", "Edgar Martirosyan"),
        # A dateline before the speaker is not the speaker.
        ("RENO, Nev. (AP) — Republican presidential hopeful Donald Trump said the deal was bad.",
         "RENO, Nev. (AP) — Republican presidential hopeful Donald Trump", "Donald Trump"),
        ("ORLANDO, Fla. (Reuters) - President Barack Obama said the deal was bad.",
         "ORLANDO, Fla. (Reuters) - President Barack Obama", "Barack Obama"),
        ("WASHINGTON — Sen. Chuck Grassley (R-Iowa) said the deal was bad.",
         "WASHINGTON — Sen. Chuck Grassley (R-Iowa", "Chuck Grassley"),
    ],
)
def test_speaker_phrase_head_wins(nlp: Language, text: str, phrase: str, expected: str) -> None:
    """Modifiers and datelines inside a speaker phrase do not take the speaker role from the named person."""
    assert _resolved(nlp, text, phrase) == expected


def _gold_occurrences(gold: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Whole-word occurrences of every gold alias, without those nested in another entity's longer alias."""
    text = gold["text"]
    found: set[tuple[int, int, str]] = set()
    for canonical, aliases in gold["entities"].items():
        for alias in aliases:
            start = text.find(alias)
            while start >= 0:
                end = start + len(alias)
                if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                    found.add((start, end, canonical))
                start = text.find(alias, start + 1)
    return sorted(
        o for o in found
        if not any(p[0] <= o[0] and o[1] <= p[1] and p[1] - p[0] > o[1] - o[0] and p[2] != o[2] for p in found)
    )


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_alias_pairs_cluster_as_gold(seeds: dict[str, Seed], path: Path) -> None:
    """Pairwise clustering of the gold alias occurrences: pairs gold puts in one entity share a predicted entity
    (recall), and pairs the table puts together are together in gold (precision).

    Thresholds: precision 0.98, since a wrong merge puts one person's words in another's mouth and even
    one merged pair of small entities costs more than 2 %; recall 0.95 leaves room for a couple of
    occurrences the small model cannot see (measured 1.000/0.995 and 1.000/1.000 on the two seeds, the
    one miss being "deputy leader" inside a first-person quote).
    """
    gold, _, table = seeds[path.stem]
    predicted = [(o, table.entity_at(o[0], o[1])) for o in _gold_occurrences(gold)]
    together = both = same_gold = 0
    for i, (a, key_a) in enumerate(predicted):
        for b, key_b in predicted[i + 1 :]:
            gold_same, pred_same = a[2] == b[2], key_a is not None and key_a == key_b
            same_gold += gold_same
            together += pred_same
            both += gold_same and pred_same
    assert both / together >= 0.98
    assert both / same_gold >= 0.95


@pytest.mark.parametrize(
    ("text", "phrase", "occurrence", "expected"),
    [
        # A surname the model tags as a place, beside the full name and never after "in", is the person.
        ("Ohio Gov. John Kasich spoke in Concord on Monday. Later Kasich said he would stay in the race.",
         "Kasich", 1, "John Kasich"),
        # The main clause's subject outranks a name in a subordinate clause.
        ("Ted Cruz is drawing sharp contrasts between himself and front-runner Donald Trump. "
         "He said the two differ on Israel.", "He", 0, "Ted Cruz"),
        ("NRA chief Chris Cox says Barack Obama is trying to distract from his record. He says Americans need "
         "no lectures.", "He", 0, "Chris Cox"),
        # A capitalised name before a dash is not a dateline.
        ("Jason Sims — a teacher from Mount Pleasant — says he voted for Rubio.",
         "Jason Sims — a teacher from Mount Pleasant", 0, "Jason Sims"),
        # A possessor phrase stays the possessed person.
        ("Trump’s campaign manager, Corey Lewandowski, said the plan was bad.",
         "Trump’s campaign manager, Corey Lewandowski", 0, "Corey Lewandowski"),
    ],
)
def test_resolution_salience_and_types(nlp: Language, text: str, phrase: str, occurrence: int, expected: str) -> None:
    """Type slips, clause salience and possessors do not mislead resolution."""
    assert _resolved(nlp, text, phrase, occurrence) == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # Two people named together are nobody in particular; "they" after them is not the Senate.
        ("Donald Trump and Ben Carson said the plan was bad.", "Donald Trump and Ben Carson"),
        ("Take Idaho Republican Sens. Mike Crapo and Jim Risch, whose party controls the Senate. "
         "Last week, they endorsed the nomination.", "they"),
        # Someone linked to a person is not that person.
        ("Aides to Hillary Clinton say she is shifting her tack.", "Aides to Hillary Clinton"),
        ("A spokesman for Democratic presidential candidate Hillary Clinton called the report wrong.",
         "A spokesman for Democratic presidential candidate Hillary Clinton"),
    ],
)
def test_groups_and_relations_stay_open(nlp: Language, text: str, phrase: str) -> None:
    """Coordinated people, and people described through someone else, resolve to no single entity."""
    assert _resolved(nlp, text, phrase) is None


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # An abbreviated title is the role; a place said before it must agree when several people hold it.
        ("Vermont Sen. Bernie Sanders spoke in Iowa. The Vermont senator said he would stay.",
         "The Vermont senator", "Bernie Sanders"),
        ("Florida Sen. Marco Rubio met Vermont Sen. Bernie Sanders in Iowa. The Florida senator said he would stay.",
         "The Florida senator", "Marco Rubio"),
        ("Sen. Bernie Sanders met Sen. Marco Rubio in Iowa. The Florida senator said he would stay.",
         "The Florida senator", None),
        # A name modifying a later common noun is not the phrase's referent.
        ("Donald Trump spoke in Iowa. The GOP presidential candidate said he would stay.",
         "The GOP presidential candidate", None),
    ],
)
def test_titles_as_roles(nlp: Language, text: str, phrase: str, expected: str | None) -> None:
    """"the <place> senator" finds the titled person only on agreeing evidence; a party modifier is no speaker."""
    assert _resolved(nlp, text, phrase) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # Names coordinated inside a relative clause or apposition do not make the speaker a list.
        ("81-year-old Parker Eaton, a nominal Republican who voted for John Kennedy and Bill Clinton, said no.",
         "81-year-old Parker Eaton, a nominal Republican who voted for John Kennedy and Bill Clinton", "Parker Eaton"),
        # A title only resolves "the governor" when no other person came up since.
        ("Gov. Jeb Bush spoke first. Chris Christie said drug offenders get treatment. The governor claimed crime fell.",
         "The governor", None),
    ],
)
def test_speaker_lists_and_title_recency(nlp: Language, text: str, phrase: str, expected: str | None) -> None:
    """Coordination counts only at the phrase's head; a title defers to a more recently mentioned person."""
    assert _resolved(nlp, text, phrase) == expected
