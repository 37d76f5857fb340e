//! A blocking HTTP/1.1 client for a Kinto on loopback (provisioning, tests, benchmark).
//! One connection per request (`Connection: close`); no TLS, on purpose: it is never
//! pointed at anything but 127.0.0.1.
use super::layout::Request;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A server's answer: status, ETag (without quotes), JSON body (`Null` if none) and the
/// `Next-Page` header of a listing with more pages.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    pub body: Value,
    pub next_page: Option<String>,
}

/// Who is calling: nobody, or an account and its password (HTTP Basic).
#[derive(Clone, Debug)]
pub enum Caller {
    Anonymous,
    Account(String, String),
}

#[derive(Clone, Debug)]
pub struct Client {
    /// `host:port`
    addr: String,
    /// The path prefix, e.g. `/v1`.
    prefix: String,
}

impl Client {
    /// `url` is `http://127.0.0.1:<port>/v1`.
    pub fn new(url: &str) -> Client {
        let rest = url.trim_end_matches('/').trim_start_matches("http://");
        let (addr, prefix) = rest.split_once('/').unwrap_or((rest, "v1"));
        Client {
            addr: addr.to_string(),
            prefix: format!("/{prefix}"),
        }
    }

    /// Sends `req` as `who`, or as the request's own credentials when it names any.
    pub fn send(&self, who: &Caller, req: &Request) -> std::io::Result<Reply> {
        use super::layout::Credentials;
        let own;
        let who = match &req.credentials {
            Credentials::Session => who,
            Credentials::Anonymous => &Caller::Anonymous,
            Credentials::Account(id, password) => {
                own = Caller::Account(id.clone(), password.clone());
                &own
            }
        };
        self.call(who, req.method, &req.path, req.body.as_ref(), |h| {
            if req.create_only {
                h.push_str("If-None-Match: *\r\n");
            }
            if let Some(v) = req.if_match {
                h.push_str(&format!("If-Match: \"{v}\"\r\n"));
            }
        })
    }

    /// One page of a listing (its `next_page` says whether there are more).
    pub fn get_page(&self, who: &Caller, path: &str) -> std::io::Result<Reply> {
        self.call(who, "GET", path, None, |_| {})
    }

    /// A request with `If-Match: "<etag>"` (a write only over that version).
    pub fn send_if(&self, who: &Caller, req: &Request, etag: &str) -> std::io::Result<Reply> {
        self.call(who, req.method, &req.path, req.body.as_ref(), |h| {
            h.push_str(&format!("If-Match: \"{etag}\"\r\n"))
        })
    }

    /// A record, or a whole listing: every page of it ([`super::layout::next_page`]),
    /// or the first refusal of one.
    pub fn get(&self, who: &Caller, path: &str) -> std::io::Result<Reply> {
        let mut reply = self.get_page(who, path)?;
        let mut asked = path.to_string();
        while reply.status == 200 {
            let Some(next) = super::layout::next_page(&asked, reply.next_page.as_deref()) else {
                break;
            };
            let page = self.call(who, "GET", &next, None, |_| {})?;
            if page.status != 200 {
                return Ok(page);
            }
            super::layout::add_page(&mut reply.body, page.body);
            (reply.next_page, asked) = (page.next_page, next);
        }
        reply.next_page = None;
        Ok(reply)
    }

