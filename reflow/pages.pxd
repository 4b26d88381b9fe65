# C types for pages.py when Cython compiles it (pure Python mode, see setup.py).
# pages.py stays the source: this only declares the types of its hot names. Every line of a
# document with page furniture passes through its filters.
# (The markers and MAX_PADDING stay Python globals: the builder and the tests read them.)

import cython

@cython.locals(stripped=str)
cpdef bint is_page_furniture(str line, frozenset keys)
