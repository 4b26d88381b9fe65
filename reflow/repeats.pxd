# C types for repeats.py when Cython compiles it (see Cython's "pure Python mode"): the .py
# stays the source, and runs the same without this file.
import cython

cpdef str fingerprint(str text)

cpdef str _fingerprint_lower(str low)

@cython.locals(key=bytes)
cpdef bytes cheap_key(str text)

cdef unsigned long long _KEY_MULTIPLIERS[128]

@cython.locals(h="unsigned long long", mask="unsigned long long", code="unsigned int", char=Py_UCS4, table=bytes, added="const unsigned char *", typographic=str)
cpdef object _ascii_word_hash(str text)

@cython.locals(h="unsigned long long", prime="unsigned long long", mask="unsigned long long", code="unsigned char")
cpdef object _hash_of_key(bytes key)

@cython.locals(key=bytes)
cpdef _number_key(str text)

cpdef object key_of(str text, bint exact)
