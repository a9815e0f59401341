# lt-resolve.sh - sourced by the eval, quality and bench scripts.
#
# In a build tree, $BOILOFF is a libtool wrapper script that starts a shell
# before the real program: a third of a second per page, and the wrong
# process to time.  Ask libtool for the real program and its library path
# (libtool --mode=execute rewrites a wrapper argument to the program it
# wraps) and use those instead.  $LIBTOOL is the command (make passes
# $(LIBTOOL)); without it, the libtool script beside $BOILOFF is used.
lt_resolve() {
	_lt=${LIBTOOL:-}
	if [ -z "$_lt" ] && [ -f "$(dirname "$BOILOFF")/libtool" ]; then
		_lt="sh $(dirname "$BOILOFF")/libtool"
	fi
	[ -n "$_lt" ] || return 0
	head -n 5 "$BOILOFF" 2> /dev/null | grep -q 'wrapper script' || return 0
	# shellcheck disable=SC2086
	_out=$($_lt --mode=execute sh -c 'printf "%s\n%s\n" "$0" "${LD_LIBRARY_PATH-}"' "$BOILOFF") || return 0
	_prog=$(printf '%s\n' "$_out" | sed -n 1p)
	[ -x "$_prog" ] || return 0
	BOILOFF=$_prog
	LD_LIBRARY_PATH=$(printf '%s\n' "$_out" | sed -n 2p)
	export BOILOFF LD_LIBRARY_PATH
}
lt_resolve
