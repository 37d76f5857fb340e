//! The shared-mode harness: PostgreSQL and Kinto on loopback ports in a directory of
//! their own (scripts/shared.sh does the work, as for `make shared`), provisioned with a
//! test operator, stopped by their process ids when dropped.
#![allow(dead_code)]
use onboard::store::shared::layout::{sign_up, Request};
use onboard::store::shared::native::{provision, Caller, Client, Reply};
use std::path::PathBuf;
use std::process::Command;

pub const OPERATOR: &str = "office@onboard.test";
pub const OPERATOR_PASSWORD: &str = "operator-password-for-tests";

pub struct Kinto {
    dir: PathBuf,
    pub url: String,
    pub client: Client,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/shared.sh")
}

/// How many records the harness's Kinto answers a listing with at most: small, so that
/// every listing a test reads (collections, mail, audit entries) comes in pages and an
/// engine that read only the first would fail; a real server pages at 10,000.
pub const PAGE: usize = 5;

impl Kinto {
    pub fn start(name: &str) -> Kinto {
        Kinto::start_paged(name, Some(PAGE))
    }

    /// A server answering listings in pages of `page` records, or as Kinto does by
    /// default (`None`: the benchmark's, measured as a host would run it).
    pub fn start_paged(name: &str, page: Option<usize>) -> Kinto {
        // Tests get cargo's scratch directory; the benchmark (an example) target/tmp.
        let scratch = option_env!("CARGO_TARGET_TMPDIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tmp"));
        let dir = scratch.join(format!("kinto-{name}"));
        // A run that ended without dropping its servers (a release build aborts on a
        // panic) left them running: stop them by their process ids before wiping.
        if dir.exists() {
            let _ = Command::new(script())
                .args(["stop", dir.to_str().unwrap()])
                .status();
        }
        let _ = std::fs::remove_dir_all(&dir);
        let status = Command::new(script())
            // Port 0: Kinto takes one the system gives it, and the script writes it
            // down. A port found free here and passed on could be taken by a server
            // of a test running alongside before Kinto bound it (it happened).
            .args(["start", dir.to_str().unwrap(), "0"])
            .env("ONBOARD_OPERATOR_EMAIL", OPERATOR)
            .env("ONBOARD_OPERATOR_PASSWORD", OPERATOR_PASSWORD)
            // The journeys serve each browser from a port of its own.
            .env("ONBOARD_ORIGINS", "*")
            .env(
                "ONBOARD_KINTO_PAGE",
                page.map(|p| p.to_string()).unwrap_or_default(),
            )
            .status()
            .expect("scripts/shared.sh runs");
        assert!(
            status.success(),
            "PostgreSQL and Kinto did not start (see {})",
            dir.display()
        );
        let port = std::fs::read_to_string(dir.join("kinto.port")).expect("Kinto's port");
        let url = format!("http://127.0.0.1:{}/v1", port.trim());
        let client = Client::new(&url);
        let kinto = Kinto { dir, url, client };
        provision(&kinto.client, OPERATOR, OPERATOR_PASSWORD).expect("provisioned");
        kinto
    }

    pub fn office(&self) -> Caller {
        Caller::Account(OPERATOR.into(), OPERATOR_PASSWORD.into())
    }

    /// Makes an account (self sign-up, as anyone may) and returns it as a caller.
    pub fn account(&self, email: &str) -> Caller {
        let password = format!("pw-of-{email}");
        let reply = self
            .client
            .send(&Caller::Anonymous, &sign_up(email, &password))
            .unwrap();
        assert_eq!(reply.status, 201, "account {email}: {}", reply.body);
        Caller::Account(email.into(), password)
    }

    /// What a host does for a forgotten password (`scripts/shared.sh password`): the
    /// temporary password it printed.
    pub fn temporary_password(&self, email: &str) -> String {
        self.set_temporary_password(email, None)
    }

    /// The same with the host's own choice of password (`chosen`), or one made up.
    pub fn set_temporary_password(&self, email: &str, chosen: Option<&str>) -> String {
        let dir = self.dir.to_str().unwrap();
        let out = Command::new(script())
            .args(["password", dir, email])
            .args(chosen)
            .output()
            .expect("scripts/shared.sh runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// A transaction on Kinto's database, begun and left open (as a request of Kinto's
    /// is between the row it wrote, stamped then, and its commit): `statements` are
    /// run in it; [`Open::commit`] ends it.
    pub fn open_transaction(&self, statements: &str) -> Open {
        use std::io::{BufRead, Write};
        use std::process::Stdio;
        let mut child = Command::new(script())
            .args(["sql", self.dir.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("scripts/shared.sh runs");
        let mut stdin = child.stdin.take().unwrap();
        // The marker comes back once the statements have run.
        writeln!(stdin, "BEGIN;\n{statements}\nSELECT 'ran';").unwrap();
        stdin.flush().unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while line.trim() != "ran" {
            line.clear();
            let n = out.read_line(&mut line).unwrap();
            if n == 0 {
                let mut why = String::new();
                let _ = std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut why);
                panic!("psql ended before the statements ran: {statements}\n{why}");
            }
        }
        Open { child, stdin }
    }

    /// Sends `req` as `who`, again after a moment while Kinto answers "please retry"
    /// (409 when concurrent transactions collide, 503 when its database is busy: it
    /// rolled the request back), as any client of it should.
    pub fn send(&self, who: &Caller, req: &Request) -> Reply {
        use onboard::store::shared::layout::{retry_later, RETRY_MS};
        let mut reply = self.client.send(who, req).unwrap();
        for wait in RETRY_MS {
            if !retry_later(reply.status, &reply.body, false) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(wait.into()));
            reply = self.client.send(who, req).unwrap();
        }
        reply
    }
    pub fn get(&self, who: &Caller, path: &str) -> Reply {
        self.client.get(who, path).unwrap()
    }
    /// The record at `path` as `who` reads it, changed by `change`, as a `PUT` of it
    /// (a write by hand through Kinto's API, as a caller of it could make).
    pub fn rewritten(
        &self,
        who: &Caller,
        path: &str,
        change: impl FnOnce(&mut serde_json::Value),
    ) -> Request {
        let mut data = self.get(who, path).body["data"].clone();
        for key in ["id", "last_modified"] {
            data.as_object_mut().unwrap().remove(key);
        }
        change(&mut data);
        put(path, serde_json::json!({ "data": data }))
    }
}

impl Drop for Kinto {
    fn drop(&mut self) {
        let _ = Command::new(script())
            .args(["stop", self.dir.to_str().unwrap()])
            .status();
    }
}

/// A transaction left open ([`Kinto::open_transaction`]).
pub struct Open {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
}

impl Open {
    pub fn commit(mut self) {
        use std::io::Write;
        writeln!(self.stdin, "COMMIT;").unwrap();
        drop(self.stdin);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "the transaction did not commit");
    }
}

