"""The model's own `attribute_ruler` rules (tag → POS/morph/lemma exceptions), applied by table lookup.

spaCy's AttributeRuler runs a Matcher with every rule over every token; with en_core_web_sm that
was 17% of the parse (more than the tagger and the lemmatizer together). Its rules only look at a
token's tag, lowercase form, dependency label and whether it is a space (one token, or two for a
few contractions), so the rules worth testing on a token can be looked up by its form, and the
rest cached per (tag, dependency). `speed_up(nlp)` swaps this in for the
component in place when every rule is of that kind, and leaves the component alone otherwise. The
result is the same as spaCy's (tests/nlp/test_attributes.py checks that token by token).
"""
from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
MEMO_SIZE = 200_000  # distinct feature combinations remembered before starting over


class _Unsupported(ValueError):
    pass


def _condition(value: Any):
    """A test on one token feature value, as the Matcher reads a pattern value."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = set(arg)
            return lambda v: v in allowed
        if op == "NOT_IN":
            banned = set(arg)
            return lambda v: v not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda v: isinstance(v, str) and rx.search(v) is not None
    raise _Unsupported(repr(value))


def _token_test(spec: dict):
    tests = []
    for key, value in spec.items():
        if key not in _FEATURES:
            raise _Unsupported(key)
        tests.append((_FEATURES.index(key), _condition(value)))
    return lambda features: all(test(features[i]) for i, test in tests)


class FastAttributeRuler(AttributeRuler):
    """AttributeRuler whose matching is a table lookup (same rules, same result).

    Rules that name the token's lowercase form are found through a dict keyed by that form; the
    others depend on (tag, dependency, is-space) only. A token's rules are remembered by its
    feature ids, with the form left out of the key when no rule reads it (then a few thousand
    combinations at most); the memos start over past `MEMO_SIZE` entries."""

    def _compile(self) -> None:
        by_lower: dict[str, list] = {}
        self._generic, self._always, self._always_forms = [], [], []
        for attr_id, (match_id, index, attrs) in enumerate(zip(self._match_ids(), self.indices, self.attrs)):
            for pattern in self.matcher.get(match_id)[1]:
                rule = (attr_id, [_token_test(spec) for spec in pattern], index, attrs)
                lower = pattern[0].get("LOWER")
                if isinstance(lower, str):
                    by_lower.setdefault(lower, []).append(rule)
                elif isinstance(lower, dict) and list(lower) == ["IN"]:
                    for form in lower["IN"]:
                        by_lower.setdefault(form, []).append(rule)
                elif lower is None:
                    self._generic.append(rule)
                else:  # a regex or NOT_IN on the form: tested on every token (a handful of rules)
                    self._always.append(rule)
                    self._always_forms.append(_condition(lower))
        self._by_lower = by_lower
        self._rules_memo: dict[tuple, tuple[list, list]] = {}  # feature ids -> `_rules_for`
        self._forms_memo: dict[int, bool] = {}  # form id -> `_form_matters`

    def _match_ids(self) -> list:
        # `AttributeRuler.add` names rule n by str(n) in the vocab's string store.
        return [self.vocab.strings[str(n)] for n in range(len(self.attrs))]

    def _form_matters(self, lower: str) -> bool:
        """Whether a rule may read this lowercase form (otherwise a token's rules depend on its
        tag, dependency and spacing alone)."""
        return lower in self._by_lower or any(test(lower) for test in self._always_forms)

    def _rules_for(self, features: tuple, form_matters: bool) -> tuple[list, list]:
        """For a token's features: the one-token rules that apply to it, and the longer rules
        whose first token it matches (their other tokens are tested in place)."""
        candidates = [r for r in self._generic if r[1][0](features)]  # (they do not read the form)
        if form_matters:
            more = [r for r in self._by_lower.get(features[1], []) + self._always if r[1][0](features)]
            candidates = candidates + more
        return ([(attr_id, attrs) for attr_id, tests, _, attrs in candidates if len(tests) == 1],
                [r for r in candidates if len(r[1]) > 1])

    def __call__(self, doc: Doc) -> Doc:
        if not hasattr(self, "_generic"):
            self._compile()
        n = len(doc)
        if not n:
            return doc
        # A token's rules depend on its four features (and, for the longer rules, its
        # neighbours'); for most words not even on the form. They are worked out once per
        # distinct features and remembered: a cold run's 122,077 tokens had 21,749 distinct
        # features but only 531 once forms no rule reads were left out.
        memo, forms = self._rules_memo, self._forms_memo
        if len(memo) > MEMO_SIZE or len(forms) > MEMO_SIZE:
            memo.clear()
            forms.clear()
        strings = doc.vocab.strings
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        found = []
        for tag, lower, dep, space in rows:
            matters = forms.get(lower)
            if matters is None:
                matters = forms[lower] = self._form_matters(strings[lower])
            key = (tag, lower if matters else -1, dep, space)  # -1: no hash, "the form does not matter"
            entry = memo.get(key)
            if entry is None:
                entry = memo[key] = self._rules_for(
                    (strings[tag], strings[lower] if matters else "", strings[dep], bool(space)), matters)
            found.append(entry)
        per_token: list[list | None] = [None] * n
        for i, (ones, longer) in enumerate(found):
            if ones:
                per_token[i] = per_token[i] + ones if per_token[i] else list(ones)
            for attr_id, tests, index, attrs in longer:
                end = i + len(tests)
                if end > n:
                    continue
                following = [(strings[t], strings[lw], strings[d], bool(sp)) for t, lw, d, sp in rows[i + 1:end]]
                if not all(test(f) for f, test in zip(following, tests[1:])):
                    continue
                at = i + (index if index >= 0 else len(tests) + index)
                if per_token[at] is None:
                    per_token[at] = []
                per_token[at].append((attr_id, attrs))
        for i, applied in enumerate(per_token):
            if not applied:
                continue
            if len(applied) > 1:
                applied.sort(key=lambda r: r[0])
            token = doc[i]
            for _, attrs in applied:
                set_token_attrs(token, attrs)
        return doc


def speed_up(nlp) -> bool:
    """Swap `nlp`'s attribute_ruler for the table-driven one when all its rules allow it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if type(ruler) is not AttributeRuler:
        return isinstance(ruler, FastAttributeRuler)
    ruler.__class__ = FastAttributeRuler
    try:
        ruler._compile()
    except _Unsupported:
        ruler.__class__ = AttributeRuler
        return False
    return True