    fn call(
        &self,
        who: &Caller,
        method: &str,
        path: &str,
        body: Option<&Value>,
        extra: impl FnOnce(&mut String),
    ) -> std::io::Result<Reply> {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut head = format!(
            "{method} {}{path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Accept: application/json\r\n",
            self.prefix, self.addr
        );
        if let Caller::Account(id, password) = who {
            head.push_str(&format!(
                "Authorization: Basic {}\r\n",
                super::layout::base64(format!("{id}:{password}").as_bytes())
            ));
        }
        if !body.is_empty() {
            head.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        extra(&mut head);
        head.push_str("\r\n");
        let mut stream = TcpStream::connect(&self.addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        stream.write_all(head.as_bytes())?;
        stream.write_all(body.as_bytes())?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        parse(&raw).ok_or_else(|| std::io::Error::other("not an HTTP answer"))
    }
}

fn parse(raw: &[u8]) -> Option<Reply> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let (mut etag, mut chunked, mut next_page) = (None, false, None);
    for line in lines {
        let (name, value) = line.split_once(':')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "etag" => etag = Some(value.trim().trim_matches('"').to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "next-page" => next_page = Some(value.trim().to_string()),
            _ => {}
        }
    }
    let mut body = raw[split + 4..].to_vec();
    if chunked {
        body = dechunk(&body)?;
    }
    let body = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).ok()?
    };
    Some(Reply {
        status,
        etag,
        body,
        next_page,
    })
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..end]).ok()?.trim(), 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(end + 2..end + 2 + size)?);
        raw = raw.get(end + 4 + size..)?;
    }
}

/// Makes the operator's account (if absent) and everything [`super::layout::provision`]
/// lists; fails with what went wrong (wrong password for an existing account, a
/// refusal) in words.
pub fn provision(client: &Client, email: &str, password: &str) -> Result<(), String> {
    use super::layout::{account, provision, sign_up, BUCKET, DECISIONS};
    use serde_json::json;
    let io = |e: std::io::Error| format!("server unreachable: {e}");
    let made = client
        .send(&Caller::Anonymous, &sign_up(email, password))
        .map_err(io)?;
    if !matches!(made.status, 201 | 401 | 403 | 412) {
        return Err(format!("making the operator account: HTTP {}", made.status));
    }
    let me = Caller::Account(email.to_string(), password.to_string());
    let hello = client.get(&me, "/").map_err(io)?;
    if hello.body["user"]["id"] != json!(account(email)) {
        return Err(format!(
            "the operator account {email} exists with another password (HTTP {})",
            hello.status
        ));
    }
    let refused = |req: &super::layout::Request, reply: &Reply| {
        format!(
            "{} {}: HTTP {} {}",
            req.method, req.path, reply.status, reply.body
        )
    };
    let mut decisions_made = false;
    for req in provision(email) {
        let reply = client.send(&me, &req).map_err(io)?;
        if !matches!(reply.status, 200 | 201 | 412) {
            return Err(refused(&req, &reply));
        }
        decisions_made |= reply.status == 201 && req.path.ends_with(&format!("/{DECISIONS}"));
    }
    // A server set up by an earlier build: the decisions its applications' records
    // hold become the office's records (once, as the collection is made).
    if decisions_made {
        use super::replica::{decisions_kept_in, records_of};
        let path = format!("/buckets/{BUCKET}/collections/applications/records");
        let listing = client.get(&me, &path).map_err(io)?;
        let records: Vec<_> = records_of("applications", &listing.body)
            .into_iter()
            .filter_map(|(_, r)| r)
            .collect();
        for req in decisions_kept_in(&records) {
            let reply = client.send(&me, &req).map_err(io)?;
            if !matches!(reply.status, 200 | 201 | 412) {
                return Err(refused(&req, &reply));
            }
        }
    }
    Ok(())
}

/// One person's browser, natively: a replica of what the account may read, commands
/// applied to it and written through (the blocking twin of the browser's engine, for
/// tests and the benchmark).
pub struct Peer {
    client: Client,
    pub caller: Caller,
    pub email: onboard_core::text::Email,
    pub office: bool,
    pub replica: super::replica::Replica,
    pub state: onboard_core::State,
    pub skipped: Vec<super::replica::Skipped>,
    /// How many times a write was refused as stale and the command made again.
    pub stale_retries: usize,
    /// How many requests its commands' writes took (a batch is one).
    pub write_requests: usize,
    /// How many of those were a write sent again after Kinto rolled it back.
    pub write_retries: usize,
    /// How many listings its polls asked for (one each, whatever its pages: a real
    /// server answers with up to 10,000 records a page, the tests' with 5).
    pub poll_requests: usize,
    /// The newest version read of each collection (for `_since`).
    since: std::collections::BTreeMap<String, u64>,
    /// The server keeps a change feed ([`super::layout::has_feed`]).
    feed_kept: bool,
    /// Following it: the newest entry seen.
    pub feed: Option<u64>,
    /// The mail and audit entries of commands written but for them, each command's to
    /// send again ([`Peer::send_unsent`]; the browser keeps them in localStorage).
    pub unsent: Vec<Vec<super::layout::Request>>,
}

