"""What the build accepts never runs script and never contacts another host, even with the
site's security policy taken away (CSP_META False, and the test server sends no headers).

Two kinds of input are rendered: look-alikes the build accepts (prose, code and comments that
resemble attacks), and the sanitised output of real attacks (what nh3 keeps of each; the build
refuses the attacks themselves, tests/site/test_bad_input.py). Each page is then handled the
way readers handle pages: hovered, focused, tabbed through, its details opened.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import markdown
import pytest

from helpers import build, copy_content, free_port, serve
from transforms.body import Body
from transforms.sanitize import sanitize

pytestmark = pytest.mark.browser

PWN = "window.__ran = (window.__ran || 0) + 1"
ELSEWHERE = "https://attacker.invalid"
PIC = "{static}/images/social-card.png"
ATTACKS = [
    f'<img src="{PIC}" alt="a" onerror="{PWN}">',
    f'<img src="{ELSEWHERE}/pixel.gif" alt="a">',
    '<img src="//attacker.invalid/pixel.gif" alt="a">',
    f'<img src="{PIC}" alt="a" srcset="{ELSEWHERE}/a.png 1x">',
    f"<svg onload='{PWN}'><circle r='1'/></svg>",
    f"<body onload='{PWN}'>",
    f"<details open ontoggle='{PWN}'><summary>s</summary>x</details>",
    f'A paragraph.\n{{: onclick="{PWN}" onmouseover="{PWN}" }}',
    f'<a href="#" autofocus onfocus="{PWN}">focus</a>',
    f'<a href="javascript:{PWN}">link</a>',
    f'<a href="  jav&#x09;ascript:{PWN}">link</a>',
    f"[link](java\nscript:{PWN})",
    f'<a href="data:text/html,<script>{PWN}</script>">data</a>',
    f"<script>{PWN}</script>",
    f'<script src="{ELSEWHERE}/x.js"></script>',
    f'<iframe src="{ELSEWHERE}/"></iframe>',
    f'<iframe srcdoc="<script>parent.{PWN}</script>"></iframe>',
    f'<object data="{ELSEWHERE}/x"></object>',
    f'<embed src="{ELSEWHERE}/x">',
    f'<form action="{ELSEWHERE}/"><button formaction="javascript:{PWN}">go</button></form>',
    f'<input autofocus onfocus="{PWN}">',
    f'<meta http-equiv="refresh" content="0;url={ELSEWHERE}/">',
    f"<style>@import url({ELSEWHERE}/x.css); body {{ background: url({ELSEWHERE}/b) }}</style>",
    f'<link rel="stylesheet" href="{ELSEWHERE}/x.css">',
    f'<p style="background: url({ELSEWHERE}/p.png)">styled</p>',
    f'<base href="{ELSEWHERE}/">',
    f'<video poster="{ELSEWHERE}/p.png" src="{ELSEWHERE}/v.mp4"></video>',
    f'<audio autoplay src="{ELSEWHERE}/a.mp3"></audio>',
    f'<table><tr><td background="{ELSEWHERE}/t.png">cell</td></tr></table>',
    f'<math><a xlink:href="javascript:{PWN}">m</a></math>',
    f'<noscript><p title="</noscript><img src="{PIC}" alt=x onerror={PWN}>"></noscript>',
    f'<svg></p><style><a id="</style><img src="{PIC}" alt=1 onerror={PWN}>">',
    f"<template><img src='{PIC}' alt=x onerror='{PWN}'></template>",
    f"<scr<script>ipt>{PWN}</script>",
    f"Intro.\n\n```\nnever closed\n\n<script>{PWN}</script>",
    f"- item\n\n    <img src='{PIC}' alt=y onerror='{PWN}'>",
    f"<!-- <script>{PWN}</script> -->",
]
LOOK_ALIKES = f"""Some words about `<script>` and `onerror=` in code, and about the javascript:
scheme in prose; &lt;script&gt; written with entities, and the word onload= itself.

```html
<img src="x.png" onerror="{PWN}">
<script>{PWN}</script>
<a href="javascript:{PWN}">x</a>
```

    <iframe src="{ELSEWHERE}/"></iframe>

<details><summary>More</summary>

Text with a [link to another site]({ELSEWHERE}/page) and [mail](mailto:someone@example.org).
</details>

| code | meaning |
|:-:|--:|
| `<b onclick="{PWN}">` | <b>bold</b> |

![A calm card]({{static}}/images/social-card.png){{: .lead width=600 height=315 }}

<!-- a private note: <script>{PWN}</script> -->
"""


def sanitised(tmp_path, attack: str) -> str:
    """What nh3 keeps of `attack` after Markdown: what would ship if the build did not stop."""
    source = tmp_path / "attack.md"
    source.write_text(f"Title: A\nSummary: S.\n\n{attack}\n", encoding="utf-8")
    html = markdown.markdown(
        attack, extensions=["attr_list", "fenced_code", "tables"], output_format="html5"
    )
    body = Body({"PREVIEW": True}, str(source), "a/index.html", {})
    kept = sanitize(html, body)
    assert body.problems, f"the sanitiser let this pass without a word: {attack}"
    return kept


@pytest.fixture(scope="module")
def unguarded_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("unguarded")
    content = copy_content(root)
    kept = "\n\n".join(sanitised(root, attack) for attack in ATTACKS)
    posts = {
        "look-alikes": ("Attacks, described", LOOK_ALIKES),
        "sanitised": ("What the sanitiser keeps", kept),
    }
    for slug, (title, body) in posts.items():
        (content / "posts" / f"{slug}.md").write_text(
            f"Title: {title}\nSlug: {slug}\nDate: 2024-03-05\nSummary: Safe markup.\n\n{body}\n",
            encoding="utf-8",
        )
    result = build(content, root / "out", extra={"CSP_META": False, "SEARCH_INDEX": False})
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.problems if ": warning: " not in line]
    port = free_port()
    server = serve(root / "out", port)
    yield root / "out", f"http://127.0.0.1:{port}/"
    server.shutdown()


@pytest.mark.parametrize("address", ["posts/look-alikes/", "posts/sanitised/", ""])
def test_accepted_markup_runs_no_script_and_calls_no_other_host(unguarded_site, page, address):
    folder, origin = unguarded_site
    html = (folder / address / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in html  # the policy really is off
    requests, dialogs = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname == "127.0.0.1"
            else route.abort()
        ),
    )
    page.goto(origin + address)
    page.wait_for_load_state("networkidle")
    # Handle the page as readers do: every element hovered and focused, details opened, Tab.
    page.evaluate(
        """() => {
          for (const el of document.querySelectorAll('main *')) {
            for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle']) {
              el.dispatchEvent(new Event(type));
            }
            if (el.tagName === 'DETAILS') el.open = !el.open;
          }
        }"""
    )
    for _ in range(30):
        page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('main script, main [onload]').length") == 0
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el =>
             [...el.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))"""
    )
    assert handlers == []
    schemes = page.evaluate(
        """() => [...document.querySelectorAll('[href], [src]')].map(el =>
             new URL(el.getAttribute('href') || el.getAttribute('src'), location.href).protocol)"""
    )
    assert set(schemes) <= {"http:", "https:", "mailto:", "tel:", "sms:"}
    assert [url for url in requests if urlsplit(url).hostname != "127.0.0.1"] == []