pub fn put(path: impl Into<String>, body: serde_json::Value) -> Request {
    Request::put(path.into(), body)
}

/// What the [`Faulty`] proxy does to the next write (a request other than `GET`)
/// whose path ends as given.
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// Answers this status itself, as Kinto does when it rolled a request back.
    Answer(u16),
    /// Passes the write on to Kinto, then answers 503 instead of Kinto's answer: the
    /// write was taken, its answer lost.
    LoseAnswer,
    /// Passes the request on this many milliseconds late, as a slow server would.
    Late(u64),
}

/// A proxy on a loopback port in front of a Kinto, passing every request on except
/// the writes it was told to fail ([`Faulty::next`]). One thread per connection (the
/// native client closes each after one request); stopped when dropped.
pub struct Faulty {
    pub url: String,
    pub client: Client,
    faults: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<(String, Fault)>>>,
    /// The same for requests of any method, reads too ([`Faulty::next_read`]).
    reads: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<(String, Fault)>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    port: u16,
}

impl Faulty {
    pub fn start(kinto: &Kinto) -> Faulty {
        use std::io::{Read, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let upstream = kinto
            .url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let faults: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<(String, Fault)>>> =
            Default::default();
        let reads: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<(String, Fault)>>> =
            Default::default();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (f, s, r) = (faults.clone(), stop.clone(), reads.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut conn) = conn else { continue };
                let (f, r, upstream) = (f.clone(), r.clone(), upstream.clone());
                std::thread::spawn(move || {
                    // The request: its head, then as many bytes as it says.
                    let mut raw = Vec::new();
                    let mut buf = [0u8; 8192];
                    let head_end = loop {
                        let n = conn.read(&mut buf).unwrap_or(0);
                        if n == 0 {
                            return;
                        }
                        raw.extend_from_slice(&buf[..n]);
                        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                            break i + 4;
                        }
                    };
                    let head = String::from_utf8_lossy(&raw[..head_end]).to_string();
                    let length = head
                        .lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case("content-length")
                                .then(|| v.trim().parse::<usize>().ok())?
                        })
                        .unwrap_or(0);
                    while raw.len() < head_end + length {
                        let n = conn.read(&mut buf).unwrap_or(0);
                        if n == 0 {
                            break;
                        }
                        raw.extend_from_slice(&buf[..n]);
                    }
                    let mut words = head.split_whitespace();
                    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                    let take =
                        |q: &std::sync::Mutex<std::collections::VecDeque<(String, Fault)>>| {
                            let mut q = q.lock().unwrap();
                            let i = q.iter().position(|(end, _)| path.ends_with(end.as_str()))?;
                            q.remove(i).map(|(_, fault)| fault)
                        };
                    // A browser's preflight is passed on as it is.
                    let fault = match method {
                        "OPTIONS" => None,
                        "GET" => take(&r),
                        _ => take(&r).or_else(|| take(&f)),
                    };
                    if let Some(Fault::Late(ms)) = fault {
                        std::thread::sleep(std::time::Duration::from_millis(ms));
                    }
                    let answer = |status: u16| {
                        let body = format!(
                            "{{\"code\": {status}, \"errno\": 122, \"error\": \"Conflict\", \
                             \"message\": \"please retry\"}}"
                        );
                        format!(
                            "HTTP/1.1 {status} Fault\r\nContent-Type: application/json\r\n\
                             Content-Length: {}\r\nAccess-Control-Allow-Origin: *\r\n\
                             Connection: close\r\n\r\n{body}",
                            body.len()
                        )
                    };
                    if let Some(Fault::Answer(status)) = fault {
                        let _ = conn.write_all(answer(status).as_bytes());
                        return;
                    }
                    let Ok(mut up) = std::net::TcpStream::connect(&upstream) else {
                        return;
                    };
                    // One request a connection, both ways (a browser would keep it).
                    let mut out: String = head
                        .trim_end()
                        .lines()
                        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
                        .map(|l| format!("{l}\r\n"))
                        .collect();
                    out.push_str("Connection: close\r\n\r\n");
                    let _ = up.write_all(out.as_bytes());
                    let _ = up.write_all(&raw[head_end..]);
                    let mut reply = Vec::new();
                    let _ = up.read_to_end(&mut reply);
                    if let Some(Fault::LoseAnswer) = fault {
                        let _ = conn.write_all(answer(503).as_bytes());
                    } else {
                        let _ = conn.write_all(&reply);
                    }
                });
            }
        });
        let url = format!("http://127.0.0.1:{port}/v1");
        Faulty {
            client: Client::new(&url),
            url,
            faults,
            reads,
            stop,
            port,
        }
    }

    /// Queues `fault` for the next write whose path ends with `path_end`.
    pub fn next(&self, path_end: &str, fault: Fault) {
        self.faults
            .lock()
            .unwrap()
            .push_back((path_end.to_string(), fault));
    }

    /// Queues `fault` for the next request of any method but a preflight, a read too,
    /// whose path ends with `path_end` (`Fault::Late(ms)`: a slow server;
    /// `Fault::Answer(503)`: one being restarted).
    pub fn next_read(&self, path_end: &str, fault: Fault) {
        self.reads
            .lock()
            .unwrap()
            .push_back((path_end.to_string(), fault));
    }

    /// How many faults are queued and not met yet.
    pub fn waiting(&self) -> usize {
        self.faults.lock().unwrap().len() + self.reads.lock().unwrap().len()
    }
}

impl Drop for Faulty {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wakes the accepting thread so that it sees `stop`.
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
    }
}
