//! Onboard's build steps that trunk 0.21 cannot do, as trunk hooks (see Trunk.toml):
//!
//! * `cargo xtask wasm` (build stage): builds the app with the `split` feature, cuts it
//!   into modules with `wasm_split_cli_support` (as a library: it answers which files
//!   each split part needs), binds the main module with wasm-bindgen, shrinks every
//!   module with wasm-opt and the JS with terser (release), and writes everything to
//!   trunk's staging directory under content-hashed names.
//! * `cargo xtask page` (post-build stage): writes the loader into `index.html`, the
//!   Content-Security-Policy with the hashes of its inline scripts, `404.html`, a page
//!   file per route (from `src/route_table.rs`, the same table the UI's router is
//!   checked against), `_headers` and the service worker with this build's files.
//!
//! Invariant: nothing is scraped. The modules and their files come from the splitter's
//! answer, the routes from the route table; the only text edits are replacing file
//! names this tool itself chose.
use base64ct::{Base64, Encoding};
use onboard_core::i18n::T;
use sha2::{Digest, Sha256, Sha384};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod loader;
mod merge;
#[path = "../../src/route_table.rs"]
mod route_table;

const NAME: &str = "onboard";
const LINK_NAME: &str = "__wasm_split.js";
/// The features rustc enables for wasm32 by default; wasm-opt must accept them.
const OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

type Result<T> = std::result::Result<T, String>;

fn main() {
    let task = std::env::args().nth(1).unwrap_or_default();
    let done = match task.as_str() {
        "wasm" => wasm(),
        "page" => page(),
        _ => Err("usage: cargo xtask wasm | page (trunk hooks; see Trunk.toml)".into()),
    };
    if let Err(e) = done {
        eprintln!("xtask {task}: {e}");
        std::process::exit(1);
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn staging() -> Result<PathBuf> {
    std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| "TRUNK_STAGING_DIR is not set (run through trunk)".into())
}

fn run(cmd: &mut Command) -> Result<()> {
    println!("xtask: {cmd:?}");
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("{cmd:?} failed: {status}"))
}

