"""reflow as a datatrove pipeline step: a formatter, in the slot of datatrove's FTFYFormatter."""

from __future__ import annotations

from dataclasses import asdict

from ..api import normalize
from ..errors import OptionsError
from ..options import Options
from . import MissingExtraError

try:
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.logging import logger
except ImportError as error:  # say which extra brings it, not just which module is missing
    message = f"datatrove is not installed ({error}): pip install 'reflow[datatrove]'"
    raise MissingExtraError(message) from error


class ReflowFormatter(BaseFormatter):
    """Rebuild each document's paragraphs with ``reflow.normalize`` (plain text by default).

    Use it where ``FTFYFormatter`` would go, after a reader and before filters that count
    lines or paragraphs::

        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import JsonlWriter
        from reflow.integrations.datatrove import ReflowFormatter

        LocalPipelineExecutor(
            [JsonlReader("crawl/"), ReflowFormatter(width=0), JsonlWriter("clean/")],
            tasks=8,
        ).run()

    ``options`` (or keyword arguments naming ``Options`` fields) choose how; without them
    the output is plain text, one line per paragraph. Repairing mojibake is part of reflow,
    so the step replaces ``FTFYFormatter`` rather than following it. A document reflow
    cannot process keeps its text (counted as ``reflow_failed``); one that changes is
    counted as ``reflow_changed``.
    """

    name = "↩️ reflow"

    def __init__(self, options: Options | None = None, **changes: object) -> None:
        super().__init__()
        base = options if options is not None else Options(to="text")
        self.options = Options.from_kwargs(**{**asdict(base), **changes}) if changes else base
        if self.options.to == "jsonl":
            message = "a datatrove document holds text: use to='text' or to='markdown'"
            raise OptionsError(message)

    def format(self, text: str) -> str:
        try:
            cleaned = normalize(text, self.options)
        except Exception as error:  # one odd document must not stop a task of millions
            logger.warning(f"reflow left a document unchanged: {type(error).__name__}: {error}")
            self.stat_update("reflow_failed")
            return text
        if cleaned != text:
            self.stat_update("reflow_changed")
        return cleaned
