"""What `mkdocs serve` (and `properdocs serve`) says in English through its own loggers, said in
Chinese: the line after Ctrl-C, and the one after a rebuild that failed (mkdocs.yml saved broken);
and nothing more after Ctrl-C, whenever it comes."""

from __future__ import annotations

import logging
import threading

STOPPED = "预览已停止"
REBUILD_FAILED = "重新生成失败：改好上面指出的问题并保存，预览会自动恢复"
# The server's own words (mkdocs/commands/serve.py, mkdocs/livereload), in Chinese.
CHINESE = {
    "Shutting down...": STOPPED,
    "An error happened during the rebuild. The server will appear stuck until build errors are resolved.": REBUILD_FAILED,
}
SERVE_LOGGERS = tuple(f"{builder}.{module}" for builder in ("mkdocs", "properdocs") for module in ("commands.serve", "livereload"))


class _InChinese(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        stamp = message[: message.index("] ") + 2] if message.startswith("[") and "] " in message else ""  # livereload's "[12:00:00] "
        if message[len(stamp):] in CHINESE:
            record.msg, record.args = stamp + CHINESE[message[len(stamp):]], ()
        return True


_FILTER = _InChinese()


def say_in_chinese() -> None:
    for name in SERVE_LOGGERS:
        logging.getLogger(name).addFilter(_FILTER)  # once: a logger keeps one copy of a filter


def quiet_after_ctrl_c(server) -> None:
    """A Ctrl-C just after "Serving on", before the server's thread has started, closes the socket without
    stopping the thread (livereload's `shutdown()` only stops a running one): the thread then serves on the
    closed socket and dies with a traceback. Its replacement ends without a word when the socket is closed."""

    def serve() -> None:
        try:
            server.serve_forever(server.shutdown_delay)
        except (OSError, ValueError):
            if server.fileno() != -1:  # not closed by Ctrl-C: a real failure, shown as before
                raise

    server.serve_thread = threading.Thread(target=serve, name="livereload")
