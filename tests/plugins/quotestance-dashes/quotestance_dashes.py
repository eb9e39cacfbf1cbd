"""quotestance plugin: dialogue dashes as quotations, and a TSV sink."""

import re

import quotestance

# A line that opens with a dash is one speaker's words: "— We will not give in."
DASH_LINE = re.compile(r"^[\u2014\u2015] ?(.+)$", re.MULTILINE)


@quotestance.hookimpl
def quotestance_extract(doc, lang):
    return [
        quotestance.Quote(m.group(1), m.start(1), m.end(1), lang=lang, kind="direct", trace=("dashes",))
        for m in DASH_LINE.finditer(doc.text)
    ]


class TsvSink:
    def __init__(self, target):
        self.file = open(target or "quotes.tsv", "a", encoding="utf-8")

    def write(self, document_id, quotes):
        for q in quotes:
            self.file.write(f"{document_id}\t{q.start}\t{q.end}\t{q.speaker or ''}\t{q.text}\n")

    def close(self):
        self.file.close()


@quotestance.hookimpl
def quotestance_sinks():
    return {"tsv": TsvSink}
