"""Tooling behind tasks.py: the one build function, the preview server, the static server,
scaffolding, the benchmark."""
