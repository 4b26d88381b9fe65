# C types for wrap.py when Cython compiles it (see Cython's "pure Python mode"): the .py stays
# the source, and runs the same without this file.
import cython

cpdef bint ends_in_credit_keyword(str tail)

cdef bint _COMPILED

cpdef bint is_narrow(str text)

@cython.locals(char=Py_UCS4)
cpdef bint _narrow_by_characters(str text)

@cython.locals(
    quick=bint,
    size=Py_ssize_t,
    start=Py_ssize_t,
    limit=Py_ssize_t,
    cut=Py_ssize_t,
    end=Py_ssize_t,
    first=Py_UCS4,
    lines=list,
)
cpdef list _fill_narrow(str text, Py_ssize_t room, Py_ssize_t later_room, must_not_start)

@cython.locals(end=Py_ssize_t)
cpdef bint _blocked(str text, Py_ssize_t space, must_not_start)

cpdef bint joins_across(str left, str right)
