//! `cargo run --example provision -- <kinto url>`: makes the operator account
//! (ONBOARD_OPERATOR_EMAIL, ONBOARD_OPERATOR_PASSWORD) and the bucket, groups and
//! collections of the shared mode; run by `make shared` (scripts/shared.sh). Safe to
//! run again: what exists is kept.
use onboard::store::shared::native::{provision, Client};

fn main() {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8888/v1".into());
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| {
            eprintln!("provision: {name} is not set");
            std::process::exit(2)
        })
    };
    let (email, password) = (
        var("ONBOARD_OPERATOR_EMAIL"),
        var("ONBOARD_OPERATOR_PASSWORD"),
    );
    match provision(&Client::new(&url), &email, &password) {
        Ok(()) => println!("provision: {url} is ready (operator {email})"),
        Err(e) => {
            eprintln!("provision: {e}");
            std::process::exit(1)
        }
    }
}
