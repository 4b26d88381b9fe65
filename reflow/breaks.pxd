# C types for breaks.py when Cython compiles it (pure Python mode, see setup.py).
# breaks.py stays the source: this only declares the types of its hot names. The builder calls
# ``write_features`` and ``score`` at every break it weighs (into its own buffer: no list, no
# boxed floats).
# (WEIGHTS, BIAS, TREES, OPENING, recording and rule_log stay Python globals: tests and the
# fit script read them; ``use`` sets them with the C copies ``score`` reads.)

import cython

from reflow.measure cimport has_wide, is_wide, width

cdef list _FACTORS
cdef Py_ssize_t _BASE, _LONGEST_OPENER, _LONGEST_BACK_REFERENCE
# Each feature's place in the values write_features writes (NAMES.index of its name).
cdef Py_ssize_t _STOPPED_EARLY, _ROOM, _A_FILL, _ENDS_SENTENCE, _ENDS_COLON, _ENDS_COMMA
cdef Py_ssize_t _ENDS_DASH, _ENDS_OPEN, _TITLE_CASE, _SHORT_LABEL, _NEXT_LOWER, _RUNS_ON
cdef Py_ssize_t _CJK_CONTINUES, _NEXT_CAPITAL, _NEXT_SHORT, _NEXT_URL, _A_ONE_WORD, _B_ONE_WORD
cdef Py_ssize_t _A_ALONE, _LONE_OPENER, _BLANK_SEPARATED, _BLANK_SEPARATED_STOPPED_EARLY
cdef Py_ssize_t _BLANK_SEPARATED_LABEL, _SENTENCE_THEN_CAPITAL_NO_BLANKS, _INDENTED_PAST_BODY
cdef Py_ssize_t _FULL_NOT_INDENTED, _INDENTED_MORE, _ORPHAN_HABIT, _ORPHAN_HABIT_STOPPED_EARLY
cdef Py_ssize_t _UNWRAPPED, _PROPORTIONAL, _PROPORTIONAL_STOPPED_EARLY, _FULL_ENDS_SENTENCE
cdef Py_ssize_t _FULL_ENDS_OPEN, _FULL_ENDS_COMMA, _FULL_NEXT_CAPITAL, _FULL_NEXT_LOWER
cdef Py_ssize_t _FULL_CJK_CONTINUES, _WIDE, _WIDE_STOPPED_EARLY, _STARTS_LIKE_A_SENTENCE
cdef Py_ssize_t _NEXT_CODE, _NEXT_REFERS_BACK
cdef tuple WEB_ADDRESS
cdef double[::1] _weights, _threshold, _value
cdef double _bias, _share, _baseline
cdef int[::1] _roots, _feature, _left, _right

@cython.locals(space=Py_ssize_t)
cpdef bint starts_like_a_sentence(str line)

@cython.locals(space=Py_ssize_t)
cpdef bint refers_back(str line)

cpdef bint sentence_then_capital_no_blanks(
    bint strict, Py_UCS4 b_first, bint blank_separated, bint ends_without_blank,
    bint indent_habit,
)

@cython.locals(index=Py_ssize_t)
cpdef Py_ssize_t _indent_of(str line)

@cython.locals(
    a_last=Py_UCS4, b_first=Py_UCS4, early=double, full=double, finite=bint,
    a_width=Py_ssize_t, lower=double, cjk=double, b_indent=Py_ssize_t, a_indent=Py_ssize_t,
    past_body=bint, open_end=double, comma=double, sentence=double, capital=double,
    wide=double, spaced=double, label=double, one_word=double, alone=double, blanks=double,
    habit=double, rough=double, first=Py_ssize_t, second=Py_ssize_t, index=Py_ssize_t,
)
cpdef void write_features(
    double[::1] values, str a_raw, str a, str b_raw, str b, bint ends, bint strict,
    bint title_case, double room, double fill, bint wrapped, bint proportional,
    bint blank_separated, bint ends_without_blank, bint indent_habit, Py_ssize_t base_indent,
    bint orphan_habit, Py_ssize_t paragraph_lines, bint by_characters=*,
)

cdef int _step(int node, double[::1] values)

@cython.locals(node=int)
cdef int _leaf(int root, double[::1] values)

@cython.locals(weights=double[::1], total=double, grown=double, index=Py_ssize_t)
cpdef double score(double[::1] values)
