"""When each statement was said: the time expression attached to its cue, resolved against the
article's publication date.

Works on the clean text and character offsets alone (no spaCy Doc), so it is cheap enough to run on
every article: sentences are split by a regex, the cue is found by its words next to the speaker
mention, and an expression is attached when it sits in the cue's sentence, outside every quotation
and outside the statement's own content, with no clause boundary, future marker or subordinate
clause between it and the cue. A statement whose sentence has no date takes the date of the scene
set just before it ("In a press briefing on Friday, Zelensky was asked…" then "“…,” he said"), and
otherwise the publication date, marked with precision "published".
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from ..model import Quote
from ..quotes.lexicon import SURFACE_FORMS, literal_alternation
from ..quotes.marks import paragraphs
from .dateline import dateline_match
from .expressions import Expression, find_expressions, parse_iso, resolve, resolve_from

# --- quotations ------------------------------------------------------------------------------

# Quoted passages, one line at most, to keep dates inside quoted words out. The same pairing as
# `quotes.marks.find_quotations` (mixed “…" typography, ‘…’ told from apostrophes), as one regex:
# that scanner walks every character in Python and was most of this stage's time; on the seeds
# and the sample corpus both give the same spans.
_QUOTED = re.compile(
    r"[“‟][^”“\"\n]*(?:[”\"]|$)"
    r"|(?<![\w])\"[^\"”\n]*(?:[\"”]|$)"
    r"|«[^»\n]*(?:»|$)|„[^“”\n]*(?:[“”]|$)"
    r"|(?<![\w’'])‘(?:[^’\n]|’(?=\w))*(?:’|$)", re.M)

# --- sentences ---------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen sen rep gov lt col capt sgt maj adm st jr sr rev hon pres supt insp
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
no vs etc inc corp ltd co dept univ est approx fig al
""".split())
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)]*(?:\s+|(?=[\"“‘«(]?[A-Z]))")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; paragraphs (lines) always end a sentence."""
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text):
        start = ps
        for m in _SENTENCE_END.finditer(text, ps, pe):
            if m.end() >= pe:
                break
            nxt = text[m.end()] if m.end() < pe else ""
            if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘«("):
                continue  # "… 3.5 per cent", "e.g. the port"
            word = re.search(r"(\w+)$", text[start:m.start()])
            if text[m.start()] == "." and word and (
                    word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue  # "Jan. 20", "U.S. officials", "Gen. Smith"
            out.append((start, m.end()))
            start = m.end()
        if start < pe:
            out.append((start, pe))
    return out


# --- words that break the link between a cue and a time expression ------------------------------

# A clause boundary or a subordinate clause between the cue and the expression: the date belongs
# to something else ("said, before leaving on Friday", "who took office on January 20").
# A coordinated clause with its own subject (", and the union said") is a boundary; a coordinated
# verb sharing the subject (", but insists that…") is not.
_SUBJECT_WORDS = ("he|she|they|it|we|i|you|the|a|an|his|her|its|their|our|this|that|these|those"
                  "|there|one|some|many|most|all")
_COORDINATED_CLAUSE = rf",\s*(?:and|but|or|so|yet)\s+(?:(?:{_SUBJECT_WORDS})\b|[A-Z0-9\"“‘])"
_SUBORDINATE = re.compile(
    r"(?i:\b(?:who|whom|whose|which|that|when|where|while|after|before|since|until|till|because"
    r"|although|though|unless|whether|if|once|as\s+(?:he|she|they|it|the)|than)\b)"
    r"|[;:—–]|\s-\s|" + _COORDINATED_CLAUSE)
_CLAUSE_BOUNDARY = re.compile(r"[;:—–]|\s-\s|" + _COORDINATED_CLAUSE)

# Words that put the expression in the future or in an intention ("will meet on Friday",
# "plans to travel next week", "is set to sign on Monday"): not when something was said.
_FUTURE = re.compile(
    r"(?i)\b(?:will|would|shall|won['’]t|going\s+to|gonna|due\s+to|expected\s+to|scheduled|set\s+to"
    r"|plans?\s+to|planned\s+to|intends?\s+to|next|upcoming)\b|['’]ll\b")
# "to meet on Friday", "taking office on January 20": an infinitive or a participle governs the
# date. Participles of speaking and nouns in -ing ("briefing", "meeting") do not.
_INFINITIVE = re.compile(
    r"\b[Tt]o\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|reporters"
    r"|journalists|lawmakers|parliament|questions?)\b)[a-z]+\b")
_GERUND = re.compile(r"\b([a-z]+ing)\b")
_ING_NOUNS = frozenset("""
briefing meeting hearing morning evening sitting gathering building ceremony ruling
signing opening closing wedding funeral screening rally speaking addressing talking testifying
writing posting responding answering commenting appearing
""".split())

_SPEECH_NOUNS = ("interview|briefing|conference|statement|speech|remarks|address|hearing|session"
                 "|debate|summit|meeting|broadcast|podcast|post|video|rally|news\\s+conference"
                 "|press\\s+conference|sitting|visit|appearance|call")
_SPEECH = re.compile(
    r"(?i)\b(?:" + literal_alternation(SURFACE_FORMS) + "|" + _SPEECH_NOUNS + r")\b")
_PRONOUN = re.compile(r"\b(?:he|she|they|He|She|They)\b")
_NEAR_SPEECH_WORDS = 6  # a scene-setting date sits this close to a speaking word
_MAX_GAP_WORDS = 14  # beyond this, a date in the cue's sentence is not the cue's
_INHERIT_SENTENCES = 3  # sentences looked back at for the scene of a statement
_FUTURE_WORDS = re.compile(r"(?i)^(?:next|coming|this\s+coming|tomorrow)\b|\b(?:from\s+now|later)\b")


def _looks_ahead(e: Expression) -> bool:
    """Words that put the date after the writing ("next week", "later this month"); in a shift,
    "later" counts from the text's date ("two days later"), not from now."""
    return e.kind != "text_rel" and _FUTURE_WORDS.search(e.text) is not None
_WORD = re.compile(r"\w+")
_PRONOUNS = frozenset("he she they him her them it we i you".split())


@dataclass
class _Candidate:
    expression: Expression
    distance: int  # words between it and the cue


class _Article:
    """Per-article structures computed once and shared by every quote."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_bounds(self.text)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @cached_property
    def paragraph_spans(self) -> list[tuple[int, int]]:
        return paragraphs(self.text)

    @cached_property
    def paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraph_spans]

    @cached_property
    def _quoted(self) -> list[tuple[int, int]]:
        return [m.span() for m in _QUOTED.finditer(self.text)]

    @cached_property
    def _quoted_starts(self) -> list[int]:
        return [s for s, _ in self._quoted]

    @cached_property
    def _quoted_ends(self) -> list[int]:
        return [e for _, e in self._quoted]

    def quoted(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations (marks included) that may overlap text[start:end]."""
        # the regex yields them in order and without overlap, so their ends are sorted too
        first = bisect.bisect_right(self._quoted_ends, start)
        last = bisect.bisect_left(self._quoted_starts, end)
        return self._quoted[first:last]

    @cached_property
    def dateline(self) -> tuple[int, int] | None:
        m = dateline_match(self.text)
        return m.span("date") if m else None

    @cached_property
    def expressions(self) -> list[Expression]:
        out = []
        for e in find_expressions(self.text, shifts=True):
            if self.dateline and e.start < self.dateline[1] and self.dateline[0] < e.end:
                continue  # the dateline is the article's date, not a statement's
            if _overlaps(e.start, e.end, self.quoted(e.start, e.end)):
                continue  # a date inside quoted words is what the words are about
            out.append(e)
        return out

    def reference(self, shift: Expression) -> Expression | None:
        """The date a shift ("two days later", "a year earlier") counts from: the last date
        written before it in its sentence, else in the sentence before (a statement's "A year
        earlier, …" follows the sentence that set the date)."""
        index = self.sentence_index(shift.start)
        lo = self.sentences[max(0, index - 1)][0]
        before = [e for e in self.expressions_in(lo, shift.start) if e.kind != "text_rel"]
        return before[-1] if before else None

    def resolve(self, e: Expression, anchor) -> tuple | None:
        """`e` against the anchor, or a shift against the date it counts from (None without one:
        counted from the publication date it would be a guess)."""
        if e.kind != "text_rel":
            return resolve(e.text, anchor)
        reference = self.reference(e)
        if reference is None:
            return None
        base = resolve(reference.text, anchor)
        return resolve_from(e.text, base) if base else None

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def paragraph_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, pos) - 1)

    def expressions_in(self, start: int, end: int) -> list[Expression]:
        return [e for e in self.expressions if start <= e.start and e.end <= end]


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _clause_start(text: str, sentence_start: int, pos: int) -> int:
    """Start of the clause holding `pos`: after the last comma, semicolon or dash before it."""
    cut = max(text.rfind(ch, sentence_start, pos) for ch in ",;—–:")
    return sentence_start if cut < 0 else cut + 1


