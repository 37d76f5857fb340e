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

    /// Sends `req` as `who`, again after a moment while Kinto answers "please retry"
    /// (409 when concurrent transactions collide, 503 when its database is busy: it
    /// rolled the request back), as any client of it should.
    pub fn send(&self, who: &Caller, req: &Request) -> Reply {
        let mut reply = self.client.send(who, req).unwrap();
        for wait in [50, 100, 200, 400, 800] {
            if !matches!(reply.status, 409 | 503) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(wait));
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

pub fn put(path: impl Into<String>, body: serde_json::Value) -> Request {
    Request::put(path.into(), body)
}
