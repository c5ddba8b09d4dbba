#!/usr/bin/env python3
"""Writes a synthetic wiki's history as a `git fast-import` stream on stdout (see bench/README.md, "Wiki").

PAGES pages in folders of 100 (content/section-NN/Page-NNNN.md, front-matter title "Page NNNN"), each with
headings, paragraphs, a list and five [[wiki links]] to other pages; one commit per new page, then edits of
random pages (one paragraph replaced each) up to COMMITS commits in all. The first commit also holds a Hugo
site's hugo.toml and layouts, so Hugo builds the same repository. Seeded: the same arguments give the same
repository.

usage: generate.py PAGES COMMITS > stream; git init -q R && git -C R fast-import < stream
"""
import random
import sys

WORDS = ("mail queue delivery server toaster maildir relay domain user alias forward bounce spam filter "
         "greylist header envelope recipient sender message body quota password login session socket "
         "certificate cipher handshake timeout retry backoff deferred permanent temporary failure success "
         "configuration control file directory plugin rule list table index search page wiki link history "
         "commit author branch merge review build render template layout section folder title order").split()
AUTHORS = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Ken Thompson", "Dennis Ritchie", "Barbara Liskov",
           "Donald Knuth", "Edsger Dijkstra", "Frances Allen", "John Backus"]
START = 1704110400  # 2024-01-01T12:00:00Z

HUGO_TOML = """baseURL = "https://wiki.example.invalid/"
title = "Bench wiki"
enableGitInfo = true
"""
SINGLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title></head><body>
<nav><ul>{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<main><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</main>
<footer>Last edited {{ .Lastmod.Format "2006-01-02" }}{{ with .GitInfo }} by {{ .AuthorName }} in
{{ .AbbreviatedHash }}: {{ .Subject }}{{ end }}</footer>
</body></html>
"""
LIST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title></head><body>
<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</main></body></html>
"""


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def path_of(n):
    return "content/section-%02d/Page-%04d.md" % (n // 100, n)


def page(rng, n, pages):
    links = " ".join("[[Page %04d]]" % rng.randrange(pages) for _ in range(5))
    parts = ["---", "title: Page %04d" % n, "---", "", "# Page %04d" % n, "", paragraph(rng), "",
             "## Overview", "", paragraph(rng), "", "See also " + links + ".", "", "## Details", ""]
    parts += ["- " + sentence(rng) for _ in range(4)]
    parts += ["", paragraph(rng), "", "## Notes", "", paragraph(rng), ""]
    return parts


def main():
    pages, commits = int(sys.argv[1]), int(sys.argv[2])
    if pages < 2 or commits < pages + 1:
        sys.exit("usage: generate.py PAGES COMMITS (COMMITS > PAGES >= 2)")
    rng = random.Random(42)
    out = sys.stdout.buffer
    bodies = {}

    def emit(number, message, files):
        author = AUTHORS[number % len(AUTHORS)]
        email = author.lower().replace(" ", ".") + "@example.org"
        when = START + number * 600
        out.write(b"commit refs/heads/main\n")
        out.write(("committer %s <%s> %d +0000\n" % (author, email, when)).encode())
        data = message.encode()
        out.write(b"data %d\n%s\n" % (len(data), data))
        for path, text in files:
            blob = text.encode()
            out.write(("M 100644 inline %s\n" % path).encode())
            out.write(b"data %d\n%s\n" % (len(blob), blob))

    site = [("hugo.toml", HUGO_TOML), ("layouts/_default/single.html", SINGLE),
            ("layouts/_default/list.html", LIST)]
    for n in range(pages):
        bodies[n] = page(rng, n, pages)
        files = [(path_of(n), "\n".join(bodies[n]))]
        emit(n, "Add page %04d" % n, (site if n == 0 else []) + files)
    for number in range(pages, commits):
        n = rng.randrange(pages)
        lines = bodies[n]
        spots = [i for i, line in enumerate(lines) if line and line[0].isupper() and not line.startswith("See")]
        lines[rng.choice(spots)] = paragraph(rng)
        emit(number, "Edit page %04d" % n, [(path_of(n), "\n".join(lines))])
    out.write(b"done\n")


if __name__ == "__main__":
    main()
