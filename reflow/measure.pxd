# C types for measure.py when Cython compiles it (pure Python mode, see setup.py).
# measure.py stays the source: this only declares the types of its hot names. paragraphs.pxd
# cimports width, first_unit_width and is_wide, so the builder calls them as C functions.

import cython

cdef str _MARKER_FIRST, _KEYWORD_LAST_CHARS
cdef tuple CREDIT_KEYWORDS
cdef Py_ssize_t KEYWORD_TAIL
cdef bint _COMPILED

@cython.locals(code=Py_UCS4)
cpdef bint is_wide(Py_UCS4 char)

@cython.locals(code=Py_UCS4)
cpdef bint is_cj(Py_UCS4 char)

cpdef bint is_hangul(Py_UCS4 char)

cpdef bint has_wide(str text)

@cython.locals(char=Py_UCS4)
cpdef bint _has_wide_by_characters(str text)

cpdef bint has_hangul(str text)

@cython.locals(char=Py_UCS4)
cpdef bint _has_hangul_by_characters(str text)

@cython.locals(end=Py_ssize_t)
cpdef Py_ssize_t width(str line) except -1

@cython.locals(space=Py_ssize_t, size=Py_ssize_t, length=Py_ssize_t, end=Py_ssize_t,
               start=Py_ssize_t, stop=Py_ssize_t, last=Py_UCS4, index=Py_ssize_t)
cpdef Py_ssize_t first_unit_width(str text, bint hangul_words=*, bint cj_words=*) except -1

cpdef bint lone_word(str line, double page_width)
