"""The stop-word list read without importing spaCy."""


def test_stop_words_are_spacys_list():
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY

    from quotetrail.stop_words import STOP_WORDS

    assert STOP_WORDS == SPACY and "the" in STOP_WORDS and "n’t" in STOP_WORDS