fn read(p: &Path) -> Result<Vec<u8>> {
    fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn read_text(p: &Path) -> Result<String> {
    fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn write(p: &Path, data: impl AsRef<[u8]>) -> Result<()> {
    fs::write(p, data).map_err(|e| format!("{}: {e}", p.display()))
}

/// A file's content hash for its name: 40 bits (10 hex digits) tell one build's file
/// from another's; every extra digit is an incompressible byte in the service worker's
/// and the loader's file lists, which are part of the first download.
fn short_hash(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    digest[..5].iter().map(|b| format!("{b:02x}")).collect()
}

/// The split build (trunk's build hook).
fn wasm() -> Result<()> {
    let staging = staging()?;
    let release = std::env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
    let profile = if release { "release" } else { "debug" };
    let root = root();

    // .cargo/config.toml links every wasm32 build with `--emit-relocs`.
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.current_dir(&root).args([
        "build",
        "--bin",
        NAME,
        "--target",
        "wasm32-unknown-unknown",
        "--features",
        "split",
    ]);
    if release {
        cargo.arg("--release");
    }
    run(&mut cargo)?;
    let built = root.join(format!(
        "target/wasm32-unknown-unknown/{profile}/{NAME}.wasm"
    ));

    let work = root.join("target/xtask-wasm");
    let _ = fs::remove_dir_all(&work);
    let (split, bound) = (work.join("split"), work.join("bound"));
    fs::create_dir_all(&bound).map_err(|e| e.to_string())?;
    let input = read(&built)?;
    let main_out = split.join(format!("{NAME}.wasm"));
    let main_module = format!("./{NAME}.js");
    let link_name = format!("./{LINK_NAME}");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = &split;
    opts.main_out_path = &main_out;
    opts.main_module = &main_module;
    opts.link_name = &link_name;
    opts.target.web();
    println!("xtask: splitting {}", built.display());
    let cut = wasm_split_cli_support::transform(opts).map_err(|e| format!("split: {e:?}"))?;
    if cut.prefetch_map.is_empty() {
        return Err("the splitter found no split points".into());
    }

    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
        .arg("--out-dir")
        .arg(&bound)
        .args(["--out-name", NAME])
        .arg(&main_out))?;
    // The main module before wasm-opt, with its names, for twiggy (`make bench`).
    let main_bound = bound.join(format!("{NAME}_bg.wasm"));
    fs::copy(
        &main_bound,
        root.join(format!("target/{NAME}-main-{profile}.wasm")),
    )
    .map_err(|e| e.to_string())?;

    // Every module: the main one (bound) and the split ones, by file name.
    let mut modules: BTreeMap<String, PathBuf> = BTreeMap::new();
    modules.insert(format!("{NAME}_bg.wasm"), main_bound.clone());
    for p in &cut.split_modules {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("module name")?;
        modules.insert(name.to_string(), p.clone());
    }
    // `ONBOARD_WASM_NAMES=1`: every module keeps its function names (for profiles;
    // `make bench` with `BENCH_PROFILE`), at the cost of size.
    let names = std::env::var_os("ONBOARD_WASM_NAMES").is_some_and(|v| !v.is_empty());
    // wasm-opt at `-O3`, not `-Oz`: rustc's `opt-level = "z"` already made the code
    // small, and binaryen's inlining at `-O3` leaves fewer functions for V8 to compile
    // on their first call: a form page's build 3-4 ms shorter, the first load about
    // the same size (+150 B gzip, -515 B brotli), the parts 1-6 KB gzip smaller
    // (docs/STARTUP.md, 2026-12-05). `ONBOARD_WASM_OPT="<flags>"` builds with other
    // flags (to compare two levels with `make bench` and `BENCH_DIST_B`).
    let opt_flags: Vec<String> = std::env::var("ONBOARD_WASM_OPT")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map_or_else(
            || vec!["-O3".to_string()],
            |v| v.split_whitespace().map(str::to_string).collect(),
        );
    let opt_flags = &opt_flags;
    if release {
        // wasm-opt on every module, as many at once as there are processors.
        let paths: Vec<&PathBuf> = modules.values().collect();
        let n = std::thread::available_parallelism().map_or(2, |n| n.get());
        for batch in paths.chunks(n) {
            std::thread::scope(|s| {
                let jobs: Vec<_> = batch
                    .iter()
                    .map(|p| {
                        s.spawn(move || {
                            run(Command::new("wasm-opt")
                                .args(opt_flags)
                                .args(names.then_some("-g"))
                                .args(OPT_FEATURES)
                                .arg(p)
                                .arg("-o")
                                .arg(p))
                        })
                    })
                    .collect();
                jobs.into_iter()
                    .try_for_each(|j| j.join().map_err(|_| "wasm-opt panicked".to_string())?)
            })?;
        }
    }

    // Chunks that parts mostly need together become one module (merge.rs).
    let (groups, parts) = merge_chunks(&cut.prefetch_map, &mut modules, &split)?;

    // Content-hashed names; the loader is written with them, the glue and the loader
    // name each other (file names this tool wrote: plain replacements).
    let mut renamed = BTreeMap::new();
    for (name, path) in &modules {
        let stem = name.trim_end_matches(".wasm");
        renamed.insert(
            name.clone(),
            format!("{stem}-{}.wasm", short_hash(&read(path)?)),
        );
    }
    let hashed = |name: &String| renamed[name].clone();
    let main_exports = merge::export_names(&read(&main_bound)?)?;
    let mut shared = BTreeMap::new();
    for (name, path) in &modules {
        if name == &format!("{NAME}_bg.wasm") {
            continue;
        }
        for import in merge::import_names(&read(path)?, "__wasm_split")? {
            let value = if main_exports.contains(&import) {
                loader::Shared::Export
            } else if import.starts_with("__canary_") {
                loader::Shared::Canary
            } else {
                return Err(format!(
                    "{name} imports {import}, which the main module lacks"
                ));
            };
            shared.insert(import, value);
        }
    }
    let spec = loader::Spec {
        main_js: &format!("./{NAME}.js"),
        shared: shared.into_iter().collect(),
        modules: groups.iter().map(hashed).collect(),
        parts: parts
            .iter()
            .map(|(part, own, deps)| (part.clone(), own.as_ref().map(hashed), deps.clone()))
            .collect(),
    };
    let mut loader = loader::write(&spec);
    let mut glue = inline_snippets(&read_text(&bound.join(format!("{NAME}.js")))?, &bound)?;
    // The glue and the loader import each other: one hash over both names them.
    let build = short_hash(format!("{glue}{loader}").as_bytes());
    let glue_name = format!("{NAME}-{build}.js");
    let loader_name = format!("__wasm_split-{build}.js");
    glue = glue.replace(
        &format!("from \"./{LINK_NAME}\""),
        &format!("from \"./{loader_name}\""),
    );
    loader = loader.replace(
        &format!("from \"./{NAME}.js\""),
        &format!("from \"./{glue_name}\""),
    );
    if !glue.contains(&format!("\"./{loader_name}\"")) {
        return Err("the glue does not import the loader".into());
    }

    // What each part fetches: the groups it needs, then its own module.
    let files: BTreeMap<&String, Vec<String>> = parts
        .iter()
        .map(|(part, own, deps)| {
            let mut f: Vec<String> = deps.iter().map(|&d| hashed(&groups[d])).collect();
            f.extend(own.as_ref().map(hashed));
            (part, f)
        })
        .collect();
    write(
        &root.join("target/wasm-parts.json"),
        serde_json::to_string_pretty(&files).map_err(|e| e.to_string())?,
    )?;
    if release {
        glue = minify(&glue)?;
        loader = minify(&loader)?;
    }
    for old in fs::read_dir(&staging).map_err(|e| e.to_string())?.flatten() {
        let n = old.file_name().to_string_lossy().to_string();
        if n.starts_with(&format!("{NAME}-")) || n.starts_with("__wasm_split-") {
            let _ = fs::remove_file(old.path());
        }
    }
    let mut total = 0;
    for (name, path) in &modules {
        let data = read(path)?;
        total += data.len();
        write(&staging.join(&renamed[name]), data)?;
    }
    write(&staging.join(&glue_name), glue)?;
    write(&staging.join(&loader_name), loader)?;
    let entry = serde_json::json!({
        "js": glue_name,
        "wasm": renamed[&format!("{NAME}_bg.wasm")],
        "loader": loader_name,
    });
    write(&staging.join("wasm.json"), entry.to_string())?;
    println!(
        "xtask: {} split modules; all wasm {total} bytes",
        modules.len() - 1
    );
    Ok(())
}

/// A part: its name, its own module's file (none when the splitter found it empty) and
/// the indices of the shared modules it needs.
type Part = (String, Option<String>, Vec<usize>);

/// Groups the splitter's chunks (merge.rs) and writes each group of several chunks as
/// one module into `dir`; `modules` then holds the groups instead of their chunks.
/// Returns the shared modules' file names and every part. A stem in one part's list
/// is that part's own module, one in several is a chunk they share.
fn merge_chunks(
    prefetch: &HashMap<String, Vec<String>>,
    modules: &mut BTreeMap<String, PathBuf>,
    dir: &Path,
) -> Result<(Vec<String>, Vec<Part>)> {
    let mut needed_by: BTreeMap<&String, BTreeSet<String>> = BTreeMap::new();
    for (part, stems) in prefetch {
        for stem in stems {
            needed_by.entry(stem).or_default().insert(part.clone());
        }
    }
    let mut chunks = BTreeMap::new();
    for (stem, parts) in &needed_by {
        if parts.len() > 1 {
            let path = modules
                .get(&format!("{stem}.wasm"))
                .ok_or(format!("no module {stem}"))?;
            let bytes = fs::metadata(path).map_err(|e| e.to_string())?.len();
            chunks.insert(stem.to_string(), (parts.clone(), bytes));
        }
    }
    // A figure to compare builds with; one that is not a number stops the build
    // instead of quietly building with the default.
    let per_request = match std::env::var("ONBOARD_MERGE_BYTES") {
        Ok(v) => v
            .parse()
            .map_err(|_| format!("ONBOARD_MERGE_BYTES={v:?} is not a number of bytes"))?,
        Err(_) => merge::BYTES_PER_REQUEST,
    };
    let groups = merge::group(&chunks, per_request);
    let mut files = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let name = match g.chunks.as_slice() {
            [one] => format!("{one}.wasm"),
            many => {
                let inputs = many
                    .iter()
                    .map(|c| {
                        modules
                            .remove(&format!("{c}.wasm"))
                            .ok_or(format!("no module {c}"))
                            .and_then(|p| read(&p))
                    })
                    .collect::<Result<Vec<_>>>()?;
                let merged = merge::merge(&inputs).map_err(|e| format!("merging {many:?}: {e}"))?;
                let name = format!("common_{i}.wasm");
                write(&dir.join(&name), merged)?;
                modules.insert(name.clone(), dir.join(&name));
                name
            }
        };
        files.push(name);
    }
    let mut parts: Vec<Part> = prefetch
        .iter()
        .map(|(part, stems)| {
            let own = stems
                .iter()
                .find(|s| needed_by[s].len() == 1)
                .map(|s| format!("{s}.wasm"));
            let deps = (0..groups.len())
                .filter(|&i| groups[i].parts.contains(part))
                .collect();
            (part.clone(), own, deps)
        })
        .collect();
    parts.sort();
    println!(
        "xtask: {} chunks merged into {} modules (at most {} unneeded bytes per request saved)",
        chunks.len(),
        groups.len(),
        per_request
    );
    Ok((files, parts))
}

