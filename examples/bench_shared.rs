//! `make bench-shared`: how many clients writing at once a Kinto on PostgreSQL holds on
//! this machine with no lost update, from loopback (bounded: a few thousand requests).
//! Every write is a read-modify-write with `If-Match`, retried on 412/409/503 as the
//! app does; "lost" compares the counters on the server with the writes that succeeded.
#[path = "../tests/shared_support/mod.rs"]
mod shared_support;

use onboard::store::shared::layout::BUCKET;
use onboard::store::shared::native::{Caller, Client};
use serde_json::json;
use shared_support::{put, Kinto};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Run {
    committed: u64,
    requests: u64,
    conflicts: u64,
    errors: u64,
    latencies: Vec<Duration>,
}

/// One increment of `record`: read, then write over that version; again on a conflict.
fn increment(client: &Client, who: &Caller, record: &str, run: &mut Run) {
    let started = Instant::now();
    for _ in 0..200 {
        run.requests += 2;
        let now = match client.get(who, record) {
            Ok(now) if now.status == 200 => now,
            Ok(busy) if busy.status == 503 => {
                run.conflicts += 1;
                continue;
            }
            other => {
                if std::env::var_os("BENCH_VERBOSE").is_some() {
                    eprintln!("read: {:?}", other.map(|r| (r.status, r.body)));
                }
                run.errors += 1;
                continue;
            }
        };
        let n = now.body["data"]["n"].as_u64().unwrap_or(0);
        let etag = now.etag.unwrap_or_default();
        match client.send_if(who, &put(record, json!({"data": {"n": n + 1}})), &etag) {
            Ok(r) if r.status == 200 => {
                run.committed += 1;
                run.latencies.push(started.elapsed());
                return;
            }
            Ok(r) if matches!(r.status, 409 | 412 | 503) => run.conflicts += 1,
            other => {
                if std::env::var_os("BENCH_VERBOSE").is_some() {
                    eprintln!("write: {:?}", other.map(|r| (r.status, r.body)));
                }
                run.errors += 1
            }
        }
    }
}

fn workload(
    kinto: &Kinto,
    clients: usize,
    each: usize,
    shared_record: bool,
) -> (Run, u64, Duration) {
    let office = kinto.office();
    let c = format!("/buckets/{BUCKET}/collections/bench-{clients}-{shared_record}");
    assert!(kinto.send(&office, &put(&c, json!({"data": {}}))).status < 300);
    let record = |i: usize| format!("{c}/records/r{}", if shared_record { 0 } else { i });
    for i in 0..if shared_record { 1 } else { clients } {
        assert!(
            kinto
                .send(&office, &put(record(i), json!({"data": {"n": 0}})))
                .status
                < 300
        );
    }
    let start = Arc::new(std::sync::Barrier::new(clients));
    let t0 = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|i| {
            let (client, office, path, start) = (
                kinto.client.clone(),
                office.clone(),
                record(i),
                start.clone(),
            );
            std::thread::spawn(move || {
                let mut run = Run {
                    committed: 0,
                    requests: 0,
                    conflicts: 0,
                    errors: 0,
                    latencies: vec![],
                };
                start.wait();
                for _ in 0..each {
                    increment(&client, &office, &path, &mut run);
                }
                run
            })
        })
        .collect();
    let mut all = Run {
        committed: 0,
        requests: 0,
        conflicts: 0,
        errors: 0,
        latencies: vec![],
    };
    for t in threads {
        let r = t.join().unwrap();
        all.committed += r.committed;
        all.requests += r.requests;
        all.conflicts += r.conflicts;
        all.errors += r.errors;
        all.latencies.extend(r.latencies);
    }
    let elapsed = t0.elapsed();
    let on_server: u64 = (0..if shared_record { 1 } else { clients })
        .map(|i| {
            kinto.get(&office, &record(i)).body["data"]["n"]
                .as_u64()
                .unwrap()
        })
        .sum();
    (all, on_server, elapsed)
}

fn main() {
    let kinto = Kinto::start_paged("bench", None);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!(
        "## Shared mode: clients writing at once (Kinto 26.5.0, PostgreSQL at repeatable \
        read, loopback, {cores} cores)\n"
    );
    println!(
        "| workload | clients | writes | writes/s | p50 ms | p95 ms | retried (409/412/503) | \
        errors | lost |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (shared_record, levels) in [(false, [1usize, 4, 16]), (true, [1, 4, 16])] {
        for clients in levels {
            let each = if shared_record {
                (48 / clients).max(2)
            } else {
                12
            };
            let (mut run, on_server, elapsed) = workload(&kinto, clients, each, shared_record);
            run.latencies.sort();
            let pct = |p: f64| {
                run.latencies
                    .get(((run.latencies.len() as f64 - 1.0) * p) as usize)
                    .map(|d| d.as_secs_f64() * 1000.0)
                    .unwrap_or(f64::NAN)
            };
            let lost = run.committed as i64 - on_server as i64;
            println!(
                "| {} | {clients} | {} | {:.0} | {:.0} | {:.0} | {} | {} ({:.1}%) | {lost} |",
                if shared_record {
                    "one record (worst case)"
                } else {
                    "own record each"
                },
                run.committed,
                run.committed as f64 / elapsed.as_secs_f64(),
                pct(0.5),
                pct(0.95),
                run.conflicts,
                run.errors,
                100.0 * run.errors as f64 / run.requests.max(1) as f64,
            );
            assert_eq!(lost, 0, "lost updates at {clients} clients");
        }
    }
}
