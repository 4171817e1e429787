"""Related-headline lists go; the article's own sub-headings and lists stay."""
from quotetrail.clean import clean_text

BODY = [
    "The national rail operator announced on Wednesday that night trains between the two capitals will resume in May.",
    "The service was suspended three years ago after the operator lost money on sleeper carriages and ageing locomotives.",
    "“Passengers told us they want to travel overnight again,” the operator's chief executive, Marta Kral, said in a statement.",
    "Tickets for the night trains go on sale next month, and the operator expects sleeper carriages to sell out quickly.",
]


def kept(result):
    return result.text.split("\n")


def test_topical_sub_heading_between_paragraphs_is_kept():
    raw = "\n".join(BODY[:2] + ["Night trains return"] + BODY[2:])
    result = clean_text(raw)
    assert kept(result) == BODY[:2] + ["Night trains return"] + BODY[2:]
    assert result.removed == []


def test_list_under_heading_goes_whole_even_its_topical_headline():
    junk = ["Most read", "Celebrity couple announce surprise wedding in Tuscany",
            "- Ten recipes for a quick weekday dinner", "Night trains return to the capitals",
            "Stock markets close higher on tech rally"]
    result = clean_text("\n".join(BODY + junk))
    assert kept(result) == BODY
    assert [r.reason for r in result.removed] == ["related-links"] * len(junk)


def test_list_heading_stops_at_the_next_article_paragraph():
    raw = "\n".join(BODY[:2] + ["Related stories", "Snow closes mountain passes", "Airline cuts winter flights"] + BODY[2:])
    result = clean_text(raw)
    assert kept(result) == BODY
    assert len(result.removed) == 3


def test_run_of_cut_off_teasers_is_removed():
    teasers = ["Bank raises rates for the third time this year as inflation…",
               "Why more families are moving out of big cities and into…",
               "Football club names new coach after disappointing season…"]
    result = clean_text("\n".join(BODY + teasers))
    assert kept(result) == BODY
    assert {r.reason for r in result.removed} == {"related-links"}


def test_single_line_ending_in_ellipsis_inside_article_is_kept():
    line = "“We will see what happens when the trains are running again…”"
    result = clean_text("\n".join(BODY[:2] + [line] + BODY[2:]))
    assert line in kept(result)


def test_duplicated_headline_pairs_without_heading_are_related_links():
    junk = ["Festival season opens", "Festival season opens", "New museum wing unveiled", "New museum wing unveiled"]
    result = clean_text("\n".join(BODY + junk))
    assert kept(result) == BODY
    assert [r.reason for r in result.removed] == ["related-links"] * 4


OFF_TOPIC = ["Pop Star Cancels World Tour Over Vocal Injury", "Tech Giant Unveils Folding Phone With Bigger Battery",
             "Chef Reveals Secret Behind Famous Chocolate Cake"]


def _page(body_html: str, after_body: str = "") -> str:
    return f"<html><body><div id='story'>{body_html}</div>{after_body}</body></html>"


def test_off_topic_headline_run_marked_as_links_in_the_page_is_removed():
    items = "".join(f"<li><a href='/{n}'>{line}</a></li>" for n, line in enumerate(OFF_TOPIC))
    html = _page("".join(f"<p>{p}</p>" for p in BODY) + f"<ul>{items}</ul>")
    result = clean_text("\n".join(BODY + OFF_TOPIC), html=html)
    assert kept(result) == BODY
    assert {r.reason for r in result.removed} <= {"related-links:off-topic", "related-links:link-density"}


def test_off_topic_run_outside_the_body_element_is_removed():
    # plain paragraphs, no links: but in a box after the element that holds the article
    box = "<div class='box'>" + "".join(f"<p>{line}</p>" for line in OFF_TOPIC) + "</div>"
    html = _page("".join(f"<p>{p}</p>" for p in BODY), box)
    result = clean_text("\n".join(BODY + OFF_TOPIC), html=html)
    assert kept(result) == BODY
    assert {r.reason for r in result.removed} == {"related-links:off-topic"}


