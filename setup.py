"""Build reflow, with its hot pipeline modules compiled by Cython from their Python source.

The ``.py`` files stay the one source and the reference: Cython compiles them as they are, and
a ``.pxd`` beside a module (where there is one) only declares C types for its hot loops. A
module that does not compile (no C compiler, say) stays plain Python, which gives the same
output, slower.

Compiling is on request for development, as tomli's and black's: a wheel or ``pip install .``
compiles, an editable install (``pip install -e .``) does not, so that the ``.py`` files run as
they are edited. ``REFLOW_COMPILE=1`` or ``REFLOW_COMPILE=0`` decides either way
(``REFLOW_PURE_PYTHON=1``, its older name, is ``REFLOW_COMPILE=0``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup

#: The modules every line or block passes through, in the order they run.
COMPILED = (
    "lines",
    "repair",
    "measure",
    "furniture",
    "pages",
    "facts",
    "dehyphen",
    "joining",
    "breaks",
    "paragraphs",
    "repeats",
    "classify",
    "wrap",
    "render",
)


#: The setuptools commands of an editable install (pip's, and the older ``setup.py develop``).
EDITABLE_COMMANDS = ("editable_wheel", "develop")


def editable() -> bool:
    """Whether this build is an editable install of the checkout."""
    return any(command in sys.argv[1:] for command in EDITABLE_COMMANDS)


def compiling() -> bool:
    """Whether to compile: as ``REFLOW_COMPILE`` says, else unless the install is editable."""
    asked = os.environ.get("REFLOW_COMPILE", "")
    if asked:
        return asked != "0"
    if os.environ.get("REFLOW_PURE_PYTHON"):
        return False
    return not editable()


def extensions() -> list:
    if not compiling():
        if editable():
            # An editable install runs the checkout: modules compiled before would shadow it.
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
