# C types for furniture.py when Cython compiles it (see Cython's "pure Python mode"): the
# .py stays the source, and runs the same without this file.
import cython

cdef bint _COMPILED

cpdef str strip_closers(str text)

@cython.locals(space=Py_ssize_t, word=str)
cpdef bint _abbreviated(str core)

@cython.locals(core=str)
cpdef bint ends_sentence(str text)

@cython.locals(core=str)
cpdef bint ends_sentence_strictly(str text)

@cython.locals(stripped=str)
cpdef bint is_byline(str line)

@cython.locals(size=Py_ssize_t, names=int, groups=int, start=Py_ssize_t, end=Py_ssize_t, index=Py_ssize_t, char=Py_UCS4)
cpdef bint _is_plain_byline(str text)

@cython.locals(first=str)
cpdef bint is_separator(str line)

@cython.locals(stripped=str, size=Py_ssize_t)
cpdef bint is_placeholder(str line)

@cython.locals(stripped=str, word=str)
cpdef bint is_bracketed_word(str line)

@cython.locals(close=Py_ssize_t, index=Py_ssize_t, char=Py_UCS4)
cpdef bint _names_in_first_brackets(str text)

cpdef bint is_page_number(str line)

@cython.locals(stripped=str, char=Py_UCS4, rest=str, text=str, groups=set, name=str)
cpdef bint is_timestamp(str line)

@cython.locals(size=Py_ssize_t, core=str, keyword=str, start=Py_ssize_t)
cpdef bint ends_with_credit_keyword(str line)

cdef tuple _last_credit

@cython.locals(asked=str, answer=bint, stripped=str)
cpdef bint is_credit_line(str line)

cpdef bint _is_lead_credit(str text)

@cython.locals(first=Py_UCS4)
cpdef bint _is_credit_shape(str text)

@cython.locals(slash=Py_ssize_t, after=Py_ssize_t, index=Py_ssize_t, char=Py_UCS4)
cpdef bint _is_plain_credit(str text)

cpdef bint ends_with_credit(str line)

@cython.locals(stripped=str, words=list, w=str)
cpdef bint looks_like_credit(str line)

@cython.locals(first=Py_UCS4)
cpdef bint is_junk(str line)

@cython.locals(size=Py_ssize_t, end=Py_ssize_t, words=int, start=Py_ssize_t)
cpdef _plain_dateline(str text)

@cython.locals(plain=str, place=str, dash=str, letters=Py_ssize_t, char=Py_UCS4, first=str)
cpdef dateline_of(str text)

cpdef bint is_alert_label(str line)
cpdef bint is_reference_definition(str line)
