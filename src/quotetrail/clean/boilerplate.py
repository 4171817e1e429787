"""A lexicon of generic web-page furniture (cookie notices, share bars, subscribe prompts, legal
footers, comment widgets, related-story headings) and the line shapes it must come with.

Every rule pairs a vocabulary with a shape (short line, whole-line match, mostly-UI words) so that
an article sentence that merely mentions cookies or copyright is never taken for a notice.
"""
from __future__ import annotations

import re

from .cues import byline
from .shape import has_quotation, is_title_like, words

_I = re.IGNORECASE

# --- cookie / consent notices ------------------------------------------------------------------
_COOKIE = re.compile(
    r"\b(?:(?:this|our|the) (?:web)?site uses cookies|we use cookies|uses? (?:of )?cookies to"
    r"|(?:accept|reject|manage|allow)(?: all)? cookies|cookie (?:policy|settings|preferences|notice|consent)"
    r"|by (?:continuing|using|browsing)\b.{0,60}\b(?:cookies|privacy policy)"
    r"|you (?:agree|consent) to (?:our|the) (?:use of cookies|cookie|privacy|terms))",
    _I,
)
_COOKIE_SHORT = re.compile(r"\bcookies?\b|\bconsent\b|\bgdpr\b", _I)

# --- share bars ----------------------------------------------------------------------------------
SHARE_WORDS = frozenset(
    """share shares sharing facebook twitter x pinterest whatsapp linkedin reddit telegram email e-mail
    mail print copy link url tumblr messenger flipboard tweet pocket sms vk viber threads bluesky
    mastodon weibo wechat line google instagram youtube tiktok snapchat rss save bookmark comment
    comments copied gmail outlook""".split()
)

# --- single UI controls and widget labels: whole-line matches only -------------------------------
_UI = re.compile(
    r"^(?:(?:please )?wait(?:ing)?(?: for)? \d+ (?:sec|secs|seconds?)|loading(?: comments)?|skip (?:to )?(?:main )?content"
    r"|skip (?:this )?ad|scroll (?:down )?to continue(?: with content)?|continue reading(?: below| the article)?"
    r"|(?:read|show|load|view|see) (?:more|less|all)|click (?:here|to)\b.*|click (?:the )?(?:photo|image|picture)s? to (?:enlarge|zoom|see more)\b.*|tap (?:here|to)\b.*"
    r"|listen to (?:this )?(?:article|story)(?: \d+ min(?:ute)?s?)?|\d+ min(?:ute)?s?(?: read| listen)?|back to top"
    r"|(?:sign|log) (?:in|out|up)|register|menu|search|close|open (?:in|the) app|toggle navigation"
    r"|enable javascript.*|javascript is (?:disabled|required).*|(?:go|jump) to (?:comments|top)"
    r"|next (?:article|story|post)|previous (?:article|story|post)|font size|text size|zoom"
    r"|(?:watch|play) (?:the )?video|video|audio|photo gallery|image|gallery|expand|collapse"
    r"|report (?:an )?(?:error|typo|ad)|follow|unfollow|like|reply|home|news)[\s.!:…]*$",
    _I,
)

# --- promotion: ads, subscriptions, apps, "more stories on example.com" ---------------------------
_PROMO_LINE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content| by .*)?|promoted(?: content)?|paid (?:content|partner)"
    r"|partner content|ad|ads|story continues below(?: advertisement)?|article continues below.*"
    r"|continue reading below.*)[\s.:…]*$",
    _I,
)
_PROMO = re.compile(
    r"\b(?:subscribe (?:to|now|today|for|here)|subscribers? only|sign up (?:for|to|now|here)|newsletter"
    r"|delivered (?:straight )?to your inbox|download (?:the|our) (?:free )?app|get the app|follow us on"
    r"|join us on|available (?:on|at) (?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}"
    r"|(?:more|other) (?:stories|articles|news) like this|support (?:our|independent) journalism"
    r"|become a (?:member|subscriber)|already a subscriber|free trial|unlock (?:this|full) (?:article|access))",
    _I,
)

# --- copyright ----------------------------------------------------------------------------------
_COPYRIGHT = re.compile(
    r"(?<![^\W\d_])(?<![\u0300-\u036f])©|\(c\) ?(?:19|20)\d\d|\bcopyright\b\s*(?:©|\(c\)|(?:19|20)\d\d)|\ball rights reserved\b"
    r"|\b(?:may|must) not be (?:re)?published,? broadcast|\breproduction (?:in whole or in part )?(?:is )?prohibited",
    _I,
)

