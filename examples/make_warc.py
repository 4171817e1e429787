"""Write examples/warc/crawl.warc.gz from the pages embedded below, with the standard library only.

The crawl holds, in order: a warcinfo record, a request record, three HTML response records (the
articles), a robots.txt response and an image/png response. Readers must take the three HTML
responses and ignore everything else. Every record is gzipped as its own member (as WARC tools
expect), Content-Length counts the record block exactly, and the output is byte-for-byte
reproducible (fixed gzip mtime, record ids derived from URI + type + date).

The HTML payloads live in this script rather than in examples/html/ so that a run over the whole
examples/ folder does not read the same page twice.

Run:  python examples/make_warc.py
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import os
import struct
import uuid
import zlib
from datetime import datetime
from email.utils import format_datetime

# (target URI, WARC-Date, HTML page). The articles are fictional, written for this project.
PAGES = [
    (
        'https://www.cpa-news.example/en/wire/2025/03/03/valmora-port-standstill-dockworkers-walk-out',
        '2025-03-18T09:14:05Z',
        r'''<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Valmora port at standstill as dockworkers walk out | Carvessan Press Agency</title>
  <meta name="description" content="VALMORA, March 3 (CPA) — About 3,400 dockworkers walked off the job at the Port of Valmora on Monday, bringing the country&#x27;s largest harbour to a stan">
  <meta name="author" content="CPA staff">
  <meta property="og:type" content="article">
  <meta property="og:title" content="Valmora port at standstill as dockworkers walk out">
  <meta property="og:site_name" content="Carvessan Press Agency">
  <meta property="og:url" content="https://www.cpa-news.example/en/wire/2025/03/03/valmora-port-standstill-dockworkers-walk-out">
  <meta property="article:published_time" content="2025-03-03T08:10:00+01:00">
  <meta property="article:section" content="En">
  <link rel="canonical" href="https://www.cpa-news.example/en/wire/2025/03/03/valmora-port-standstill-dockworkers-walk-out">
  <link rel="stylesheet" href="/static/css/site.min.css">
  <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Valmora port at standstill as dockworkers walk out", "datePublished": "2025-03-03T08:10:00+01:00", "author": {"@type": "Person", "name": "CPA staff"}, "publisher": {"@type": "Organization", "name": "Carvessan Press Agency"}, "mainEntityOfPage": "https://www.cpa-news.example/en/wire/2025/03/03/valmora-port-standstill-dockworkers-walk-out"}</script>
  <script async src="/static/js/ads.js"></script>
</head>
<body class="article-page">
  <div id="cookie-consent" class="cookie-banner" role="dialog">
    <p>CPA uses cookies for analytics and to remember your settings. OK</p>
    <button class="accept">Accept all</button> <button class="settings">Manage settings</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">Carvessan Press Agency</a>
    <nav class="main-nav" aria-label="Main">
      <ul>
        <li><a href="/top-news">Top news</a></li>
        <li><a href="/carvessa">Carvessa</a></li>
        <li><a href="/economy">Economy</a></li>
        <li><a href="/world">World</a></li>
        <li><a href="/sport">Sport</a></li>
        <li><a href="/photo">Photo</a></li>
        <li><a href="/video">Video</a></li>
      </ul>
    </nav>
    <form class="search" action="/search"><input type="search" name="q" placeholder="Search"></form>
  </header>
  <main class="layout">
    <article class="story">
      <h1 class="headline">Valmora port at standstill as dockworkers walk out</h1>
      <div class="byline">By <a rel="author" href="/authors/cpa-staff">CPA staff</a>
        <time datetime="2025-03-03T08:10:00+01:00">3 March 2025</time></div>
      <div class="share-buttons"><span>Share</span>
        <a href="https://facebook.example/share">Facebook</a> <a href="https://x.example/intent">X</a>
        <a href="https://whatsapp.example/send">WhatsApp</a> <a href="mailto:?subject=article">Email</a>
        <a href="javascript:print()">Print</a></div>
      <div class="article-body">
      <p>VALMORA, March 3 (CPA) — About 3,400 dockworkers walked off the job at the Port of Valmora on Monday, bringing the country's largest harbour to a standstill after two years of failed talks over pay and automation.</p>
      <p>Pickets gathered at all four gates of the port before dawn, and by mid-morning not a single container crane was working, a CPA reporter at the scene said. At least 11 cargo ships were waiting at anchor outside the breakwater.</p>
      <p>"Not one crane will move," Ivo Brandt, general secretary of the Valmora Dockworkers' Union, told reporters at the main gate. "Not today, not tomorrow, not until the authority puts a real offer on the table."</p>
      <p>The strike is the first full stoppage at Valmora since 2013. The union says the port authority's plan to bring in remotely operated cranes would cut as many as 600 jobs by 2030.</p>
      <p>The Valmora Port Authority said in a statement that it had activated contingency plans and that passenger ferries to the islands would continue to sail on a reduced timetable. It said its offer of a 6 percent pay rise over two years "remains open."</p>
      <p>The authority's chief executive, Helena Brandt, was not available for comment on Monday.</p>
      <p>Transport Minister Andriy Sokol urged both sides to return to talks. According to his spokesman, the minister spoke by telephone with union and port officials over the weekend and was "following the situation hour by hour."</p>
      <p>Business groups warned of wider damage. The Carvessan Chamber of Commerce estimated that a week-long stoppage would delay goods worth more than 900 million crowns.</p>
      <p>Valmora handles about 60 percent of the country's container traffic and most of its fresh fruit exports.</p>
      </div>
      <section class="related-stories">
        <h3>Related</h3>
        <ul>
        <li><a href="https://www.cpa-news.example/dockworkers-vote-to-strike-from-monday">Dockworkers vote to strike from Monday</a></li>
        <li><a href="https://www.cpa-news.example/carvessa-exports-rose-3-percent-in-january">Carvessa exports rose 3 percent in January</a></li>
        </ul>
      </section>
    </article>
    <aside class="sidebar">
      <h3>Most read</h3>
      <ol class="most-read">
        <li><a href="https://www.cpa-news.example/celebrity-chef-opens-third-restaurant-in-the-old-tram-depot">Celebrity chef opens third restaurant in the old tram depot</a></li>
        <li><a href="https://www.cpa-news.example/five-apartments-in-dravnik-you-can-rent-for-under-900-crowns">Five apartments in Dravnik you can rent for under 900 crowns</a></li>
        <li><a href="https://www.cpa-news.example/schools-to-trial-a-four-day-week-in-three-districts">Schools to trial a four-day week in three districts</a></li>
      </ol>
      <div class="ad-slot">Advertisement</div>
    </aside>
  </main>
  <footer class="site-footer">
    <div class="footer-col">
      <ul>
        <li><a href="/about-cpa">About CPA</a></li>
        <li><a href="/subscriber-services">Subscriber services</a></li>
        <li><a href="/terms">Terms</a></li>
        <li><a href="/privacy">Privacy</a></li>
      </ul>
    </div>
    <p class="copyright">© 2025 Carvessan Press Agency | All rights reserved</p>
  </footer>
</body>
</html>
''',
    ),
    (
        'https://thelantern.example/carvessa/2025/mar/08/valmora-strike-ministers-ultimatum-leaves-dockers-unmoved',
        '2025-03-18T09:14:09Z',
        r'''<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Valmora strike: minister’s ultimatum leaves dockers unmoved | The Lantern</title>
  <meta name="description" content="The dockworkers of Valmora ended their first week on strike on Friday in much the same place they started it: outside the gates, in the rain, and in n">
  <meta name="author" content="Hugh Tennant">
  <meta property="og:type" content="article">
  <meta property="og:title" content="Valmora strike: minister’s ultimatum leaves dockers unmoved">
  <meta property="og:site_name" content="The Lantern">
  <meta property="og:url" content="https://thelantern.example/carvessa/2025/mar/08/valmora-strike-ministers-ultimatum-leaves-dockers-unmoved">
  <meta property="article:published_time" content="2025-03-08T07:00:00+01:00">
  <meta property="article:section" content="Carvessa">
  <link rel="canonical" href="https://thelantern.example/carvessa/2025/mar/08/valmora-strike-ministers-ultimatum-leaves-dockers-unmoved">
  <link rel="stylesheet" href="/static/css/site.min.css">
  <script async src="/static/js/ads.js"></script>
</head>
<body class="article-page">
  <div id="cookie-consent" class="cookie-banner" role="dialog">
    <p>We and our partners use cookies. You can manage your preferences in Settings.</p>
    <button class="accept">Accept all</button> <button class="settings">Manage settings</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">The Lantern</a>
    <nav class="main-nav" aria-label="Main">
      <ul>
        <li><a href="/carvessa">Carvessa</a></li>
        <li><a href="/europe">Europe</a></li>
        <li><a href="/politics">Politics</a></li>
        <li><a href="/business">Business</a></li>
        <li><a href="/culture">Culture</a></li>
        <li><a href="/letters">Letters</a></li>
      </ul>
    </nav>
    <form class="search" action="/search"><input type="search" name="q" placeholder="Search"></form>
  </header>
  <main class="layout">
    <article class="story">
      <h1 class="headline">Valmora strike: minister’s ultimatum leaves dockers unmoved</h1>
      <div class="byline">By <a rel="author" href="/authors/hugh-tennant">Hugh Tennant</a>
        <time datetime="2025-03-08T07:00:00+01:00">8 March 2025</time></div>
      <div class="share-buttons"><span>Share this article</span>
        <a href="https://facebook.example/share">Facebook</a> <a href="https://x.example/intent">X</a>
        <a href="https://whatsapp.example/send">WhatsApp</a> <a href="mailto:?subject=article">Email</a>
        <a href="javascript:print()">Print</a></div>
      <div class="article-body">
      <p>The dockworkers of Valmora ended their first week on strike on Friday in much the same place they started it: outside the gates, in the rain, and in no mood to go back.</p>
      <p>Their union has now turned down three invitations to resume talks, and the government’s threat to use emergency powers has, if anything, stiffened their resolve.</p>
      <p>‘The government will not let a single port hold the whole country hostage,’ Transport Minister Andrei Sokol told parliament on Wednesday, according to a translation by the Carvessan Press Agency. He said the cabinet would order a 30-day suspension of the strike if no agreement was reached by the end of next week.</p>
      <h2>Dockers unmoved</h2>
      <p>At the union hall on Keel Street, the reaction was scornful. Ivo Brandt, the union’s general secretary, said the minister had ‘discovered the port a week late’.</p>
      <p>‘He talks about hostages,’ Brandt said on Friday. ‘The only hostages here are the 600 men and women whose jobs disappear when the new cranes arrive. Nobody in Dravnik seemed to care about them in December.’</p>
      <p>The union leader insisted that his members would not accept a mediator chosen by the ministry alone.</p>
      <h2>A city holds its breath</h2>
      <p>In the cafés around the old harbour, sympathy for the strikers remains strong, though it is being tested. Valmora’s mayor, Elena Varga, has spent the week shuttling between the union and the port authority in search of agreement on her ‘green corridor’ for fruit cargo. On Thursday she said she was ‘cautiously hopeful’, only for the union to reject the plan’s details hours later.</p>
      <p>The port authority, for its part, says it has lost patience. Its chief executive, Helena Brandt, told Eastgate Business Times that the stoppage was costing 40 million crowns a day.</p>
      <p>As of Friday there were 23 ships at anchor off Valmora. Some had been waiting since last Sunday.</p>
      </div>
      <section class="related-stories">
        <h3>More from The Lantern</h3>
        <ul>
        <li><a href="https://thelantern.example/letter-from-dravnik--a-government-in-a-hurry">Letter from Dravnik: a government in a hurry</a></li>
        <li><a href="https://thelantern.example/the-lantern-s-guide-to-carvessan-politics">The Lantern's guide to Carvessan politics</a></li>
        </ul>
      </section>
    </article>
    <aside class="sidebar">
      <h3>Most read</h3>
      <ol class="most-read">
        <li><a href="https://thelantern.example/review--the-new-halden-electric-hatchback-is-quiet--quick-an">Review: the new Halden electric hatchback is quiet, quick and cramped</a></li>
        <li><a href="https://thelantern.example/how-a-village-bakery-became-a-national-sensation">How a village bakery became a national sensation</a></li>
        <li><a href="https://thelantern.example/pension-age-debate-returns-to-parliament-after-summer-break">Pension age debate returns to parliament after summer break</a></li>
      </ol>
      <div class="ad-slot">Advertisement</div>
    </aside>
  </main>
  <footer class="site-footer">
    <div class="footer-col">
      <ul>
        <li><a href="/about-the-lantern">About The Lantern</a></li>
        <li><a href="/subscribe">Subscribe</a></li>
        <li><a href="/contact">Contact</a></li>
        <li><a href="/privacy">Privacy</a></li>
      </ul>
    </div>
    <p class="copyright">© 2025 The Lantern | All rights reserved</p>
  </footer>
</body>
</html>
''',
    ),
    (
        'https://radiovalmora.example/news/2025/03/10/former-judge-to-mediate-in-port-strike',
        '2025-03-18T09:14:13Z',
        r'''<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Former judge to mediate in port strike | Radio Valmora</title>
  <meta name="description" content="The government today appointed Rosalind Achterberg, a former judge of the Supreme Labour Court, to mediate in the dockworkers&#x27; strike that has closed ">
  <meta name="author" content="Radio Valmora newsroom">
  <meta property="og:type" content="article">
  <meta property="og:title" content="Former judge to mediate in port strike">
  <meta property="og:site_name" content="Radio Valmora">
  <meta property="og:url" content="https://radiovalmora.example/news/2025/03/10/former-judge-to-mediate-in-port-strike">
  <meta property="article:published_time" content="2025-03-10T18:30:00+01:00">
  <meta property="article:section" content="News">
  <link rel="canonical" href="https://radiovalmora.example/news/2025/03/10/former-judge-to-mediate-in-port-strike">
  <link rel="stylesheet" href="/static/css/site.min.css">
  <script async src="/static/js/ads.js"></script>
</head>
<body class="article-page">
  <div id="cookie-consent" class="cookie-banner" role="dialog">
    <p>Radio Valmora uses cookies to give you the best experience. Read our cookie policy.</p>
    <button class="accept">Accept all</button> <button class="settings">Manage settings</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">Radio Valmora</a>
    <nav class="main-nav" aria-label="Main">
      <ul>
        <li><a href="/listen-live">Listen live</a></li>
        <li><a href="/news">News</a></li>
        <li><a href="/valmora">Valmora</a></li>
        <li><a href="/sport">Sport</a></li>
        <li><a href="/programmes">Programmes</a></li>
        <li><a href="/podcasts">Podcasts</a></li>
      </ul>
    </nav>
    <form class="search" action="/search"><input type="search" name="q" placeholder="Search"></form>
  </header>
  <main class="layout">
    <article class="story">
      <h1 class="headline">Former judge to mediate in port strike</h1>
      <div class="byline">By <a rel="author" href="/authors/radio-valmora-newsroom">Radio Valmora newsroom</a>
        <time datetime="2025-03-10T18:30:00+01:00">10 March 2025</time></div>
      <div class="share-buttons"><span>Share</span>
        <a href="https://facebook.example/share">Facebook</a> <a href="https://x.example/intent">X</a>
        <a href="https://whatsapp.example/send">WhatsApp</a> <a href="mailto:?subject=article">Email</a>
        <a href="javascript:print()">Print</a></div>
      <div class="article-body">
      <p>The government today appointed Rosalind Achterberg, a former judge of the Supreme Labour Court, to mediate in the dockworkers' strike that has closed the Port of Valmora for a week.</p>
      <p>The Ministry of Transport said in a statement that both the Valmora Dockworkers' Union and the Valmora Port Authority had agreed to the appointment and that talks would begin on Wednesday at a neutral venue in Dravnik.</p>
      <p>"Judge Achterberg has the trust of both sides and the experience this dispute needs," the ministry said.</p>
      <p>Achterberg, 67, said she would not comment on the substance of the dispute in public. "I have asked both sides to do their talking at the table and not on television, and I intend to follow my own advice," she told reporters outside the ministry.</p>
      <p>The union said it would keep the strike going during the mediation. Brandt said that members would "judge the talks by what comes out of them, not by who sits at the head of the table."</p>
      <p>The ministry said the threat of emergency powers, which Sokol announced last week, had not been withdrawn but would be "kept under review."</p>
      <p>Shipping agents said today that 26 ships were waiting outside Valmora and that at least four had left for other ports.</p>
      <p>The strike began on March 3.</p>
      </div>
      <section class="related-stories">
        <h3>Related</h3>
        <ul>
        <li><a href="https://radiovalmora.example/mayor-varga-calls-for--green-corridor--for-fruit-cargo">Mayor Varga calls for ‘green corridor’ for fruit cargo</a></li>
        <li><a href="https://radiovalmora.example/ferry-timetable-cut-as-strike-continues">Ferry timetable cut as strike continues</a></li>
        </ul>
      </section>
    </article>
    <aside class="sidebar">
      <h3>Most read</h3>
      <ol class="most-read">
        <li><a href="https://radiovalmora.example/ten-ways-to-keep-your-garden-green-through-a-dry-spring">Ten ways to keep your garden green through a dry spring</a></li>
        <li><a href="https://radiovalmora.example/the-best-hiking-trails-within-an-hour-of-valmora">The best hiking trails within an hour of Valmora</a></li>
        <li><a href="https://radiovalmora.example/bank-of-carvessa-holds-rates-steady-for-sixth-month">Bank of Carvessa holds rates steady for sixth month</a></li>
      </ol>
      <div class="ad-slot">Advertisement</div>
    </aside>
  </main>
  <footer class="site-footer">
    <div class="footer-col">
      <ul>
        <li><a href="/about-radio-valmora">About Radio Valmora</a></li>
        <li><a href="/frequencies">Frequencies</a></li>
        <li><a href="/contact">Contact</a></li>
        <li><a href="/privacy">Privacy</a></li>
      </ul>
    </div>
    <p class="copyright">© 2025 Radio Valmora | All rights reserved</p>
  </footer>
</body>
</html>
''',
    ),
]

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "warc", "crawl.warc.gz")


def record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}>"


def sha1_digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def http_date(warc_date: str) -> str:
    return format_datetime(datetime.fromisoformat(warc_date.replace("Z", "+00:00")), usegmt=True)


def warc_record(warc_type: str, uri: str | None, date: str, block: bytes, content_type: str,
                extra: list[tuple[str, str]] = ()) -> bytes:
    headers = [("WARC-Type", warc_type), ("WARC-Record-ID", record_id(warc_type, uri or "", date)),
               ("WARC-Date", date)]
    if uri:
        headers.append(("WARC-Target-URI", uri))
    headers += list(extra)
    headers += [("WARC-Block-Digest", sha1_digest(block)), ("Content-Type", content_type),
                ("Content-Length", str(len(block)))]
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", mtime=0)


def response(uri: str, date: str, body: bytes, mime: str, ip: str) -> bytes:
    http_head = (f"HTTP/1.1 200 OK\r\nDate: {http_date(date)}\r\nServer: nginx\r\n"
                 f"Content-Type: {mime}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    block = http_head.encode("ascii") + body
    return warc_record("response", uri, date, block, "application/http; msgtype=response",
                       [("WARC-IP-Address", ip), ("WARC-Payload-Digest", sha1_digest(body))])


def request(uri: str, date: str) -> bytes:
    host, _, path = uri.split("://", 1)[1].partition("/")
    block = (f"GET /{path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: quotetrail-example-crawler/0.1\r\n"
             "Accept: text/html,application/xhtml+xml\r\nAccept-Language: en\r\n\r\n").encode("ascii")
    return warc_record("request", uri, date, block, "application/http; msgtype=request",
                       [("WARC-Concurrent-To", record_id("response", uri, date))])


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG, built by hand because the standard library has no image writer."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def build() -> bytes:
    info = (b"software: quotetrail examples/make_warc.py\r\nformat: WARC File Format 1.0\r\n"
            b"description: sample crawl of fictional news pages\r\n")
    records = [warc_record("warcinfo", None, "2025-03-18T09:14:00Z", info, "application/warc-fields",
                           [("WARC-Filename", "crawl.warc.gz")])]
    (uri0, date0, page0), (uri1, date1, page1), (uri2, date2, page2) = PAGES
    records.append(request(uri0, date0))
    records.append(response(uri0, date0, page0.encode("utf-8"), "text/html; charset=utf-8", "192.0.2.10"))
    robots = b"User-agent: *\nDisallow: /search\nSitemap: https://www.cpa-news.example/sitemap.xml\n"
    records.append(response("https://www.cpa-news.example/robots.txt", "2025-03-18T09:14:06Z", robots,
                            "text/plain", "192.0.2.10"))
    records.append(response(uri1, date1, page1.encode("utf-8"), "text/html; charset=utf-8", "192.0.2.20"))
    records.append(response("https://thelantern.example/static/img/lantern-logo.png", "2025-03-18T09:14:10Z",
                            tiny_png(), "image/png", "192.0.2.20"))
    records.append(response(uri2, date2, page2.encode("utf-8"), "text/html; charset=utf-8", "192.0.2.30"))
    return b"".join(records)


if __name__ == "__main__":
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    data = build()
    with open(OUT, "wb") as f:
        f.write(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
