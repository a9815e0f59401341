#!/bin/sh
# comments.sh - reader comment threads in other languages than English
# (fixtures/comments/comments.spec): each page through the command with
# the default options, whose signatures and counts of comments must end
# the article (its `comment` lines dropped, its `article` lines kept),
# and with --keep-comments (both kept); an .html page with --html.
#
# Environment: BOILOFF (the program), FIXTURES.
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd)
: "${BOILOFF:=./boiloff}"
: "${FIXTURES:=$here/../fixtures}"
dir=$FIXTURES/comments
spec=$dir/comments.spec

tmp=$(mktemp -d "${TMPDIR:-/tmp}/boiloff-comments.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

bad=0
pages=0
for page in $(cut -f1 "$spec" | grep -v '^#' | sort -u); do
	pages=$((pages + 1))
	html=
	case $page in *.html) html=--html ;; esac
	"$BOILOFF" $html < "$dir/$page" > "$tmp/default"
	"$BOILOFF" $html --keep-comments < "$dir/$page" > "$tmp/keep"
	grep "^$page	" "$spec" > "$tmp/checks"
	while IFS="$(printf '\t')" read -r file kind text; do
		in_default=$(grep -F -c -- "$text" "$tmp/default" || true)
		in_keep=$(grep -F -c -- "$text" "$tmp/keep" || true)
		case $kind in
		article) want_default=1 ;;
		comment) want_default=0 ;;
		*) echo "comments.sh: unknown kind $kind"; bad=1; continue ;;
		esac
		if [ "$in_default" != "$want_default" ]; then
			echo "FAIL $page $kind (default): $text"
			bad=1
		fi
		if [ "$in_keep" != 1 ]; then
			echo "FAIL $page $kind (--keep-comments): $text"
			bad=1
		fi
	done < "$tmp/checks"
done
[ "$pages" -ge 10 ] || { echo "comments.sh: only $pages pages in $spec"; bad=1; }
[ "$bad" = 0 ] && echo "comments: $pages pages, threads dropped, kept with --keep-comments"
exit "$bad"