def _blocked(segment: str) -> bool:
    if _SUBORDINATE.search(segment) or _FUTURE.search(segment) or _INFINITIVE.search(segment):
        return True
    return any(g not in _ING_NOUNS for g in _GERUND.findall(segment))


def _find_cue(art: _Article, quote: Quote, lo: int, hi: int) -> tuple[int, int] | None:
    """Where the quote's cue is written: the occurrence in text[lo:hi] outside the quote's
    content and outside quotations, nearest the speaker mention (else nearest the content)."""
    if not quote.cue:
        return None
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in quote.cue.split()) + r"(?!\w)"
    spans = [tuple(s) for s in quote.spans]
    target = quote.mention_start if quote.mention_start is not None else (spans[0][0] if spans else lo)
    best, best_distance = None, None
    for m in re.finditer(pattern, art.text[lo:hi]):
        s, e = m.start() + lo, m.end() + lo
        if _overlaps(s, e, spans) or _overlaps(s, e, art.quoted(s, e)):
            continue
        distance = abs(s - target)
        if best_distance is None or distance < best_distance:
            best, best_distance = (s, e), distance
    return best


def _attached(art: _Article, quote: Quote) -> Expression | None:
    """The expression attached to the quote's cue in its own sentence, nearest the cue."""
    text = art.text
    spans = [tuple(s) for s in quote.spans]
    points = [p for s in spans for p in s]
    if quote.mention_start is not None:
        points += [quote.mention_start, quote.mention_end or quote.mention_start]
    if not points:
        return None
    first, last = art.sentence_index(min(points)), art.sentence_index(max(points) - 1)
    lo, hi = art.sentences[first][0], art.sentences[last][1]
    cue = _find_cue(art, quote, lo, hi)
    if cue is None:
        # no cue written (a quote paragraph continuing the last speaker's): its sentence only,
        # with the speaker mention standing in for the cue when there is one
        if quote.mention_start is None:
            return None
        cue = (quote.mention_start, quote.mention_end or quote.mention_start)
    index = art.sentence_index(cue[0])
    s_start, s_end = art.sentences[index]
    best: _Candidate | None = None
    for e in art.expressions_in(s_start, s_end):
        if _overlaps(e.start, e.end, spans) or e.is_span_bound:
            continue
        if e.start >= cue[1]:  # "Zelensky said on Friday", "told reporters in Kyiv on Friday"
            gap = text[cue[1]:e.start]
            if _overlaps(cue[1], e.start, art.quoted(cue[1], e.start)) or _blocked(gap):
                continue
        else:  # "On Friday, Zelensky said", "Sokol on Wednesday told parliament"
            gap = text[e.end:cue[0]]
            prefix = text[_clause_start(text, s_start, e.start):e.start]
            if _blocked(prefix) or _CLAUSE_BOUNDARY.search(gap):
                continue
            # "Earlier in October, Putin signalled that … but insisted that …": a date fronted
            # before the sentence's subject dates each verb of that subject, the coordinated
            # ones after a subordinate clause included
            framed = _is_frame(art, e, s_start, s_end) and bool(_SHARED_SUBJECT.search(text[s_start:cue[0]]))
            cue_clause = text[max(e.end, _clause_start(text, s_start, cue[0])):cue[0]]
            if not framed and (_SUBORDINATE.search(cue_clause) or re.match(r"(?i)\s*as\b", cue_clause)):
                continue  # "resigned on Tuesday, two days after insisting…": the cue is subordinate
            if _overlaps(e.end, cue[0], spans):
                continue  # the statement's own content lies between: the date is in another clause
            if framed:
                gap = ""  # the frame is the sentence's, however long its first clause
        distance = _words(gap)
        if distance > _MAX_GAP_WORDS:
            continue
        if best is None or distance < best.distance:
            best = _Candidate(e, distance)
    return best.expression if best else None


