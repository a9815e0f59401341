"""boiloff: remove boilerplate from scraped web pages (libboiloff for Python).

    >>> import boiloff
    >>> text = boiloff.clean(open("page.txt", "rb").read())

A page is the text of a scraped page (every visible line) or its HTML, in
any charset, as ``bytes`` or ``str``; the result is its article body as
``str`` (the same bytes, in UTF-8, as the ``boiloff`` command writes).

- :func:`clean` cleans a whole page; :func:`blocks` gives every block with
  its label, the rule that decided it and its score.
- :class:`Cleaner` streams a page in chunks and can be reused page after
  page.
- :class:`Profile` holds the counts of site learning (what repeats across
  a site's pages): load, save, merge, count pages.
- :class:`Records` counts and cleans files of records (WARC, WET, JSON
  Lines) with the command's own reader, a page per record.
- Every failure is a :class:`Error` subclass carrying the library's status
  and message.

The cleaning runs in C with the GIL released, so threads clean pages in
parallel.  ``python3 -m boiloff.dask IN OUT`` cleans a tree of pages on a
Dask cluster (see boiloff.dask).
"""
from __future__ import annotations

import os as _os
import threading as _threading
from typing import Iterator, NamedTuple, Optional, Union

from ._boiloff import ffi as _ffi, lib as _lib

__all__ = [
    "clean", "blocks", "Cleaner", "Block", "Stats", "Profile", "Records",
    "RecordsResult",
    "Error", "NoMemoryError", "StateError", "ArgumentError", "CharsetError",
    "EncodingError", "LimitError", "BinaryInputError", "HTMLError",
    "ProfileError", "FileError", "LibraryError",
    "__version__", "library_version",
]

#: Version of the header this module was compiled against.
__version__: str = "%d.%d.%d" % (_lib.BOILOFF_VERSION_MAJOR,
                                 _lib.BOILOFF_VERSION_MINOR,
                                 _lib.BOILOFF_VERSION_PATCH)


def library_version() -> str:
    """The version of the libboiloff loaded at run time ("MAJOR.MINOR.PATCH")."""
    return _ffi.string(_lib.boiloff_version_string()).decode("ascii")


Data = Union[str, bytes, bytearray, memoryview]


# ---- errors -----------------------------------------------------------------

class Error(Exception):
    """A libboiloff failure.  ``status`` is the library's boiloff_status
    (an int), ``message`` its boiloff_strerror() text."""

    status: int = -1

    def __init__(self, status: int, message: Optional[str] = None):
        self.status = status
        self.message = message if message is not None else _strerror(status)
        super().__init__(self.message)

    def __reduce__(self):
        return (_error_from_status, (self.status, self.message))


class NoMemoryError(Error, MemoryError):
    """BOILOFF_ERR_NOMEM: an allocation failed."""


class StateError(Error):
    """BOILOFF_ERR_STATE (or BOILOFF_STOPPED): a call not allowed now."""


class ArgumentError(Error, ValueError):
    """BOILOFF_ERR_ARG: an invalid argument or option."""


class CharsetError(Error, ValueError):
    """BOILOFF_ERR_CHARSET: an unknown or unsupported input charset."""


class EncodingError(Error, ValueError):
    """BOILOFF_ERR_ENCODING: an invalid byte sequence (strict mode only);
    ``offset`` is its byte offset in the input."""

    offset: int = 0

    def __init__(self, status: int, message: Optional[str] = None,
                 offset: int = 0):
        super().__init__(status, message)
        self.offset = offset

    def __reduce__(self):
        return (_error_from_status, (self.status, self.message, self.offset))

    def __str__(self) -> str:
        return "%s (at byte %d)" % (self.message, self.offset)


class LimitError(Error):
    """BOILOFF_ERR_LIMIT: the document is larger than max_document_bytes."""


class BinaryInputError(Error, ValueError):
    """BOILOFF_ERR_BINARY: the input looks like binary data, not text."""


class HTMLError(Error):
    """BOILOFF_ERR_HTML: the HTML parser failed irrecoverably."""


class LibraryError(Error):
    """BOILOFF_ERR_LIBRARY: a shared library the input needs (libxml2 for
    HTML, uchardet to guess a legacy charset) could not be loaded."""


