"""Build tooling behind tasks.py: atomic builds, the live-reload preview server, scaffolding."""
