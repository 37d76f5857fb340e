//! The harness of the journeys: a static file server over `dist/` (unknown paths get
//! `404.html`, as GitHub Pages does), chromedriver, and helpers that act as a user:
//! find fields by their label, buttons and links by their name.
#![allow(dead_code)]
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(25);

pub fn dist_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist")
}

// ---------- static server ------------------------------------------------------------

pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
    offline: Arc<AtomicBool>,
    plain: Arc<AtomicBool>,
    failing: Arc<std::sync::Mutex<Option<String>>>,
    slow: Arc<std::sync::Mutex<Option<(String, Duration)>>>,
}

impl Server {
    /// Serves `dir` under the URL path `prefix` (e.g. "/" or "/onboard/").
    pub fn start(dir: PathBuf, prefix: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let offline = Arc::new(AtomicBool::new(false));
        let plain = Arc::new(AtomicBool::new(false));
        let failing: Arc<std::sync::Mutex<Option<String>>> = Default::default();
        let (flag, cut, uncompressed) = (stop.clone(), offline.clone(), plain.clone());
        let fails = failing.clone();
        let slow: Arc<std::sync::Mutex<Option<(String, Duration)>>> = Default::default();
        let slows = slow.clone();
        let prefix = prefix.to_string();
        // Accepts as a static host does, each connection as it comes (a blocking
        // accept: polling every 5 ms, as before 2026-12-03, delayed every request by
        // 0-5 ms, more so for a page of many files); `stop` wakes it with a connection
        // of its own.
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                match conn {
                    // "Offline": the connection is dropped unanswered (a network error).
                    Ok(s) if cut.load(Ordering::SeqCst) => drop(s),
                    Ok(s) => {
                        let (d, p) = (dir.clone(), prefix.clone());
                        let plain = uncompressed.load(Ordering::SeqCst);
                        let fail = fails.lock().unwrap().clone();
                        let late = slows.lock().unwrap().clone();
                        std::thread::spawn(move || handle(s, &d, &p, plain, fail, late));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(1)),
                }
            }
        });
        Server {
            port,
            stop,
            offline,
            plain,
            failing,
            slow,
        }
    }
    /// Requests whose path contains `part` fail (the connection is dropped), or none
    /// (`None`): one file that cannot come while the rest does.
    pub fn set_failing(&self, part: Option<&str>) {
        *self.failing.lock().unwrap() = part.map(String::from);
    }
    /// Requests whose path contains `part` are answered `delay` late, or none are
    /// (`None`): one file that is slow to come while the rest is not.
    pub fn set_slow(&self, part: Option<(&str, Duration)>) {
        *self.slow.lock().unwrap() = part.map(|(p, d)| (p.to_string(), d));
    }
    /// Serves every file as it is (`true`) or compressed when asked, as a static host
    /// does (`false`, the default).
    pub fn set_plain(&self, plain: bool) {
        self.plain.store(plain, Ordering::SeqCst);
    }
    /// Stops answering (the network is "off").
    pub fn stop(&self) {
        if !self.stop.swap(true, Ordering::SeqCst) {
            let _ = TcpStream::connect(("127.0.0.1", self.port));
        }
    }
    /// Every request fails (`true`) or is answered again (`false`).
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "json" | "webmanifest" => "application/json",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn handle(
    mut s: TcpStream,
    dir: &Path,
    prefix: &str,
    plain: bool,
    fail: Option<String>,
    slow: Option<(String, Duration)>,
) {
    let _ = s.set_nonblocking(false);
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > 65536 {
            return;
        }
    }
    let head = String::from_utf8_lossy(&buf);
    let target = head.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if fail.is_some_and(|f| path.contains(&f)) {
        return;
    }
    if let Some((_, delay)) = slow.filter(|(p, _)| path.contains(p.as_str())) {
        std::thread::sleep(delay);
    }
    let rel = path
        .strip_prefix(prefix)
        .or_else(|| path.strip_prefix(prefix.trim_end_matches('/')))
        .unwrap_or("");
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    let mut file = dir.join(&rel);
    // Like GitHub Pages: /id/new is served from id/new.html when that exists.
    if !file.is_file() && !rel.contains('.') {
        let page = dir.join(format!("{rel}.html"));
        if page.is_file() {
            file = page;
        }
    }
    let safe = !rel.split('/').any(|p| p == "..");
    let (status, body, ctype) = match (safe && file.is_file())
        .then(|| std::fs::read(&file).ok())
        .flatten()
    {
        Some(b) => ("200 OK", b, content_type(&file)),
        None => (
            "404 Not Found",
            std::fs::read(dir.join("404.html")).unwrap_or_default(),
            "text/html; charset=utf-8",
        ),
    };
    // As a static host serves: brotli or gzip when asked for, hashed assets cached.
    let accepts = |enc: &str| {
        head.lines().any(|l| {
            let l = l.to_ascii_lowercase();
            l.starts_with("accept-encoding:") && l.split([':', ',', ';']).any(|t| t.trim() == enc)
        })
    };
    let encoding = match ctype {
        _ if plain => None,
        "image/png" => None,
        _ if accepts("br") => Some("br"),
        _ if accepts("gzip") => Some("gzip"),
        _ => None,
    };
    let (body, encoding) = match encoding {
        Some(enc) => (
            compressed(&file, &body, enc),
            format!("Content-Encoding: {enc}\r\nVary: Accept-Encoding\r\n"),
        ),
        None => (body, String::new()),
    };
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let hashed = name
        .rsplit_once('.')
        .and_then(|(stem, _)| stem.rsplit_once('-'))
        .is_some_and(|(_, h)| {
            // Ours have 10 hex digits (xtask), trunk's own 16.
            matches!(h.len(), 10 | 16) && h.chars().all(|c| c.is_ascii_hexdigit())
        });
    let cache = if status.starts_with("200") && hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{encoding}Content-Length: \
        {}\r\nCache-Control: {cache}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = s.write_all(header.as_bytes());
    let _ = s.write_all(&body);
}

