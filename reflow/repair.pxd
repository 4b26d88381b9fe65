# C types for repair.py when Cython compiles it (pure Python mode, see setup.py).
# repair.py stays the source: this only declares the types of its hot names.

import cython

cdef str _SAFE_OTHER
cdef bint _COMPILED

@cython.locals(char=Py_UCS4)
cpdef bint _clean_by_characters(str text)
