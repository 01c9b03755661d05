"""Attribution extraction: one row per construction (speaker, cue, content, kind, about), span
integrity on arbitrary text, quotation finding, and the seed scores against their thresholds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.extract.pipeline import extract, extract_many
from graph.extract.quotes import find_quotes
from graph.types import ClaimKind
from tests.extract_checks import check_source_and_cue, claim_with

if TYPE_CHECKING:
    from spacy.language import Language

DATA = Path(__file__).parent / "data"
NBSP = "\u00a0"

# text, expected source mention (None: no source), cue, a piece of the content, kind, words among `about`
CASES = [
    pytest.param(
        "“We will not back down on pay,” the union said in a statement.",
        "the union", "said", "We will not back down on pay", ClaimKind.DIRECT, (), id="direct-speaker-after",
    ),
    pytest.param(
        "The minister spoke briefly. She said: “The scheme is finished and everyone knows it.”",
        "She", "said", "The scheme is finished", ClaimKind.DIRECT, (), id="direct-speaker-before-colon",
    ),
    pytest.param(
        "“Nobody expected the vote to be this close,” said Mr Patel, the party chairman.",
        "Mr Patel, the party chairman", "said", "Nobody expected the vote", ClaimKind.DIRECT, (), id="direct-inversion",
    ),
    pytest.param(
        '"Prices will keep rising until the summer," the governor warned.',
        "the governor", "warned", "Prices will keep rising", ClaimKind.DIRECT, (), id="direct-straight-quotes",
    ),
    pytest.param(
        "“They called it a ‘temporary measure’ last year,” the mayor said.",
        "the mayor", "said", "a ‘temporary measure’ last year", ClaimKind.DIRECT, (), id="direct-nested-single",
    ),
    pytest.param(
        f"“We are ready for the final,”{NBSP}the{NBSP}coach said on Friday.",
        f"the{NBSP}coach", "said", "We are ready for the final", ClaimKind.DIRECT, (), id="direct-nbsp",
    ),
    pytest.param(
        "“Very good game, very good game from this kid,” Jensen, the 2019 league champion and current leader in "
        "the Danish rankings by a wide margin after winning the spring open, said when Olsen asked him.",
        "Jensen", "said", "very good game from this kid", ClaimKind.DIRECT, (), id="direct-trailing-name-long-apposition",
    ),
    pytest.param(
        f"Shipping{NBSP}costs climb again\n\nThe port authority said{NBSP}that{NBSP}container fees would rise "
        f"by{NBSP}a{NBSP}third next year.",
        "The port authority", "said", "fees would rise", ClaimKind.INDIRECT, (), id="indirect-nbsp-headline",
    ),
    pytest.param(
        "After the vote she went on to say:\n\n“Nobody in this town has ever been asked what they want from the "
        "park.”",
        "she", "say", "ever been asked what they want", ClaimKind.DIRECT, (),
        id="direct-colon-intro-paragraph",
    ),
    pytest.param(
        "At the rally on Sunday the mayor called the new tax plan “a disaster for small shops.”",
        "the mayor", "called", "the new tax plan “a disaster", ClaimKind.DIRECT, (), id="direct-naming-verb-label",
    ),
    pytest.param(
        "The coach marked the win by declaring his team “is ready for anyone”.",
        "The coach", "declaring", "his team “is ready for anyone", ClaimKind.MIXED, (), id="mixed-declaring-quoted-clause",
    ),
    pytest.param(
        "Critics have long referred to the bridge as “the road to nowhere.”",
        "Critics", "referred", "the bridge as “the road to nowhere", ClaimKind.DIRECT, (), id="direct-referred-to-as",
    ),
    pytest.param(
        "Economists disagree - Priya Natarajan: “Rents will fall before wages catch up with them.”",
        "Priya Natarajan", ":", "Rents will fall", ClaimKind.DIRECT, (), id="direct-dash-name-colon",
    ),
    pytest.param(
        "“The deal is done. Nobody can stop it now. We move on,” the trade secretary said.",
        "the trade secretary", "said", "Nobody can stop it now", ClaimKind.DIRECT, (), id="direct-multi-sentence",
    ),
    pytest.param(
        "The finance minister said that the talks with the unions had collapsed.",
        "The finance minister", "said", "the talks with the unions had collapsed", ClaimKind.INDIRECT, (),
        id="indirect-said-that",
    ),
    pytest.param(
        "Doctors warned the new rules would overwhelm hospitals in Leeds.",
        "Doctors", "warned", "the new rules would overwhelm hospitals", ClaimKind.INDIRECT, ("Leeds",),
        id="indirect-warned",
    ),
    pytest.param(
        "The chairman told Maria Lopez that the merger would go ahead.",
        "The chairman", "told", "the merger would go ahead", ClaimKind.INDIRECT, ("Maria Lopez",),
        id="indirect-told-addressee",
    ),
    pytest.param(
        "The council urged residents to stay indoors during the storm.",
        "The council", "urged", "residents to stay indoors", ClaimKind.INDIRECT, ("residents",),
        id="indirect-urged-to",
    ),
    pytest.param(
        "The company claimed its new battery was completely safe.",
        "The company", "claimed", "its new battery was completely safe", ClaimKind.INDIRECT, (),
        id="indirect-claimed",
    ),
    pytest.param(
        "The senator said the proposal was “dead on arrival” in Congress.",
        "The senator", "said", "the proposal was “dead on arrival”", ClaimKind.MIXED, ("Congress",),
        id="mixed-quote-fragment",
    ),
    pytest.param(
        "A junior aide was quoted by the newspaper claiming that the president was “furious” with Smith.",
        "A junior aide", "claiming", "the president was “furious”", ClaimKind.MIXED, ("Smith",),
        id="passive-quoted-by-claiming",
    ),
    pytest.param(
        "According to the audit office, spending on consultants doubled in two years.",
        "the audit office", "According to", "spending on consultants doubled", ClaimKind.INDIRECT, (),
        id="according-to",
    ),
    pytest.param(
        "The economy, the governor said, is recovering faster than anyone expected.",
        "the governor", "said", "is recovering faster than anyone expected", ClaimKind.INDIRECT, (),
        id="parenthetical-tag",
    ),
    pytest.param(
        "The coach's claim that the referee had been biased was rejected.",
        "The coach's", "claim", "the referee had been biased", ClaimKind.INDIRECT, (), id="noun-cue-with-source",
    ),
    pytest.param(
        "The club faced accusations that it had ignored safety warnings for years.",
        None, "accusations", "it had ignored safety warnings", ClaimKind.NO_SOURCE, (), id="noun-cue-no-source",
    ),
    pytest.param(
        "A recent YouGov poll showed that most voters in Wales oppose the plan.",
        "A recent YouGov poll", "showed", "most voters in Wales oppose the plan", ClaimKind.INDIRECT, ("Wales",),
        id="non-person-source-poll",
    ),
    pytest.param(
        "The letter went on to say: “We cannot accept these terms under any circumstances.”",
        "The letter", "say", "We cannot accept these terms", ClaimKind.DIRECT, (), id="non-person-source-letter",
    ),
    pytest.param(
        "The treasurer is confident that the budget will balance by March.",
        "The treasurer", "is confident", "the budget will balance by March", ClaimKind.INDIRECT, (),
        id="adjective-cue",
    ),
    pytest.param(
        "The new stadium is expected to open next spring.",
        None, "expected", "to open next spring", ClaimKind.NO_SOURCE, (), id="raising-no-source",
    ),
    pytest.param(
        "Manchester City said it would appeal against the ruling.",
        "Manchester City", "said", "it would appeal against the ruling", ClaimKind.INDIRECT, (),
        id="organisation-source",
    ),
    pytest.param(
        "The council dropped the rule, which critics said was unfair to tenants.",
        "critics", "said", "was unfair to tenants", ClaimKind.INDIRECT, (), id="relative-clause-around-tag",
    ),
    pytest.param(
        "Asked whether she would run again, the mayor said she had not decided.",
        None, "Asked", "whether she would run again", ClaimKind.NO_SOURCE, (), id="passive-participle-asked",
    ),
    pytest.param(
        "As the auditor noted, the council has overspent on every project since 2019.",
        "the auditor", "noted", "the council has overspent on every project", ClaimKind.INDIRECT, (),
        id="as-clause-tag",
    ),
    pytest.param(
        "In the governor's view, the new tax will hurt small farms.",
        "the governor's", "view", "the new tax will hurt small farms", ClaimKind.INDIRECT, (), id="viewpoint",
    ),
    pytest.param(
        "“We have lost the argument on housing,” Rachel Green said in Manchester.",
        "Rachel Green", "said", "We have lost the argument on housing", ClaimKind.DIRECT, (),
        id="direct-named-source",
    ),
    pytest.param(
        "The senator cited the collapse of the steel industry in his speech on Monday.",
        "The senator", "cited", "the collapse of the steel industry", ClaimKind.INDIRECT, (), id="object-cited",
    ),
    pytest.param(
        "Critics questioned the cost of the new stadium.",
        "Critics", "questioned", "the cost of the new stadium", ClaimKind.INDIRECT, (), id="object-questioned",
    ),
    pytest.param(
        "The minister was asked about the strike on Monday.",
        None, "asked about", "the strike", ClaimKind.NO_SOURCE, (), id="passive-asked-about-no-source",
    ),
    pytest.param(
        "The mayor is hoping the new bridge will open by March.",
        "The mayor", "hoping", "the new bridge will open by March", ClaimKind.INDIRECT, (), id="hoping-lemma",
    ),
    pytest.param(
        "Graham: Trump's rhetoric is destroying the party's chances\n\nThe senator spoke in Columbia on Monday.",
        "Graham", ":", "rhetoric is destroying the party's chances", ClaimKind.INDIRECT, (), id="headline-name-colon",
    ),
    pytest.param(
        "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said he and other rabbis were "
        "alarmed about the tone of the campaign.",
        "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott", "said",
        "other rabbis were alarmed", ClaimKind.INDIRECT, (), id="long-subject-misparsed-as-clause",
    ),
    pytest.param(
        "However, the council's record on housing, which has been described as weak, has been brought up repeatedly "
        "on the doorstep by voters say the party's campaigners in the ward.",
        "the party's campaigners in the ward", "say", "has been brought up repeatedly on the doorstep",
        ClaimKind.INDIRECT, (), id="inverted-say-read-as-object",
    ),
    pytest.param(
        "In a Fox poll released Sunday, Cruz had 38 percent of the vote.",
        "a Fox poll released Sunday", "In", "Cruz had 38 percent of the vote", ClaimKind.INDIRECT, ("Cruz",),
        id="in-a-poll",
    ),
    pytest.param(
        "The senator has made it clear that he will vote against the bill.",
        "The senator", "made it clear", "he will vote against the bill", ClaimKind.INDIRECT, (), id="made-it-clear",
    ),
    pytest.param(
        "The mayor raised questions about the cost of the new stadium.",
        "The mayor", "raised questions about", "the cost of the new stadium", ClaimKind.INDIRECT, (),
        id="light-verb-stance-noun",
    ),
    pytest.param(
        "Mr. Cruz seemed to mock the governor's plan.",
        "Mr. Cruz", "seemed to mock", "the governor's plan", ClaimKind.INDIRECT, (), id="raising-verb-with-cue-verb",
    ),
]


@pytest.mark.parametrize(("text", "source", "cue", "content", "kind", "about"), CASES)
def test_construction(
    nlp: Language, text: str, source: str | None, cue: str, content: str, kind: ClaimKind, about: tuple[str, ...]
) -> None:
    """Each construction yields one claim with the expected speaker mention, cue, content, kind and topics."""
    extraction = extract(nlp, text)
    claim = claim_with(extraction, content)
    check_source_and_cue(claim, source, cue)
    assert claim.kind is kind
    about_text = " ".join(m.span.text for m in claim.about)
    for word in about:
        assert word in about_text
    assert 0.0 <= claim.confidence <= 1.0
    assert all(span.verify(text) for span in extraction.spans())


def test_split_quote_is_one_claim(nlp: Language) -> None:
    """A quotation interrupted by its tag ("…," she said, "…") is one claim with two content spans."""
    text = "“The plan is sound,” the director said, “and we will deliver it on time.”"
    claims = extract(nlp, text).claims
    assert len(claims) == 1
    assert [s.text for s in claims[0].contents] == ["“The plan is sound,”", "“and we will deliver it on time.”"]
    assert claims[0].source is not None and claims[0].source.span.text == "the director"


def test_multi_paragraph_quote_joins_paragraphs(nlp: Language) -> None:
    """An unclosed quotation continued by the next paragraph's opening mark stays one claim."""
    text = "The mayor said: “The budget is balanced for the first time.\n“And it will stay balanced next year.”"
    claims = extract(nlp, text).claims
    assert len(claims) == 1
    assert len(claims[0].contents) == 2 and claims[0].contents[1].text.startswith("“And it will")
    assert claims[0].kind is ClaimKind.DIRECT


