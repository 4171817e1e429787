"""The cleaner as named rules: declared order, one reason per rule, and the rules added for issue 16
(share bar at a line's end, title line with the site's name, dates at the edges, repeats only of
long paragraphs)."""
from quotetrail.clean import RULES, clean_text, is_date_line
from quotetrail.clean.boilerplate import share_tail

BODY = [
    "The city council approved a plan on Monday to turn the old tram depot into a public library and workshop space.",
    "Construction is due to start in the autumn and the building should open to readers within two years, officials said.",
    "“We wanted a place that is open to everyone, every day of the week,” said councillor Ida Marsh after the vote.",
    "The plan still needs approval from the regional heritage office, which protects the depot's brick facade.",
]


def kept(result):
    return result.text.split("\n")


def test_rules_have_names_and_run_in_a_declared_order():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert names.index("lexicon") < names.index("share-tail") < names.index("repeats") < names.index("off-topic")
    assert {rule.name for rule in RULES if rule.needs_html} == {"link-density", "off-topic"}


def test_a_rule_left_out_removes_nothing():
    raw = "\n".join(BODY + ["© 2025 Depot Daily. All rights reserved."])
    assert kept(clean_text(raw)) == BODY
    without = tuple(rule for rule in RULES if rule.name != "lexicon")
    assert kept(clean_text(raw, rules=without)) == BODY + ["© 2025 Depot Daily. All rights reserved."]


def test_share_bar_at_the_end_of_a_line_is_cut():
    line = "Valmora cranes restart as dockworkers back deal share facebook x whatsapp email print"
    result = clean_text("\n".join([line] + BODY))
    assert kept(result) == ["Valmora cranes restart as dockworkers back deal"] + BODY
    assert [(r.text, r.reason) for r in result.removed] == [("share facebook x whatsapp email print", "boilerplate:share")]


def test_sentences_ending_in_share_words_are_not_share_bars():
    for line in ("He said he would share the photos by email",
                 "Follow the council on Facebook and Twitter for updates on the library",
                 "She wants to print, copy and share"):
        assert share_tail(line) is None, line
    assert share_tail("Depot to become library | Share | Facebook | Twitter | Email") == " | Share | Facebook | Twitter | Email"


def test_title_line_with_site_name_or_date_is_dropped():
    title = "Old tram depot to become a library"
    for first in (title + " - Depot Daily", title + " | 12 March 2025", title):
        result = clean_text("\n".join([first] + BODY), title=title)
        assert kept(result) == BODY, first
        assert [r.reason for r in result.removed] == ["title"]
    # a first line that goes on into a sentence is not the title line
    longer = title + ": the council votes on Monday and the works begin in the autumn."
    assert kept(clean_text("\n".join([longer] + BODY), title=title))[0] == longer


def test_date_only_lines_at_the_edges_go_and_dated_lines_inside_stay():
    stamp, updated = "Wednesday, January 9, 2008", "Updated: 10:42 AM Jan 9, 2008"
    inside = "March 12, 2025: first public consultation"
    raw = "\n".join([stamp] + BODY[:2] + [inside] + BODY[2:] + [updated])
    result = clean_text(raw)
    assert kept(result) == BODY[:2] + [inside] + BODY[2:]
    assert [r.reason for r in result.removed] == ["date", "date"]
    assert is_date_line("2024-03-12 08:15") and is_date_line("Posted Jan. 5, 2008")
    assert not is_date_line("May 2 Hamburg Stadtpark") and not is_date_line("10 of 12")


def test_short_lines_that_recur_inside_an_article_stay():
    interview = ["Q: Why a library?", BODY[0], "Q: Why a library?", BODY[1], "Photo", BODY[2], "Photo", BODY[3]]
    result = clean_text("\n".join(interview))
    assert [line for line in kept(result) if line.startswith("Q:")] == ["Q: Why a library?"] * 2
    assert not any(r.reason.startswith("repeat") for r in result.removed)


def test_a_pasted_twice_body_still_appears_once():
    result = clean_text("\n".join(BODY + BODY))
    assert kept(result) == BODY
    assert [r.reason for r in result.removed] == ["repeat:body"] * len(BODY)


def test_markup_and_script_left_in_the_text_go():
    code = ["var Win = window.open(url, 'Email_to_a_Friend', 'width=400');",
            "} else { document.write('<div class=\"ft2\"><a href=\"#\">A+</a></div>'); }",
            'google_color_url = "0033FF";']
    result = clean_text("\n".join(BODY[:2] + code + BODY[2:]))
    assert kept(result) == BODY
    assert {r.reason for r in result.removed} == {"boilerplate:code"}
    prose = "The developer said the var keyword was dropped from the guide, and the function stayed."
    assert kept(clean_text(prose)) == [prose]