/// terser, as an ES module (exports and import specifiers stay as they are).
/// wasm-bindgen writes each `inline_js` block (`src/ui/components/batch.rs`,
/// `src/ui/leave.rs`) as a module of its own under `snippets/`, imported by the glue:
/// one more request, after the glue's, before the app can start. The glue gets their
/// text in place of the import instead, once per snippet (`export function` becomes
/// `function`; an import under another name gets a `const` of that name; a namespace
/// import, which the glue makes for functions the wasm imports directly, gets an object
/// of the snippet's exports; the import object's key naming the snippet stays).
fn inline_snippets(glue: &str, bound: &Path) -> Result<String> {
    let mut out = String::with_capacity(glue.len());
    let mut done: Vec<&str> = Vec::new();
    for line in glue.lines() {
        let (names, namespace, path) = match (snippet_import(line), snippet_namespace(line)) {
            (Some((names, path)), _) => (names, None, path),
            (None, Some((ns, path))) => ("", Some(ns), path),
            (None, None) => {
                out.push_str(line);
                out.push('\n');
                continue;
            }
        };
        let text = read_text(&bound.join(path))?;
        if !done.contains(&path) {
            done.push(path);
            out.push_str(&text.replace("export function ", "function "));
            out.push('\n');
        }
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if let Some((from, to)) = name.split_once(" as ") {
                out.push_str(&format!("const {} = {};\n", to.trim(), from.trim()));
            }
        }
        if let Some(ns) = namespace {
            let exports: Vec<&str> = text
                .split("export function ")
                .skip(1)
                .filter_map(|rest| rest.split('(').next())
                .map(str::trim)
                .collect();
            out.push_str(&format!("const {ns} = {{ {} }};\n", exports.join(", ")));
        }
    }
    if out
        .lines()
        .any(|l| snippet_import(l).is_some() || snippet_namespace(l).is_some())
    {
        return Err("the glue imports a snippet that was not put in it".into());
    }
    Ok(out)
}

