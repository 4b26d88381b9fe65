# C types for repair.py when Cython compiles it (pure Python mode, see setup.py).
# repair.py stays the source: this only declares the types of its hot names.

import cython

cdef str _SAFE_OTHER
cdef bint _COMPILED

@cython.locals(char=Py_UCS4)
cpdef bint _clean_by_characters(str text)

cdef int _NAMED, _ALONE

@cython.locals(
    size=Py_ssize_t, index=Py_ssize_t, code=Py_ssize_t, bits=int, previous_named=bint
)
cpdef Py_ssize_t _next_sign_by_characters(str line, Py_ssize_t start, str table)