# --- legal disclaimers ----------------------------------------------------------------------------
_DISCLAIMER_HEADING = re.compile(r"^(?:legal |important |editorial |financial )?disclaimer\s*:?$", _I)
_LEGAL_TERMS = [
    re.compile(p, _I)
    for p in (
        r"[\"“'‘]?\bas[ -]is\b[\"”'’]?",
        r"\bwarrant(?:y|ies)\b",
        r"\bliabilit(?:y|ies)\b|\bliable\b",
        r"\bresponsibility\b|\bresponsible for\b",
        r"\baccuracy\b",
        r"\bcompleteness\b",
        r"\breliability\b",
        r"\blegality\b",
        r"\bcopyright\b",
        r"\bdisclaim",
        r"\binformational purposes\b|\binformation purposes\b",
        r"\b(?:investment|financial|legal|tax) advice\b",
        r"\bdo(?:es)? not necessarily (?:reflect|represent)\b",
        r"\bviews (?:and opinions )?expressed\b",
        r"\bterms (?:of|and) (?:use|service|conditions)\b",
        r"\bprivacy policy\b",
        r"\bthird[- ]part(?:y|ies)\b",
        r"\bindemnif",
        r"\bendorse(?:ment)?\b",
        r"\bcomplaints?\b",
    )
]
# Disclaimers speak to the reader about the page itself.
_READER_ADDRESS = re.compile(
    r"\b(?:we|our|us|you|your)\b|\bthis (?:article|website|site|page|content|press release|information)\b"
    r"|\bthe information\b|\bthe provider\b",
    _I,
)

# --- comments widgets -----------------------------------------------------------------------------
_COMMENTS = re.compile(
    r"^(?:(?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?|no comments?(?: yet)?|be the first to comment.*"
    r"|(?:leave|post|add|write|submit) a (?:comment|reply).*|show comments|view comments|join the (?:conversation|discussion)"
    r"|comments are closed|comments? (?:section|policy)|cancel reply)"
    r"[\s.!:…]*$",
    _I,
)

# --- markup and script left in the text ----------------------------------------------------------
# A tag with attributes, or script statements: what a page's broken markup leaks into extracted text.
_CODE = re.compile(
    r"<[a-z][a-z0-9]*\s+[a-z\-]+\s*=\s*[\"'][^>]*>|\bdocument\.(?:write|getelementbyid|cookie)\b|\bwindow\.(?:open|location)\b"
    r"|\bfunction\s*\w*\s*\([^)]*\)\s*\{|\bvar\s+[a-z_$][\w$]*\s*=|^\s*[}{]|;\s*[}{]\s*$|\b(?:google_ad_\w+|google_color_\w+)\s*=",
    _I,
)
# "Posted by: Jim | January 14, 2008 07:49 PM", "Posted by rob on January 10, 2008 12:00 PM": a reader's comment.
_COMMENT_SIGNATURE = re.compile(
    r"^(?:posted|submitted|written|comment(?:ed)?) by:?\s+\S.{0,80}?(?:\bon\b|\bat\b|\||,|\s)\s*.*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?.{0,30}$",
    _I,
)


# What opens a section of readers' comments: "Comments are now closed for this story", "Have your
# say", "What you think...", "Here's a sample of the latest views published", "12 comments".
_COMMENT_OPENER = re.compile(
    r"^(?:(?:\d+\s+)?(?:readers?'?|your|user|visitor)?\s*(?:comments?|responses|reactions)(?:\s*\(\d+\))?"
    r"|have your say.*|what you think|what do you think\??|tell us what you think.*|your (?:say|views|comments)"
    r"|comments? (?:are|is) (?:now )?closed.*|(?:here'?s|here is) a (?:sample|selection) of .*(?:views|comments).*"
    r"|we welcome your comments.*|(?:add|post|leave|write|submit) (?:a|your) (?:comment|view|reply).*"
    r"|join the (?:conversation|discussion).*|readers'? (?:views|comments|responses|reactions).*"
    r"|be the first to comment.*|discuss this (?:story|article).*|showing \d+ comments?.*)[\s.!:…]*$",
    _I,
)


# Credits and author notes that close a story: "Additional reporting by …", "Editing by …",
# "Staff writers … contributed to this report.", "Jim Litke is a sports columnist for The Associated
# Press. Write to him at …".
_CREDIT = re.compile(
    r"^[(\[]?(?i:(?:additional |further )?(?:reporting|writing|editing|research|compiled|produced|translated) by)\b"
    r"|(?i:\bcontributed (?:to )?(?:this|the) (?:report|story|article))\b"
    r"|^(?:[A-Z][\w'’.\-]+ ){1,3}(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}(?:writer|reporter|columnist|correspondent|editor"
    r"|contributor|journalist|blogger|critic)\b"
    r"|(?i:\bwrite to (?:him|her|them) at|\b(?:e-?mail|contact) (?:him|her|them|the (?:author|writer|reporter)) at)\b",
)