# A cue verb coordinated with an earlier verb of the same subject: "… but insisted", "and added".
_SHARED_SUBJECT = re.compile(r"[^,;:]\s(?:and|but|yet)\s+(?:also\s+|then\s+|later\s+)?$|,\s*(?:and|but)\s+(?:also\s+)?$")


def _is_frame(art: _Article, e: Expression, s_start: int, s_end: int) -> bool:
    """`e` sits in the sentence's fronted adverbial ("Earlier in October, …", "In a briefing on
    Friday, …"): nothing but that phrase before it, and the phrase closed by the sentence's first
    comma."""
    comma = art.text.find(",", e.end, s_end)
    if comma < 0 or art.text.find(",", s_start, e.start) >= 0:
        return False
    lead = art.text[s_start:e.start]
    return (not _blocked(lead) and not _looks_ahead(e) and _words(lead) <= 8
            and _words(art.text[e.end:comma]) <= 6 and not _overlaps(s_start, comma, art.quoted(s_start, comma)))


_DETERMINERS = frozenset("the a an his her its their our my your this that these those".split())


def _names(quote: Quote) -> set[str]:
    """Proper-name words that identify the speaker: the last capitalised word of the mention and
    of the resolved speaker ("Zelensky" for "Ukrainian President Volodymyr Zelensky")."""
    names = set()
    for value in (quote.mention, quote.speaker):
        if value:
            words = [w for w in _WORD.findall(value) if w[:1].isupper()
                     and w.lower() not in _DETERMINERS and w.lower() not in _PRONOUNS]
            if words:
                names.add(words[-1])
    return names


