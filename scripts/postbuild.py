#!/usr/bin/env python3
"""After trunk: adds the Content-Security-Policy to dist/index.html (with the hash of the
one inline module script trunk writes), copies it to 404.html for static hosts, and
writes the same policy as a header file for hosts that read `_headers` (Netlify,
Cloudflare Pages). trunk already puts Subresource Integrity (sha384) on every asset.

usage: scripts/postbuild.py DIST_DIR
"""
import base64
import hashlib
import pathlib
import re
import sys

dist = pathlib.Path(sys.argv[1])
index = dist / "index.html"
html = index.read_text(encoding="utf-8")
html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
scripts = re.findall(r"<script(?: [^>]*)?>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts if s.strip()
)
policy = (
    "default-src 'self'; "
    f"script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
meta = f'\n  <meta http-equiv="Content-Security-Policy" content="{policy}">'
html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + meta, 1)
index.write_text(html, encoding="utf-8")
(dist / "404.html").write_text(html, encoding="utf-8")
# Every route without a parameter also gets its own page file (`id/new.html`), so a
# deep link answers 200 on hosts that map /id/new to id/new.html (GitHub Pages,
# Netlify, Cloudflare Pages); the others still reach the app through 404.html.
routes_src = (pathlib.Path(__file__).parent.parent / "src/ui/app.rs").read_text(encoding="utf-8")
route_pages = []
for route in re.findall(r'pattern: "(/[^"]+)"', routes_src):
    if ":" in route:
        continue
    page = dist / (route.strip("/") + ".html")
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")
    route_pages.append(page.relative_to(dist).as_posix())
print(f"postbuild: {len(route_pages)} route pages")
(dist / "_headers").write_text(
    "/*\n"
    f"  Content-Security-Policy: {policy}; frame-ancestors 'none'\n"
    "  X-Content-Type-Options: nosniff\n"
    "  Referrer-Policy: no-referrer\n",
    encoding="utf-8",
)
# The service worker: the exact files of this build, cached on install; a new build
# has a new version and replaces the old cache.
files = sorted(
    p.relative_to(dist).as_posix()
    for p in dist.rglob("*")
    if p.is_file() and not p.name.startswith(".") and p.name not in ("sw.js", "_headers", "404.html") and p.relative_to(dist).as_posix() not in route_pages and ".stage" not in p.parts
)
version = hashlib.sha256("".join(files).encode() + index.read_bytes()).hexdigest()[:16]
sw = (pathlib.Path(__file__).parent / "sw.template.js").read_text(encoding="utf-8")
sw = sw.replace("__VERSION__", version).replace("__FILES__", ", ".join(f'"{f}"' for f in files))
(dist / "sw.js").write_text(sw, encoding="utf-8")
print(f"postbuild: service worker {version} caching {len(files)} files")

print(f"postbuild: CSP with {len(scripts)} inline script hash(es) in {index}")