TOUR_DATES = ["May 2 Hamburg Stadtpark", "May 4 Berlin Zitadelle Spandau", "May 7 Vienna Arena Open Air"]
SPECS = ["Weight 180 grams", "Battery 4500 mAh", "Display 6.1 inch OLED"]


def test_short_lines_in_the_body_element_stay_though_they_share_no_words():
    # tour dates or a spec sheet laid out as paragraphs of the article itself
    for lines in (TOUR_DATES, SPECS, OFF_TOPIC):
        html = _page("".join(f"<p>{p}</p>" for p in BODY[:2] + lines + BODY[2:]))
        raw = "\n".join(BODY[:2] + lines + BODY[2:])
        assert kept(clean_text(raw, html=html)) == BODY[:2] + lines + BODY[2:]


def test_without_the_page_off_topic_lines_are_not_guessed_away():
    raw = "\n".join(BODY + TOUR_DATES)
    assert kept(clean_text(raw)) == BODY + TOUR_DATES
    raw = "\n".join(BODY + OFF_TOPIC)
    assert kept(clean_text(raw)) == BODY + OFF_TOPIC


def test_article_list_after_colon_is_kept():
    items = ["- new sleeper carriages", "- faster ticket sales for night trains", "- more stops in the capitals"]
    intro = "The operator said the restarted night trains service will rely on three changes:"
    raw = "\n".join(BODY[:2] + [intro] + items + BODY[2:])
    assert kept(clean_text(raw)) == BODY[:2] + [intro] + items + BODY[2:]


def test_short_sentence_lines_are_kept():
    raw = "\n".join(BODY[:2] + ["He declined to comment."] + BODY[2:])
    assert "He declined to comment." in kept(clean_text(raw))


TEASERS = ["A pop singer cancelled the rest of her world tour on Friday after doctors found a vocal cord injury.",
           "Shares of a phone maker jumped when it unveiled a folding handset with a much bigger battery."]


def test_prose_teasers_outside_the_body_element_with_no_shared_vocabulary_go():
    box = "<div class='more'>" + "".join(f"<p>{t}</p>" for t in TEASERS) + "</div>"
    html = _page("".join(f"<p>{p}</p>" for p in BODY), box)
    result = clean_text("\n".join(BODY + TEASERS), html=html)
    assert kept(result) == BODY
    assert {r.reason for r in result.removed} == {"related-links:off-topic"}


def test_prose_outside_the_body_element_on_the_articles_subject_stays():
    # a second part of the same story in a separate box
    more = ["The night trains will stop in both capitals and the operator plans sleeper carriages on every service.",
            "The operator said ticket prices for the night trains would be announced when sales open next month."]
    box = "<div class='more'>" + "".join(f"<p>{t}</p>" for t in more) + "</div>"
    html = _page("".join(f"<p>{p}</p>" for p in BODY), box)
    assert kept(clean_text("\n".join(BODY + more), html=html)) == BODY + more


def test_sentence_shaped_list_items_of_other_stories_go_and_the_articles_own_list_stays():
    teasers = "<ul>" + "".join(f"<li>- {t}</li>" for t in TEASERS) + "</ul>"
    html = _page("".join(f"<p>{p}</p>" for p in BODY) + teasers)
    result = clean_text("\n".join(BODY + [f"- {t}" for t in TEASERS]), html=html)
    assert kept(result) == BODY
    own = ["- Sleeper carriages on the night trains will be refurbished before the service resumes in May.",
           "- The operator will sell night train tickets online and at stations in both capitals."]
    html = _page("".join(f"<p>{p}</p>" for p in BODY) + "<ul>" + "".join(f"<li>{t}</li>" for t in own) + "</ul>")
    assert kept(clean_text("\n".join(BODY + own), html=html)) == BODY + own
