#!/usr/bin/env python3
"""The wasm of the app, split into modules: trunk's `build` hook (see Trunk.toml).

trunk 0.21 cannot split a wasm binary, so this hook does the Rust part of the build:
  1. cargo builds the app with the `split` feature, keeping relocations
     (`--emit-relocs`, in .cargo/config.toml) so the binary can be cut apart;
  2. wasm-split-cli (crate wasm_split_cli_support) moves every function reachable only
     from a split point (`split_point!`: the `later!` pages, the commands) into that point's module,
     and code shared by several modules into chunks, next to a loader
     (`__wasm_split.js`);
  3. wasm-bindgen writes the JS glue of the main module;
  4. in release, wasm-opt -Oz shrinks every module (in parallel) and terser the JS;
  5. every file gets a content hash in its name (a year of caching is safe) and is
     written to trunk's staging directory, with `wasm.json` naming the entry files
     for the post-build step (which writes the loader into index.html).

Environment (set by trunk): TRUNK_STAGING_DIR, TRUNK_PROFILE (debug | release).
"""
import concurrent.futures
import hashlib
import json
import os
import re
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAME = "onboard"
# The features rustc enables for wasm32 by default; wasm-opt must accept them.
OPT_FEATURES = [
    "--enable-bulk-memory",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
]


def run(*cmd, **kw):
    print("build_wasm:", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def minify(js: str) -> str:
    """terser, as an ES module (exports and import specifiers stay as they are)."""
    out = subprocess.run(["terser", "--module", "--compress", "--mangle"], input=js, capture_output=True, text=True, check=True)
    return out.stdout


def main() -> int:
    staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR") or sys.argv[1])
    release = os.environ.get("TRUNK_PROFILE", "release") == "release"
    profile = "release" if release else "debug"

    # .cargo/config.toml links every wasm32 build with `--emit-relocs`.
    cargo = ["cargo", "build", "--bin", NAME, "--target", "wasm32-unknown-unknown", "--features", "split"]
    if release:
        cargo.append("--release")
    run(*cargo, cwd=ROOT)
    built = ROOT / "target" / "wasm32-unknown-unknown" / profile / f"{NAME}.wasm"

    with tempfile.TemporaryDirectory(prefix="onboard-wasm-") as tmp:
        tmp = pathlib.Path(tmp)
        split, bound = tmp / "split", tmp / "bound"
        split.mkdir()
        run("wasm-split-cli", built, split, "--out-name", NAME, "--target", "web")
        run("wasm-bindgen", "--target", "web", "--no-typescript", "--keep-lld-exports", "--out-dir", bound, "--out-name", NAME, split / f"{NAME}.wasm")

        # The main module before wasm-opt, with its names, for twiggy (`make bench`).
        shutil.copyfile(bound / f"{NAME}_bg.wasm", ROOT / "target" / f"{NAME}-main-{profile}.wasm")
        modules = {f"{NAME}_bg.wasm": bound / f"{NAME}_bg.wasm"}
        modules.update({p.name: p for p in sorted(split.glob("*.wasm")) if p.name != f"{NAME}.wasm"})
        if release:
            def optimise(path):
                run("wasm-opt", "-Oz", *OPT_FEATURES, path, "-o", path)

            with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                list(pool.map(optimise, modules.values()))

        # Content-hashed names; the loader and the glue are rewritten to use them.
        renamed = {}
        for name, path in modules.items():
            stem = name[: -len(".wasm")]
            renamed[name] = f"{stem}-{short_hash(path.read_bytes())}.wasm"
        loader = (split / "__wasm_split.js").read_text(encoding="utf-8")
        glue = (bound / f"{NAME}.js").read_text(encoding="utf-8")
        for old, new in renamed.items():
            loader = loader.replace(f'"./{old}"', f'"./{new}"')
        # The glue and the loader import each other: one hash over both names them.
        build = short_hash(glue.encode() + loader.encode())
        glue_name, loader_name = f"{NAME}-{build}.js", f"__wasm_split-{build}.js"
        # (Only the `import ... from` lines: the wasm's import module keeps its name.)
        glue = glue.replace('from "./__wasm_split.js"', f'from "./{loader_name}"')
        loader = loader.replace(f'from "./{NAME}.js"', f'from "./{glue_name}"')
        missing = [n for n in modules if f'"./{n}"' in loader]
        if missing or f'"./{glue_name}"' not in loader:
            raise SystemExit(f"build_wasm: loader not rewritten: {missing}")

        # What each part fetches (its module and the chunks it needs), for `make
        # size-check`, read from the loader before minifying.
        loads = {}
        pattern = r'const (__\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)".*?\n, \[([^\]]*)\]'
        for load, file, deps in re.findall(pattern, loader, flags=re.S):
            loads[load] = (file, [d.strip() for d in deps.split(",") if d.strip()])
        parts = {
            load[len("__wasm_split_load_"):]: [file] + [loads[d][0] for d in deps]
            for load, (file, deps) in loads.items()
            if load.startswith("__wasm_split_load_")
        }
        if not parts:
            raise SystemExit("build_wasm: no split modules found in the loader")
        (ROOT / "target" / "wasm-parts.json").write_text(json.dumps(parts, indent=1), encoding="utf-8")
        if release:
            glue, loader = minify(glue), minify(loader)
        for old in staging.glob(f"{NAME}-*"):
            old.unlink()
        for old in staging.glob("__wasm_split-*"):
            old.unlink()
        for name, path in modules.items():
            shutil.copyfile(path, staging / renamed[name])
        (staging / glue_name).write_text(glue, encoding="utf-8")
        (staging / loader_name).write_text(loader, encoding="utf-8")
        entry = {"js": glue_name, "wasm": renamed[f"{NAME}_bg.wasm"], "loader": loader_name}
        (staging / "wasm.json").write_text(json.dumps(entry), encoding="utf-8")
        total = sum((staging / n).stat().st_size for n in renamed.values())
        main_size = (staging / entry["wasm"]).stat().st_size
        print(f"build_wasm: main module {main_size:,} bytes; {len(modules) - 1} split modules; all wasm {total:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
