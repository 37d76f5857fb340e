//! `make size-check`: the first load of `dist/` (what index.html and the manifest
//! reference, plus the service worker), raw, gzip -9 and brotli 11, as a table, then
//! what each part of the app fetches later (its split module and shared chunks);
//! fails when the first load passes the budget, gzip or brotli. Also a module of
//! `make bench`.
use std::io::Write;
use std::path::{Path, PathBuf};

/// The issues' budget for the first load, compressed: 250 KB gzip, 200 KB brotli.
pub const BUDGET_GZIP: usize = 250 * 1024;
pub const BUDGET_BROTLI: usize = 200 * 1024;

pub fn dist_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dist")
}

fn gzip(data: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap().len()
}

fn brotli(data: &[u8]) -> usize {
    let mut out = Vec::new();
    let mut r = brotli::CompressorReader::new(data, 4096, 11, 22);
    std::io::copy(&mut r, &mut out).unwrap();
    out.len()
}

/// What a first visit fetches: index.html, every file it references (scripts, wasm,
/// styles, icons, manifest), what the manifest references (icons) and the service worker.
pub fn first_load_files() -> Vec<std::path::PathBuf> {
    let dist = dist_dir();
    let mut out = vec![dist.join("index.html"), dist.join("sw.js")];
    let refs = |text: &str| -> Vec<String> {
        let mut v = Vec::new();
        for quote in text.split('"').skip(1).step_by(2) {
            let q = quote.trim_start_matches('/');
            if !q.is_empty() && !q.contains(' ') && dist.join(q).is_file() {
                v.push(q.to_string());
            }
        }
        v
    };
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let mut names = refs(&index);
    if let Ok(m) = std::fs::read_to_string(dist.join("manifest.webmanifest")) {
        names.extend(refs(&m));
    }
    // The records' decoding (`records`) is named by index.html's first script but
    // fetched only when storage holds records: never on a first visit.
    let later: Vec<String> = parts().remove("records").unwrap_or_default();
    for n in names.into_iter().filter(|n| !later.contains(n)) {
        let p = dist.join(n);
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Each part's files, as the build listed them (`target/wasm-parts.json`).
fn parts() -> std::collections::BTreeMap<String, Vec<String>> {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/wasm-parts.json");
    std::fs::read_to_string(&list)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Why the figures of `dist/` cannot be trusted, if they cannot: the parts' list is
/// the last build's, whatever its `--dist`, and one that names a file `dist/` does not
/// have describes another build (the first load would count the wrong files).
pub fn stale() -> Option<String> {
    let dist = dist_dir();
    let missing = parts()
        .into_values()
        .flatten()
        .find(|f| !dist.join(f).is_file())?;
    Some(format!(
        "target/wasm-parts.json names {missing}, which {} does not have: it is another \
         build's (one into another directory ran since); run `make dist` again",
        dist.display()
    ))
}

pub fn table() -> (usize, usize, usize) {
    let files = first_load_files();
    println!(
        "## First load ({}), compressed as a static host serves it\n",
        dist_dir().display()
    );
    println!("| file | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|");
    let (mut r, mut g, mut b) = (0, 0, 0);
    for f in files {
        let name = f
            .strip_prefix(dist_dir())
            .unwrap_or(&f)
            .to_string_lossy()
            .to_string();
        let data = std::fs::read(&f).unwrap();
        let (gz, br) = (gzip(&data), brotli(&data));
        println!("| {name} | {} | {gz} | {br} |", data.len());
        r += data.len();
        g += gz;
        b += br;
    }
    println!("| **total** | **{r}** | **{g}** | **{b}** |\n");
    let verdict = |x: usize, budget: usize| {
        if x <= budget {
            format!("within {} KB ({} B left)", budget / 1024, budget - x)
        } else {
            format!("OVER {} KB by {} B", budget / 1024, x - budget)
        }
    };
    println!(
        "Budget: gzip {}, brotli {}.\n",
        verdict(g, BUDGET_GZIP),
        verdict(b, BUDGET_BROTLI)
    );
    (r, g, b)
}

/// What each part of the app fetches the first time one of its pages is shown: its
/// split module and the chunks it shares with other parts (listed by the build in
/// `target/wasm-parts.json`). The service worker fetches them all in the background
/// after the first visit.
pub fn parts_table() {
    let dist = dist_dir();
    let parts = parts();
    println!("## Fetched later: each part of the app on its first page (then cached)\n");
    println!("| part | files | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|---:|");
    let (mut ar, mut ag, mut ab) = (0, 0, 0);
    let mut counted = std::collections::BTreeSet::new();
    for (part, files) in &parts {
        let (mut r, mut g, mut b) = (0, 0, 0);
        for f in files {
            let data = std::fs::read(dist.join(f)).unwrap_or_default();
            let (gz, br) = (gzip(&data), brotli(&data));
            r += data.len();
            g += gz;
            b += br;
            if counted.insert(f.clone()) {
                ar += data.len();
                ag += gz;
                ab += br;
            }
        }
        println!("| {part} | {} | {r} | {g} | {b} |", files.len());
    }
    println!(
        "| **all parts** | {} | **{ar}** | **{ag}** | **{ab}** |\n",
        counted.len()
    );
}

#[allow(dead_code)]
fn main() {
    if !dist_dir().join("index.html").is_file() {
        eprintln!("size-check: no dist/index.html; run `make dist` first");
        std::process::exit(2);
    }
    if let Some(why) = stale() {
        eprintln!("size-check: {why}");
        std::process::exit(2);
    }
    let (_, g, b) = table();
    parts_table();
    if g > BUDGET_GZIP || b > BUDGET_BROTLI {
        eprintln!(
            "size-check: FAILED: the first load is {g} B gzip / {b} B brotli, above the budget of \
                {} KB gzip / {} KB brotli",
            BUDGET_GZIP / 1024,
            BUDGET_BROTLI / 1024
        );
        std::process::exit(1);
    }
    println!(
        "size-check: first load {} KB gzip / {} KB brotli ({g} / {b} B), within the budget of {} \
            KB gzip / {} KB brotli",
        g / 1024,
        b / 1024,
        BUDGET_GZIP / 1024,
        BUDGET_BROTLI / 1024
    );
}