/// Why a command did not land.
#[derive(Clone, Debug, PartialEq)]
pub enum RunError {
    /// The domain refused it (nothing was written).
    Domain(onboard_core::DomainError),
    /// The server refused a write (this account may not).
    Refused(u16, String),
    /// Someone else kept changing the same records.
    Stale,
    Failed(String),
}

impl Peer {
    /// Signs in as `email` (the server checks the password) and reads everything the
    /// account may read.
    pub fn open(client: &Client, email: &str, password: &str) -> Result<Peer, String> {
        let caller = Caller::Account(email.to_string(), password.to_string());
        let hello = client.get(&caller, "/").map_err(|e| e.to_string())?;

        let principals = hello.body["user"]["principals"].clone();
        if hello.body["user"]["id"] != serde_json::json!(super::layout::account(email)) {
            return Err(format!("not signed in (HTTP {})", hello.status));
        }
        let office = principals.as_array().is_some_and(|p| {
            p.contains(&serde_json::json!(super::layout::group(
                super::layout::OFFICE_GROUP
            )))
        });
        let mut peer = Peer {
            client: client.clone(),
            caller,
            email: onboard_core::text::Email::parse(email).map_err(|e| format!("{e:?}"))?,
            office,
            replica: Default::default(),
            state: Default::default(),
            skipped: vec![],
            stale_retries: 0,
            write_requests: 0,
            write_retries: 0,
            poll_requests: 0,
            since: Default::default(),
            // The office only: see the browser's `sign_in`.
            feed_kept: super::layout::has_feed(&hello.body) && office,
            feed: None,
            unsent: Vec::new(),
        };
        peer.reload()?;
        Ok(peer)
    }

    /// Reads again everything the account may read (as the browser's load does).
    pub fn reload(&mut self) -> Result<(), String> {
        use super::replica::{collections_of, records_of, Replica};
        let io = |e: std::io::Error| e.to_string();
        // Where the feed stands before anything is read (see the browser's `load`).
        let feed = match self.feed_kept {
            true => {
                let r = self
                    .client
                    .get_page(&self.caller, &super::layout::feed_start().path)
                    .map_err(io)?;
                (r.status == 200).then(|| super::replica::newest_entry(&r.body))
            }
            false => None,
        };
        let bucket = format!("/buckets/{}/collections", super::layout::BUCKET);
        let listing = self.client.get(&self.caller, &bucket).map_err(io)?;
        let mut records = Vec::new();
        let mut since = std::collections::BTreeMap::new();
        for c in collections_of(&listing.body) {
            let r = self
                .client
                .get(&self.caller, &format!("{bucket}/{c}/records"))
                .map_err(io)?;
            if r.status == 200 {
                let got: Vec<_> = records_of(&c, &r.body)
                    .into_iter()
                    .filter_map(|(_, r)| r)
                    .collect();
                since.insert(c, got.iter().map(|r| r.version).max().unwrap_or(0));
                records.extend(got);
            }
        }
        // The office: audit entries changed after they were written, as first written.
        let mut tampered = Vec::new();
        if feed.is_some() {
            use super::replica::{as_written, tampering, with_audit_as_written};
            let path = super::layout::audit_changes().path;
            let changes = self.client.get(&self.caller, &path).map_err(io)?;
            tampered = tampering(&changes.body);
            let ids = tampered.iter().map(|t| t.place.record.clone());
            for req in super::layout::audit_as_written(ids) {
                let r = self.client.get(&self.caller, &req.path).map_err(io)?;
                with_audit_as_written(&mut records, as_written(&r.body));
            }
        }
        let (mut replica, state, skipped) = Replica::load(records);
        replica.note_tampering(tampered);
        (self.replica, self.state, self.skipped) = (replica, state, skipped);
        (self.since, self.feed) = (since, feed);
        Ok(())
    }

