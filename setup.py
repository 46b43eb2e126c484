"""The package's settings are in pyproject.toml; this adds one file the wheel carries beside the package."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# Read by Python as it starts (a .pth file in site-packages): see disclosure/mkdocs_plugin/startup.py.
STARTUP = "disclosure-startup.pth"
STARTUP_LINE = "import disclosure.mkdocs_plugin.startup as startup; startup.install()\n"


class BuildWithStartup(build_py):
    def run(self):
        super().run()
        # An editable install's wheel is made of what `install` puts in its folder, not of build_lib.
        target = self.get_finalized_command("install").install_lib if self.editable_mode else self.build_lib
        Path(target).mkdir(parents=True, exist_ok=True)
        (Path(target) / STARTUP).write_text(STARTUP_LINE, encoding="utf-8")

    def get_outputs(self, include_bytecode=True):
        return [*super().get_outputs(include_bytecode), str(Path(self.build_lib) / STARTUP)]


setup(cmdclass={"build_py": BuildWithStartup})