/// A file's bytes compressed with `enc` ("br" or "gzip"), compressed once per content.
fn compressed(file: &Path, body: &[u8], enc: &'static str) -> Vec<u8> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    type Key = (PathBuf, u64, &'static str);
    static CACHE: Mutex<Option<HashMap<Key, Vec<u8>>>> = Mutex::new(None);
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(body, &mut h);
    let key = (file.to_path_buf(), std::hash::Hasher::finish(&h), enc);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let map = cache.get_or_insert_with(HashMap::new);
    map.entry(key)
        .or_insert_with(|| {
            if enc == "br" {
                let mut out = Vec::new();
                let mut r = brotli::CompressorReader::new(body, 4096, 11, 22);
                let _ = std::io::copy(&mut r, &mut out);
                out
            } else {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                let _ = e.write_all(body);
                e.finish().unwrap_or_default()
            }
        })
        .clone()
}

// ---------- chromedriver -------------------------------------------------------------

/// chromedriver and the Chromium it starts, confined to one directory (`root`: the
/// profile, the downloads, and both programs' own temporary files), which is removed
/// when the driver is dropped: a run leaves nothing behind in the system's temp dir.
pub struct Driver {
    child: Child,
    pub port: u16,
    root: PathBuf,
}

impl Driver {
    pub fn start(root: PathBuf) -> Driver {
        let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let tmp = root.join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        std::fs::create_dir_all(root.join("profile")).unwrap();
        // Port 0: chromedriver binds one the system gives it and says which. A port
        // found free here and passed on could be taken by a driver of a test running
        // alongside; the connection check below would then reach that other driver.
        let mut child = Command::new(bin)
            .arg("--port=0")
            .env("TMPDIR", &tmp)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts (make test-tools installs it)");
        let (tx, rx) = std::sync::mpsc::channel();
        let out = child.stdout.take().unwrap();
        // Reads its lines to the end (a full pipe would block it), the port once.
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(port) = line
                    .split("started successfully on port ")
                    .nth(1)
                    .and_then(|rest| rest.trim_end_matches('.').trim().parse::<u16>().ok())
                {
                    let _ = tx.send(port);
                }
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(15))
            .expect("chromedriver said on which port it started");
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port, root }
    }

    /// Chromium's profile (`--user-data-dir`), unique to this driver.
    pub fn profile(&self) -> PathBuf {
        self.root.join("profile")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Chromium outlives a killed chromedriver: end it by its unique profile.
        let profile = self.profile().to_string_lossy().into_owned();
        let _ = Command::new("pkill").arg("-f").arg(&profile).status();
        // Its files can go once it has exited (a second at most, then it is killed).
        let gone = || {
            Command::new("pgrep")
                .arg("-f")
                .arg(&profile)
                .stdout(Stdio::null())
                .status()
                .map(|s| !s.success())
                .unwrap_or(true)
        };
        let deadline = Instant::now() + Duration::from_secs(1);
        while !gone() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        if !gone() {
            let _ = Command::new("pkill")
                .arg("-9")
                .arg("-f")
                .arg(&profile)
                .status();
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

// ---------- the browser, as a user -----------------------------------------------------

pub struct Browser {
    pub c: Client,
    pub base: String,
    pub server: Server,
    pub downloads: PathBuf,
    _driver: Driver,
}

fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// A DevTools protocol command, sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp(serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or("")
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl Browser {
    pub async fn start() -> Browser {
        Browser::start_with(dist_dir(), "/", 1280, 900).await
    }

    pub async fn start_with(dir: PathBuf, prefix: &str, width: u32, height: u32) -> Browser {
        assert!(
            dir.join("index.html").is_file(),
            "build dist/ first (make dist)"
        );
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root = std::env::temp_dir().join(format!("onboard-e2e-{}-{n}", std::process::id()));
        let downloads = root.join("downloads");
        std::fs::create_dir_all(&downloads).unwrap();
        let server = Server::start(dir, prefix);
        let driver = Driver::start(root);
        let profile = driver.profile();
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.to_string_lossy(),
                    "download.prompt_for_download": false,
                },
            },
        });
        let mut caps = caps;
        // `BENCH_CHROME_ARGS`: more Chromium switches, to explore (`make bench`).
        if let Ok(more) = std::env::var("BENCH_CHROME_ARGS") {
            if let Some(args) = caps["goog:chromeOptions"]["args"].as_array_mut() {
                args.extend(more.split_whitespace().map(|a| json!(a)));
            }
        }
        if width < 500 {
            // Headless windows are at least 500 px wide: emulate a narrow screen instead.
            caps["goog:chromeOptions"]["mobileEmulation"] =
                json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1 } });
        }
        let caps = caps.as_object().unwrap().clone().into_iter().collect();
        let c = ClientBuilder::rustls()
            .unwrap()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a browser session");
        let base = format!(
            "http://127.0.0.1:{}{}",
            server.port,
            prefix.trim_end_matches('/')
        );
        let b = Browser {
            c,
            base,
            server,
            downloads,
            _driver: driver,
        };
        // `ONBOARD_COLOR_SCHEME=dark`: every journey in a browser that asks for a dark
        // page (`make screenshots SCHEME=dark`, to look at the dark colours).
        if std::env::var("ONBOARD_COLOR_SCHEME").is_ok_and(|s| !s.is_empty()) {
            b.emulate_media("", &[]).await;
        }
        b
    }

    /// The CSS media the page is laid out for, from now on, across navigations (the
    /// DevTools protocol's media emulation): `media` ("print", or "" for the screen)
    /// and media features such as `("forced-colors", "active")`. The colour scheme of
    /// `ONBOARD_COLOR_SCHEME` holds unless `features` names one.
    pub async fn emulate_media(&self, media: &str, features: &[(&str, &str)]) {
        let scheme = std::env::var("ONBOARD_COLOR_SCHEME").unwrap_or_default();
        let mut list: Vec<_> = features
            .iter()
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect();
        if !scheme.is_empty() && !features.iter().any(|(n, _)| *n == "prefers-color-scheme") {
            list.push(json!({ "name": "prefers-color-scheme", "value": scheme }));
        }
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "media": media, "features": list }),
        )
        .await;
    }

    /// The colour scheme the page is told the system prefers ("dark" or "light").
    pub async fn color_scheme(&self, scheme: &str) {
        self.emulate_media("", &[("prefers-color-scheme", scheme)])
            .await;
    }

    /// Runs `script` in every document this browser opens from now on, before the
    /// page's own scripts (the DevTools protocol's `addScriptToEvaluateOnNewDocument`).
    pub async fn on_new_document(&self, script: &str) {
        self.c
            .issue_cmd(Cdp(json!({
                "cmd": "Page.addScriptToEvaluateOnNewDocument",
                "params": { "source": script },
            })))
            .await
            .expect("the DevTools protocol through chromedriver");
    }

    /// Makes every request to URLs matching `patterns` fail (as an unreachable server
    /// would), or none when empty; it holds across reloads (the DevTools protocol's
    /// `Network.setBlockedURLs`).
    pub async fn block_urls(&self, patterns: &[&str]) {
        for (cmd, params) in [
            ("Network.enable", json!({})),
            ("Network.setBlockedURLs", json!({ "urls": patterns })),
        ] {
            self.c
                .issue_cmd(Cdp(json!({ "cmd": cmd, "params": params })))
                .await
                .expect("the DevTools protocol through chromedriver");
        }
    }

    /// A DevTools protocol command and its result (through chromedriver).
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.c
            .issue_cmd(Cdp(json!({ "cmd": cmd, "params": params })))
            .await
            .expect("the DevTools protocol through chromedriver")
    }

    /// Empties the browser's HTTP cache (the DevTools protocol's
    /// `Network.clearBrowserCache`): what the page fetches next comes from the server.
    pub async fn clear_http_cache(&self) {
        self.c
            .issue_cmd(Cdp(
                json!({ "cmd": "Network.clearBrowserCache", "params": {} }),
            ))
            .await
            .expect("the DevTools protocol through chromedriver");
    }

    /// Ends the journey: no Content-Security-Policy violation may have happened.
    pub async fn finish(self) {
        let v = self.js("return window.__onboardCspViolations").await;
        assert_eq!(
            v.as_f64(),
            Some(0.0),
            "CSP violations on the last page: {v}"
        );
        let _ = self.c.close().await;
    }

    async fn fail(&self, what: String) -> ! {
        let body = self.body_text().await;
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-failures");
        let _ = std::fs::create_dir_all(&dir);
        let shot = dir.join(format!(
            "{}.png",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis()
        ));
        if let Ok(png) = self.c.screenshot().await {
            let _ = std::fs::write(&shot, png);
        }
        panic!(
            "{what}\n--- screenshot: {}\n--- page text:\n{body}",
            shot.display()
        );
    }

    /// Saves a screenshot as `<name>.png` when ONBOARD_SCREENSHOTS names a folder
    /// (`make screenshots`); otherwise does nothing.
    pub async fn snap(&self, name: &str) {
        if let Ok(dir) = std::env::var("ONBOARD_SCREENSHOTS") {
            tokio::time::sleep(Duration::from_millis(150)).await;
            let _ = std::fs::create_dir_all(&dir);
            if let Ok(png) = self.c.screenshot().await {
                let _ = std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png);
            }
        }
    }

    /// Puts axe-core (installed by `make test-tools`) into the page.
    async fn load_axe(&self) {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
        let src = std::fs::read_to_string(&path).expect("axe-core is installed by make test-tools");
        self.c
            .execute(&format!("{src}\nreturn 1;"), vec![])
            .await
            .expect("axe loads");
    }

    /// The ids of the violations axe-core finds with `run_only` (its `runOnly` option,
    /// as JavaScript), to show that a check can fail.
    pub async fn axe_ids(&self, run_only: &str) -> serde_json::Value {
        self.load_axe().await;
        self.c
            .execute_async(
                &format!(
                    "const done = arguments[0]; axe.run(document, {{ runOnly: {run_only} }}) \
                    .then(r => done(r.violations.map(v => v.id)))"
                ),
                vec![],
            )
            .await
            .expect("axe runs")
    }

    /// Runs axe-core (WCAG 2.0-2.2 A and AA rules) on the page; fails on any violation.
    pub async fn axe(&self, what: &str) {
        tokio::time::sleep(Duration::from_millis(150)).await;
        self.load_axe().await;
        let script = r#"const done = arguments[arguments.length - 1];
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
            const where = v => v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ');
            axe.run(document, { runOnly: { type: 'tag', values: tags } })
              .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + where(v))))
              .catch(e => done(['axe failed: ' + e]));"#;
        let v = self
            .c
            .execute_async(script, vec![])
            .await
            .expect("axe runs");
        let list: Vec<String> = v
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        if !list.is_empty() {
            self.fail(format!(
                "accessibility violations on {what}:\n  {}",
                list.join("\n  ")
            ))
            .await;
        }
    }

    /// Types `keys` into whatever has the focus (WebDriver key codes allowed).
    pub async fn keys(&self, keys: &str) {
        tokio::time::sleep(Duration::from_millis(120)).await;
        let el = self
            .c
            .active_element()
            .await
            .expect("something has the focus");
        el.send_keys(keys).await.unwrap();
    }

    /// The accessible label of the focused element (its <label>, aria-label or text).
    pub async fn focused_label(&self) -> String {
        tokio::time::sleep(Duration::from_millis(120)).await;
        let v = self
            .js(
                "const e = document.activeElement; if (!e) return ''; const l = e.id && \
            document.querySelector('label[for=\"' + e.id + '\"]'); return (l ? l.textContent : \
                (e.getAttribute('aria-label') || e.textContent || '')).trim();",
            )
            .await;
        v.as_str().unwrap_or("").to_string()
    }

    /// On the join page: gives `token`, picks the first location the token shows and
    /// fills the employee profile's required fields (the caller saves).
    pub async fn fill_join(&self, token: &str, phone: &str, function: &str) {
        self.fill("Company token (16 letters and digits)", token)
            .await;
        self.press("Submit").await;
        self.c
            .find(fantoccini::Locator::Css("#locations input[type=radio]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.fill("Phone number", phone).await;
        self.check(function).await;
    }

    /// Resizes the window (to look at narrow screens).
    pub async fn resize(&self, width: u32, height: u32) {
        self.c.set_window_size(width, height).await.unwrap();
    }

    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.c
            .execute(script, vec![])
            .await
            .unwrap_or(serde_json::Value::Null)
    }

    /// Replaces this origin's storage with `state`, stored as the app stores it (one
    /// key per aggregate and list part); returns the UTF-16 units written.
    pub async fn store_state(&self, state: &onboard_core::State) -> usize {
        use onboard::store::{MemoryBackend, Store};
        let backend = std::rc::Rc::new(std::cell::RefCell::new(MemoryBackend::new()));
        let (mut store, _, _) = Store::open(Box::new(backend.clone()), onboard_core::Timestamp(1));
        store.replace_all(state).expect("fits in memory");
        let items: Vec<(String, String)> = backend
            .borrow()
            .raw()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        self.js("localStorage.clear(); return 1").await;
        for batch in items.chunks(40) {
            let obj: serde_json::Map<String, serde_json::Value> =
                batch.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            self.c
                .execute(
                    "for (const [k, v] of Object.entries(arguments[0])) \
                    localStorage.setItem(k, v); return 1",
                    vec![serde_json::Value::Object(obj)],
                )
                .await
                .expect("fits in localStorage");
        }
        items
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }

    /// The number of the first stored site (its head key `onboard/v1/site/N`, not a
    /// part like `onboard/v1/site/N/users/0`).
    pub async fn stored_site_number(&self) -> String {
        self.js("return (Object.keys(localStorage).filter(k => \
            /^onboard[/]v1[/]site[/][0-9]+$/.test(k)).sort()[0] || '').split('/').pop()")
            .await
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub async fn body_text(&self) -> String {
        self.js("return document.body ? document.body.innerText : ''")
            .await
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub async fn open(&self, path: &str) {
        self.c
            .goto(&format!("{}{}", self.base, path))
            .await
            .unwrap();
        self.wait_ready().await;
    }

    /// Leaves the app for a blank page: nothing of it runs any more.
    pub async fn leave(&self) {
        self.c.goto("about:blank").await.unwrap();
    }

    pub async fn reload(&self) {
        self.c.refresh().await.unwrap();
        self.wait_ready().await;
    }

    pub async fn wait_ready(&self) {
        let start = Instant::now();
        while self.c.find(Locator::Css("main h1")).await.is_err() {
            if start.elapsed() > WAIT {
                self.fail("the app did not render a page heading".into())
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until no submit button is busy (a command is running).
    pub async fn settle(&self) {
        tokio::time::sleep(Duration::from_millis(60)).await;
        let start = Instant::now();
        while self
            .c
            .find(Locator::Css("button[aria-disabled='true']"))
            .await
            .is_ok()
        {
            if start.elapsed() > WAIT {
                self.fail("a form stayed busy".into()).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn find_first(&self, xpaths: &[String], what: &str) -> fantoccini::elements::Element {
        let start = Instant::now();
        loop {
            for x in xpaths {
                if let Ok(all) = self.c.find_all(Locator::XPath(x)).await {
                    for el in all {
                        if el.is_displayed().await.unwrap_or(false) {
                            return el;
                        }
                    }
                }
            }
            if start.elapsed() > WAIT {
                self.fail(format!("no {what}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The form control whose label reads `label`.
    pub async fn control(&self, label: &str) -> fantoccini::elements::Element {
        let l = xpath_literal(label);
        let start = Instant::now();
        loop {
            if let Ok(labels) = self
                .c
                .find_all(Locator::XPath(&format!("//label[normalize-space(.)={l}]")))
                .await
            {
                for lab in labels {
                    if let Ok(Some(id)) = lab.attr("for").await {
                        if let Ok(el) = self.c.find(Locator::Id(&id)).await {
                            return el;
                        }
                    }
                }
            }
            if start.elapsed() > WAIT {
                self.fail(format!("no control labelled {label:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn fill(&self, label: &str, text: &str) {
        let el = self.control(label).await;
        el.clear().await.unwrap();
        el.send_keys(text).await.unwrap();
    }

    /// Types `text` into the control labelled `label` inside the element matching
    /// `css` (where a page repeats a form, one per item).
    pub async fn fill_in(&self, css: &str, label: &str, text: &str) {
        let el = self.control_in(css, label).await;
        el.clear().await.unwrap();
        el.send_keys(text).await.unwrap();
    }

    /// The control labelled `label` inside the element matching `css`.
    pub async fn control_in(&self, css: &str, label: &str) -> fantoccini::elements::Element {
        let l = xpath_literal(label);
        let start = Instant::now();
        loop {
            if let Ok(scope) = self.c.find(Locator::Css(css)).await {
                if let Ok(lab) = scope
                    .find(Locator::XPath(&format!(".//label[normalize-space(.)={l}]")))
                    .await
                {
                    if let Ok(Some(id)) = lab.attr("for").await {
                        if let Ok(el) = scope.find(Locator::Id(&id)).await {
                            return el;
                        }
                    }
                }
            }
            if start.elapsed() > WAIT {
                self.fail(format!("no control labelled {label:?} in {css}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn value_of(&self, label: &str) -> String {
        self.control(label)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn attr_of(&self, label: &str, attr: &str) -> String {
        self.control(label)
            .await
            .attr(attr)
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn choose(&self, label: &str, option: &str) {
        let select = self.control(label).await;
        let opt = select
            .find(Locator::XPath(&format!(
                ".//option[normalize-space(.)={}]",
                xpath_literal(option)
            )))
            .await
            .unwrap();
        opt.click().await.unwrap();
    }

    pub async fn check(&self, label: &str) {
        self.control(label).await.click().await.unwrap();
    }

    pub async fn upload(&self, label: &str, file: &Path) {
        self.control(label)
            .await
            .send_keys(&file.to_string_lossy())
            .await
            .unwrap();
    }

    /// An attribute of the button named `name` (None when absent).
    pub async fn attr_of_button(&self, name: &str, attr: &str) -> Option<String> {
        let n = xpath_literal(name);
        let el = self
            .find_first(
                &[format!("//main//button[normalize-space(.)={n}]")],
                &format!("button {name:?}"),
            )
            .await;
        el.attr(attr).await.unwrap()
    }

    pub async fn press(&self, name: &str) {
        let n = xpath_literal(name);
        let el = self
            .find_first(
                &[
                    format!("//main//button[normalize-space(.)={n}]"),
                    format!("//button[normalize-space(.)={n}]"),
                ],
                &format!("button {name:?}"),
            )
            .await;
        el.click().await.unwrap();
        self.settle().await;
    }

    /// Follows the link named `name`.
    pub async fn follow(&self, name: &str) {
        let n = xpath_literal(name);
        let el = self
            .find_first(
                &[
                    format!("//main//a[normalize-space(.)={n}]"),
                    format!("//a[normalize-space(.)={n}]"),
                ],
                &format!("link {name:?}"),
            )
            .await;
        el.click().await.unwrap();
        self.wait_ready().await;
    }

    /// Clicks the link named `name` and returns the question the page asks then (its
    /// `confirm`), left open for [`Browser::answer`].
    pub async fn follow_to_question(&self, name: &str) -> String {
        let n = xpath_literal(name);
        self.click_to_question(&format!("//a[normalize-space(.)={n}]"), name)
            .await
    }

    /// Imports a backup file on the (English) data page, as a person restores one.
    pub async fn import_backup(&self, file: &Path) {
        self.open("/data?lang=en").await;
        self.upload("File to import", file).await;
        self.press("Import").await;
        self.sees("Imported (").await;
    }

    /// Waits until the script `js` returns `want` (what the page does after a frame).
    pub async fn wait_for_js(&self, js: &str, want: serde_json::Value) {
        let start = Instant::now();
        loop {
            let got = self.js(js).await;
            if got == want {
                return;
            }
            if start.elapsed() > Duration::from_secs(5) {
                self.fail(format!("{js} returned {got}, not {want}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Opens (or closes) the disclosure whose summary reads `name`.
    pub async fn disclose(&self, name: &str) {
        let n = xpath_literal(name);
        let el = self
            .find_first(&[format!("//summary[normalize-space(.)={n}]")], name)
            .await;
        el.click().await.unwrap();
    }

    /// The browser's Back button.
    pub async fn back(&self) {
        self.c.back().await.unwrap();
        self.wait_ready().await;
    }

    /// The browser's Forward button.
    pub async fn forward(&self) {
        self.c.forward().await.unwrap();
        self.wait_ready().await;
    }

    /// Presses the browser's Back button and returns the question the page asks then,
    /// left open for [`Browser::answer`].
    pub async fn back_to_question(&self) -> String {
        // Back may report the dialog it opened; the dialog is what counts.
        let _ = self.c.back().await;
        self.question_after("the browser's Back button").await
    }

    /// Presses the button named `name` (in `main` first) and returns the question the
    /// page asks then, left open for [`Browser::answer`].
    pub async fn press_to_question(&self, name: &str) -> String {
        let n = xpath_literal(name);
        self.click_to_question(
            &format!("(//main//button | //button)[normalize-space(.)={n}]"),
            name,
        )
        .await
    }

    /// Presses the button labelled `label` (`aria-label`) and returns the question the
    /// page asks then, left open for [`Browser::answer`].
    pub async fn press_labelled_to_question(&self, label: &str) -> String {
        let l = xpath_literal(label);
        self.click_to_question(&format!("//button[@aria-label={l}]"), label)
            .await
    }

    /// Presses the button named `name`, checks that the page asks `question` and
    /// answers it (`yes`: OK, otherwise Cancel).
    pub async fn press_asks(&self, name: &str, question: &str, yes: bool) {
        let asked = self.press_to_question(name).await;
        self.answer_checked(name, &asked, question, yes).await;
    }

    /// [`Browser::press_asks`] for the button labelled `label` (`aria-label`).
    pub async fn press_labelled_asks(&self, label: &str, question: &str, yes: bool) {
        let asked = self.press_labelled_to_question(label).await;
        self.answer_checked(label, &asked, question, yes).await;
    }

    async fn answer_checked(&self, what: &str, asked: &str, question: &str, yes: bool) {
        assert_eq!(asked, question, "pressing {what:?}");
        self.answer(yes).await;
    }

    async fn click_to_question(&self, xpath: &str, name: &str) -> String {
        let el = self.find_first(&[xpath.to_string()], name).await;
        // The click may report the dialog it opened; the dialog is what counts.
        let _ = el.click().await;
        self.question_after(&format!("clicking {name:?}")).await
    }

    async fn question_after(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            match self.c.get_alert_text().await {
                Ok(text) => return text,
                Err(e) if start.elapsed() > Duration::from_secs(5) => {
                    self.fail(format!("no question after {what}: {e}")).await
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Answers the open question: leave (OK) or stay (Cancel).
    pub async fn answer(&self, leave: bool) {
        if leave {
            self.c.accept_alert().await.unwrap();
        } else {
            self.c.dismiss_alert().await.unwrap();
        }
    }

    pub async fn follow_containing(&self, text: &str) {
        let n = xpath_literal(text);
        let el = self
            .find_first(
                &[format!("//main//a[contains(normalize-space(.), {n})]")],
                &format!("link containing {text:?}"),
            )
            .await;
        el.click().await.unwrap();
        self.wait_ready().await;
    }

    pub async fn heading_is(&self, text: &str) {
        let start = Instant::now();
        loop {
            if let Ok(h) = self.c.find(Locator::Css("main h1")).await {
                if h.text().await.unwrap_or_default().trim() == text {
                    return;
                }
            }
            if start.elapsed() > WAIT {
                self.fail(format!("heading is not {text:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn sees(&self, text: &str) {
        let start = Instant::now();
        while !self.body_text().await.contains(text) {
            if start.elapsed() > WAIT {
                self.fail(format!("the page does not say {text:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn does_not_see(&self, text: &str) {
        assert!(
            !self.body_text().await.contains(text),
            "the page says {text:?}"
        );
    }

    /// Waits until the page no longer says `text` (a change made elsewhere arriving,
    /// without a reload); returns how long that took.
    pub async fn stops_seeing(&self, text: &str) -> Duration {
        let start = Instant::now();
        while self.body_text().await.contains(text) {
            if start.elapsed() > WAIT {
                self.fail(format!("the page still says {text:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        start.elapsed()
    }

    pub async fn sees_alert(&self, text: &str) {
        let start = Instant::now();
        loop {
            if let Ok(all) = self.c.find_all(Locator::Css(".form-alert")).await {
                for a in all {
                    if a.text().await.unwrap_or_default().contains(text) {
                        return;
                    }
                }
            }
            if start.elapsed() > WAIT {
                self.fail(format!("no alert saying {text:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Once the form's alert has the focus (a failed submit moves it there): the style
    /// of its focus ring, "none" or "solid".
    pub async fn alert_focus_ring(&self) -> String {
        let script = "const e = document.activeElement; \
            return e && e.classList.contains('form-alert') ? getComputedStyle(e).outlineStyle \
            : null";
        let start = Instant::now();
        loop {
            if let Some(style) = self.js(script).await.as_str() {
                return style.to_string();
            }
            if start.elapsed() > WAIT {
                self.fail("the form's alert never took the focus".into())
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The rows of the history table shown (a site's, a company's, an ID's): each
    /// row's event and who did it, as they read, the first `n`.
    pub async fn history_rows(&self, n: usize) -> serde_json::Value {
        self.js(&format!(
            "return [...document.querySelectorAll('table.history tbody tr')].slice(0, {n}) \
             .map(r => [r.cells[1].innerText, r.cells[2].innerText])"
        ))
        .await
    }

    /// The first row of the table `css` once it shows as cards (on a phone): the table
    /// no wider than its frame (nothing scrolls sideways), its head hidden. Each cell
    /// as it reads: its label where it has one, "-" where it takes no line, else its
    /// text.
    pub async fn first_card(&self, css: &str) -> Vec<String> {
        let table = format!("const t = document.querySelector(\"{css}\");");
        self.wait_for_js(
            &format!(
                "{table} return !!t && t.scrollWidth <= t.parentElement.clientWidth \
                 && getComputedStyle(t.tHead).display === 'none'"
            ),
            json!(true),
        )
        .await;
        let cells = self
            .js(&format!(
                "{table} return [...t.tBodies[0].rows[0].cells].map(c => \
                 getComputedStyle(c).display === 'none' ? '-' \
                 : (c.dataset.label || c.textContent.trim()))"
            ))
            .await;
        serde_json::from_value(cells).unwrap_or_default()
    }

    pub async fn text_of(&self, css: &str) -> String {
        let start = Instant::now();
        loop {
            if let Ok(el) = self.c.find(Locator::Css(css)).await {
                return el.text().await.unwrap_or_default().trim().to_string();
            }
            if start.elapsed() > WAIT {
                self.fail(format!("nothing matches {css}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn focused_id(&self) -> String {
        tokio::time::sleep(Duration::from_millis(100)).await;
        self.js("return document.activeElement ? document.activeElement.id : ''")
            .await
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub async fn html_lang(&self) -> String {
        tokio::time::sleep(Duration::from_millis(50)).await;
        self.js("return document.documentElement.lang")
            .await
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Waits until the document's title is `text` (set once the page is painted).
    pub async fn title_is(&self, text: &str) {
        let start = Instant::now();
        loop {
            let t = self.js("return document.title").await;
            if t.as_str() == Some(text) {
                return;
            }
            if start.elapsed() > WAIT {
                self.fail(format!("the title is {t}, not {text:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn set_item(&self, key: &str, value: &str) {
        self.c
            .execute(
                "localStorage.setItem(arguments[0], arguments[1])",
                vec![json!(key), json!(value)],
            )
            .await
            .unwrap();
    }

    pub async fn get_item(&self, key: &str) -> Option<String> {
        self.c
            .execute(
                "return localStorage.getItem(arguments[0])",
                vec![json!(key)],
            )
            .await
            .unwrap()
            .as_str()
            .map(String::from)
    }

    pub async fn storage_keys(&self) -> Vec<String> {
        let v = self.js("return Object.keys(localStorage)").await;
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits for a finished download whose name starts with `prefix`.
    pub async fn downloaded(&self, prefix: &str) -> PathBuf {
        let start = Instant::now();
        loop {
            if let Ok(rd) = std::fs::read_dir(&self.downloads) {
                for e in rd.flatten() {
                    let name = e.file_name().to_string_lossy().to_string();
                    if name.starts_with(prefix) && !name.ends_with(".crdownload") {
                        return e.path();
                    }
                }
            }
            if start.elapsed() > WAIT {
                self.fail(format!("no download starting with {prefix}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Browser {
    /// Clicks the button whose accessible name (aria-label) is `label`.
    pub async fn press_labelled(&self, label: &str) {
        let l = xpath_literal(label);
        let el = self
            .find_first(
                &[format!("//button[@aria-label={l}]")],
                &format!("button labelled {label:?}"),
            )
            .await;
        el.click().await.unwrap();
        self.settle().await;
    }

    /// Clicks the button named `name` inside the element matching `css`.
    pub async fn press_in(&self, css: &str, name: &str) {
        let start = Instant::now();
        loop {
            if let Ok(scope) = self.c.find(Locator::Css(css)).await {
                if let Ok(b) = scope
                    .find(Locator::XPath(&format!(
                        ".//button[normalize-space(.)={}]",
                        xpath_literal(name)
                    )))
                    .await
                {
                    b.click().await.unwrap();
                    self.settle().await;
                    return;
                }
            }
            if start.elapsed() > WAIT {
                self.fail(format!("no button {name:?} in {css}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// From the mailbox shown, opens the welcome mail of a site (in English) and
    /// returns its site number and temporary passcode.
    pub async fn welcome_numbers(&self) -> (String, String) {
        self.follow_containing("Access Passport Advantage Online")
            .await;
        let site = self.mail_field("Site number").await;
        let passcode = self
            .mail_field("Temporary passcode (first sign-in only)")
            .await;
        (site, passcode)
    }

    /// The value of a labelled field in the open mail ("Site number" -> "1234567").
    pub async fn mail_field(&self, label: &str) -> String {
        let script = "const want = arguments[0]; for (const p of \
            document.querySelectorAll('.mail-field')) { const l = p.querySelector('.label'); if (l \
            && l.textContent.replace(/[:：]\\s*$/, '').trim() === want) { const c = \
            p.querySelector('code'); return (c ? c.textContent : \
            p.lastElementChild.textContent).trim(); } } return null;";
        let v = self.c.execute(script, vec![json!(label)]).await.unwrap();
        match v.as_str() {
            Some(s) => s.to_string(),
            None => self.fail(format!("no mail field {label:?}")).await,
        }
    }

    /// Opens the newest mail whose subject contains `subject` in a second tab, reads its
    /// code, closes the tab and comes back: what a user does beside the form.
    pub async fn code_from_mail(&self, to: &str, subject: &str) -> String {
        let here = self.c.window().await.unwrap();
        let tab = self.c.new_window(true).await.unwrap();
        self.c.switch_to_window(tab.handle).await.unwrap();
        self.open(&format!("/mail?to={}", to.replace('@', "%40")))
            .await;
        self.follow_containing(subject).await;
        let code = self.text_of(".copy-value code").await;
        self.c.close_window().await.unwrap();
        self.c.switch_to_window(here).await.unwrap();
        code
    }

    /// Fills the English "Create an ID" form (country Japan, terms accepted) and submits.
    pub async fn submit_new_id(&self, email: &str, given: &str, family: &str, password: &str) {
        self.fill("Email address", email).await;
        self.fill("Given name", given).await;
        self.fill("Family name", family).await;
        self.choose("Country or region", "Japan").await;
        self.fill("Password", password).await;
        self.fill("Confirm password", password).await;
        self.check("I accept the terms of use").await;
        self.press("Create ID").await;
    }

    /// Loads the demo data from the (English) data page.
    pub async fn load_demo(&self) {
        self.open("/data?lang=en").await;
        self.press("Load demo data").await;
        self.sees("Demo data loaded.").await;
    }

    /// Loads the demo data and signs in as Hanako, the primary contact of its site;
    /// the site's number.
    pub async fn demo_as_hanako(&self) -> String {
        self.load_demo().await;
        self.sign_in("hanako@demo.example", "onboard-demo-2026")
            .await;
        self.stored_site_number().await
    }

    /// Signs the demo data's operator in on the (English) office page.
    pub async fn demo_operator_sign_in(&self) {
        self.open("/office?lang=en").await;
        self.fill("Email address", "office@demo.example").await;
        self.fill("Password", "onboard-demo-2026").await;
        self.press("Sign in").await;
        self.sees("Audit trail").await;
    }

    /// Creates and verifies an ID through the forms (ends signed in).
    pub async fn create_id(&self, email: &str, given: &str, family: &str, password: &str) {
        self.open("/id/new").await;
        self.submit_new_id(email, given, family, password).await;
        self.heading_is("Verify your ID").await;
        let code = self
            .code_from_mail(email, "Your ID verification code")
            .await;
        self.fill("Verification code (6 digits)", &code).await;
        self.press("Verify").await;
        self.sees("Your ID is verified and you are signed in.")
            .await;
    }

    /// Creates and verifies an ID through the Japanese forms (ends signed in): the
    /// verification code comes in a Japanese mail.
    pub async fn create_id_ja(&self, email: &str, given: &str, family: &str, password: &str) {
        self.open("/id/new").await;
        self.fill("eメール・アドレス", email).await;
        self.fill("名", given).await;
        self.fill("姓", family).await;
        self.choose("国または地域", "日本").await;
        self.fill("パスワード", password).await;
        self.fill("パスワード (確認)", password).await;
        self.check("利用条件に同意します").await;
        self.press("ID を作成").await;
        self.heading_is("ID の確認").await;
        let code = self.code_from_mail(email, "ID の確認コード").await;
        self.fill("確認コード (6 桁)", &code).await;
        self.press("確認する").await;
        self.sees("ID が確認されました。サインインしました。").await;
    }

    /// Fills the office's English "Enrol a site" form (Tokyo address, Hanako Yamada as
    /// the primary contact, mail in English) and submits.
    pub async fn enrol_site(&self, company: &str, primary_email: &str) {
        self.fill_enrolment(company, primary_email).await;
        self.press("Enrol site").await;
    }

    /// Fills the office's English "Enrol a site" form without sending it.
    pub async fn fill_enrolment(&self, company: &str, primary_email: &str) {
        self.fill("Company name", company).await;
        self.fill("Postal code", "1068711").await;
        self.fill("Prefecture or state", "Tokyo").await;
        self.fill("City", "Minato-ku").await;
        self.fill("Street address", "Roppongi 3-2-12").await;
        self.fill("Family name", "Yamada").await;
        self.fill("Given name", "Hanako").await;
        self.fill("Contact's email address", primary_email).await;
        self.choose("Language of mail", "English").await;
    }

    /// Fills the office's Japanese 「サイトの登録」 form (mail in Japanese) without
    /// sending it.
    pub async fn fill_enrolment_ja(&self, company: &str, given: &str, primary_email: &str) {
        self.fill("会社名", company).await;
        self.fill("郵便番号", "106-8711").await;
        self.fill("都道府県・州", "東京都").await;
        self.fill("市区町村", "港区").await;
        self.fill("番地・建物名", "六本木 3-2-12").await;
        self.fill("姓", "山田").await;
        self.fill("名", given).await;
        self.fill("担当者の eメール・アドレス", primary_email).await;
        self.choose("メールの言語", "日本語").await;
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        self.open("/signin").await;
        self.fill("Email address", email).await;
        self.fill("Password", password).await;
        self.press("Sign in").await;
        self.sees("You are signed in.").await;
    }

    /// On a narrow screen, opens the header's folded menu with its Menu button (a
    /// wide header shows its menu and has no such button).
    pub async fn open_menu(&self) {
        if let Ok(b) = self
            .c
            .find(Locator::Css("header .menu-toggle[aria-expanded='false']"))
            .await
        {
            if b.is_displayed().await.unwrap_or(false) {
                b.click().await.unwrap();
            }
        }
    }

    /// Presses the header's Menu button (a narrow screen's), which starts with `name`
    /// (the mailbox's unread count follows it).
    pub async fn press_menu(&self, name: &str) {
        let n = xpath_literal(name);
        let el = self
            .find_first(
                &[format!(
                    "//header//button[@aria-controls='site-menu'][starts-with(normalize-space(.), {n})]"
                )],
                &format!("menu button {name:?}"),
            )
            .await;
        el.click().await.unwrap();
        self.settle().await;
    }

    /// Signs out through the header button when signed in.
    pub async fn sign_out(&self) {
        self.open_menu().await;
        if let Ok(b) = self
            .c
            .find(Locator::XPath(
                "//header//button[normalize-space(.)='Sign out']",
            ))
            .await
        {
            b.click().await.unwrap();
            self.sees("You are signed out.").await;
        }
    }
}