def test_quote_only_paragraph_continues_previous_speaker(nlp: Language) -> None:
    """A paragraph holding only a quotation continues the speaker of the paragraph before."""
    text = "“We have lost our way,” Senator Mary Hill said.\n“The voters will remember this in November.”"
    extraction = extract(nlp, text)
    first = claim_with(extraction, "lost our way")
    follow = claim_with(extraction, "The voters will remember")
    assert follow.kind is ClaimKind.CONTINUATION
    assert follow.cue is None
    assert follow.source is not None and follow.source.span.text == ""  # implicit: no words of its own
    assert first.speaker is not None and follow.speaker == first.speaker
    assert follow.confidence < first.confidence


def test_pronoun_object_in_content_is_about_its_antecedent(nlp: Language) -> None:
    """`him` in the content resolves to the person it stands for, and the speaker resolves too."""
    text = (
        "Keir Starmer visited the factory on Monday. The Labour Muslim Network said it would "
        "support him at the next election."
    )
    extraction = extract(nlp, text)
    claim = claim_with(extraction, "support him")
    starmer = next(e for e in extraction.entities if e.name == "Keir Starmer")
    assert starmer.key in {m.entity for m in claim.about}
    assert claim.speaker is not None and "Network" in (extraction.entity(claim.speaker) or starmer).name


