# C types for joining.py when Cython compiles it (pure Python mode, see setup.py).
# joining.py stays the source: this only declares the types of its hot names. The builder
# holds a Joiner (paragraphs.pxd cimports it) and joins every paragraph of several lines with it.

import cython

cdef class Joiner:
    cdef object _vocabulary, _inner_words
    cdef public bint dehyphenate
    cdef public bint hangul_split_anywhere
    cdef public bint cj_split_anywhere
    cdef public bint proportional

    cpdef str join(self, list lines, list notes)
    @cython.locals(index=Py_ssize_t, final=Py_ssize_t, line=str, last=Py_UCS4)
    cpdef str join_lines(self, list numbers, list texts, list notes)
    @cython.locals(last=Py_UCS4)
    cpdef str append(self, str text, str line, Py_ssize_t number, list notes)
    cdef list _hangul_values(self, str text, str line)