    /// Reads what others changed since the last look, as the browser's poll does (one
    /// request after another here): the bucket's collections, then with the server's
    /// change feed only the inbox, the collections not read yet and the feed, without
    /// it every collection `_since` what was read of it. Returns whether the state
    /// changed.
    pub fn poll(&mut self) -> Result<bool, String> {
        use super::replica::{collections_of, records_of};
        // A command's entries left unsent first, then everything read again (as the
        // browser's flush and resync do).
        if !self.unsent.is_empty() {
            let sent = self.send_unsent().map_err(|e| format!("{e:?}"))?;
            if sent > 0 {
                self.reload()?;
                return Ok(true);
            }
        }
        let io = |e: std::io::Error| e.to_string();
        let bucket = format!("/buckets/{}/collections", super::layout::BUCKET);
        let listing = self.client.get(&self.caller, &bucket).map_err(io)?;
        self.poll_requests += 1;
        let mut changes = Vec::new();
        for c in collections_of(&listing.body) {
            if self.feed.is_some() && c != "inbox" && self.since.contains_key(&c) {
                continue;
            }
            let read = super::layout::poll_read(&c, self.since.get(&c).copied());
            let r = self.client.get(&self.caller, &read.path).map_err(io)?;
            self.poll_requests += 1;
            if r.status != 200 {
                continue;
            }
            let mut got = records_of(&c, &r.body);
            if c == "inbox" {
                got = self.replica.inbox_listing(got);
            }
            let top = got
                .iter()
                .filter_map(|(_, r)| r.as_ref().map(|r| r.version))
                .chain(self.since.get(&c).copied())
                .max()
                .unwrap_or(0);
            self.since.insert(c, top);
            changes.extend(got);
        }
        if let Some(n) = self.feed {
            let r = self
                .client
                .get(&self.caller, &super::layout::feed_since(n).path)
                .map_err(io)?;
            self.poll_requests += 1;
            if r.status == 200 {
                let (more, top) = self.replica.feed(&r.body);
                changes.extend(more);
                self.feed = Some(n.max(top));
            } else {
                self.feed = None;
            }
        }
        Ok(!changes.is_empty() && self.replica.absorb_all(&mut self.state, changes))
    }

    pub fn actor(&self) -> onboard_core::Actor {
        self.state.actor_of_account(&self.email, self.office)
    }

    /// Sends a run of writes ([`super::replica::batches`]): one alone, or several in
    /// one batch; the status and body of each.
    fn send_run(
        &mut self,
        run: &[super::replica::Write],
    ) -> Result<Vec<(u16, serde_json::Value)>, RunError> {
        use super::layout::{retry_later, RETRY_MS};
        let failed = |e: std::io::Error| RunError::Failed(e.to_string());
        let one = matches!(run, [_]);
        let request = match run {
            [w] => w.request.clone(),
            _ => super::layout::batch(run.iter().map(|w| &w.request)),
        };
        self.write_requests += 1;
        let mut reply = self.client.send(&self.caller, &request).map_err(failed)?;
        for wait in RETRY_MS {
            if !retry_later(reply.status, &reply.body, !one) {
                break;
            }
            std::thread::sleep(Duration::from_millis(wait.into()));
            self.write_requests += 1;
            self.write_retries += 1;
            reply = self.client.send(&self.caller, &request).map_err(failed)?;
        }
        if one {
            return Ok(vec![(reply.status, reply.body)]);
        }
        match super::layout::batch_answers(&reply.body) {
            Some(answers) if reply.status == 200 && answers.len() == run.len() => Ok(answers),
            _ => Err(RunError::Failed(format!(
                "batch: HTTP {}: {}",
                reply.status, reply.body
            ))),
        }
    }