def test_unresolvable_speaker_keeps_mention_without_entity(nlp: Language) -> None:
    """A vague speaker stays as written and is not forced onto some entity of the document."""
    text = "Angela Rayner spoke in Leeds. Some critics said the plan would fail."
    claim = claim_with(extract(nlp, text), "the plan would fail")
    assert claim.source is not None and claim.source.span.text == "Some critics"
    assert claim.speaker is None


def test_confidence_ranks_reliable_patterns_first(nlp: Language) -> None:
    """A quoted statement with a said-verb and a named source outranks a sourceless noun cue."""
    text = (
        "“Taxes will not rise,” Rachel Green said.\n"
        "The announcement came amid accusations that the budget had been leaked."
    )
    extraction = extract(nlp, text)
    direct = claim_with(extraction, "Taxes will not rise")
    weak = claim_with(extraction, "the budget had been leaked")
    assert direct.confidence > weak.confidence


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Rebel units took the town after the so-called “ceasefire” collapsed in May.", id="so-called"),
        pytest.param("Voters in the so called “swing districts” stayed at home on Tuesday.", id="so-called-spaced"),
    ],
)
def test_scare_quotes_are_not_claims(nlp: Language, text: str) -> None:
    """Scare quotes after "so-called" report nobody's words, so they yield no claim."""
    assert not any("“" in c.content_text for c in extract(nlp, text).claims)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The party is doing well in the polls this spring.", id="standing-in-the-polls"),
        pytest.param("Interview tags are uneven.\n\nQ: What happens to the bridge next year?", id="interview-q-tag"),
    ],
)
def test_descriptions_are_not_claims(nlp: Language, text: str) -> None:
    """A standing in the polls and an interviewer's bare "Q:" tag report nobody's statement."""
    assert extract(nlp, text).claims == ()


