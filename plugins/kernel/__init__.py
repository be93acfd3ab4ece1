"""The shared kernel of our plugins. Not a plugin: it has no `register()`.

Plugins import what they share from here, and nothing from each other:

- `problems`: the one problem channel (`report`, `flush`, exit code 2, CI annotations).
- `frontmatter`: the one reader of a post's fields; Pelican reads posts through it too.
- `content`: the content helpers (every post and page, parsed sources, the page each becomes,
  dates, source lines).
- `settings`: defaults and validation of each plugin's settings.
- `speedups`: the guard that turns our speed mechanisms off on untested versions.
- `typography`: curly quotes and dashes, for titles and bodies alike.
- `readability`: grade and sentence lengths of a post's text (the preview's notes, the limits).
- `markdown_settings`: MARKDOWN as our converters use it (the site's reader, readability).
- `images`: a picture's size, read once per build (`size_of`, `UnreadableImage`).
- `addresses`: the site's path under its domain (`site_base`); the bad `Old-urls:` problem.
- `files`: cache files written whole (`write_atomically`); leftovers of killed builds removed.
"""