class ProfileError(Error, ValueError):
    """BOILOFF_ERR_PROFILE: a site profile file is malformed."""


class FileError(Error, OSError):
    """BOILOFF_ERR_IO: a file could not be opened, read or written.
    ``errno`` and ``filename`` are set as in OSError."""

    def __init__(self, status: int, message: Optional[str] = None,
                 err: int = 0, filename: Optional[str] = None):
        Error.__init__(self, status, message)
        self.errno = err
        self.strerror = _os.strerror(err) if err else self.message
        self.filename = filename

    def __reduce__(self):
        return (_error_from_status,
                (self.status, self.message, 0, self.errno, self.filename))

    def __str__(self) -> str:
        where = "%s: " % self.filename if self.filename else ""
        return "%s%s: %s" % (where, self.message, self.strerror)


_ERRORS = {
    _lib.BOILOFF_STOPPED: StateError,
    _lib.BOILOFF_ERR_NOMEM: NoMemoryError,
    _lib.BOILOFF_ERR_STATE: StateError,
    _lib.BOILOFF_ERR_ARG: ArgumentError,
    _lib.BOILOFF_ERR_CHARSET: CharsetError,
    _lib.BOILOFF_ERR_ENCODING: EncodingError,
    _lib.BOILOFF_ERR_LIMIT: LimitError,
    _lib.BOILOFF_ERR_BINARY: BinaryInputError,
    _lib.BOILOFF_ERR_HTML: HTMLError,
    _lib.BOILOFF_ERR_PROFILE: ProfileError,
    _lib.BOILOFF_ERR_IO: FileError,
    _lib.BOILOFF_ERR_LIBRARY: LibraryError,
}


def _strerror(status: int) -> str:
    return _ffi.string(_lib.boiloff_strerror(status)).decode("utf-8", "replace")


def _error_from_status(status: int, message: Optional[str] = None,
                       offset: int = 0, err: int = 0,
                       filename: Optional[str] = None) -> Error:
    cls = _ERRORS.get(status, Error)
    if cls is EncodingError:
        return cls(status, message, offset)
    if cls is FileError:
        return cls(status, message, err, filename)
    return cls(status, message)


# ---- options ----------------------------------------------------------------

def _flag(on: bool, bit: int) -> int:
    return bit if on else 0


class _Options:
    """A boiloff_options filled by boiloff_options_init() and the keywords;
    keeps alive what it points to."""

    __slots__ = ("c", "_keep", "profile")

    def __init__(self, html: Optional[bool], bias: float, keep_comments: bool,
                 profile: Optional["Profile"], site: Optional[str],
                 from_code: Optional[str], repair: bool, strict: bool,
                 rules_only: bool, smooth: bool, allow_binary: bool,
                 max_line_bytes: int, max_document_bytes: int):
        o = _ffi.new("boiloff_options *")
        _lib.boiloff_options_init(o)
        flags = 0
        if html is True:
            flags |= _lib.BOILOFF_OPT_HTML
        elif html is False:
            flags |= _lib.BOILOFF_OPT_TEXT
        flags |= _flag(keep_comments, _lib.BOILOFF_OPT_KEEP_COMMENTS)
        flags |= _flag(not repair, _lib.BOILOFF_OPT_NO_REPAIR)
        flags |= _flag(strict, _lib.BOILOFF_OPT_STRICT)
        flags |= _flag(rules_only, _lib.BOILOFF_OPT_RULES_ONLY)
        flags |= _flag(not smooth, _lib.BOILOFF_OPT_NO_SMOOTH)
        flags |= _flag(allow_binary, _lib.BOILOFF_OPT_ALLOW_BINARY)
        o.flags = flags
        try:
            o.bias = float(bias)
            o.max_line_bytes = max_line_bytes
            o.max_document_bytes = max_document_bytes
        except (TypeError, OverflowError) as e:
            raise ArgumentError(_lib.BOILOFF_ERR_ARG,
                                "%s: %s" % (_strerror(_lib.BOILOFF_ERR_ARG), e)) from None
        keep = []
        if from_code is not None:
            s = _ffi.new("char[]", from_code.encode("utf-8"))
            keep.append(s)
            o.from_code = s
        if site is not None:
            s = _ffi.new("char[]", site.encode("utf-8", "surrogateescape"))
            keep.append(s)
            o.site = s
        if profile is not None:
            if not isinstance(profile, Profile):
                raise ArgumentError(_lib.BOILOFF_ERR_ARG,
                                    "profile must be a boiloff.Profile")
            o.profile = profile._p
        self.c = o
        self._keep = keep
        self.profile = profile  # borrowed by the context: must outlive it
        st = _lib.boiloff_options_valid(o)
        if st != _lib.BOILOFF_OK:
            raise _error_from_status(st)


