"""Small closed-class English word lists the resolver relies on.

These are general vocabulary (honorifics, office titles, pronouns), not phrases taken from any
article. spaCy's small model has no notion of "title word" or "role noun", so they are listed here.
"""
from __future__ import annotations

# Honorifics and office titles that can sit in front of a name ("Senator Marco Rubio").
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr.
    president vice-president president-elect premier prime minister chancellor king queen prince
    princess emperor empress sheikh emir sultan pope cardinal archbishop bishop ayatollah imam rabbi
    senator sen sen. representative rep rep. congressman congresswoman congressmember
    governor gov gov. mayor councillor councilor alderman speaker chairman chairwoman chair
    secretary minister deputy ambassador envoy commissioner spokesman spokeswoman spokesperson
    general gen gen. admiral adm adm. colonel col col. major maj maj. captain capt capt. lieutenant
    lt lt. sergeant sgt sgt. commander marshal judge justice attorney prosecutor sheriff
    director chief ceo cfo coo chairperson founder head leader officer official
    """.split()
)

# Titles that carry a gender (used as a gender cue for pronoun agreement).
MALE_WORDS = frozenset(
    "mr mr. sir lord king prince emperor sheikh emir sultan pope congressman chairman spokesman "
    "alderman father brother son husband uncle".split()
)
FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss dame lady queen princess empress congresswoman chairwoman spokeswoman "
    "mother sister daughter wife aunt".split()
)

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
PERSONAL_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | {"i", "we", "it", "you"}

# Role heads that mean "the person at the top" and so match any specific top office.
ROLE_CLASSES: dict[str, frozenset[str]] = {
    "leader": frozenset(
        "leader president premier chancellor king queen monarch emperor ruler prime-minister "
        "head sultan emir sheikh dictator taoiseach president-elect".split()
    ),
    "president": frozenset("president president-elect".split()),
    "spokesman": frozenset("spokesman spokeswoman spokesperson press-secretary mouthpiece".split()),
    "minister": frozenset("minister secretary".split()),
    "secretary": frozenset("minister secretary".split()),
    "lawmaker": frozenset(
        "lawmaker senator congressman congresswoman representative legislator mp deputy".split()
    ),
    "official": frozenset("official minister secretary spokesman spokeswoman spokesperson".split()),
    "chief": frozenset("chief head director chairman chairwoman chair ceo".split()),
}
for _gendered, _neutral in (("spokeswoman", "spokesman"), ("spokesperson", "spokesman")):
    ROLE_CLASSES[_gendered] = ROLE_CLASSES[_neutral]
ROLE_CLASSES["senator"] = ROLE_CLASSES["lawmaker"] - {"deputy"}

# Modifiers that qualify when, not which office: they never block a description match.
NEUTRAL_MODIFIERS = frozenset(
    "former ex then current incoming outgoing new top senior veteran longtime acting interim "
    "embattled outspoken elected newly".split()
)

# Common nouns naming an institution: a speaker headed by one is an organisation, not a person.
INSTITUTION_NOUNS = frozenset(
    """
    ministry government office department agency administration committee commission council
    court parliament congress senate cabinet presidency embassy police army military navy
    company firm bank party campaign group union authority authorities regulator service
    secretariat bureau board organisation organization institute foundation spokesperson's
    chamber association federation confederation league alliance coalition assembly society
    corporation corp inc ltd plc network newspaper tribunal club university school hospital
    church movement front trust fund exchange union syndicate guild consortium
    """.split()
)

# A person's staff or following named after them: "the Kessler team", "Clinton's camp" speak as a body.
STAFF_NOUNS = frozenset("team camp staff campaign administration office entourage".split())

# Words that stand where a name would but name nobody: "Those who …", "Many said".
NOT_NAMES = frozenset(
    "this that these those others other many some most both all few several each everyone everybody "
    "someone somebody anyone nobody none".split()
)

# Things a person issues that then "say" something: "the statement said" is its author speaking.
DOCUMENT_NOUNS = frozenset(
    "statement letter memo memorandum release tweet post email message note speech remark interview op-ed "
    "brief filing affidavit testimony".split()
)

# Irregular demonyms that prefix matching ("Ukraine" ~ "Ukrainian") cannot pair.
DEMONYM_ALIASES = {
    "us": "american", "u.s.": "american", "usa": "american", "america": "american",
    "united states": "american", "uk": "british", "u.k.": "british", "britain": "british",
    "netherlands": "dutch", "holland": "dutch", "france": "french", "china": "chinese",
    "germany": "german", "poland": "polish", "spain": "spanish", "turkey": "turkish",
    "switzerland": "swiss", "sweden": "swedish", "finland": "finnish", "denmark": "danish",
    "ireland": "irish", "greece": "greek", "japan": "japanese", "israel": "israeli",
}

# Lower-case particles allowed inside a personal name.
NAME_PARTICLES = frozenset("de da di del della der den van von bin ibn al el le la du dos das ter".split())