def is_credit(text: str) -> bool:
    return len(words(text)) <= 45 and bool(_CREDIT.search(text.strip()))


# Openers no article sentence is: a comment count, comments closed, a sample of readers' views.
_STRONG_COMMENT_OPENER = re.compile(
    r"^(?:\d+\s+(?:readers?'?\s+)?comments?|comments? (?:are|is) (?:now )?closed|(?:here'?s|here is) a (?:sample|selection) of"
    r"|we welcome your comments|readers'? (?:comments|views)|(?:add|post|leave|write|submit) a comment|showing \d+ comments?)",
    _I,
)


def is_comment_opener(text: str) -> bool:
    return len(words(text)) <= 40 and bool(_COMMENT_OPENER.match(text.strip()))


def is_strong_comment_opener(text: str) -> bool:
    return is_comment_opener(text) and bool(_STRONG_COMMENT_OPENER.match(text.strip()))


def is_code(text: str) -> bool:
    # Every form _CODE knows holds a bracket, an "=", "document." or "window.": looking for those
    # first spares ordinary lines the slow pattern. (Letters that match only their own two cases:
    # "dow." for "window.", whose "i" also matches "İ" and "ı".)
    if not any(ch in text for ch in "<{}="):
        lower = text.lower()
        if "document." not in lower and "dow." not in lower:
            return False
    return bool(_CODE.search(text))


def is_comment_signature(text: str) -> bool:
    return len(words(text)) <= 20 and bool(_COMMENT_SIGNATURE.match(text.strip()))


# --- related-story lists ------------------------------------------------------------------------
_LIST_HEADING = re.compile(
    r"^(?:(?:the )?most (?:popular|read|viewed|shared|commented|watched)(?: (?:stories|articles|news|posts|videos|now|today|this week))?"
    r"|(?:similar|related|recommended|suggested|featured|popular|latest|top|trending|more|other|sponsored|promoted|partner|further)"
    r"(?: (?:content|articles?|stories|news|posts|reads?|reading|coverage|links|topics|videos|headlines|now|today|for you|on this topic|from \S.*|in \S.*|on \S.*|like this))?"
    r"|(?:you|we think you) (?:may|might|will|could) (?:also )?(?:like|enjoy|love|want to read|be interested in)"
    r"|read (?:more|also|next)(?: from \S.*| on \S.*| about \S.*)?|also read|see also|don'?t miss|must read|what to read next"
    r"|in case you missed it|editor'?s (?:picks?|choice)|from (?:the|around the) web|around the web|more from \S.*"
    r"|recommended for you|top stories|(?:the )?latest(?: news| stories| headlines)?|news feed|tags?|topics?|keywords?)"
    r"[\s.:…]*$",
    _I,
)
# A line that *starts* with such a heading and then names one headline: "Read more: ...", "Earlier: ...".
_INLINE_RELATED = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related(?: (?:story|article|news|content|coverage))?"
    r"|more(?: on this| on| from| news)?|don'?t miss|must read|recommended|watch(?: now)?|listen|trending(?: now)?"
    r"|(?:you|we think you) (?:may|might) (?:also )?(?:like|enjoy|be interested in)|(?:earlier|previously|latest|background|opinion|analysis|explainer)"
    r")\s*:\s*(?P<rest>\S.*)$",
    _I,
)
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)|copyright\b)", _I)
# Widget strips join their labels with middle dots or bars: "Advertisement · Scroll to continue".
_SEPARATORS = re.compile(r"\s+[·|•]\s+")
_WEAK_INLINE = re.compile(r"^(?:earlier|previously|latest|background|opinion|analysis|explainer|watch|listen)\b", _I)


def share_bar(text: str) -> bool:
    toks = [t.casefold() for t in words(text)]
    if not toks or len(toks) > 15 or not is_title_like(text):
        return False
    actions = {"share", "print", "email", "e-mail", "tweet", "copy", "save", "comment", "copied"}
    if len(toks) == 1:
        return toks[0] in actions
    known = sum(t in SHARE_WORDS for t in toks)
    # A bar of buttons names an action or several networks; "YouTube and Google" names two companies.
    return known / len(toks) >= 0.6 and (any(t in actions for t in toks) or known >= 3)


