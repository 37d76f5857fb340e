#!/usr/bin/env python3
"""trunk's post-build hook (see Trunk.toml): writes the app's loader into index.html
(the entry files named by scripts/build_wasm.py in wasm.json, preloaded, with
Subresource Integrity on the script), adds the Content-Security-Policy (with the hash
of the one inline module script), copies the page to 404.html and to a file per route
for static hosts, writes the same policy as a header file for hosts that read
`_headers` (Netlify, Cloudflare Pages), and the service worker with this build's files.

usage: scripts/postbuild.py [DIR]   (default: $TRUNK_STAGING_DIR)
"""
import base64
import hashlib
import json
import os
import pathlib
import re
import sys

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"])
index = dist / "index.html"
html = index.read_text(encoding="utf-8")
# The loader: the main module's glue and wasm, and the split modules' loader (which the
# first page to need a split module imports; preloaded so that it is at hand).
entry_file = dist / "wasm.json"
entry = json.loads(entry_file.read_text(encoding="utf-8"))
entry_file.unlink()
base = re.search(r'<base href="([^"]*)"', html).group(1)


def sri(name):
    digest = hashlib.sha384((dist / name).read_bytes()).digest()
    return "sha384-" + base64.b64encode(digest).decode()


loader = (
    f'<link rel="modulepreload" href="{base}{entry["js"]}" crossorigin="anonymous" integrity="{sri(entry["js"])}">'
    f'<link rel="modulepreload" href="{base}{entry["loader"]}" crossorigin="anonymous" integrity="{sri(entry["loader"])}">'
    f'<link rel="preload" href="{base}{entry["wasm"]}" crossorigin="anonymous" as="fetch" type="application/wasm">\n'
    f'<script type="module">\nimport init, * as bindings from "{base}{entry["js"]}";\n'
    f'await init({{ module_or_path: "{base}{entry["wasm"]}" }});\nwindow.wasmBindings = bindings;\n</script>\n'
)
html = re.sub(r'\s*<link [^>]*rel="rust"[^>]*>', "", html)
html = html.replace("</head>", loader + "</head>", 1)
html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
# `trunk serve` injects its live-reload script with placeholders that the dev server
# fills in as it answers (so the served text would not match any hash). Filled in here
# instead, the script is fixed and its hash goes into the policy like the loader's:
# the dev policy allows exactly that script; release builds have no such script.
if "{{__TRUNK_ADDRESS__}}" in html:
    html = html.replace("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
    html = html.replace("{{__TRUNK_WS_BASE__}}", base if base.endswith("/") else base + "/")
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
# A page file also preloads its part's modules (from target/wasm-parts.json, written by
# build_wasm.py), so they download next to the main module instead of after it.
parts_file = pathlib.Path(__file__).parent.parent / "target" / "wasm-parts.json"
parts = json.loads(parts_file.read_text(encoding="utf-8")) if parts_file.is_file() else {}
route_pages = []
for route, part in re.findall(r'pattern: "(/[^"]+)",\s*page: (?:later!\(\s*(\w+),|Page::Now)', routes_src):
    if ":" in route:
        continue
    if part and parts and part not in parts:
        raise SystemExit(f"postbuild: route {route} is in part {part!r}, which the build did not make")
    preloads = "".join(
        f'<link rel="preload" href="{base}{f}" crossorigin="anonymous" as="fetch" type="application/wasm">'
        for f in parts.get(part, [])
    )
    page = dist / (route.strip("/") + ".html")
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html.replace("</head>", preloads + "\n</head>", 1) if preloads else html, encoding="utf-8")
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
    if p.is_file() and not p.name.startswith(".") and p.name not in ("sw.js", "_headers", "404.html") and p.relative_to(dist).as_posix() not in route_pages and ".stage" not in p.relative_to(dist).parts
)
version = hashlib.sha256("".join(files).encode() + index.read_bytes()).hexdigest()[:16]
sw = (pathlib.Path(__file__).parent / "sw.template.js").read_text(encoding="utf-8")
sw = sw.replace("__VERSION__", version).replace("__FILES__", ", ".join(f'"{f}"' for f in files))
(dist / "sw.js").write_text(sw, encoding="utf-8")
print(f"postbuild: service worker {version} caching {len(files)} files")

print(f"postbuild: CSP with {len(scripts)} inline script hash(es) in {index}")
