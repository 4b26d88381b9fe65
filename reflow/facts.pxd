# C types for facts.py when Cython compiles it (pure Python mode, see setup.py).
# facts.py stays the source: this only declares the types of its hot names. The builder asks
# line_facts about most lines it decides a break after (paragraphs.pxd cimports it).

import cython

# The bits of line_facts: C constants, cimported by paragraphs.pxd (and so no Python names).
cdef int SEP, JUNK, PH, BY, MAYBE_PH, CREDIT_KW, CREDIT_END, DATELINE, ENDS, STRICT, TIMESTAMP
cdef int STANDS_ALONE
cdef str _SEPARATOR_FIRST, _JUNK_FIRST, _CREDIT_LAST, _TERMINAL, _CJ_BYLINE_FIRST
# (_JUNK_STARTS stays a Python global: a test compares it with the junk pattern.)
cdef frozenset _TITLES
cdef Py_ssize_t _TITLE_LONGEST
cdef tuple _CREDIT_KEYWORDS
cdef dict _CREDIT_KEYWORDS_BY_LAST
cdef str _CLOSERS
cdef object _IMAGE_HINT
cdef frozenset _IMAGE_HINT_SECOND
cdef object _is_separator, _is_junk, _dateline_word, _is_placeholder, _is_byline, _is_timestamp
cdef object _ends_with_credit_keyword, _ends_with_credit
cdef str _title_case_text
cdef bint _title_case_answer
cdef int _IN_SEPARATOR_FIRST, _IN_JUNK_FIRST, _IN_CREDIT_LAST, _IN_TERMINAL, _IN_CLOSERS
cdef int _IN_IMAGE_HINT_SECOND
cdef str _ASCII_CLASSES

cdef int _classes_of(Py_UCS4 char)

@cython.locals(code=Py_ssize_t)
cdef int _char_class(Py_UCS4 char)

@cython.locals(dot=Py_ssize_t, size=Py_ssize_t)
cpdef bint names_image(str line)

@cython.locals(
    facts=int, first=Py_UCS4, last=Py_UCS4, head=int, tail=int, size=Py_ssize_t,
    stop=Py_ssize_t, end=Py_UCS4, start=Py_ssize_t, length=Py_ssize_t,
)
cpdef int line_facts(str line)

@cython.locals(char=Py_UCS4)
cdef bint _has_digit(str line)

cpdef bint maybe_placeholder(str line)

@cython.locals(
    letters=Py_ssize_t, capitals=Py_ssize_t, run=Py_ssize_t, initial=Py_UCS4, char=Py_UCS4,
    answer=bint,
)
cpdef bint is_title_case(str text)
