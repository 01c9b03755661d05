"""The cue lexicon: which verbs, nouns and phrases signal attribution, and how reliably.

Lemmas come from PolNeAR's annotation guidelines (statements, beliefs, intentions, decrees,
evidence, perception) and from the cue annotations of PolNeAR *train*: every annotated cue span
was parsed, its head lemma counted, and the lemmas annotated at least four times as cue were kept
in the class whose syntactic frame they use.  The weight of a lemma is a rounded estimate of
P(annotated as cue | lemma heads a clause with a complement) on train; it orders claims by how
dependable their cue is (``said`` ≈ 0.95, ``see`` ≈ 0.4), never decides membership alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs of saying: they introduce direct quotes and reported speech alike.
SPEECH_VERBS: dict[str, float] = {
    "say": 0.97, "tell": 0.92, "add": 0.9, "write": 0.85, "ask": 0.8, "explain": 0.9, "note": 0.9,
    "announce": 0.85, "report": 0.8, "declare": 0.9, "state": 0.9, "claim": 0.9, "insist": 0.9,
    "argue": 0.9, "warn": 0.9, "reply": 0.9, "respond": 0.8, "answer": 0.8, "acknowledge": 0.9,
    "admit": 0.9, "confirm": 0.85, "deny": 0.85, "suggest": 0.8, "tweet": 0.9, "post": 0.6,
    "continue": 0.6, "recall": 0.85, "describe": 0.7, "call": 0.6, "urge": 0.85, "predict": 0.85,
    "promise": 0.85, "pledge": 0.85, "vow": 0.9, "repeat": 0.7, "comment": 0.8, "complain": 0.85,
    "concede": 0.9, "contend": 0.9, "emphasize": 0.85, "emphasise": 0.85, "stress": 0.8,
    "point": 0.6, "allege": 0.9, "assert": 0.9, "maintain": 0.7, "observe": 0.8, "remark": 0.9,
    "reveal": 0.75, "disclose": 0.8, "testify": 0.85, "conclude": 0.75, "indicate": 0.7,
    "mention": 0.75, "joke": 0.9, "quip": 0.9, "boast": 0.85, "brag": 0.85, "lament": 0.85,
    "shout": 0.8, "yell": 0.8, "scream": 0.7, "whisper": 0.8, "muse": 0.85, "wonder": 0.8,
    "retort": 0.9, "counter": 0.8, "caution": 0.85, "advise": 0.75, "inform": 0.75, "assure": 0.8,
    "accuse": 0.8, "criticize": 0.7, "criticise": 0.7, "blast": 0.65, "slam": 0.6, "attack": 0.5,
    "praise": 0.6, "hail": 0.6, "defend": 0.6, "blame": 0.7, "dismiss": 0.6, "reject": 0.6,
    "decry": 0.8, "condemn": 0.7, "charge": 0.5, "recount": 0.85, "cite": 0.7, "quote": 0.7,
    "estimate": 0.7, "forecast": 0.7, "propose": 0.7, "recommend": 0.75, "demand": 0.8,
    "request": 0.7, "plead": 0.7, "beg": 0.7, "order": 0.6, "instruct": 0.7, "proclaim": 0.9,
    "rule": 0.6, "read": 0.6, "exclaim": 0.9, "agree": 0.7, "reiterate": 0.9, "echo": 0.7,
    "chime": 0.8, "insinuate": 0.8, "imply": 0.7, "signal": 0.6, "hint": 0.8, "speculate": 0.9,
    "question": 0.6, "challenge": 0.5, "threaten": 0.7, "encourage": 0.6, "implore": 0.8,
    "brief": 0.5, "recite": 0.7, "relate": 0.5,
    "elaborate": 0.8, "clarify": 0.8, "concur": 0.8, "object": 0.6,
    "protest": 0.6, "smile": 0.4, "laugh": 0.4, "sigh": 0.5, "shrug": 0.4, "talk": 0.6,
    "speak": 0.6, "refer": 0.6, "discuss": 0.6, "express": 0.6, "denounce": 0.7, "tout": 0.7,
    "mock": 0.6, "highlight": 0.5, "advocate": 0.6, "address": 0.4, "lash": 0.5,
    "rail": 0.6, "rip": 0.5, "thank": 0.5, "applaud": 0.5, "celebrate": 0.4,
    "list": 0.4, "identify": 0.4, "specify": 0.6, "outline": 0.5,
    "detail": 0.5, "characterize": 0.6, "characterise": 0.6, "portray": 0.6, "label": 0.6,
    "brand": 0.6, "dub": 0.6, "liken": 0.7, "compare": 0.5, "name": 0.4, "nominate": 0.4,
    "ridicule": 0.6, "lambaste": 0.6, "scold": 0.6, "chide": 0.6, "fault": 0.6, "knock": 0.4,
    "assail": 0.6, "berate": 0.6, "bash": 0.5, "chant": 0.6, "sing": 0.3, "pray": 0.4,
}

# Verbs of thinking, knowing, wanting, perceiving, supporting and evidence: PolNeAR counts them too.
ATTITUDE_VERBS: dict[str, float] = {
    "think": 0.85, "believe": 0.85, "know": 0.6, "feel": 0.55, "fear": 0.7, "hope": 0.75,
    "expect": 0.6, "want": 0.6, "wish": 0.6, "plan": 0.6, "intend": 0.7, "decide": 0.6,
    "doubt": 0.8, "worry": 0.7, "assume": 0.7, "suspect": 0.8, "consider": 0.5, "see": 0.35,
    "hear": 0.5, "learn": 0.5, "understand": 0.5, "realize": 0.6, "realise": 0.6,
    "recognize": 0.5, "recognise": 0.5, "remember": 0.5, "support": 0.5, "oppose": 0.55,
    "endorse": 0.6, "back": 0.45, "favor": 0.55, "favour": 0.55, "refuse": 0.65, "decline": 0.65,
    "seek": 0.4, "offer": 0.4, "prefer": 0.5, "view": 0.5, "regard": 0.45, "show": 0.6,
    "find": 0.5, "demonstrate": 0.6, "prove": 0.5, "determine": 0.5, "seem": 0.45, "appear": 0.4,
    "imagine": 0.6, "guess": 0.7, "figure": 0.5, "reckon": 0.8, "anticipate": 0.6,
    "acknowledge": 0.8, "insist": 0.8, "envision": 0.6, "foresee": 0.6, "like": 0.35,
    "love": 0.35, "hate": 0.4, "dislike": 0.5, "welcome": 0.5, "applaud": 0.5, "aim": 0.4,
    "vote": 0.3, "agree": 0.7, "disagree": 0.7, "dispute": 0.7, "conclude": 0.7, "estimate": 0.6,
    "predict": 0.8, "project": 0.4, "calculate": 0.5, "discover": 0.45, "notice": 0.5,
    "vow": 0.8, "promise": 0.8, "threaten": 0.6, "pledge": 0.8,
    "mean": 0.4, "need": 0.3, "sense": 0.6, "trust": 0.4, "question": 0.6,
}

# Nouns that carry attribution when they take a clausal complement ("the claim that ...").
NOUN_CUES: dict[str, float] = {
    "claim": 0.7, "statement": 0.7, "accusation": 0.75, "allegation": 0.75, "assertion": 0.75,
    "argument": 0.6, "suggestion": 0.65, "warning": 0.7, "belief": 0.65, "view": 0.55,
    "opinion": 0.55, "concern": 0.55, "fear": 0.55, "hope": 0.5, "report": 0.55,
    "indication": 0.55, "sign": 0.35, "evidence": 0.4, "promise": 0.6, "pledge": 0.6, "vow": 0.6,
    "call": 0.55, "demand": 0.6, "plan": 0.45, "proposal": 0.5,
    "announcement": 0.6, "admission": 0.65, "comment": 0.6, "remark": 0.65, "criticism": 0.55,
    "charge": 0.55, "insistence": 0.65, "assurance": 0.6, "prediction": 0.6, "expectation": 0.5,
    "estimate": 0.5, "speculation": 0.6, "rumor": 0.6, "rumour": 0.6, "suspicion": 0.55,
    "complaint": 0.6, "threat": 0.45, "message": 0.5, "response": 0.45, "explanation": 0.55,
    "contention": 0.7, "idea": 0.4, "notion": 0.5, "theory": 0.5, "finding": 0.55,
    "conclusion": 0.5, "testimony": 0.6, "denial": 0.6, "confirmation": 0.55, "position": 0.4,
    "insinuation": 0.7, "question": 0.35, "request": 0.55, "recommendation": 0.55, "order": 0.4,
    "ruling": 0.5, "verdict": 0.5, "word": 0.4, "thinking": 0.4,
    "worry": 0.55, "doubt": 0.5, "impression": 0.5, "assessment": 0.55, "advice": 0.5,
    "reminder": 0.5, "boast": 0.6, "admonition": 0.6, "poll": 0.4, "survey": 0.4,
    "acknowledgment": 0.6, "acknowledgement": 0.6, "plea": 0.6, "appeal": 0.5,
    "insistance": 0.6, "pressure": 0.3, "push": 0.3, "bid": 0.3, "urging": 0.6, "reports": 0.55,
}

# Predicative adjectives (and participles) that state an attitude: "is confident that", "is opposed to".
ADJECTIVE_CUES: dict[str, float] = {
    "confident": 0.8, "sure": 0.7, "certain": 0.6, "convinced": 0.8, "adamant": 0.9, "optimistic": 0.7,
    "pessimistic": 0.7, "hopeful": 0.7, "worried": 0.7, "concerned": 0.7, "afraid": 0.6, "aware": 0.5,
    "skeptical": 0.8, "sceptical": 0.8, "critical": 0.7, "supportive": 0.7, "eager": 0.6, "willing": 0.5,
    "unwilling": 0.6, "reluctant": 0.6, "determined": 0.6, "glad": 0.5, "proud": 0.5, "angry": 0.5,
    "upset": 0.5, "frustrated": 0.5, "disappointed": 0.6, "pleased": 0.5, "unhappy": 0.5, "uncertain": 0.6,
    "unsure": 0.6, "opposed": 0.7, "committed": 0.5, "insistent": 0.8, "hesitant": 0.6, "keen": 0.6,
    "doubtful": 0.7, "fearful": 0.6, "outraged": 0.5, "furious": 0.5, "wary": 0.6, "open": 0.3,
}
# Adjectives stating a position, which may take a nominal complement ("opposed to the deal").
STANCE_ADJECTIVES = frozenset({"opposed", "committed", "skeptical", "sceptical", "critical", "supportive", "open",
                               "confident", "optimistic", "pessimistic", "worried", "concerned", "wary", "hopeful",
                               "doubtful", "sure", "certain", "convinced"})
# Objects of "say" that stand for an answer rather than a recording ("said no", "said the same").
SAID_OBJECTS = frozenset({"same", "no", "yes", "nothing", "little", "much", "otherwise", "something", "anything"})
# Verbs that take an addressee object before the reported content ("told Sir Keir that ...").
ADDRESSEE_VERBS = frozenset(
    {"tell", "ask", "urge", "warn", "remind", "assure", "inform", "advise", "convince", "persuade",
     "encourage", "call", "implore", "beg", "order", "instruct", "promise", "notify", "caution",
     "push", "press", "challenge", "invite", "accuse", "blame", "criticize", "criticise", "praise"}
)
# Verbs whose object is a recipient even without a following clause ("told reporters").
RECIPIENT_OBJECT_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "brief", "warn", "answer"})
# Light verbs that hand a noun cue its source: "She raised the concern that ..." -> She.
LIGHT_VERBS = frozenset(
    {"make", "issue", "raise", "express", "voice", "level", "repeat", "have", "give", "release",
     "publish", "offer", "put", "send", "deliver", "write", "share", "reject", "dismiss", "deny",
     "echo", "float", "renew", "reiterate", "lodge", "file", "hold", "air", "post"}
)
# Communicative artefacts that can speak for their authors ("a letter saying ...", "a poll showing ...").
ARTIFACTS = frozenset({"letter", "statement", "report", "poll", "survey", "study", "memo", "document", "email",
                       "tweet", "post", "ad", "advertisement", "video", "book", "article", "release", "filing",
                       "lawsuit", "complaint", "note", "message", "speech", "interview", "op-ed", "editorial",
                       "column", "analysis", "review", "paper", "research", "data", "record", "transcript",
                       "petition", "resolution", "motion", "order", "ruling", "bill", "proposal", "plan",
                       "campaign", "spot", "commercial", "website", "blog", "page", "account", "poster"})
# Raising verbs: "X seems to ..." attributes an impression to nobody in particular.
RAISING_VERBS = frozenset({"seem", "appear"})
# Verbs that raise their subject in the passive: "X is expected / said / believed to ...".
PASSIVE_RAISING = frozenset({"expect", "say", "believe", "think", "know", "report", "rumor", "rumour", "project",
                             "predict", "estimate", "consider", "suppose", "reckon", "see", "deem"})
# Verbs that report an intention only through a to-infinitive ("threatened to leave").
INFINITIVE_ONLY = frozenset({"threaten", "refuse", "decline", "seek", "offer", "plan", "intend", "aim", "try"})
# Perception verbs that only describe a situation when their clause has a reflexive subject/object.
NOT_WITH_REFLEXIVE = frozenset({"find", "see", "feel", "consider", "deem"})
# Verbs that report a characterisation: "called Burma a success", "described it as a crime".
PREDICATIVE_VERBS = frozenset({"call", "describe", "label", "brand", "dub", "term", "characterize", "characterise",
                               "portray", "paint", "depict", "liken", "compare", "deem", "declare", "name",
                               "consider", "regard", "view", "see", "hail", "praise", "denounce", "condemn"})
# Prepositions that link a verb cue to nominal content ("called for", "talked about", "warned of").
CONTENT_PREPOSITIONS = frozenset({"about", "for", "of", "on", "against", "over", "to"})
# Verbs whose "to"-phrase is the content ("referred to the deal", "pointed to the polls").
TO_VERBS = frozenset({"refer", "point", "respond", "react", "object", "reply", "allude", "testify"})
# Verbs whose nominal object is rarely attributed content; they need a clause.
CLAUSE_ONLY = frozenset(
    {"say", "add", "continue", "see", "hear", "feel", "know", "find", "read", "seem", "appear",
     "smile", "laugh", "sigh", "shrug", "post", "point", "figure", "mean", "need", "like", "love",
     "vote", "calculate", "discover", "notice", "ensure", "trust", "project", "aim", "learn", "write", "threaten",
     "call", "ask", "tell", "offer", "order", "charge", "attack", "read", "quote", "cite", "question",
     "answer", "respond", "reply", "challenge"}
)
SAY_LIKE = frozenset({"say", "tell", "add", "write", "tweet", "explain", "note", "continue", "state", "declare",
                      "insist", "argue", "warn", "reply", "respond", "recall", "ask", "claim", "conclude"})


def verb_weight(lemma: str) -> float:
    """Reliability of a verb lemma as cue (0 when it is no cue)."""
    return max(SPEECH_VERBS.get(lemma, 0.0), ATTITUDE_VERBS.get(lemma, 0.0))


def is_speech_verb(lemma: str) -> bool:
    """True for verbs of saying (the ones that may introduce a direct quote)."""
    return SPEECH_VERBS.get(lemma, 0.0) > 0.0


def noun_weight(lemma: str) -> float:
    """Reliability of a noun lemma as cue (0 when it is no cue)."""
    return NOUN_CUES.get(lemma, 0.0)


def lemma_of(token: Token) -> str:
    """Lower-cased lemma, repairing the lemmatiser's known slip "hopes/hoped" -> "hop"."""
    lemma = token.lemma_.lower()
    if lemma == "hop" and token.lower_.startswith("hope"):
        return "hope"
    return lemma


def verb_group(verb: Token) -> tuple[int, int]:
    """Token range [i, j) of a verb with its auxiliaries, negation, adverbs and particle, kept contiguous."""
    start = end = verb.i
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i == start - 1:
            start = child.i
    # walk outwards across contiguous auxiliaries/negation/adverbs
    for child in reversed(list(verb.lefts)):
        if child.i == start - 1 and child.dep_ in ("aux", "auxpass", "neg", "advmod"):
            start = child.i
    for child in verb.rights:
        if child.dep_ in ("prt",) and child.i == end + 1:
            end = child.i
    return start, end + 1
