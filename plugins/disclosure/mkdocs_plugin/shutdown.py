"""`mkdocs serve` (and `properdocs serve`) ended with Ctrl-C says so in Chinese: the server logs
an English line there, through its own logger, after the last plugin event has run."""

from __future__ import annotations

import logging

SERVE_LOGGERS = ("mkdocs.commands.serve", "properdocs.commands.serve")
STOPPED = "预览已停止"


class _StoppedInChinese(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Shutting down...":
            record.msg, record.args = STOPPED, ()
        return True


_FILTER = _StoppedInChinese()


def say_stop_in_chinese() -> None:
    for name in SERVE_LOGGERS:
        logging.getLogger(name).addFilter(_FILTER)  # once: a logger keeps one copy of a filter
