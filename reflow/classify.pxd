# C types for classify.py when Cython compiles it (see Cython's "pure Python mode"): the .py
# stays the source, and runs the same without this file.
import cython

cdef _remade(block, kind, str text, str dateline, tuple notes)

cdef _as_kind(block, kind)

cpdef str fingerprint(str text)

cpdef str _fingerprint_lower(str low)

cdef bint _is_wrapped_in_marks(str text)

@cython.locals(start=Py_ssize_t)
cpdef str _without_credit_word(str text)

@cython.locals(size=Py_ssize_t, first=Py_UCS4, last=Py_UCS4)
cpdef bint cannot_match(str text, previous, following)

cpdef classify_one(block, previous, following, bint explain)

cpdef _apply_rules(block, previous, following, bint explain)

@cython.locals(key=bytes)
cpdef bytes cheap_key(str text)

@cython.locals(text=str, last=Py_UCS4)
cpdef bint _wants_following(block)

cdef _duplicate(block, bint explain, str why)