def test_extract_many_streams_in_order(nlp: Language) -> None:
    """extract_many yields one extraction per input text, in input order, equal to extract()."""
    texts = ["“Yes,” she said.", "No claims here at all.", "The minister said that taxes would fall."]
    many = list(extract_many(nlp, iter(texts), batch_size=2))
    assert [e.text for e in many] == texts
    assert many[2].claims == extract(nlp, texts[2]).claims
    assert many[1].claims == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “yes” and “no”.", ["“yes”", "“no”"]),
        ('He said "yes, indeed," and left.', ['"yes, indeed,"']),
        ("It was ''a misguided approach,'' he said.", ["''a misguided approach,''"]),
        ("She said: “one ‘two’ three.”", ["“one ‘two’ three.”"]),
        ("The parties’ campaigners said it’s fine.", []),
        ("He said: “first part\n“second part.”", ["“first part", "“second part.”"]),
        ("‘We will win,’ she said.", ["‘We will win,’"]),
    ],
    ids=["curly", "straight", "doubled-apostrophes", "nested-single", "apostrophes-only", "multi-paragraph",
         "single-primary"],
)
def test_find_quotes(text: str, expected: list[str]) -> None:
    """Quotation marks of every style are paired; apostrophes and nested single quotes are left alone."""
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


