# C types for paragraphs.py when Cython compiles it (pure Python mode, see setup.py).
# paragraphs.py stays the source: this only declares the types of its hot names.
# (Names the tests or other modules read stay Python: MAX_BLOCK_LINES, FAST_PATHS, ...)

import cython

from reflow.breaks cimport (
    WEB_ADDRESS,
    refers_back,
    score,
    sentence_then_capital_no_blanks,
    write_features,
)
from reflow.facts cimport (
    BY,
    CREDIT_END,
    CREDIT_KW,
    DATELINE,
    ENDS,
    JUNK,
    MAYBE_PH,
    PH,
    SEP,
    STANDS_ALONE,
    STRICT,
    TIMESTAMP,
    is_title_case,
    line_facts,
    names_image,
)
from reflow.joining cimport Joiner
from reflow.measure cimport first_unit_width, is_cj, is_wide, lone_word, width

cdef object _K_PARAGRAPH, _K_HEADING, _K_LIST, _K_CODE, _K_QUOTE, _K_TABLE
cdef object _K_VERSE, _K_RULE, _K_JUNK
cdef object _FENCE, _ATX, _RULE, _SETEXT, _LIST, _QUOTE, _TABLE_ROW, _SPACES
cdef object _LEADING_PLACEHOLDERS, _SIGN, _CLOSERS, _CLOSING_REFERENCE
cdef str _OPENING, _CJ_NUMERALS, _CODE_LAST
cdef double _UNWRAPPED_FILLS


cpdef object _block(
    object kind, str text, Py_ssize_t first, Py_ssize_t last, Py_ssize_t level, tuple notes
)

cpdef Py_ssize_t _indent(str line)
cpdef bint _signed_word(str word)
cpdef bint _capitalised(str word)
@cython.locals(last=Py_UCS4)
cpdef bint _introduces_code(str a_raw, str a, str b_raw, str b, bint blank_separated)
cpdef bint _opens_quotation(str word)
cpdef bint _plain_word(str line)
cpdef bint _drop_capital(str line, str next_first)

@cython.locals(last=str)
cpdef bint _dangles(str line)

cpdef str _tidy(str line)


cdef class _Builder:
    cdef object profile
    cdef bint explain, repair
    cdef Joiner joiner
    cdef list para, para_numbers, para_widths, notes, out
    cdef object last_block
    cdef str para_raw_last
    cdef object para_kind
    cdef Py_ssize_t quote_level, peek_level
    cdef bint quote_opened
    cdef bint opened_by_break
    cdef double fill, lone_width, char_fill
    cdef bint wrapped, proportional, blank_separated, ends_without_blank, by_characters
    cdef Py_ssize_t base_indent, item_column
    cdef bint item_paragraph, item_loose
    cdef set boundaries
    cdef bint quoted_printable
    cdef bint indent_habit, orphan_habit, paged, raw_pages
    cdef tuple titles
    cdef bint title_joined
    cdef list recent
    cdef Py_ssize_t recent_at, recent_widest
    cdef bint _short_lines, hangul_words, cj_words
    cdef object lines, ahead
    cdef Py_ssize_t number
    cdef str fence
    cdef bint previous_blank, fast
    cdef object _width_of, _unit_of, _next_width_of, _facts_of
    cdef Py_ssize_t _width, _unit, _next_width
    cdef int _facts
    cdef double[::1] _values

    cdef flush(self)
    cdef object _paragraph(self, object kind, list lines, list numbers, list notes)
    cdef bint _is_short_line_block(self, list para, list widths)
    @cython.locals(recent=list, at=Py_ssize_t, oldest=Py_ssize_t)
    cdef remember(self, Py_ssize_t line_width, str text)
    cdef double room(self, str line, str next_text)
    cdef Py_ssize_t measure(self, str line)
    @cython.locals(space=Py_ssize_t)
    cdef Py_ssize_t _first_unit(self, str text)
    @cython.locals(used=Py_ssize_t, capacity=double)
    cdef double room_after(self, Py_ssize_t line_width, str next_text)
    cdef bint starts_list(self, str line, str text)
    @cython.locals(
        fa=int, fb=int, furniture=int, b0=Py_UCS4, a_last=Py_UCS4, b_first=Py_UCS4,
        a_one_word=bint, b_one_word=bint, lone_opener=bint, c=str, weighed=double, values=double[::1],
    )
    cpdef tuple decide(self, str a_raw, str a, str b_raw, str b)
    cdef str peek(self, Py_ssize_t k)
    @cython.locals(seen=Py_ssize_t, at=Py_ssize_t, line=str)
    cdef str text_ahead(self, Py_ssize_t k)
    cdef str line_after(self)
    @cython.locals(k=Py_ssize_t, line=str)
    cdef bint _credit_ahead(self)
    @cython.locals(
        number=Py_ssize_t, para=list, numbers=list, widths=list, text=str, stripped=str,
        line_width=Py_ssize_t, unit=Py_ssize_t, text_width=Py_ssize_t, used=Py_ssize_t,
        full=bint, fence=str, after=str, was_blank=bint, first=Py_UCS4, second=str, out=list,
        level=Py_ssize_t, a=str, nxt=str, breaks=bint, rule=str,
    )
    cdef take(self, str raw)
    cdef bint continues_item(self, str raw, str text)
    cdef object shape(self, str raw, str text, bint after_blank)
    cdef bint _ended(self)


@cython.locals(widest=Py_ssize_t, line_width=Py_ssize_t)
cdef Py_ssize_t _widest(object widths)