def _is_person_pronoun(mention: str | None) -> bool:
    return bool(mention) and mention.strip().lower() in ("he", "she")


def _scene(art: _Article, quote: Quote, speakers: dict[int, set[str]],
           dated: dict[int, tuple[Expression, set[str]]]) -> Expression | None:
    """A date set by the sentences just before the statement for the same speaker: "In a press
    briefing on Friday, Zelensky was asked…", then “…,” Zelensky responded.

    `speakers` maps a sentence index to the speaker names of the statements made in it, so the
    look-back stops at a sentence where someone else speaks; `dated` maps a sentence index to the
    date of a statement already dated there, which the same speaker's next statement shares
    (“…,” Falk said on Thursday. “…,” she added.).
    """
    starts = [s for s, _ in quote.spans]
    if quote.mention_start is not None:
        starts.append(quote.mention_start)
    if not starts:
        return None
    here = art.sentence_index(min(starts))
    if not _continues(art, quote, here):
        return None
    paragraph = art.paragraph_index(art.sentences[here][0])
    names = _names(quote)
    # "he"/"she" before the statement may be its speaker only when the speaker is a person
    pronoun_ok = bool(names) or _is_person_pronoun(quote.mention)
    name_pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
    for index in range(here - 1, max(-1, here - 1 - _INHERIT_SENTENCES), -1):
        s_start, s_end = art.sentences[index]
        if art.paragraph_index(s_start) < paragraph - 1:
            break
        if index in dated:
            expression, their_names = dated[index]
            if (names & their_names) or (not names and pronoun_ok and their_names):
                return expression
        unquoted = _strip_quoted(art, s_start, s_end)
        named = name_pattern is not None and name_pattern.search(unquoted) is not None
        others = speakers.get(index, set())
        if others and names and not (others & names) and not named:
            break  # someone else speaks in between
        about_speaker = named or bool(pronoun_ok and _PRONOUN.search(unquoted))
        found = None
        for e in art.expressions_in(s_start, s_end):
            if e.is_span_bound or _looks_ahead(e):
                continue
            prefix = art.text[_clause_start(art.text, s_start, e.start):e.start]
            if _blocked(prefix):
                continue
            if _is_frame(art, e, s_start, s_end) or _near_speech(art.text, s_start, s_end, e):
                found = e
                break
        if found is not None:
            return found if about_speaker else None
    return None


