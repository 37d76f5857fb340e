//! The mailbox's search over 10,000 mails (the demo's mails, English and Japanese,
//! over and over), natively: what one key typed costs a list of that size, per pass
//! (the mailbox makes one for its list, one for "Mark all as read"). `make bench`.
use onboard_core::{demo, mail::Mail, text::search_key, Timestamp};

fn main() {
    let state = demo::build(Timestamp(1_790_000_000_000), [3; 32]).expect("the demo");
    let demo: Vec<Mail> = state.mails_found(None, None, "").cloned().collect();
    let mails: Vec<Mail> = demo.iter().cycle().take(10_000).cloned().collect();
    println!("\n## The mailbox's search, natively (10,000 mails, median of 15 passes)\n");
    println!("| typed | found | per pass |\n|---|---:|---:|");
    for typed in ["a", "ver", "12345678", "確認", "ＺＺＺＺ"] {
        let key = search_key(typed);
        let mut took = Vec::new();
        let mut found = 0;
        for _ in 0..15 {
            let t = std::time::Instant::now();
            found = mails.iter().filter(|m| m.matches(&key)).count();
            took.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        took.sort_by(f64::total_cmp);
        println!("| {typed} | {found} | {:.1} ms |", took[took.len() / 2]);
    }
}