/// `import { a, b as c } from './snippets/x/inline0.js';` as ("a, b as c", path).
fn snippet_import(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix("import {")?;
    let (names, rest) = rest.split_once('}')?;
    Some((names, snippet_path(rest)?))
}

/// `import * as import1 from "./snippets/x/inline1.js"` as ("import1", path).
fn snippet_namespace(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix("import * as ")?;
    let (name, rest) = rest.split_once(' ')?;
    Some((name, snippet_path(rest)?))
}

/// The path of ` from './snippets/x/inline0.js';` (without its `./`).
fn snippet_path(rest: &str) -> Option<&str> {
    let rest = rest.trim().strip_prefix("from")?.trim();
    let quote = rest.chars().next().filter(|q| *q == '\'' || *q == '"')?;
    let path = rest[1..].split(quote).next()?;
    let path = path.strip_prefix("./")?;
    path.starts_with("snippets/").then_some(path)
}

fn minify(js: &str) -> Result<String> {
    use std::io::Write;
    let mut child = Command::new("terser")
        .args(["--module", "--compress", "--mangle"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("terser: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("terser stdin")?
        .write_all(js.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("terser failed: {}", out.status));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// The page (trunk's post-build hook).
fn page() -> Result<()> {
    let root = root();
    page_in(
        &staging()?,
        &root.join("target/wasm-parts.json"),
        &root.join("scripts/sw.template.js"),
    )
}

/// The page in `dist`, with the parts' files from `parts_file`.
fn page_in(dist: &Path, parts_file: &Path, sw_template: &Path) -> Result<()> {
    let index = dist.join("index.html");
    let mut html = read_text(&index)?;
    let entry_file = dist.join("wasm.json");
    let entry: serde_json::Value =
        serde_json::from_str(&read_text(&entry_file)?).map_err(|e| e.to_string())?;
    fs::remove_file(&entry_file).map_err(|e| e.to_string())?;
    let field = |k: &str| {
        entry[k]
            .as_str()
            .map(str::to_string)
            .ok_or(format!("wasm.json: {k}"))
    };
    let (js, wasm, loader) = (field("js")?, field("wasm")?, field("loader")?);
    let base = between(&html, "<base href=\"", "\"").ok_or("no <base href> (trunk writes it)")?;
    let sri = |name: &str| -> Result<String> {
        Ok(format!(
            "sha384-{}",
            Base64::encode_string(&Sha384::digest(read(&dist.join(name))?))
        ))
    };
    let parts: BTreeMap<String, Vec<String>> =
        serde_json::from_str(&read_text(parts_file)?).map_err(|e| e.to_string())?;
    // The decoding of stored records is a part of its own (`records`, not needed by a
    // first visit): when this browser's storage holds records, the first script (see
    // `compile`) fetches and compiles it too, before the app asks for it (the keys'
    // prefix is the store's `DATA_PREFIX`). Storage that cannot be read: it does not.
    let records: Vec<String> = parts
        .get("records")
        .map(|files| files.iter().map(|f| format!("\"{base}{f}\"")).collect())
        .unwrap_or_default();
    let records = records.join(",");
    let loader_tags = format!(
        "<link rel=\"modulepreload\" href=\"{base}{js}\" crossorigin=\"anonymous\" \
         integrity=\"{}\">\
         <link rel=\"modulepreload\" href=\"{base}{loader}\" crossorigin=\"anonymous\" \
         integrity=\"{}\">\
         \n<script type=\"module\">\n\
         import init, * as bindings from \"{base}{js}\";\n\
         await init({{ module_or_path: window.onboardWasm }});\n\
         window.wasmBindings = bindings;\n</script>\n",
        sri(&js)?,
        sri(&loader)?,
    );
    // The main module is fetched and compiled by the first script of the page, as the
    // parser meets it: V8 compiles it while it streams in, beside the loading of the
    // stylesheet and the scripts and the painting of the static shell, and the loader
    // only instantiates it (a `<link rel=preload>` fetched it as early, but compiled
    // nothing before the loader ran). A host that serves it without the wasm type gets
    // the slower compile from bytes, as wasm-bindgen's loader falls back to (the split
    // parts' loader has no such fallback: hosts must send `application/wasm`, README).
    //
    // A route page names its part's modules on this script (`data-early`, which the
    // policy's hash does not cover), and storage with records needs the `records`
    // part. The script fetches those modules too, once the parser has asked for the
    // style sheet and the scripts (a task later: on HTTP/1.1 a browser opens 6
    // connections to a host, and 10 modules first held those files back), and compiles
    // them once the main module is compiled (not competing for the cores with the
    // compile that everything waits for). The split loader takes these compilations
    // (`window.onboardEarly`, each used once) instead of fetching the modules when it
    // runs, after the style sheet, the scripts and the shell's first paint, and
    // compiling them only then.
    //
    // When the main module cannot be fetched or compiled (the network went away after
    // the page, a host that fails it), the script says so in the static shell, in both
    // languages, as the app does when the decoding of records cannot come
    // (`ui::boot_failed`); before, its spinner turned for ever.
    let unavailable =
        serde_json::to_string(&T::PageUnavailableText.both()).map_err(|e| e.to_string())?;
    let compile_code = format!(
        "window.onboardWasm=fetch(\"{base}{wasm}\").then(r=>\
         /^application\\/wasm\\b/.test(r.headers.get(\"Content-Type\")||\"\")\
         ?WebAssembly.compileStreaming(r):r.arrayBuffer().then(b=>WebAssembly.compile(b)));\
         window.onboardWasm.catch(()=>{{const f=()=>{{\
         const m=document.querySelector(\"#boot .boot-msg\");if(!m)return;\
         m.parentNode.removeAttribute(\"aria-hidden\");m.textContent={unavailable};\
         m.setAttribute(\"role\",\"alert\")}};\
         document.readyState===\"loading\"?document.addEventListener(\"DOMContentLoaded\",f):f()}});\
         {{const e=window.onboardEarly=new Map(),p=document.currentScript.dataset.early;\
         setTimeout(()=>{{let f=p?p.split(\" \"):[];\
         try{{for(let i=0;i<localStorage.length;i++)\
         if(localStorage.key(i).startsWith(\"onboard/v1/\")){{f=f.concat([{records}]);break}}}}\
         catch(x){{}}\
         for(const n of f){{const u=new URL(n,location.href).href;if(e.has(u))continue;\
         const r=fetch(u),m=window.onboardWasm\
         .catch(()=>{{}}).then(()=>WebAssembly.compileStreaming(r));\
         m.catch(()=>{{}});e.set(u,m)}}}})}}"
    );
    let compile = format!("<script>{compile_code}</script>");
    html = remove_tags(&html, "<link ", |tag| tag.contains("rel=\"rust\""));
    html = html.replacen("</head>", &format!("{loader_tags}</head>"), 1);
    // The compile goes first in <head>; the policy is put in front of it below.
    let charset = "<meta charset=\"utf-8\">";
    if !html.contains(charset) {
        return Err("index.html has no <meta charset=\"utf-8\">".into());
    }
    html = html.replacen(charset, &format!("{charset}\n  {compile}"), 1);
    html = remove_tags(&html, "<meta ", |tag| {
        tag.contains("Content-Security-Policy")
    });
    // `trunk serve` injects its live-reload script with placeholders that the dev
    // server fills in as it answers (so the served text would match no hash). Filled in
    // here, the script is fixed and its hash goes into the policy like the loader's:
    // the dev policy allows exactly that script; release builds have no such script.
    if html.contains("{{__TRUNK_ADDRESS__}}") {
        let ws_base = if base.ends_with('/') {
            base.clone()
        } else {
            format!("{base}/")
        };
        html = html
            .replace("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
            .replace("{{__TRUNK_WS_BASE__}}", &ws_base);
    }
    let scripts = inline_scripts(&html);
    let hashes: Vec<String> = scripts
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            format!(
                "'sha256-{}'",
                Base64::encode_string(&Sha256::digest(s.as_bytes()))
            )
        })
        .collect();
    // Shared mode calls a Kinto server the person names: any https origin, or one on
    // this machine (development, tests). A host may narrow it to its own server.
    const CONNECT: &str = "connect-src 'self' https: http://127.0.0.1:* http://localhost:*";
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; {CONNECT}; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
        hashes.join(" ")
    );
    html = html.replacen(
        charset,
        &format!("{charset}\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"),
        1,
    );
    write(&index, &html)?;
    write(&dist.join("404.html"), &html)?;

    // Every route without a parameter gets its own page file (`id/new.html`), so a
    // deep link answers 200 on hosts that map /id/new to id/new.html; its first script
    // fetches and compiles its part's modules beside the main module.
    let mut route_pages = Vec::new();
    for &(route, part) in route_table::ROUTES {
        if route == "/" || route.contains(':') {
            continue;
        }
        let files = parts.get(part).ok_or(format!(
            "route {route} is in part {part}, which the build did not make"
        ))?;
        let early: Vec<String> = files.iter().map(|f| format!("{base}{f}")).collect();
        let rel = format!("{}.html", route.trim_matches('/'));
        let page = dist.join(&rel);
        fs::create_dir_all(page.parent().ok_or("page dir")?).map_err(|e| e.to_string())?;
        // Its part's modules, on the first script, which compiles them (see `compile`).
        write(
            &page,
            html.replacen(
                &compile,
                &format!(
                    "<script data-early=\"{}\">{compile_code}</script>",
                    early.join(" ")
                ),
                1,
            ),
        )?;
        route_pages.push(rel);
    }
    println!("xtask: {} route pages", route_pages.len());
    write(
        &dist.join("_headers"),
        format!(
            "/*\n  Content-Security-Policy: {policy}; frame-ancestors 'none'\n  \
             X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"
        ),
    )?;

    // The service worker: the exact files of this build, cached on install; a new
    // build has a new version and replaces the old cache.
    let mut files = Vec::new();
    list_files(dist, dist, &mut files)?;
    files.retain(|f| {
        !["sw.js", "_headers", "404.html"].contains(&f.as_str())
            && !route_pages.contains(f)
            && !f.split('/').any(|p| p.starts_with('.'))
    });
    files.sort();
    let mut seed = files.concat().into_bytes();
    seed.extend(read(&index)?);
    let version = short_hash(&seed);
    let sw = read_text(sw_template)?
        .replace("__VERSION__", &version)
        .replace(
            "__FILES__",
            &files
                .iter()
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", "),
        );
    write(&dist.join("sw.js"), sw)?;
    println!(
        "xtask: service worker {version} caching {} files",
        files.len()
    );
    println!("xtask: CSP with {} inline script hash(es)", hashes.len());
    Ok(())
}

/// The text between the first `start` and the next `end` after it.
fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(text[from..from + len].to_string())
}

