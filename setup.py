"""Build reflow, with its hot pipeline modules compiled by Cython from their Python source.

The ``.py`` files stay the one source and the reference: Cython compiles them as they are, and
a ``.pxd`` beside a module (where there is one) only declares C types for its hot loops. A
module that does not compile (no C compiler, say) stays plain Python, which gives the same
output, slower. ``REFLOW_PURE_PYTHON=1`` skips compiling altogether.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

#: The modules every line or block passes through, in the order they run.
COMPILED = (
    "lines",
    "repair",
    "measure",
    "furniture",
    "dehyphen",
    "breaks",
    "paragraphs",
    "classify",
    "wrap",
    "render",
)


def extensions() -> list:
    if os.environ.get("REFLOW_PURE_PYTHON"):
        # An editable install builds in place: modules compiled before would shadow the source.
        for built in Path(__file__).parent.glob("reflow/*.so"):
            built.unlink()
        return []
    from Cython.Build import cythonize
    from setuptools import Extension

    modules = [Extension(f"reflow.{name}", [f"reflow/{name}.py"]) for name in COMPILED]
    compiled = cythonize(
        modules,
        compiler_directives={"language_level": 3},
        nthreads=os.cpu_count() or 1,
        quiet=True,
    )
    for extension in compiled:
        extension.optional = (
            True  # a failed compile leaves the module as Python (cythonize drops the flag)
        )
    return compiled


setup(ext_modules=extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