def _as_bytes(data: Data):
    """The bytes to feed: a str is encoded as UTF-8 (the library then
    detects UTF-8, as for a UTF-8 file)."""
    if isinstance(data, str):
        return data.encode("utf-8", "surrogateescape")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return data
    raise TypeError("expected str or bytes, not %s" % type(data).__name__)


# ---- results ----------------------------------------------------------------

class _BlockFields(NamedTuple):
    text: str
    label: str
    rule: str
    score: float


class Block(_BlockFields):
    """One block (a line of the page, decoded to UTF-8): the 4-tuple
    (text, label, rule, score), with ``line`` and ``continued`` as
    attributes.

    - ``label``: "content" or "boilerplate";
    - ``rule``: what decided ("model+context", "share", "nav"...);
    - ``score``: the estimated probability that the block is content;
    - ``line``: its 1-based line in the decoded input (HTML: block number);
    - ``continued``: a piece of an over-long line that goes on in the next.
    """

    line: int
    continued: bool

    def __new__(cls, text: str, label: str, rule: str, score: float,
                line: int = 0, continued: bool = False):
        self = super().__new__(cls, text, label, rule, score)
        self.line = line
        self.continued = continued
        return self

    def __reduce__(self):
        return (Block, (*self, self.line, self.continued))

    @property
    def is_content(self) -> bool:
        return self.label == "content"


class Stats(NamedTuple):
    """Counters of the current (or last finished) document."""
    bytes_in: int
    blocks_kept: int
    blocks_dropped: int
    invalid_sequences: int
    repairs: int
    charset: Optional[str]
    is_html: bool


_LABELS = ("boilerplate", "content")
_rule_names: dict = {}


def _rule(ptr) -> str:
    # Rules are static strings of the library: one Python str each.
    key = int(_ffi.cast("uintptr_t", ptr))
    name = _rule_names.get(key)
    if name is None:
        name = _ffi.string(ptr).decode("utf-8", "replace") if ptr != _ffi.NULL else "-"
        _rule_names[key] = name
    return name


# ---- the cleaner ------------------------------------------------------------

_MODE_TEXT, _MODE_BLOCKS = 0, 1
_SINK_FN = _ffi.addressof(_lib, "bo_sink_fn")


