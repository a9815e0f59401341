# bench-outdir.sh - sourced by bench.sh and bench-batch.sh.
#
# Batch mode's speed-up is the question, not the disk's: on a virtual disk
# (ext4 with discard here) creating and renaming thousands of files costs
# more system time than cleaning them, and files made in one directory
# wait on that directory's lock, so -j2 measured there says little about
# boiloff.  Batch outputs go to BENCH_OUT_DIR: by default a fresh directory
# on /dev/shm (tmpfs) when it is writable, else under $1.
bench_outdir() { # FALLBACK_PARENT
	if [ -n "${BENCH_OUT_DIR:-}" ]; then
		mkdir -p "$BENCH_OUT_DIR" || return 1
		mktemp -d "$BENCH_OUT_DIR/boiloff-out.XXXXXX"
	elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
		mktemp -d /dev/shm/boiloff-out.XXXXXX
	else
		mktemp -d "$1/boiloff-out.XXXXXX"
	fi
}

# The file system's own share: wall, user and system seconds of copying
# the tree into the output directory, as "%e %U %S".
bench_copy_cost() { # TREE OUTDIR
	rm -rf "$2/copy"
	/usr/bin/time -f '%e %U %S' -o "$2/copy.time" cp -r "$1" "$2/copy"
	rm -rf "$2/copy"
	tail -n 1 "$2/copy.time"
}
