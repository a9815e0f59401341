#!/usr/bin/env python3
"""import-wordpress.py - writes src/lib/phrases-wordpress.tsv from the
translations of WordPress in the Debian package wordpress-l10n (GPL-2+),
so that the build needs neither the package nor the network.

Usage (from the top of the source tree):
    (cd /tmp && apt-get download wordpress-l10n && dpkg-deb -x wordpress-l10n_*.deb wp)
    build-aux/import-wordpress.py /tmp/wp/usr/share/wordpress/wp-content/languages \\
        src/lib/phrases.tsv > src/lib/phrases-wordpress.tsv

WordPress prints the same furniture on a large share of the web's blogs
and news sites: its comment form, its sidebar widgets' headings, its login
links, its "(more...)" link and its commenters' "says:".  Each string below
is taken in every language boiloff knows, as the sites print it; a row that
src/lib/phrases.tsv already holds (the hand-made lists, English among them)
is left out."""
import gettext
import gzip
import html
import os
import re
import sys

# Locale files, by boiloff's language code (README, "Languages"); English
# is the source language and Hindi has no translation in the package.
LOCALES = {
    "de": ["de_DE"], "fr": ["fr_FR"], "es": ["es_ES"], "it": ["it_IT"],
    "pt": ["pt_PT", "pt_BR"], "nl": ["nl_NL"], "pl": ["pl_PL"],
    "cs": ["cs_CZ"], "sk": ["sk_SK"], "ru": ["ru_RU"], "uk": ["uk"],
    "bg": ["bg_BG"], "tr": ["tr_TR"], "ar": ["ar"], "fa": ["fa_IR"],
    "he": ["he_IL"], "zh": ["zh_CN", "zh_TW"], "ja": ["ja"], "ko": ["ko_KR"],
    "vi": ["vi"], "id": ["id_ID"], "th": ["th"], "sv": ["sv_SE"],
    "da": ["da_DK"], "no": ["nb_NO"], "fi": ["fi"], "el": ["el"],
    "hu": ["hu_HU"], "ro": ["ro_RO"],
}

# (family, match, msgid): what each string is on a page.  "start" takes the
# words before a placeholder that ends the string; "said" the verb of a
# commenter's signature; "count" a count of comments ("%" is the number).
STRINGS = [
    # the comment form and the thread's own lines
    ("comments", "line", "Leave a Reply"),
    ("comments", "line", "Leave a Comment"),
    ("comments", "line", "Leave a comment"),
    ("comments", "line", "Cancel reply"),
    ("comments", "line", "Post Comment"),
    ("comments", "line", "Submit Comment"),
    ("comments", "line", "Your Comment"),
    ("comments", "line", "noun\x04Comment"),
    ("comments", "line", "Comments"),
    ("comments", "line", "Comments are closed."),
    ("comments", "line", "Comments Off"),
    ("comments", "line", "No Comments"),
    ("comments", "line", "Your comment is awaiting moderation."),
    ("comments", "line", "Show more comments"),
    ("comments", "line", "Log in to leave a Comment"),
    ("comments", "line", "Log in to Reply"),
    ("comments", "line", "Pingback:"),
    ("comments", "line", "Trackback"),
    ("comments", "line", "<abbr title=\"Really Simple Syndication\">RSS</abbr> "
     "feed for comments on this post."),
    ("comments", "line", "You must be <a href=\"%s\">logged in</a> to post a comment."),
    ("comments", "contains", "Your email address will not be published."),
    ("comments", "start", "Required fields are marked %s"),
    ("comments", "start", "Leave a Reply to %s"),
    ("comments", "said", "%s <span class=\"says\">says:</span>"),
    ("comments", "count", "% Comments"),
    ("comments", "count", "1 Comment"),
    # the sidebar's widgets and the post's navigation
    ("nav", "line", "Recent Posts"),
    ("nav", "line", "Recent Comments"),
    ("nav", "line", "Archives"),
    ("nav", "line", "Categories"),
    ("nav", "line", "taxonomy general name\x04Tags"),
    ("nav", "line", "Popular Tags"),
    ("nav", "line", "Meta"),
    ("nav", "line", "Search"),
    ("nav", "line", "label\x04Search for:"),
    ("nav", "line", "Home"),
    ("nav", "line", "Previous Post"),
    ("nav", "line", "Next Post"),
    ("nav", "line", "Previous page"),
    ("nav", "line", "Next page"),
    ("nav", "line", "&laquo; Previous Page"),
    ("nav", "line", "Next Page &raquo;"),
    ("nav", "line", "&laquo; Older Comments"),
    ("nav", "line", "Newer Comments &raquo;"),
    # feeds, login links, the more link, the footer
    ("subscribe", "line", "Entries (RSS)"),
    ("subscribe", "line", "Comments (RSS)"),
    ("subscribe", "line", "Entries <abbr title=\"Really Simple Syndication\">RSS</abbr>"),
    ("subscribe", "line", "Comments <abbr title=\"Really Simple Syndication\">RSS</abbr>"),
    ("login", "line", "Log in"),
    ("login", "line", "Log In"),
    ("login", "line", "Log out"),
    ("login", "line", "Log Out"),
    ("login", "line", "Register"),
    ("login", "line", "Lost your password?"),
    ("login", "line", "Remember Me"),
    ("login", "start", "Logged in as <a href=\"%1$s\">%2$s</a>."),
    ("readmore", "line", "(more&hellip;)"),
    ("readmore", "line", "More..."),
    ("copyright", "contains", "Powered by WordPress"),
    # furniture the final decision drops below the article (no feature)
    ("nav", "late", "Recent Comments"),
    ("comments", "late", "Comments are closed."),
]