/// `html` without the tags that open with `open` (up to their `>`) and match `drop`,
/// nor the white space before them.
fn remove_tags(html: &str, open: &str, drop: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at..=at + len];
        if drop(tag) {
            out.push_str(rest[..at].trim_end());
        } else {
            out.push_str(&rest[..=at + len]);
        }
        rest = &rest[at + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The contents of every `<script ...>...</script>` of `html`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let after = &rest[at + "<script".len()..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            rest = after;
            continue;
        }
        let Some(open) = after.find('>') else { break };
        let body = &after[open + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        out.push(&body[..close]);
        rest = &body[close + "</script>".len()..];
    }
    out
}

/// Every file below `dir`, as a path relative to `root` with `/`.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    for e in fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        let p = e.path();
        if p.is_dir() {
            list_files(root, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_with_the_space_before_them_and_others_stay() {
        let html = "<head>\n  <link rel=\"rust\" data-bin=\"x\">\n  <link rel=\"icon\">\n</head>";
        assert_eq!(
            remove_tags(html, "<link ", |t| t.contains("rel=\"rust\"")),
            "<head>\n  <link rel=\"icon\">\n</head>"
        );
    }

    #[test]
    fn inline_scripts_are_found_with_or_without_attributes() {
        let html = "<script type=\"module\">a()</script><scripts><script>b()</script>";
        assert_eq!(inline_scripts(html), vec!["a()", "b()"]);
    }

    #[test]
    fn snippets_go_into_the_glue_under_the_names_it_uses() {
        let dir = std::env::temp_dir().join(format!("xtask-snippets-{}", std::process::id()));
        let snippet = dir.join("snippets/app-1/inline0.js");
        fs::create_dir_all(snippet.parent().unwrap()).unwrap();
        fs::write(&snippet, "export function fill(p, o) { p.x = o; }").unwrap();
        let glue = "import { fill as fill_js } from './snippets/app-1/inline0.js';\n\
                    import * as loader from \"./loader.js\";\nfill_js(a, b);\n";
        let out = inline_snippets(glue, &dir).unwrap();
        assert_eq!(
            out,
            "function fill(p, o) { p.x = o; }\nconst fill_js = fill;\n\
             import * as loader from \"./loader.js\";\nfill_js(a, b);\n"
        );
        // A namespace import (functions the wasm imports directly) of a snippet also
        // imported by name: its text once, and an object of its exports.
        let two = dir.join("snippets/app-1/inline1.js");
        fs::write(
            &two,
            "let on = false;\nexport function listen(a) { on = a; }\nexport function off() { on = false; }",
        )
        .unwrap();
        let glue = "import { listen } from './snippets/app-1/inline1.js';\n\
                    import * as import1 from \"./snippets/app-1/inline1.js\"\n\
                    const imports = { \"./snippets/app-1/inline1.js\": import1 };\n";
        let out = inline_snippets(glue, &dir).unwrap();
        assert_eq!(
            out,
            "let on = false;\nfunction listen(a) { on = a; }\nfunction off() { on = false; }\n\
             const import1 = { listen, off };\n\
             const imports = { \"./snippets/app-1/inline1.js\": import1 };\n"
        );
        // A snippet import it cannot read is an error, not a glue that fails to load.
        let missing = "import { x } from \"./snippets/none/inline0.js\";\n";
        assert!(inline_snippets(missing, &dir).is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    /// A staging directory as trunk leaves it before the post-build hook, one of its own
    /// for every call (tests run in parallel, two of them with the same page).
    fn staged(head_extra: &str) -> (PathBuf, PathBuf) {
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!(
            "xtask-page-{}-{call}-{}",
            std::process::id(),
            short_hash(head_extra.as_bytes())
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let html = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><base href=\"/\">\
             <link rel=\"rust\" data-trunk-skip>{head_extra}</head><body></body></html>"
        );
        fs::write(dir.join("index.html"), html).unwrap();
        for f in ["app.js", "loader.js", "app.wasm"] {
            fs::write(dir.join(f), f).unwrap();
        }
        let entry = r#"{"js":"app.js","wasm":"app.wasm","loader":"loader.js"}"#;
        fs::write(dir.join("wasm.json"), entry).unwrap();
        let mut parts: BTreeMap<&str, Vec<&str>> = route_table::ROUTES
            .iter()
            .map(|(_, part)| (*part, vec!["part.wasm"]))
            .collect();
        parts.insert("records", vec!["records.wasm", "part.wasm"]);
        let parts_file = dir.join("parts.json.in");
        fs::write(&parts_file, serde_json::to_string(&parts).unwrap()).unwrap();
        (dir, parts_file)
    }

    /// The staging directory after `page_in` (the page files written).
    fn paged(head_extra: &str) -> PathBuf {
        let (dir, parts) = staged(head_extra);
        page_in(&dir, &parts, &root().join("scripts/sw.template.js")).unwrap();
        dir
    }

    fn policy_and_scripts(dir: &Path) -> (String, Vec<String>) {
        let html = fs::read_to_string(dir.join("index.html")).unwrap();
        let policy = between(&html, "Content-Security-Policy\" content=\"", "\"").unwrap();
        let scripts = inline_scripts(&html)
            .into_iter()
            .map(str::to_string)
            .collect();
        (policy, scripts)
    }

    fn hash(script: &str) -> String {
        format!(
            "'sha256-{}'",
            Base64::encode_string(&Sha256::digest(script.as_bytes()))
        )
    }

    #[test]
    fn the_release_page_allows_its_loader_and_nothing_else() {
        let dir = paged("");
        let (policy, scripts) = policy_and_scripts(&dir);
        assert_eq!(scripts.len(), 2, "the main module's compile and the loader");
        for s in &scripts {
            assert!(policy.contains(&hash(s)), "{policy} lacks {s}");
        }
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        // The compile is the first script (nothing delays it), after the policy; the
        // loader instantiates what it compiled.
        assert!(scripts[0].contains("compileStreaming") && scripts[0].contains("\"/app.wasm\""));
        assert!(scripts[1].contains("module_or_path: window.onboardWasm"));
        // Storage with records: the first script compiles the records' decoding too.
        assert!(
            scripts[0].contains("startsWith(\"onboard/v1/\")")
                && scripts[0].contains("[\"/records.wasm\",\"/part.wasm\"]"),
            "{}",
            scripts[0]
        );
        let html = fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(html.find("Content-Security-Policy") < html.find("<script"));
        assert!(!html.contains("rel=\"rust\""));
        assert!(dir.join("id/new.html").is_file() && dir.join("404.html").is_file());
        assert!(!dir.join("wasm.json").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    /// A route page names its part's modules on the first script, which compiles them
    /// beside the main module; its scripts are the home page's, so the one policy (and
    /// `_headers`) allows them.
    #[test]
    fn a_route_page_compiles_its_part_from_the_first_script() {
        let dir = paged("");
        let (policy, home_scripts) = policy_and_scripts(&dir);
        let page = fs::read_to_string(dir.join("id/new.html")).unwrap();
        assert_eq!(inline_scripts(&page), home_scripts, "the same script texts");
        for s in &home_scripts {
            assert!(policy.contains(&hash(s)), "{policy} lacks {s}");
        }
        assert!(home_scripts[0].contains("document.currentScript.dataset.early"));
        let first = page.find("<script").unwrap();
        assert!(
            page[first..].starts_with("<script data-early=\"/part.wasm\">"),
            "{page}"
        );
        assert!(page.find("Content-Security-Policy") < Some(first));
        let home = fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(
            !home.contains("data-early"),
            "the home page compiles no part"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    /// `make serve`: trunk's live-reload script, as trunk 0.21 injects it, is filled
    /// in and allowed by its hash; the served text is what was hashed (the dev server
    /// finds no placeholder left to replace).
    #[test]
    fn the_dev_page_allows_exactly_the_live_reload_script() {
        let reload = "<script>\"use strict\";(function () {\
            const address = '{{__TRUNK_ADDRESS__}}'; const base = '{{__TRUNK_WS_BASE__}}';\
            const url = 'ws://' + address + base + '.well-known/trunk/ws';})()</script>";
        let dir = paged(reload);
        let (policy, scripts) = policy_and_scripts(&dir);
        assert_eq!(
            scripts.len(),
            3,
            "the compile, the loader and the live reload"
        );
        for s in &scripts {
            assert!(!s.contains("{{__TRUNK"), "{s}");
            assert!(policy.contains(&hash(s)), "{policy} lacks {s}");
        }
        let reload = scripts.iter().find(|s| s.contains("address")).unwrap();
        assert!(
            reload.contains("const address = window.location.host;"),
            "{reload}"
        );
        assert!(reload.contains("const base = '/';"), "{reload}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn every_route_names_a_part() {
        assert!(route_table::ROUTES.iter().any(|r| r.0 == "/"));
        for (route, part) in route_table::ROUTES {
            assert!(route.starts_with('/') && !part.is_empty(), "{route}");
        }
    }
}