def test_multi_paragraph_quote_is_flagged_as_continuing() -> None:
    """The second paragraph of an unclosed quotation is marked as continuing it."""
    quotes = find_quotes("He said: “first part\n“second part.”")
    assert [q.closed for q in quotes] == [False, True]
    assert [q.continues for q in quotes] == [False, True]


_PIECES = st.sampled_from(
    ["“", "”", '"', "‘", "’", "'", "''", "\u00a0", "\u2009", "\u202f", "\n", "\n\n", "\t", " ", ",", ".", ":",
     "—", "said", "told", "according to", "claimed that", "she", "The minister", "Keir Starmer", "Labour",
     "accusations that", "the plan", "was", "dead", "é", "😀", "x"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=40).map(" ".join) | st.lists(_PIECES, max_size=40).map("".join))
def test_every_span_is_a_slice_of_the_text(nlp: Language, text: str) -> None:
    """Whatever the quotes and whitespace, every emitted span equals the document slice it names."""
    extraction = extract(nlp, text)
    for span in extraction.spans():
        assert span.verify(text), span
    for claim in extraction.claims:
        assert claim.contents and all(s.start < s.end for s in claim.contents)


def test_seed_scores_meet_thresholds(nlp: Language) -> None:
    """On the gold seeds, attribution F1 >= 0.90 and >= 85% of matched quotes name the right speaker."""
    from graph.evaluate import evaluate, quotes_from_extraction, read_gold

    docs = read_gold(DATA)
    predictions = {
        doc.name: quotes_from_extraction(extraction)
        for doc, extraction in zip(docs, extract_many(nlp, (d.text for d in docs)), strict=True)
    }
    report = evaluate(docs, predictions)
    assert report.attribution.f1 >= 0.90, report.to_dict()["attribution"]
    assert report.speaker.share is not None and report.speaker.share >= 0.85, report.to_dict()["speaker"]
