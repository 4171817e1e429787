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

from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")


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
    others depend on (tag, dependency, is-space) only, a few thousand combinations at most, whose
    rule lists are cached. Both tables stay small whatever the corpus's vocabulary."""

    def _compile(self) -> None:
        by_lower: dict[str, list] = {}
        self._generic, self._always = [], []
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
        self._by_lower = by_lower
        self._generic_cache: dict[tuple, list] = {}

    def _match_ids(self) -> list:
        # `AttributeRuler.add` names rule n by str(n) in the vocab's string store.
        return [self.vocab.strings[str(n)] for n in range(len(self.attrs))]

    def _candidates(self, features: tuple) -> list:
        key = (features[0], features[2], features[3])
        generic = self._generic_cache.get(key)
        if generic is None:
            generic = self._generic_cache[key] = [r for r in self._generic if r[1][0](features)]
        lexical = self._by_lower.get(features[1])
        if lexical is None and not self._always:
            return generic
        more = [r for r in (lexical or []) + self._always if r[1][0](features)]
        return generic + more if more else generic

    def __call__(self, doc: Doc) -> Doc:
        if not hasattr(self, "_generic"):
            self._compile()
        features = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        per_token: list[list] = [[] for _ in features]
        for i, f in enumerate(features):
            for attr_id, tests, index, attrs in self._candidates(f):
                end = i + len(tests)
                if end > len(features):
                    continue
                if len(tests) == 1 or all(test(features[j]) for j, test in zip(range(i + 1, end), tests[1:])):
                    at = index if index >= 0 else len(tests) + index
                    per_token[i + at].append((attr_id, attrs))
        for token, applied in zip(doc, per_token):
            if len(applied) > 1:
                applied.sort(key=lambda r: r[0])
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
