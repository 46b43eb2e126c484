"""The content folders watched through the system's file events under `mkdocs serve`.

MkDocs watches with a poller that lists every watched file twice a second: at ten thousand
documents a save waits for the next listing (a quarter of a second on average) and every
listing takes CPU from the rebuild. The system's own notification (inotify, FSEvents,
ReadDirectoryChangesW, through watchdog, which MkDocs itself uses) reports a save at once.
Where it cannot be had (no inotify watches left), the paths go to MkDocs' poller instead.
"""

from __future__ import annotations

import os

from mkdocs.plugins import get_plugin_logger
from watchdog.events import EVENT_TYPE_CLOSED_NO_WRITE, EVENT_TYPE_OPENED, FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

log = get_plugin_logger(__name__)

READS = {EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE}  # a rebuild reads every file: only writes count


class ContentWatcher(FileSystemEventHandler):
    def __init__(self, server, paths: list[str]):
        self.server = server
        self.files = {os.path.abspath(p) for p in paths if not os.path.isdir(p)}
        self.beside = {os.path.dirname(f) for f in self.files}
        self.observer = Observer()
        try:
            for path in map(os.path.abspath, paths):
                if path in self.files:  # a single file: its folder, not recursively
                    self.observer.schedule(self, os.path.dirname(path), recursive=False)
                else:
                    self.observer.schedule(self, path, recursive=True)
            self.observer.start()
        except OSError as error:
            log.info(f"无法使用系统的文件变化通知（{error}），改为定时检查内容文件夹")
            self.observer = None
            for path in paths:
                server.watch(path)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in READS:
            return
        if os.path.dirname(event.src_path) in self.beside and not {event.src_path, getattr(event, "dest_path", "")} & self.files:
            return  # another file beside a watched single file (mkdocs.yml is MkDocs' own)
        # What MkDocs' own watch callback does (mkdocs/livereload/__init__.py, frozen with MkDocs 1.x).
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
