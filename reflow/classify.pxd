# C types for classify.py when Cython compiles it (see Cython's "pure Python mode"): the .py
# stays the source, and runs the same without this file.
import cython

from reflow.furniture cimport (
    dateline_of,
    ends_sentence,
    ends_with_credit,
    ends_with_credit_keyword,
    is_byline,
    is_credit_line,
    is_junk,
    is_placeholder,
    is_separator,
    looks_like_credit,
)

cdef dict _compiled

cpdef object _pattern(str name)

cdef _remade(block, kind, str text, str dateline, tuple notes)

cdef _as_kind(block, kind)

cpdef str fingerprint(str text)

cpdef str _fingerprint_lower(str low)

@cython.locals(closing=str)
cdef bint _is_wrapped_in_marks(str text)

@cython.locals(depth=int)
cpdef int _wrap_depth(str text)

# The rules (called through RULES; typed inside).
@cython.locals(text=str)
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

@cython.locals(size=Py_ssize_t, first=Py_UCS4, last=Py_UCS4)
cpdef bint cannot_match(str text, previous, following)

cpdef classify_one(block, previous, following, bint explain)

cdef int _MAY_SEPARATOR, _MAY_JUNK, _MAY_BYLINE, _MAY_CAPTION_KEYWORD, _MAY_CAPTION_EMPHASIS
cdef int _MAY_CREDIT_AFTER_CAPTION, _MAY_CREDIT_LINE, _MAY_CAPTION_TAIL, _MAY_DATELINE, _ALL_RULES

@cython.locals(size=Py_ssize_t, first=Py_UCS4, last=Py_UCS4, first_blank=bint, last_blank=bint, found=int)
cpdef int rules_that_may_fire(str text, previous, following)

cdef dict _NAMED_RULES

@cython.locals(name=str, may=int, named=tuple, index=Py_ssize_t)
cpdef _apply_rules(block, previous, following, bint explain)

@cython.locals(key=bytes)
cpdef bytes cheap_key(str text)

cdef unsigned long long _KEY_MULTIPLIERS[128]

@cython.locals(h="unsigned long long", mask="unsigned long long", code="unsigned int", char=Py_UCS4, table=bytes, added="const unsigned char *")
cpdef object _ascii_word_hash(str text)

@cython.locals(h="unsigned long long", prime="unsigned long long", mask="unsigned long long", code="unsigned char")
cpdef object _hash_of_key(bytes key)

@cython.locals(key=bytes)
cpdef _number_key(str text)

@cython.locals(size=Py_ssize_t, last=Py_UCS4)
cpdef bint _wants_following(str text)

cdef _duplicate(block, bint explain, str why, twin)