    /// Applies `cmd` and writes what it changed. A write refused as stale takes the
    /// current record in and applies the command again (up to 3 times).
    pub fn run(
        &mut self,
        cmd: onboard_core::Command,
        ctx: &mut dyn FnMut() -> onboard_core::Ctx,
    ) -> Result<onboard_core::tx::Reply, RunError> {
        self.run_with(Some(cmd), None, ctx)
    }

    /// Asks for access to a site this account cannot read (the request goes to the
    /// inbox, for the site's writers to take in).
    pub fn ask(
        &mut self,
        site: &str,
        customer: &str,
        message: &str,
        ctx: onboard_core::Ctx,
    ) -> Result<(), RunError> {
        let nonce = ctx.random_hex(6);
        let (place, request, ask) = self
            .replica
            .ask(
                &self.state,
                &self.email,
                site,
                customer,
                message,
                ctx.now,
                &nonce,
            )
            .map_err(RunError::Domain)?;
        self.put_in_inbox(place, request, ask)
    }

    /// What a company's token shows (its directory entry), asked as the token's
    /// account: `None` for a token that opens nothing.
    pub fn look_up_token(
        &self,
        token: &str,
    ) -> Result<Option<onboard_core::partner::JoinChoice>, RunError> {
        let r = self
            .client
            .send(&self.caller, &super::layout::directory_lookup(token))
            .map_err(|e| RunError::Failed(e.to_string()))?;
        Ok(super::replica::choice_of(r.status, &r.body))
    }

    /// Asks to join the company `token` opens, which this account cannot read (the
    /// request goes to the inbox, for the company's admins to take in).
    pub fn join(
        &mut self,
        token: &str,
        location: u32,
        profile: &onboard_core::partner_commands::ProfileInput,
        ctx: onboard_core::Ctx,
    ) -> Result<(), RunError> {
        let choice = self
            .look_up_token(token)?
            .ok_or(RunError::Domain(onboard_core::DomainError::NotFound))?;
        let nonce = ctx.random_hex(6);
        let (place, request, ask) = self
            .replica
            .join(
                &self.state,
                &self.email,
                &choice,
                token,
                location,
                profile,
                ctx.now,
                &nonce,
            )
            .map_err(RunError::Domain)?;
        self.put_in_inbox(place, request, ask)
    }

    /// Asks eCustomer Care for help (the request goes to the inbox, for the office to
    /// take in: the reference comes by mail).
    pub fn ask_help(
        &mut self,
        subject: &str,
        site: &str,
        description: &str,
        ctx: onboard_core::Ctx,
    ) -> Result<(), RunError> {
        let nonce = ctx.random_hex(6);
        let (place, request, ask) = self
            .replica
            .ask_help(
                &self.state,
                &self.email,
                subject,
                site,
                description,
                &ctx,
                &nonce,
            )
            .map_err(RunError::Domain)?;
        self.put_in_inbox(place, request, ask)
    }

    /// A plain employee's change to their own entry of a company (goes to its inbox,
    /// for an administrator's browser to apply).
    pub fn ask_own(
        &mut self,
        command: onboard_core::partner_commands::PartnerCommand,
        ctx: onboard_core::Ctx,
    ) -> Result<(), RunError> {
        let nonce = ctx.random_hex(6);
        let (place, request, ask) = self
            .replica
            .ask_own(&self.state, &self.email, command, &ctx, &nonce)
            .map_err(RunError::Domain)?;
        self.put_in_inbox(place, request, ask)
    }

    /// Withdraws this account's waiting request to the site or company `to` (marks its
    /// inbox record; a decider's browser applies it).
    pub fn withdraw(&mut self, to: &str, ctx: onboard_core::Ctx) -> Result<(), RunError> {
        let (place, request, ask) = self
            .replica
            .withdraw(&self.email, to, ctx.now)
            .map_err(RunError::Domain)?;
        self.put_in_inbox(place, request, ask)
    }

