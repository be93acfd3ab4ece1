"""The published site on a real static host: nginx with deploy's server block, under /blog/."""

import gzip
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from helpers import REPO, TEST_PRACTICE, build, free_port, signed_content
from sitebuild.pagetypes import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("nginx")]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAIN_CONF = """
worker_processes 1;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    from pelican.settings import read_settings

    from security_headers.nginx import server_block

    tmp = tmp_path_factory.mktemp("nginx")
    root = tmp / "www"
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}/blog"
    content = signed_content(tmp)
    result = build(
        content, root / "blog", "publishconf.py", extra=TEST_PRACTICE, env={"SITEURL": siteurl}
    )
    assert result.returncode == 0, result.stderr
    settings = read_settings(str(REPO / "pelicanconf.py"))
    (tmp / "site.conf").write_text(
        server_block(
            settings,
            "/blog/",
            str(root),
            listen=f"127.0.0.1:{port}",
            access_log=str(tmp / "access.log"),
        )
    )
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp, user=user))
    process = subprocess.Popen(
        [
            NGINX,
            "-c",
            str(tmp / "nginx.conf"),
            "-p",
            str(tmp),
            "-e",
            str(tmp / "error.log"),
            "-g",
            "daemon off;",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(siteurl + "/", timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read()}")
            time.sleep(0.1)
    yield siteurl, root / "blog"
    process.terminate()
    process.wait(timeout=10)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


LINK = re.compile(r"""(?:href|src)="([^"]+)"|srcset="([^"]+)\"""")


def test_crawl_from_home_finds_no_broken_url(nginx_site):
    siteurl, folder = nginx_site
    origin = f"{urlsplit(siteurl).scheme}://{urlsplit(siteurl).netloc}"
    queue, seen, broken = deque([siteurl + "/"]), set(), []
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(url)
        if status != 200:
            broken.append((url, status))
            continue
        if headers.get("Content-Type", "").startswith("text/html"):
            for href, srcset in LINK.findall(body.decode("utf-8")):
                candidates = [href] if href else [c.split()[0] for c in srcset.split(",")]
                for candidate in candidates:
                    target = urljoin(url, candidate.replace("&amp;", "&")).split("#")[0]
                    if target.startswith(origin):
                        queue.append(target)
    assert broken == []
    pages = [u for u in seen if u.endswith("/")]
    assert len(pages) >= 25 and all(u.startswith(siteurl + "/") for u in seen)


def test_security_headers_on_html_responses(nginx_site):
    siteurl, _ = nginx_site
    for path in ["/", "/posts/the-power-of-integration/", "/search/", "/no-such-page/"]:
        status, headers, _ = fetch(siteurl + path)
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "base-uri 'none'" in csp and "form-action 'none'" in csp
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "interest-cohort=()" in headers["Permissions-Policy"]
        assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_missing_url_gets_status_404_and_our_page(nginx_site):
    siteurl, _ = nginx_site
    status, _, body = fetch(siteurl + "/posts/no-such-post/")
    assert status == 404
    assert b"Page not found" in body and b"988" in body


def test_precompressed_files_are_served(nginx_site):
    siteurl, folder = nginx_site
    status, headers, body = fetch(
        siteurl + "/posts/the-power-of-integration/", {"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    # The main config has no `gzip on`: a gzip body can only be the .gz file written at publish.
    assert body == (folder / "posts/the-power-of-integration/index.html.gz").read_bytes()
    assert (
        gzip.decompress(body) == (folder / "posts/the-power-of-integration/index.html").read_bytes()
    )


def test_no_csp_violations_and_search_works_under_the_csp(nginx_site, browser):
    siteurl, _ = nginx_site
    page = browser.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective))"
    )
    for path in PAGE_TYPES.values():
        page.goto(f"{siteurl}/{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{siteurl}/{PAGE_TYPES['search']}")
    page.fill("#search-input", "firefighter")
    page.wait_for_selector("#search-results a", timeout=10000)
    violations = [m for m in messages if "Content Security Policy" in m or "CSP violation" in m]
    assert violations == []
    assert (
        page.locator("#search-results a").first.get_attribute("href")
        == "/blog/posts/what-does-ketamine-feel-like/"
    )


def test_the_log_keeps_no_address_and_invoke_stats_counts_reads_and_answers(nginx_site, browser):
    siteurl, folder = nginx_site
    log = folder.parent.parent / "access.log"
    start = log.stat().st_size  # the other tests of this module wrote the lines before
    first, second = "the-power-of-integration", "what-does-ketamine-feel-like"
    for post, answer in [(first, "Yes"), (first, "Not really"), (second, "Not really")]:
        context = browser.new_context()  # a new reader, with nothing cached
        page = context.new_page()
        page.goto(f"{siteurl}/posts/{post}/")
        page.get_by_role("link", name=answer, exact=True).click()
        page.wait_for_load_state("load")
        assert "/feedback/" in page.url and f"?post={post}" in page.url
        context.close()
    status, headers, _ = fetch(f"{siteurl}/posts/{first}/")
    assert status == 200
    modified = headers["Last-Modified"]
    assert fetch(f"{siteurl}/posts/{first}/", {"If-Modified-Since": modified})[0] == 304
    head = urllib.request.Request(f"{siteurl}/posts/{first}/", method="HEAD")
    urllib.request.urlopen(head, timeout=5).close()
    assert fetch(f"{siteurl}/posts/no-such-post/")[0] == 404
    lines = log.read_bytes()[start:].decode()
    assert f'"GET /blog/feedback/yes/?post={first} HTTP/1.1" 200 ' in lines
    assert "127.0.0.1" not in lines and "Mozilla" not in lines and "Chrome" not in lines
    ours = folder.parent.parent / "ours.log"
    ours.write_text(lines)
    invoke = REPO / ".venv" / "bin" / "invoke"
    result = subprocess.run(
        [str(invoke), "stats", str(ours)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    print(result.stdout)  # shown with pytest -rP
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[2:4]}
    # Three readers and one plain GET read the first post; a 304, a HEAD and a 404 are not reads.
    assert rows == {first: ["3", "1", "1"], second: ["1", "0", "1"]}, result.stdout
    assert result.stdout.splitlines()[5].split() == ["all", "posts", "4", "1", "2"]
