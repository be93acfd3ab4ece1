"""Content rules: every problem in the posts reported in one run as `path:line: what. Fix: how`.

Stock Pelican skips a post with a bad date, publishes a misspelt `Stauts: draft`, and crashes
mid-write on duplicate slugs. These rules run on every build and stop it, exit code 2, before
anything is written.
"""

from pelican import signals
from pelican.generators import Generator

from . import rules


def register():
    # Before reading: reset state from a previous build in the same process (the dev server).
    signals.initialized.connect(rules.start_build)
    # After reading: the content objects know which output page each source becomes.
    signals.all_generators_finalized.connect(rules.remember_sources)
    # Before writing: the source checks, so a bad post never leaves a half-written site.
    signals.get_writer.connect(rules.check_before_writing)
    # Loading a template that does not compile: file and line, not a traceback.
    Generator.get_template = rules.load_template_guarded
    # After writing: links that only exist once templates have rendered.
    signals.finalized.connect(rules.check_written_site)
