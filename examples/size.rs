//! `make size-check`: the first load of `dist/` (what index.html and the manifest
//! reference, plus the service worker), raw, gzip -9 and brotli 11, as a table; fails
//! when the gzip total passes the ceiling. Also a module of `make bench`.
use std::io::Write;
use std::path::{Path, PathBuf};

/// The budget for the first load, compressed.
pub const BUDGET: usize = 250 * 1024;
/// What CI enforces until the budget is met: the size of today's build plus a small
/// margin, so the first load can only shrink (lower it whenever it does).
pub const CEILING: usize = 520 * 1024;

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
    for n in names {
        let p = dist.join(n);
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out.sort();
    out
}

pub fn table() -> (usize, usize, usize) {
    println!(
        "## First load ({}), compressed as a static host serves it\n",
        dist_dir().display()
    );
    println!("| file | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|");
    let (mut r, mut g, mut b) = (0, 0, 0);
    for f in first_load_files() {
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
    let verdict = |x: usize| {
        if x <= BUDGET {
            format!("within ({} KB left)", (BUDGET - x) / 1024)
        } else {
            format!("OVER by {} KB", (x - BUDGET) / 1024)
        }
    };
    println!(
        "Budget {} KB: gzip {}, brotli {}.\n",
        BUDGET / 1024,
        verdict(g),
        verdict(b)
    );
    (r, g, b)
}

#[allow(dead_code)]
fn main() {
    if !dist_dir().join("index.html").is_file() {
        eprintln!("size-check: no dist/index.html; run `make dist` first");
        std::process::exit(2);
    }
    let (_, g, _) = table();
    if g > CEILING {
        eprintln!(
            "size-check: FAILED: the first load is {} KB gzip, above the ceiling of {} KB",
            g / 1024,
            CEILING / 1024
        );
        std::process::exit(1);
    }
    println!(
        "size-check: {} KB gzip, within the ceiling of {} KB (the budget is {} KB)",
        g / 1024,
        CEILING / 1024,
        BUDGET / 1024
    );
}
