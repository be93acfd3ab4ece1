"""The shared kernel of our plugins. Not a plugin: it has no `register()`.

Plugins import what they share from here, and nothing from each other:

- `problems`: the one problem channel (`report`, `flush`, exit code 2, CI annotations).
- `frontmatter`: the one reader of a post's fields; Pelican reads posts through it too.
- `content`: the content helpers (every post and page, parsed sources, dates, source lines).
- `settings`: defaults and validation of each plugin's settings.
- `speedups`: the guard that turns our speed mechanisms off on untested versions.
- `typography`: curly quotes and dashes, for titles and bodies alike.
- `readability`: grade and sentence lengths of a post's text (the preview's notes, the limits).
"""