# Scripts written without spaces between words.
UNSPACED = ("zh", "ja", "th")

# A character of these scripts is a word of its own to the lexicon, which
# matches phrases of at most MAX_WORDS words (lexicon.c, MAX_PHRASE_WORDS).
UNSPACED_CHAR = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
WORDS = re.compile("[%s]|[^\\W%s]+" % (UNSPACED_CHAR, UNSPACED_CHAR))
MAX_WORDS = 24

PLACEHOLDER = re.compile(r"%(?:\d+\$)?[sd]")


def plain(s):
    """The text a page shows for a translated string: tags and entities
    resolved, spaces collapsed."""
    s = re.sub(r"<[^>]*>", "", s)
    s = html.unescape(s).replace("\u00a0", " ")
    return " ".join(s.split())


def phrase(match, msgid, msgstr, lang):
    """The phrase to match, or None when the translation does not give one
    of this kind."""
    if match == "said":
        m = re.search(r'<span class="says">([^<]*)</span>', msgstr)
        if not m:
            return None
        verb = plain(m.group(1)).rstrip(":：").strip()
        return verb if verb and len(verb.split()) <= 2 else None
    if match == "count":
        if "%" in msgid:
            text = plain(PLACEHOLDER.sub("#", msgstr).replace("%", "#"))
            return text if "#" in text else None
        return plain(msgstr) or None
    if match == "start":
        # the words before a placeholder that ends the translation
        head, sep, tail = plain(PLACEHOLDER.sub("\x00", msgstr)).partition("\x00")
        head = head.strip(" .:")
        # a line may open with two words of them ("Responder a ..."); three,
        # or four characters of a script without spaces, it does not
        enough = len(head.split()) >= 3 or (" " not in head and len(head) >= 4
                                          and not head.isascii() and lang in UNSPACED)
        return head if sep and enough and not tail.strip(" .:»)") else None
    text = plain(msgstr)
    if PLACEHOLDER.search(text):
        return None
    text = text.strip(" «»")
    return text or None


def key(family, match, lang, text):
    # as the lexicon compares phrases: case-folded words, numbers as "#"
    words = re.sub(r"\d+", "#", re.sub(r"[^\w#]+", " ", text.casefold())).split()
    return (family, match, lang, " ".join(words))


def package_version(langdir):
    """The Debian version of the package whose languages directory this is,
    from its changelog, or "unknown"."""
    changelog = os.path.join(langdir, "../../../doc/wordpress-l10n/changelog.Debian.gz")
    try:
        with gzip.open(changelog, "rt", encoding="utf-8") as f:
            m = re.match(r"\S+ \(([^)]+)\)", f.readline())
    except OSError:
        return "unknown"
    return m.group(1) if m else "unknown"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: import-wordpress.py LANGUAGES_DIR PHRASES_TSV")
    langdir, phrases_tsv = sys.argv[1], sys.argv[2]
    have = set()
    with open(phrases_tsv, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 4 and not line.startswith("#"):
                have.add(key(*fields))
    out = sys.stdout
    out.write("# Generated by build-aux/import-wordpress.py from the Debian package\n")
    out.write("# wordpress-l10n %s (WordPress's translations, GPL-2+).\n"
              % package_version(langdir))
    out.write("# Do not edit: re-import.  Format: as src/lib/phrases.tsv.\n")
    for lang, locales in LOCALES.items():
        rows = []
        for loc in locales:
            path = os.path.join(langdir, loc + ".mo")
            with open(path, "rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog
            for family, match, msgid in STRINGS:
                msgstr = catalog.get(msgid)
                if not msgstr or msgstr == msgid.split("\x04")[-1]:
                    continue  # untranslated: English, which phrases.tsv has
                text = phrase(match, msgid, msgstr, lang)
                if text is None or len(WORDS.findall(text)) > MAX_WORDS:
                    continue
                k = key(family, match, lang, text)
                if k not in have:
                    have.add(k)
                    rows.append("%s\t%s\t%s\t%s\n" % (family, match, lang, text))
        out.writelines(rows)


if __name__ == "__main__":
    main()
