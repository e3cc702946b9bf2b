#!/usr/bin/env python3
"""Parses a Docket report with GitHub's own Markdown parser (cmark-gfm, via
the cmarkgfm package) and checks what a reader of the rendered page sees:

  gfm_check.py REPORT.md --rows N [--link URL]... [--text TEXT]...

- the first table has exactly N body rows of exactly 3 cells each;
- no raw HTML reaches the page (only the tags Markdown itself makes);
- every link is one of the --link URLs (Docket's own), nothing autolinked;
- every --text appears on the page as written (escaping hid no character
  and made none appear, no emphasis or heading syntax was eaten).

Prints one line per problem and exits 1 if there is any; exits 3 when
cmarkgfm is not installed (pip install cmarkgfm).
"""
import sys
from html.parser import HTMLParser

try:
    import cmarkgfm
    from cmarkgfm.cmark import Options
except ImportError:
    print("cmarkgfm is not installed: pip install cmarkgfm")
    sys.exit(3)

ALLOWED = {"h1", "h2", "h3", "p", "ul", "li", "strong", "a", "table", "thead", "tbody", "tr", "th", "td", "code", "br"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.links, self.tables = [], [], []
        self.in_body = False
        self.row = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append("raw HTML on the page: <%s>" % tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))
        if tag == "table":
            self.tables.append([])
        if tag == "tbody":
            self.in_body = True
        if tag == "tr" and self.in_body:
            self.row = 0
        if tag == "td" and self.row is not None:
            self.row += 1

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        if tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.problems.append("an HTML comment reached the page: %r" % data[:40])


def main(argv):
    path, rows, links, texts = argv[0], None, set(), []
    i = 1
    while i < len(argv):
        if argv[i] == "--rows":
            rows = int(argv[i + 1]); i += 2
        elif argv[i] == "--link":
            links.add(argv[i + 1]); i += 2
        elif argv[i] == "--text":
            texts.append(argv[i + 1]); i += 2
        else:
            print("unknown argument %s" % argv[i]); return 2
    md = open(path, encoding="utf-8").read()
    html = cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE)
    page = Page()
    page.feed(html)
    problems = list(page.problems)
    if rows is not None:
        if not page.tables:
            problems.append("no table on the page")
        else:
            body = page.tables[0]
            if len(body) != rows:
                problems.append("the table has %d rows, expected %d" % (len(body), rows))
            for n, cells in enumerate(body):
                if cells != 3:
                    problems.append("table row %d has %d cells, expected 3" % (n + 1, cells))
    for href in page.links:
        if href not in links:
            problems.append("a link Docket did not make: %s" % href)
    shown = "".join(page.text)
    for t in texts:
        if t not in shown:
            problems.append("the page does not show %r as written" % t)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