# Share buttons that name a network or an action no sentence ends with.
_SHARE_NETWORKS = frozenset(
    """facebook twitter x pinterest whatsapp linkedin reddit telegram email e-mail tumblr messenger flipboard
    pocket sms vk viber bluesky mastodon weibo wechat gmail print""".split()
)
# The last word of a line with the separators around it, matched on the line reversed (the pattern
# reads the same both ways): a forward search for a word ending the line tried every word of it.
_TAIL_TOKEN_REVERSED = re.compile(r"[\s|·•,/]*([^\W_]+(?:-[^\W_]+)?)[\s|·•,/]*")


def share_tail(text: str) -> str | None:
    """The share bar glued to the end of `text`, or None: a run of at least three share words
    ending the line, naming "share" and a network or at least three networks."""
    toks: list[str] = []
    end = len(text)
    start = end
    while True:
        m = _TAIL_TOKEN_REVERSED.match(text[:start][::-1])
        if not m or m.group(1)[::-1].casefold() not in SHARE_WORDS:
            break
        toks.append(m.group(1)[::-1].casefold())
        start -= m.end()
    networks = sum(t in _SHARE_NETWORKS for t in toks)
    if len(toks) < 3 or not (("share" in toks and networks >= 2) or networks >= 3):
        return None
    if len(set(toks)) < 3 or len(words(text[:start])) < 4:
        return None  # a bar on a line of its own, or after a word or two, is the lexicon's
    return text[start:end]


def is_list_heading(text: str) -> bool:
    return len(words(text)) <= 8 and bool(_LIST_HEADING.match(text.strip()))


def is_disclaimer_heading(text: str) -> bool:
    return bool(_DISCLAIMER_HEADING.match(text.strip()))


def legal_score(text: str) -> int:
    return sum(1 for term in _LEGAL_TERMS if term.search(text))


def is_legal(text: str, after_heading: bool = False) -> bool:
    if after_heading:
        return any(term.search(text) for term in _LEGAL_TERMS)
    # `legal_score(text) >= 3`, without searching for terms past the third or when the text does
    # not address the reader (one pattern, where the terms are twenty)
    if has_quotation(text) or not _READER_ADDRESS.search(text):
        return False
    found = 0
    for term in _LEGAL_TERMS:
        if term.search(text):
            found += 1
            if found == 3:
                return True
    return False


def inline_related(text: str) -> bool:
    """"Read more: <headline>" / "Earlier: <headline>": a link to another story, not a sentence."""
    m = _INLINE_RELATED.match(text.strip())
    if not m:
        return False
    rest = m.group("rest")
    if has_quotation(rest):
        return False
    if _WEAK_INLINE.match(text.strip()):
        # "Earlier: the minister said ..." can be article prose; only a headline-shaped rest goes.
        return is_title_like(rest, max_words=30)
    return len(words(rest)) <= 40


def classify(text: str) -> str | None:
    """The boilerplate reason for one paragraph, or None when it is not generic page furniture."""
    stripped = text.strip()
    n = len(words(stripped))
    if n == 0:
        # Separators and stray symbols ("***", "—", "|") carry no text.
        return "boilerplate:ui"
    if is_code(stripped):
        return "boilerplate:code"  # before the quotation test: code quotes its strings
    quoted = has_quotation(stripped)
    if not quoted:
        # (each shape test before its pattern: on a long paragraph the pattern is the cost)
        if n <= 60 and _COOKIE.search(stripped):
            return "boilerplate:cookie"
        if n <= 4 and _COOKIE_SHORT.search(stripped) and is_title_like(stripped):
            return "boilerplate:cookie"
        if share_bar(stripped):
            return "boilerplate:share"
        if _UI.match(stripped):
            return "boilerplate:ui"
        if _COMMENTS.match(stripped):
            return "comments"
        if _PROMO_LINE.match(stripped):
            return "boilerplate:promo"
        # Promos and copyright footers are short; a long sentence using their words is prose.
        if (n <= 14 or is_title_like(stripped)) and _PROMO.search(stripped):
            return "boilerplate:promo"
        if (
            n <= 12 or ("©" in stripped and n <= 30) or is_title_like(stripped)
            or (n <= 40 and _COPYRIGHT_START.match(stripped))
        ) and _COPYRIGHT.search(stripped):
            return "boilerplate:copyright"
        if byline(stripped):
            return "byline"
        if is_comment_signature(stripped):
            return "comments"
        parts = _SEPARATORS.split(stripped)
        if len(parts) > 1:
            reasons = [classify(part) for part in parts]
            if all(reasons):
                return reasons[0]
        if inline_related(stripped):
            return "related-links"
    if is_legal(stripped):
        return "boilerplate:legal"
    return None