def test_signed_reader_comments_go_as_a_thread():
    thread = ["Posted by: Jim | January 14, 2008 07:49 PM", "What a waste of money, the depot was fine as it was.",
              "I agree with Jim.", "Posted by rob on January 14, 2008 8:02 PM",
              "Best news this town has had in years!", "Posted by: Ann | January 14, 2008 08:15 PM"]
    result = clean_text("\n".join(BODY + thread))
    assert kept(result) == BODY
    assert {r.reason for r in result.removed} == {"comments"}
    # a sentence that starts "Posted by" is not a signature
    line = "Posted by the council on its website at 10:30 on Monday, the notice said the depot would close."
    assert kept(clean_text("\n".join(BODY + [line]))) == BODY + [line]


def test_headline_part_of_a_page_title_with_the_site_name_is_dropped_in_the_lead():
    title = "Old tram depot to become a library - Depot Daily"
    lead = ["Old tram depot to become a library"]
    result = clean_text("\n".join(lead + BODY), title=title)
    assert kept(result) == BODY
    # after the body has begun, a line like the title is the article's own
    raw = "\n".join(BODY[:2] + lead + BODY[2:])
    assert kept(clean_text(raw, title=title)) == BODY[:2] + lead + BODY[2:]


def test_notes_ending_in_dots_stay_when_the_page_shows_them_as_the_article():
    notes = ["Edmonton had won three straight and four of the last five meetings entering play...",
             "The Blue Jackets begin a four-game road trip on Wednesday in Anaheim..."]
    html = "<html><body><div>" + "".join(f"<p>{p}</p>" for p in BODY + notes) + "</div></body></html>"
    assert kept(clean_text("\n".join(BODY + notes), html=html)) == BODY + notes
    teasers = "<ul>" + "".join(f"<li><a href='/{n}'>{t}</a></li>" for n, t in enumerate(notes)) + "</ul>"
    html = "<html><body><div>" + "".join(f"<p>{p}</p>" for p in BODY) + "</div>" + teasers + "</body></html>"
    assert kept(clean_text("\n".join(BODY + notes), html=html)) == BODY


def test_readers_comments_after_the_article_go_from_their_opener_to_the_end():
    comments = ["Comments are now closed for this story", "Stephen B",
                "The council should fix the roads before it spends money on a library nobody asked for.",
                "Lina", "Finally some good news for the old depot, I used to take the tram there as a child."]
    result = clean_text("\n".join(BODY + comments))
    assert kept(result) == BODY
    assert {r.reason for r in result.removed} == {"comments"}


def test_a_comment_prompt_before_most_of_the_article_is_not_a_comment_section():
    raw = "\n".join(BODY[:1] + ["What do you think?"] + BODY[1:])
    assert kept(clean_text(raw)) == BODY[:1] + ["What do you think?"] + BODY[1:]


def test_credits_and_author_notes_after_the_article_go():
    credits = ["Additional reporting by Ana Ruiz; editing by Tom Hale", "Ida Marsh is a staff writer for the Depot Daily."]
    result = clean_text("\n".join(BODY + credits))
    assert kept(result) == BODY
    assert [r.reason for r in result.removed] == ["credits", "credits"]
    # inside the article, a sentence about a writer is the article's
    writer = "Ida Marsh is a writer who grew up next to the depot and campaigned for the library."
    assert kept(clean_text("\n".join(BODY[:2] + [writer] + BODY[2:]))) == BODY[:2] + [writer] + BODY[2:]


def test_a_comment_thread_longer_than_the_article_goes_after_a_plain_comment_opener():
    long_comment = ("I have lived next to the depot for thirty years and I think the council has wasted far too much "
                    "money on studies, consultants and plans that never came to anything at all, so forgive me if I "
                    "do not believe a word of it until I see the doors open and people reading inside. ")
    comments = ["Here's a sample of the latest views published.", long_comment * 2, "- Louise, Lancaster",
                long_comment * 2, "- Lee, Coventry"]
    article = BODY + ["Work on the roof will begin first, because the old tram depot has been empty since 1998 "
                      "and rain has damaged parts of the upper floor, the council's architect said on Monday."]
    result = clean_text("\n".join(article + comments))
    assert kept(result) == article
    # a prompt needs most of the prose before it
    prompt = ["Have your say", long_comment * 2]
    assert kept(clean_text("\n".join(BODY + prompt)))[-1].strip() == (long_comment * 2).strip()


def test_title_glued_to_the_front_of_the_first_line_is_cut():
    title = "Old tram depot to become a library"
    first = f"{title} {title} Staff and agencies 12 March, 2025 {BODY[0]}"
    result = clean_text("\n".join([first] + BODY[1:]), title=title)
    assert kept(result)[0] == f"Staff and agencies 12 March, 2025 {BODY[0]}"
    assert [(r.text, r.reason) for r in result.removed] == [(f"{title} {title}", "title")]
    # a first sentence that merely starts with the title's words stays whole
    sentence = f"{title} is what the council decided on Monday, after a long debate over costs."
    assert kept(clean_text("\n".join([sentence] + BODY), title=title))[0] == sentence
