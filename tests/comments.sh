#!/bin/sh
# comments.sh - reader comment threads in other languages than English
# (fixtures/comments/comments.spec): each page through the command with
# the default options, whose signatures and counts of comments must end
# the article (its `comment` lines dropped, its `article` lines kept),
# and with --keep-comments (both kept); an .html page with --html.
. "$(dirname "$0")/setup.sh"

dir=$FIXTURES/comments
spec=$dir/comments.spec

pages=0
for page in $(cut -f1 "$spec" | grep -v '^#' | sort -u); do
	pages=$((pages + 1))
	html=
	case $page in *.html) html=--html ;; esac
	$VALGRIND "$BOILOFF" $html < "$dir/$page" > "$tmp/default"
	$VALGRIND "$BOILOFF" $html --keep-comments < "$dir/$page" > "$tmp/keep"
	grep "^$page	" "$spec" > "$tmp/checks"
	while IFS="$(printf '\t')" read -r file kind text; do
		in_default=$(grep -F -c -- "$text" "$tmp/default" || true)
		in_keep=$(grep -F -c -- "$text" "$tmp/keep" || true)
		case $kind in
		article) want_default=1 ;;
		comment) want_default=0 ;;
		*) fail "$page: unknown kind $kind"; continue ;;
		esac
		check "$page $kind (default): $text" [ "$in_default" = "$want_default" ]
		check "$page $kind (--keep-comments): $text" [ "$in_keep" = 1 ]
	done < "$tmp/checks"
done
check "at least 10 pages in $spec ($pages)" [ "$pages" -ge 10 ]
finish
