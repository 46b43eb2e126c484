"""The web editor: a form per content kind over the same repository (Decap CMS).

`config` derives the editor's configuration from the JSON Schemas; `serve` runs
it on this machine, writing into the working tree, for `make edit`; `publish` is
its login page as a site may carry it.
"""