class Cleaner:
    """A streaming cleaner: ``feed()`` chunks of a page, ``finish()`` it;
    each returns the text decided so far.  After ``finish()`` (or
    ``reset()``) the cleaner takes the next page, reusing its memory.

        with boiloff.Cleaner(html=True) as c:
            for chunk in chunks:
                out.write(c.feed(chunk))
            out.write(c.finish())

    ``feed_blocks()``/``finish_blocks()`` give the blocks instead (use one
    kind per page).  A cleaner belongs to one thread at a time (calls from
    several threads are serialised); the C work runs without the GIL.

    Keywords (all optional): ``html`` (True: HTML, False: text, None:
    detect), ``bias`` (-1 favours precision .. +1 recall), ``keep_comments``,
    ``profile`` (a :class:`Profile`) and ``site`` (its site key),
    ``from_code`` (input charset for iconv; None: detect), ``repair``,
    ``strict`` (invalid bytes raise EncodingError), ``rules_only``,
    ``smooth``, ``allow_binary``, ``max_line_bytes``, ``max_document_bytes``
    (0: the library's defaults).
    """

    def __init__(self, *, html: Optional[bool] = None, bias: float = 0.0,
                 keep_comments: bool = False,
                 profile: Optional["Profile"] = None,
                 site: Optional[str] = None, from_code: Optional[str] = None,
                 repair: bool = True, strict: bool = False,
                 rules_only: bool = False, smooth: bool = True,
                 allow_binary: bool = False, max_line_bytes: int = 0,
                 max_document_bytes: int = 0):
        self._opts = _Options(html, bias, keep_comments, profile, site,
                              from_code, repair, strict, rules_only, smooth,
                              allow_binary, max_line_bytes, max_document_bytes)
        self._new(_MODE_TEXT)

    def _new(self, mode: int) -> None:
        self._lock = _threading.Lock()
        self._sink = _ffi.new("struct bo_sink *")
        self._sink.mode = mode
        # The sink's buffers are C memory: freed with the cleaner.
        self._sink_gc = _ffi.gc(self._sink, _lib.bo_sink_free)
        ctx = _lib.boiloff_new(self._opts.c, _SINK_FN, self._sink)
        if ctx == _ffi.NULL:
            raise NoMemoryError(_lib.BOILOFF_ERR_NOMEM)
        self._ctx = _ffi.gc(ctx, _lib.boiloff_free)
        # A page ended (finished or failed): the context keeps its counters
        # for .stats until the next page starts.
        self._ended = False

    # -- the work, in C --
    def _check_open(self) -> None:
        if self._ctx is None:
            raise StateError(_lib.BOILOFF_ERR_STATE, "the cleaner is closed")

    def _raise(self, st: int) -> None:
        self._ended = True
        raise _error_from_status(
            st, offset=_lib.boiloff_error_offset(self._ctx)
            if st == _lib.BOILOFF_ERR_ENCODING else 0)

    def _run(self, data, finish: bool, mode: int) -> None:
        self._check_open()
        buf = _as_bytes(data)
        sink = self._sink
        if self._ended:
            _lib.boiloff_reset(self._ctx)
            _lib.bo_sink_clear(sink)
            self._ended = False
        sink.mode = mode
        st = _lib.bo_run(self._ctx, sink, _ffi.from_buffer(buf), len(buf),
                         1 if finish else 0)
        if finish:
            self._ended = True
        if st != _lib.BOILOFF_OK:
            self._raise(st)

    def _page(self, data, mode: int) -> None:
        # A whole page: reset, feed and finish in one C call.
        self._check_open()
        buf = _as_bytes(data)
        st = _lib.bo_page(self._ctx, self._sink, mode, _ffi.from_buffer(buf), len(buf))
        self._ended = True
        if st != _lib.BOILOFF_OK:
            self._raise(st)

    def _take_text(self) -> str:
        s = self._sink
        if not s.len:
            return ""
        text = str(_ffi.buffer(s.text, s.len), "utf-8", "surrogateescape")
        s.len = 0
        return text

    def _take_bytes(self) -> bytes:
        s = self._sink
        data = _ffi.unpack(s.text, s.len) if s.len else b""
        s.len = 0
        return data

    def _take_blocks(self) -> list:
        s = self._sink
        raw = _ffi.unpack(s.text, s.len) if s.len else b""
        out = []
        for i in range(s.nrecs):
            r = s.recs[i]
            out.append(Block(raw[r.off:r.off + r.len].decode("utf-8", "surrogateescape"),
                             _LABELS[r.label], _rule(r.rule), r.score, r.line,
                             bool(r.continued)))
        s.len = 0
        s.nrecs = 0
        return out

    def feed(self, data: Data) -> str:
        """Feeds a chunk (any size, str or bytes); returns the text of the
        blocks decided so far."""
        with self._lock:
            self._run(data, False, _MODE_TEXT)
            return self._take_text()

    def finish(self) -> str:
        """Ends the page; returns the rest of its text.  The cleaner is then
        ready for the next page."""
        with self._lock:
            self._run(b"", True, _MODE_TEXT)
            return self._take_text()

    def feed_blocks(self, data: Data) -> list:
        """Like feed(), but returns the decided blocks (kept and dropped)."""
        with self._lock:
            self._run(data, False, _MODE_BLOCKS)
            return self._take_blocks()

    def finish_blocks(self) -> list:
        """Like finish(), but returns the remaining blocks."""
        with self._lock:
            self._run(b"", True, _MODE_BLOCKS)
            return self._take_blocks()

    def clean(self, data: Data) -> str:
        """Cleans a whole page in one call (a page fed before is dropped)."""
        with self._lock:
            self._page(data, _MODE_TEXT)
            return self._take_text()

    def clean_bytes(self, data: Data) -> bytes:
        """Like clean(), but returns the UTF-8 bytes the command writes."""
        with self._lock:
            self._page(data, _MODE_TEXT)
            return self._take_bytes()

    def clean_rendering_bytes(self, rendering: bytes) -> bytes:
        """What clean_bytes() gives for the page whose rendering this is
        (kept by :meth:`Profile.count_pages`), without parsing the page
        again.  ArgumentError when the bytes are not a rendering that this
        build made with these front-end options (from_code, strict,
        max_line_bytes, max_document_bytes; and html=True or allow_binary
        if it was made with them): clean the page itself then."""
        with self._lock:
            self._check_open()
            buf = _as_bytes(rendering)
            st = _lib.bo_page_rendering(self._ctx, self._sink, _MODE_TEXT,
                                        _ffi.from_buffer(buf), len(buf))
            self._ended = True
            if st != _lib.BOILOFF_OK:
                self._raise(st)
            return self._take_bytes()

    def blocks(self, data: Data) -> list:
        """Every block of a whole page, kept and dropped, in order."""
        with self._lock:
            self._page(data, _MODE_BLOCKS)
            return self._take_blocks()

    def reset(self) -> None:
        """Drops the current page (what was fed and not finished)."""
        with self._lock:
            if self._ctx is not None:
                _lib.boiloff_reset(self._ctx)
                _lib.bo_sink_clear(self._sink)
                self._ended = False

    @property
    def stats(self) -> Stats:
        """Counters of the current page, or of the last one ended."""
        with self._lock:
            self._check_open()
            st = _ffi.new("boiloff_stats *")
            st.size = _ffi.sizeof("boiloff_stats")
            _lib.boiloff_get_stats(self._ctx, st)
            return Stats(st.bytes_in, st.blocks_kept, st.blocks_dropped,
                         st.invalid_sequences, st.repairs,
                         _ffi.string(st.charset).decode("ascii", "replace")
                         if st.charset != _ffi.NULL else None,
                         bool(st.is_html))

    def close(self) -> None:
        """Frees the C memory now (otherwise when the cleaner is collected)."""
        with self._lock:
            if self._ctx is not None:
                ctx, self._ctx = self._ctx, None
                _ffi.gc(ctx, None)  # freed here, not again when collected
                _lib.boiloff_free(ctx)
                _ffi.gc(self._sink_gc, None)
                _lib.bo_sink_free(self._sink)

    def __enter__(self) -> "Cleaner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# One cleaner per thread and set of options: clean() and blocks() then cost