_OPENING_MARK = re.compile(r"\s*[“‟\"«„‘]")


def _continues(art: _Article, quote: Quote, here: int) -> bool:
    """Whether the statement's sentence goes on with the scene of the sentences before it, so
    that their date is its date: it has no date of its own (outside the statement's words), and
    it is a quotation with its attribution (“…,” Falk replied), a statement with no speaker
    written, or one whose speaker is a pronoun ("she added that…"). A sentence with a new named
    subject ("Moscow has repeatedly said…") starts a scene of its own."""
    s_start, s_end = art.sentences[here]
    mention_end = quote.mention_end or quote.mention_start
    if mention_end is not None:
        s_end = max(s_end, art.sentences[art.sentence_index(mention_end - 1)][1])
    spans = [tuple(s) for s in quote.spans]
    for e in art.expressions_in(s_start, s_end):
        if not _overlaps(e.start, e.end, spans) and not _looks_ahead(e):
            return False
    if quote.mention_start is None or (quote.mention or "").strip().lower() in _PRONOUNS:
        return True
    return bool(_OPENING_MARK.match(art.text, s_start))


def _strip_quoted(art: _Article, start: int, end: int) -> str:
    chars = list(art.text[start:end])
    for s, e in art.quoted(start, end):
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return "".join(chars)


def _near_speech(text: str, s_start: int, s_end: int, e: Expression) -> bool:
    before = text[s_start:e.start]
    after = text[e.end:s_end]
    near_before = " ".join(before.split()[-_NEAR_SPEECH_WORDS:])
    near_after = " ".join(after.split()[:_NEAR_SPEECH_WORDS])
    return bool(_SPEECH.search(near_before) or _SPEECH.search(near_after))


def date_statements(text: str, quotes: list[Quote], published: str | None, doc=None) -> None:
    """Set `said_on`, `said_on_precision` and `date_text` on each quote (in place).

    `said_on` is 'YYYY-MM-DD'; precision is 'day' | 'week' | 'month' | 'year', or 'published' when
    no words date the statement and the publication date stands in; both are None when nothing
    dates it, or when its words are relative ("on Friday") and there is no publication date
    (then `date_text` still keeps the words). A date after the publication date is not when the
    statement was said and is ignored. `doc` is accepted for callers that hold a spaCy Doc; the
    rules here need only the text.
    """
    del doc
    anchor = parse_iso(published)
    art = _Article(text)
    speakers: dict[int, set[str]] = {}
    for quote in quotes:
        if quote.mention_start is not None:
            speakers.setdefault(art.sentence_index(quote.mention_start), set()).update(_names(quote))
    dated: dict[int, tuple[Expression, set[str]]] = {}
    for quote in sorted(quotes, key=lambda q: min((s for s, _ in q.spans), default=0)):
        quote.said_on = quote.said_on_precision = quote.date_text = None
        expression, resolved = None, None
        for find in (lambda: _attached(art, quote), lambda: _scene(art, quote, speakers, dated)):
            expression = find()
            if expression is None or _looks_ahead(expression):
                expression = None
                continue
            resolved = art.resolve(expression, anchor)
            if resolved is None and expression.kind == "text_rel":
                expression = None  # a shift with no date to count from dates nothing
                continue
            if resolved is not None and anchor is not None and resolved[0] > anchor:
                expression, resolved = None, None  # after publication: not when it was said
                continue
            break
        if expression is None:
            if anchor is not None:
                quote.said_on = anchor.isoformat()
                quote.said_on_precision = "published"
            continue
        quote.date_text = " ".join(expression.text.split())
        if resolved is not None:
            quote.said_on = resolved[0].isoformat()
            quote.said_on_precision = resolved[1]
        names = _names(quote)
        if names:  # the same speaker's next statement may share this date
            anchors = [quote.spans[0][0]] if quote.spans else []
            if quote.mention_start is not None:
                anchors.append(quote.mention_start)
            for pos in anchors:
                dated[art.sentence_index(pos)] = (expression, names)
