from quotetrail.quotes import find_quotations, may_hold_statement, paragraphs


def contents(text):
    return [[text[s:e] for s, e in r.spans(text)] for r in find_quotations(text)]


def test_every_double_style():
    text = 'A “curly one.” B "straight one." C «guillemets» D „low high“ E'
    assert contents(text) == [["curly one."], ["straight one."], ["guillemets"], ["low high"]]


def test_single_quotes_versus_apostrophes():
    text = "Don’t call it ‘a win’ in Ukraine’s ’90s style, the players’ coach said."
    assert contents(text) == [["a win"]]


def test_nested_quote_stays_inside():
    text = "“We reject the ‘Korean’ model,” he said."
    assert contents(text) == [["We reject the ‘Korean’ model"]]


def test_quote_running_over_paragraphs():
    text = "“First part of it.\n\n“Second part,” she said.\n"
    regions = find_quotations(text)
    assert len(regions) == 1
    assert [text[s:e] for s, e in regions[0].spans(text)] == ["First part of it.", "Second part"]


def test_unbalanced_mark_is_capped_at_its_paragraph():
    text = "He called it “a mess and left.\n\nNext paragraph talks about “other things” here.\n"
    found = contents(text)
    assert found[0] == ["a mess and left."]
    assert found[1] == ["other things"]


def test_odd_marks_never_crash():
    for text in ["”", "“", "‘", "’", '"', "«»", "“”“", "a ” b “ c", "‘’‘", "x\n\n“\n\n”", ""]:
        find_quotations(text)


def test_paragraphs_are_trimmed_lines():
    text = "  one \n\n two\nthree  \n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["one", "two", "three"]


def test_prefilter():
    assert may_hold_statement("The minister told reporters on Monday the plan had failed.")
    assert may_hold_statement("According to officials, the bridge is closed.")
    assert may_hold_statement("A “phrase” in marks.")
    assert may_hold_statement("She insisted the numbers were right.")
    assert not may_hold_statement("The bridge was closed for repairs on Monday.")


def test_two_apostrophes_as_double_marks():
    text = "''We are told, 'it is a special case,''' the envoy said. ''It is not.'' Don''t panic."
    assert contents(text) == [["We are told, 'it is a special case,'"], ["It is not."]]
    assert may_hold_statement("''A quoted sentence here,'' she said")