# no allocation per page, as batch mode reuses its contexts.
_local = _threading.local()


def _cleaner(html, bias, keep_comments, profile, site, options) -> Cleaner:
    try:
        cache = _local.cleaners
    except AttributeError:
        cache = _local.cleaners = {}
    key = (html, bias, keep_comments, id(profile), site,
           tuple(sorted(options.items())) if options else ())
    entry = cache.get(key)
    if entry is not None and entry[1] is profile:
        return entry[0]
    if len(cache) >= 16:
        cache.clear()
    c = Cleaner(html=html, bias=bias, keep_comments=keep_comments,
                profile=profile, site=site, **options)
    cache[key] = (c, profile)
    return c


def clean(data: Data, *, html: Optional[bool] = None, bias: float = 0.0,
          keep_comments: bool = False, profile: Optional["Profile"] = None,
          site: Optional[str] = None, **options) -> str:
    """Cleans a whole page: returns its article body, one kept block per
    line, exactly what ``boiloff`` writes for it.

    ``data`` is the page as bytes (any charset, detected) or str.  The
    keywords are those of :class:`Cleaner`.  Raises a :class:`Error`
    subclass when the page or the options are bad.
    """
    return _cleaner(html, bias, keep_comments, profile, site, options).clean(data)


def blocks(data: Data, *, html: Optional[bool] = None, bias: float = 0.0,
           keep_comments: bool = False, profile: Optional["Profile"] = None,
           site: Optional[str] = None, **options) -> Iterator[Block]:
    """Yields every block of a page, kept and dropped, in order, as
    :class:`Block` (text, label, rule, score; also line and continued)."""
    c = _cleaner(html, bias, keep_comments, profile, site, options)
    return iter(c.blocks(data))


