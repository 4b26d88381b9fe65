# C types for classify.py when Cython compiles it (see Cython's "pure Python mode"): the .py
# stays the source, and runs the same without this file.
import cython

from reflow.furniture cimport (
    dateline_of,
    ends_sentence,
    ends_with_credit,
    ends_with_credit_keyword,
    is_bracketed_word,
    is_byline,
    is_credit_line,
    is_junk,
    is_placeholder,
    is_separator,
    looks_like_credit,
)
from reflow.repeats cimport fingerprint, key_of

cdef _remade(block, kind, str text, str dateline, tuple notes)

cdef _as_kind(block, kind)

@cython.locals(closing=str)
cdef bint _is_wrapped_in_marks(str text)

@cython.locals(depth=int)
cpdef int _wrap_depth(str text)

# The rules (called through RULES; typed inside).
cpdef _separator(block, previous, following)
cpdef _junk(block, previous, following)
cpdef _byline(block, previous, following)
@cython.locals(text=str)
cpdef _credit_after_caption(block, previous, following)
@cython.locals(text=str, caption=str)
cpdef _caption_with_credit_keyword(block, previous, following)
@cython.locals(text=str)
cpdef _caption_in_emphasis(block, previous, following)
cpdef _caption_with_credit_tail(block, previous, following)
cpdef _standalone_credit(block, previous, following)
cpdef _dateline(block, previous, following)

@cython.locals(start=Py_ssize_t)
cpdef str _without_credit_word(str text)

# The prefilters made from the rules' looks (module-level masks, read in C).
cdef long _ALL_LOOKS, _ALL_RULES, _READ_AHEAD, _AS_IS, _WITHOUT_FOLLOWING, _WITHOUT_CAPTION
cdef long _ANY_FIRST, _ANY_LAST, _FURTHER_LOOKS
cdef Py_ssize_t _SIZE_CAP
cdef list _FIRST_ASCII, _LAST_ASCII, _BY_SIZE
cdef dict _FIRST_OTHER, _LAST_OTHER, _RULES_OF
cdef tuple _FURTHER

@cython.locals(code="unsigned int", mask=long)
cdef long _edges_pass(str seen, Py_ssize_t size)

@cython.locals(index=Py_ssize_t)
cdef bint _opens_in_capitals(str text, Py_ssize_t count)

@cython.locals(size=Py_ssize_t, looks=long, stripped=str, seen=str, bit=long, holds=str, capitals=Py_ssize_t, as_is=bint)
cpdef long passing_looks(str text, bint after_caption, bint following)

@cython.locals(found=long, bit=Py_ssize_t, index=Py_ssize_t)
cpdef long _rules_of(long looks)

@cython.locals(after_caption=bint)
cpdef long rules_that_may_fire(str text, previous, following)

cpdef bint cannot_match(str text, previous, following)

@cython.locals(may=long)
cpdef classify_one(block, previous, following, bint explain)

cdef dict _NAMED_RULES

@cython.locals(named=tuple, index=Py_ssize_t)
cpdef _apply_rules(block, previous, following, bint explain, long may=*)

cdef _duplicate(block, bint explain, str why, twin)