    /// Publishes the directory entries of the companies this account manages that this
    /// replica has not written since it loaded (as a browser does on each poll).
    pub fn publish(&mut self) -> Result<(), RunError> {
        for w in self
            .replica
            .unpublished(&self.state, &self.email, self.office)
        {
            // Once per load, whatever the answer (as the browser does).
            self.client
                .send(&self.caller, &w.request)
                .map_err(|e| RunError::Failed(e.to_string()))?;
            self.replica.wrote(&w.target, 0);
        }
        Ok(())
    }

    /// Puts one of this account's requests in the inbox and remembers it.
    fn put_in_inbox(
        &mut self,
        place: super::layout::Place,
        request: super::layout::Request,
        ask: super::replica::Inbound,
    ) -> Result<(), RunError> {
        let reply = self
            .client
            .send(&self.caller, &request)
            .map_err(|e| RunError::Failed(e.to_string()))?;
        match reply.status {
            200 | 201 => {
                let v = reply.body["data"]["last_modified"].as_u64().unwrap_or(0);
                self.replica.asked_now(place, v, ask);
                Ok(())
            }
            s => Err(RunError::Refused(s, request.path)),
        }
    }

    /// Takes in the access requests of the inbox this account decides (each applied as
    /// its asker), and deletes those decided or forged. Returns how many it took in.
    pub fn take_in(
        &mut self,
        ctx: &mut dyn FnMut() -> onboard_core::Ctx,
    ) -> Result<usize, RunError> {
        use super::replica::Intake;
        let mut took = 0;
        for place in self
            .replica
            .to_take_in(&self.state, &self.email, self.office)
        {
            let r = self
                .client
                .get(&self.caller, &place.path())
                .map_err(|e| RunError::Failed(e.to_string()))?;
            if r.status != 200 {
                continue;
            }
            let permissions = r.body["permissions"].clone();
            match self.replica.take_in(&self.state, &place, &permissions) {
                Intake::Leave => {}
                Intake::Drop => self.drop_request(&place)?,
                Intake::Apply { .. } => {
                    match self.run_with(None, Some((&place, &permissions)), ctx) {
                        Ok(onboard_core::tx::Reply::Done) => {}
                        Ok(_) => took += 1,
                        // The rules refuse it (no such site for that customer number, asked
                        // already, a user already): it never will be, so it goes.
                        Err(RunError::Domain(_)) => self.drop_request(&place)?,
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        Ok(took)
    }

    fn drop_request(&mut self, place: &super::layout::Place) -> Result<(), RunError> {
        if let Some(w) = self.replica.drop_request(place) {
            let r = self
                .client
                .send(&self.caller, &w.request)
                .map_err(|e| RunError::Failed(e.to_string()))?;
            if r.status == 200 {
                self.replica.wrote(&w.target, 0);
            }
        }
        Ok(())
    }

    /// Sends the entries kept in [`Peer::unsent`], oldest first; each command's go
    /// once all are taken (one there as sent counts) or one is refused. Returns how
    /// many commands' entries went; stops at the first the server did not answer.
    pub fn send_unsent(&mut self) -> Result<usize, RunError> {
        use super::replica::{answer, Answer, Target, Write};
        let mut sent = 0;
        while let Some(requests) = self.unsent.first().cloned() {
            let writes: Vec<Write> = requests
                .into_iter()
                .map(|request| Write {
                    request,
                    target: Target::Quiet,
                })
                .collect();
            for run in writes.chunks(super::layout::BATCH_MAX) {
                let answers = self.send_run(run)?;
                for (w, (status, body)) in run.iter().zip(answers) {
                    if let Answer::Failed(s) = answer(w, status, &body) {
                        return Err(RunError::Failed(format!("HTTP {s}: {body}")));
                    }
                }
            }
            self.unsent.remove(0);
            sent += 1;
        }
        Ok(sent)
    }

    /// `run`, or (with `intake`) an inbox request applied as its asker.
    fn run_with(
        &mut self,
        cmd: Option<onboard_core::Command>,
        intake: Option<(&super::layout::Place, &serde_json::Value)>,
        ctx: &mut dyn FnMut() -> onboard_core::Ctx,
    ) -> Result<onboard_core::tx::Reply, RunError> {
        use super::replica::{Answer, Intake, Target};
        for _ in 0..3 {
            let mut ctx = ctx();
            let (before, actor, cmd) = match (intake, &cmd) {
                (Some((place, permissions)), _) => {
                    match self.replica.take_in(&self.state, place, permissions) {
                        Intake::Apply {
                            state,
                            actor,
                            command,
                            at,
                        } => {
                            ctx.now = at;
                            (*state, actor, command)
                        }
                        // Another decider took it in meanwhile.
                        Intake::Leave => return Ok(onboard_core::tx::Reply::Done),
                        Intake::Drop => {
                            return Err(RunError::Domain(onboard_core::DomainError::NotFound))
                        }
                    }
                }
                (None, Some(cmd)) => (self.state.clone(), self.actor(), cmd.clone()),
                (None, None) => return Err(RunError::Stale),
            };
            let out = onboard_core::apply(&before, &actor, cmd, &ctx).map_err(RunError::Domain)?;
            let nonce = ctx.random_hex(6);
            let writes = self.replica.plan(&before, &out.changed, &out.state, &nonce);
            let mut stale = None;
            'sending: for range in super::replica::batches(&writes) {
                let start = range.start;
                let run = &writes[range];
                let (at, error) = match self.send_run(run) {
                    Err(e) => (start, e),
                    Ok(answers) => match self.replica.take_answers(run, answers).1 {
                        None | Some((_, Answer::Took(_), _)) => continue,
                        Some((i, Answer::Stale(current), _)) => {
                            stale = Some((run[i].target.clone(), current));
                            break 'sending;
                        }
                        Some((i, Answer::Refused(s), _)) => {
                            let w = &run[i];
                            let said = format!("{} {}", w.request.method, w.request.path);
                            (start + i, RunError::Refused(s, said))
                        }
                        Some((i, Answer::Failed(s), body)) => {
                            (start + i, RunError::Failed(format!("HTTP {s}: {body}")))
                        }
                    },
                };
                // Written but for its mail and audit entries: done, those kept to send.
                let rest = (at > 0)
                    .then(|| super::replica::leftover(&writes, at))
                    .flatten();
                let Some(rest) = rest else {
                    return Err(error);
                };
                for w in rest {
                    self.replica.wrote(&w.target, 0);
                }
                self.unsent
                    .push(rest.iter().map(|w| w.request.clone()).collect());
                self.state = out.state;
                return Ok(out.effect);
            }
            self.stale_retries += stale.is_some() as usize;
            match stale {
                None => {
                    self.state = out.state;
                    return Ok(out.effect);
                }
                Some((Target::Record(place, _), current)) => {
                    self.replica
                        .absorb_current(&mut self.state, &place, current.as_ref())
                        .map_err(RunError::Failed)?;
                }
                // Another office's decision, as the refusal sent it.
                Some((Target::Decision(_, _, place), Some(current))) => {
                    self.replica
                        .absorb_current(&mut self.state, &place, Some(&current))
                        .map_err(RunError::Failed)?;
                }
                Some(_) => self.reload().map_err(RunError::Failed)?,
            }
        }
        Err(RunError::Stale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_plain_and_chunked() {
        let plain = parse(
            b"HTTP/1.1 412 Precondition Failed\r\nETag: \"17\"\r\nContent-Length: 8\r\n\r\n\
              {\"a\": 1}",
        )
        .unwrap();
        assert_eq!((plain.status, plain.etag.as_deref()), (412, Some("17")));
        assert_eq!(plain.body["a"], 1);
        let chunked = parse(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
              3\r\n{\"a\r\n5\r\n\": 2}\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(chunked.body["a"], 2);
        assert!(parse(b"garbage").is_none());
    }
}