# ---- site profiles ------------------------------------------------------------

def _check(st: int, path: Optional[str] = None) -> None:
    if st != _lib.BOILOFF_OK:
        if st == _lib.BOILOFF_ERR_IO:
            raise _error_from_status(st, err=_ffi.errno, filename=path)
        raise _error_from_status(st)


class Profile:
    """Site learning's counts: on how many pages of a site each normalised
    line occurs (a line on many pages of a site is its furniture).

    Count pages with :meth:`add_page`, or load files saved by
    ``boiloff --save-profile``; counts merge (commutative, associative), so
    a crawl can be counted in parts.  Pass the profile and a site key to
    :func:`clean` or :class:`Cleaner`.  Pickles as its saved file.
    """

    def __init__(self):
        p = _lib.boiloff_profile_new(_ffi.NULL)
        if p == _ffi.NULL:
            raise NoMemoryError(_lib.BOILOFF_ERR_NOMEM)
        self._p = _ffi.gc(p, _lib.boiloff_profile_free)

    @classmethod
    def load(cls, *paths: Union[str, "_os.PathLike[str]"]) -> "Profile":
        """A profile with the counts of these files (several: merged)."""
        self = cls()
        for path in paths:
            self.load_into(path)
        return self

    def load_into(self, path: Union[str, "_os.PathLike[str]"]) -> None:
        """Adds the counts of a saved file (unchanged on error)."""
        path = _os.fspath(path)
        _check(_lib.boiloff_profile_load(self._p, _os.fsencode(path)), path)

    def save(self, path: Union[str, "_os.PathLike[str]"]) -> None:
        """Writes the profile to `path` atomically (temporary file, rename)."""
        path = _os.fspath(path)
        _check(_lib.boiloff_profile_save(self._p, _os.fsencode(path)), path)

    def merge(self, *others: "Profile", threads: int = 0) -> "Profile":
        """Adds the counts of other profiles into this one; returns self.
        They go in together, on up to `threads` threads (0: one per
        core); a profile merged into itself doubles its counts."""
        if any(other is self for other in others):
            for other in others:
                _check(_lib.boiloff_profile_merge(self._p, other._p))
        elif others:
            ptrs = _ffi.new("const boiloff_profile *[]", [o._p for o in others])
            _check(_lib.boiloff_profile_merge_many(
                self._p, ptrs, len(others),
                threads if threads > 0 else (_os.cpu_count() or 1)))
        return self

    def prune(self) -> "Profile":
        """Drops the lines counted on too few pages of their site to be its
        furniture; returns self.  Cleaning with it gives the same output,
        and it is far smaller to keep or send to workers; but the dropped
        counts are gone, so merge no more counts of the same sites into
        it."""
        _check(_lib.boiloff_profile_prune(self._p))
        return self

    def add_page(self, site: str, text: Data) -> None:
        """Counts one page of `site` (its text; a line counts once per
        page).  Bytes are read as the library reads them (invalid UTF-8 as
        windows-1252)."""
        buf = _as_bytes(text)
        _check(_lib.boiloff_profile_add_page(
            self._p, site.encode("utf-8", "surrogateescape"),
            _ffi.from_buffer(buf), len(buf)))

    def count_pages(self, pages, *, html: Optional[bool] = None,
                    from_code: Optional[str] = None, repair: bool = True,
                    strict: bool = False, allow_binary: bool = False,
                    max_line_bytes: int = 0,
                    max_document_bytes: int = 0,
                    renderings: Optional[list] = None) -> int:
        """Counts pages, (site, data) pairs, as batch mode's first pass
        does: HTML (detected, or html=True) and text in a given
        `from_code` from the lines the library decodes, other text from
        its bytes (as :meth:`add_page`).  The keywords are
        :class:`Cleaner`'s.  A page the library cannot read is not counted;
        returns how many were.  With a list as `renderings`, each page's
        rendering is appended to it (None for a text page, or one that
        failed): what :meth:`Cleaner.clean_rendering_bytes` cleans without
        parsing the page again, as batch mode's second pass does."""
        opts = _Options(html, 0.0, False, None, None, from_code, repair,
                        strict, True, False, allow_binary, max_line_bytes,
                        max_document_bytes)
        keep = None
        if renderings is not None:
            keep = _ffi.new("struct bo_sink *")
            keep_gc = _ffi.gc(keep, _lib.bo_sink_free)  # noqa: F841
            ctx = _lib.bo_counter_keeping_new(opts.c, self._p, keep)
        else:
            ctx = _lib.bo_counter_new(opts.c, self._p)
        if ctx == _ffi.NULL:
            raise NoMemoryError(_lib.BOILOFF_ERR_NOMEM)
        counted = 0
        try:
            for site, data in pages:
                buf = _as_bytes(data)
                key = site.encode("utf-8", "surrogateescape")
                if keep is None:
                    st = _lib.bo_count_page(ctx, self._p, key,
                                            _ffi.from_buffer(buf), len(buf))
                else:
                    st = _lib.bo_count_page_keeping(
                        ctx, self._p, key, _ffi.from_buffer(buf), len(buf), keep)
                    renderings.append(_ffi.unpack(keep.text, keep.len)
                                      if keep.len else None)
                counted += st == _lib.BOILOFF_OK
        finally:
            _lib.boiloff_free(ctx)
        return counted

    def pages(self, site: str) -> int:
        """Pages counted for `site`."""
        return _lib.boiloff_profile_pages(self._p, site.encode("utf-8", "surrogateescape"))

    def count(self, site: str, line: Data) -> int:
        """On how many pages of `site` this line occurs (normalised)."""
        buf = _as_bytes(line)
        return _lib.boiloff_profile_count(
            self._p, site.encode("utf-8", "surrogateescape"),
            _ffi.from_buffer(buf), len(buf))

    def to_bytes(self) -> bytes:
        """The saved file's bytes (through a temporary file)."""
        import tempfile
        fd, path = tempfile.mkstemp(prefix="boiloff-profile-")
        try:
            _os.close(fd)
            self.save(path)
            with open(path, "rb") as f:
                return f.read()
        finally:
            try:
                _os.unlink(path)
            except OSError:
                pass

    @classmethod
    def from_bytes(cls, data: bytes) -> "Profile":
        """A profile from the bytes of a saved file."""
        import tempfile
        fd, path = tempfile.mkstemp(prefix="boiloff-profile-")
        try:
            with _os.fdopen(fd, "wb") as f:
                f.write(data)
            return cls.load(path)
        finally:
            try:
                _os.unlink(path)
            except OSError:
                pass

    def __reduce__(self):
        return (Profile.from_bytes, (self.to_bytes(),))

    def __eq__(self, other) -> bool:
        return isinstance(other, Profile) and self.to_bytes() == other.to_bytes()

    __hash__ = None  # type: ignore[assignment]


