"""Tooling behind tasks.py: the one build function, the preview server, the static server,
scaffolding, the benchmark."""

import os
import sys

# The plugins' shared kernel (problems, fields, settings) is used here too; it lives with the
# plugins, which pelicanconf.py puts on the path for Pelican in the same way.
PLUGINS_FOLDER = os.path.normpath(os.path.join(os.path.dirname(__file__), os.pardir, "plugins"))
if PLUGINS_FOLDER not in sys.path:
    sys.path.insert(0, PLUGINS_FOLDER)