# ---- record files ------------------------------------------------------------

class RecordsResult(NamedTuple):
    """What :meth:`Records.clean` did with one file: records read (bad ones
    too), cleaned, skipped (types and payloads not cleaned), bad (skipped
    and reported on stderr), and the bytes and blocks of the cleaned ones."""
    records: int
    cleaned: int
    skipped: int
    bad: int
    bytes_in: int
    bytes_out: int
    blocks_kept: int
    blocks_dropped: int


_KINDS = {_lib.BO_PAGE: "page", _lib.BO_WARC: "warc", _lib.BO_JSONL: "jsonl"}


class Records:
    """Files of records, one page each, read by the command's own code as
    ``boiloff --warc`` (WARC and WET) or ``--jsonl`` (JSON Lines) reads
    them: a page's site is the host of its URL, a bad record is reported
    on stderr, counted and skipped, and the output is one JSON line per
    record (or WET records with ``wet=True``).

    Keywords: ``warc``, ``jsonl``, ``wet``, ``field`` (the JSON field to
    clean), ``html_field`` (clean HTML from this field into ``field``),
    ``jsonl_stats``, as the command's options of those names; the rest are
    :class:`Cleaner`'s (``profile`` and ``site`` excepted: a profile is
    given to :meth:`clean`, and each record's site is its URL's host).
    """

    def __init__(self, *, warc: bool = False, jsonl: bool = False,
                 wet: bool = False, field: str = "text",
                 html_field: Optional[str] = None, jsonl_stats: bool = False,
                 html: Optional[bool] = None, bias: float = 0.0,
                 keep_comments: bool = False, from_code: Optional[str] = None,
                 repair: bool = True, strict: bool = False,
                 rules_only: bool = False, smooth: bool = True,
                 allow_binary: bool = False, max_line_bytes: int = 0,
                 max_document_bytes: int = 0):
        if warc and jsonl:
            raise ArgumentError(_lib.BOILOFF_ERR_ARG,
                                "warc and jsonl cannot be given together")
        self._opts = _Options(html, bias, keep_comments, None, None, from_code,
                              repair, strict, rules_only, smooth, allow_binary,
                              max_line_bytes, max_document_bytes)
        ro = _ffi.new("struct bo_records_options *")
        ro.lib = self._opts.c
        ro.warc, ro.jsonl, ro.wet = bool(warc), bool(jsonl), bool(wet)
        ro.jsonl_stats = bool(jsonl_stats)
        self._keep = [_ffi.new("char[]", field.encode("utf-8"))]
        ro.field = self._keep[0]
        if html_field is not None:
            self._keep.append(_ffi.new("char[]", html_field.encode("utf-8")))
            ro.html_field = self._keep[1]
        self._ro = ro
        self.warc, self.jsonl = bool(warc), bool(jsonl)

    def kind(self, name: str) -> str:
        """How batch mode reads the file `name`: "page", "warc" or
        "jsonl"."""
        return _KINDS[_lib.bo_records_kind(self._ro, _os.fsencode(name))]

    def default_include(self, name: str) -> bool:
        """With warc or jsonl and no include globs: does batch mode clean
        the file `name`?"""
        return bool(_lib.bo_records_default_include(self._ro, _os.fsencode(name)))

    def output_rel(self, rel: str) -> str:
        """The output path of the record file `rel`, as batch mode names it
        (".gz" dropped, ".jsonl" added unless the output is WET)."""
        p = _lib.bo_records_output_rel(self._ro, _os.fsencode(rel))
        if p == _ffi.NULL:
            raise NoMemoryError(_lib.BOILOFF_ERR_NOMEM)
        try:
            return _os.fsdecode(_ffi.string(p))
        finally:
            _lib.free(p)

    def count(self, path: Union[str, "_os.PathLike[str]"],
              profile: "Profile") -> None:
        """Counts the good records of the file into `profile`, each under
        its URL's host, as batch mode's first pass does."""
        path = _os.fspath(path)
        if _lib.bo_records_count(self._ro, _os.fsencode(path), profile._p) != 0:
            raise FileError(_lib.BOILOFF_ERR_IO, None, _ffi.errno, path)

    def clean(self, path: Union[str, "_os.PathLike[str]"], out,
              profile: Optional["Profile"] = None,
              rejects=None) -> RecordsResult:
        """Cleans every record of the file into `out` (a file descriptor,
        or a file with fileno(); written at its position and left open).
        With `rejects` (the same kinds), bad records and lines are also
        written there as they were, as the command's ``--rejects`` keeps
        them.  A failure to read `path` or to write `out` or `rejects`
        raises FileError (its filename None but for `path`); the output is
        then incomplete."""
        path = _os.fspath(path)
        fd = out if isinstance(out, int) else out.fileno()
        rfd = (-1 if rejects is None else
               rejects if isinstance(rejects, int) else rejects.fileno())
        res = _ffi.new("struct bo_records_result *")
        err = _ffi.new("int *")
        st = _lib.bo_records_clean(self._ro, _os.fsencode(path), fd, rfd,
                                   profile._p if profile is not None else _ffi.NULL,
                                   res, err)
        if st != _lib.BO_RECORDS_OK:
            raise FileError(_lib.BOILOFF_ERR_IO, None, err[0],
                            path if st == _lib.BO_RECORDS_READ_ERROR else None)
        return RecordsResult(res.records, res.cleaned, res.skipped, res.bad,
                             res.bytes_in, res.bytes_out, res.blocks_kept,
                             res.blocks_dropped)
