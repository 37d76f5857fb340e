//! Property tests over every parser: arbitrary Unicode (controls, right-to-left marks,
//! full-width forms, markup, very long input) gives a clear error or a normalised value
//! that parses again to itself; never a panic. Limits are stated by the parsers.
use onboard_core::error::FieldError;
use onboard_core::partner::{parse_date, parse_web, CompanyToken};
use onboard_core::route::{Href, Route};
use onboard_core::site::{
    parse_passcode, parse_postal, CustomerNumber, Phone, SiteNumber, PASSCODE_ALPHABET,
};
use onboard_core::text::{clean_text, Country};
use proptest::prelude::*;

mod seeded;

/// The longest free text a message field takes (`clean_text`'s limit in these tests).
const TEXT_MAX: usize = 1000;

/// Strings with the characters that break naive parsers.
fn nasty() -> impl Strategy<Value = String> {
    let parts = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{0000}".to_string()),
        Just("\r\n".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("ＡＢＣ１２３".to_string()),
        Just("\u{3000}".to_string()),
        Just("😀".to_string()),
        "[A-Za-z0-9 -]{0,20}",
    ];
    proptest::collection::vec(parts, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(seeded::config(1500))]

    #[test]
    fn a_route_reads_back_from_its_path(i in 0..Route::PATTERNS.len(), v in nasty()) {
        prop_assume!(!v.is_empty());
        let r = Route::build(i, v).unwrap();
        let path = r.path();
        prop_assert!(path.bytes().all(|b| b.is_ascii_graphic()), "{}", path);
        prop_assert_eq!(Route::parse(&path), Some(r.clone()));
        let h = r.with("q", "a&b=c");
        prop_assert_eq!(Href::parse(h.as_str()), Some(h.clone()));
    }

    #[test]
    fn an_address_read_back_never_leaves_the_app(s in nasty(), tail in nasty()) {
        for text in [s.clone(), format!("/{s}"), format!("/sites/{s}?{tail}"), format!("//{s}")] {
            if let Some(h) = Href::parse(&text) {
                prop_assert!(h.as_str().starts_with('/') && !h.as_str().starts_with("//"));
                prop_assert!(h.as_str().bytes().all(|b| b.is_ascii_graphic() && b != b'\\'));
                prop_assert!(h.route().is_some());
            }
        }
    }

    #[test]
    fn tokens(s in nasty()) {
        if let Ok(t) = CompanyToken::parse(&s) {
            prop_assert_eq!(t.as_str().len(), 16);
            prop_assert!(t.as_str().bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
            prop_assert_eq!(CompanyToken::parse(&t.grouped()).unwrap(), t.clone());
        }
    }

    #[test]
    fn generated_tokens_survive_how_people_type_them(
        raw in "[a-z0-9]{16}",
        seps in proptest::collection::vec(
            prop_oneof![Just(" "), Just("-"), Just("　"), Just("")],
            16,
        ),
    ) {
        let typed: String = raw.chars().zip(seps).map(|(c, s)| format!("{c}{s}")).collect();
        let wide: String = typed
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() && (c as u32) % 2 == 0 {
                    char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap()
                } else {
                    c
                }
            })
            .collect();
        let t = CompanyToken::parse(&wide).unwrap();
        prop_assert_eq!(t.as_str(), raw.to_uppercase());
    }

    #[test]
    fn passcodes(s in nasty()) {
        if let Ok(p) = parse_passcode(&s) {
            prop_assert_eq!(p.len(), 8);
            prop_assert!(p.bytes().all(|b| PASSCODE_ALPHABET.contains(&b)));
        }
    }

    #[test]
    fn numbers(s in nasty()) {
        if let Ok(n) = SiteNumber::parse(&s) {
            prop_assert_eq!(n.as_str().len(), 7);
            prop_assert_eq!(SiteNumber::parse(n.as_str()).unwrap(), n.clone());
        }
        if let Ok(n) = CustomerNumber::parse(&s) {
            prop_assert!(n.as_str().chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn phones(s in nasty()) {
        match Phone::parse(&s) {
            Ok(p) => {
                let digits = p.as_str().chars().filter(|c| c.is_ascii_digit()).count();
                prop_assert!((6..=15).contains(&digits));
                prop_assert!(p.as_str().len() <= 24);
                prop_assert_eq!(Phone::parse(p.as_str()).unwrap(), p.clone());
            }
            Err(e) => prop_assert!(e == FieldError::Required || e == FieldError::PhoneFormat),
        }
    }

    #[test]
    fn postal_codes(s in nasty(), jp in any::<bool>()) {
        let c = Country::parse(if jp { "JP" } else { "GB" }).unwrap();
        if let Ok(p) = parse_postal(&s, c) {
            prop_assert!(p.len() <= 10);
            prop_assert_eq!(parse_postal(&p, c).unwrap(), p.clone());
        }
    }

    #[test]
    fn dates(s in nasty(), y in 1900i64..2200, m in 1u32..13, d in 1u32..32) {
        let _ = parse_date(&s);
        let typed = format!("{y}/{m}/{d}");
        let real = d <= days_in_month(y, m);
        match parse_date(&typed) {
            Ok(Some(iso)) => {
                prop_assert!(real, "{typed} is not a calendar date but parsed as {iso}");
                prop_assert_eq!(iso.len(), 10);
                prop_assert_eq!(parse_date(&iso).unwrap(), Some(iso.clone()));
            }
            Ok(None) => prop_assert!(false, "{typed} parsed as empty"),
            Err(e) => {
                prop_assert!(!real, "{typed} is a calendar date but was refused");
                prop_assert_eq!(e, FieldError::DateFormat);
            }
        }
    }

    #[test]
    fn web_addresses(s in nasty()) {
        if let Ok(w) = parse_web(&s) {
            prop_assert!(w.is_empty() || w.starts_with("http://") || w.starts_with("https://"));
            prop_assert!(
                !w.contains('<') && !w.contains('"') && !w.chars().any(char::is_whitespace)
            );
            prop_assert!(w.len() <= 200);
        }
    }

    #[test]
    fn free_text(s in nasty()) {
        match clean_text(&s, TEXT_MAX) {
            Ok(t) => {
                prop_assert!(!t.is_empty() && t.chars().count() <= TEXT_MAX);
                prop_assert!(!t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
                let no_override = !t.contains('\u{202E}');
                prop_assert!(no_override, "bidi override kept");
            }
            Err(e) => {
                let expected = matches!(
                    e,
                    FieldError::Required
                        | FieldError::TooLong { .. }
                        | FieldError::ForbiddenCharacters
                );
                prop_assert!(expected, "unexpected error");
            }
        }
    }

    /// Every length above the limit is refused (the limit itself is allowed: see
    /// `text_at_the_limit_is_kept` below), and so is a token or a phone of that length.
    #[test]
    fn very_long_input_is_refused_quickly(n in (TEXT_MAX + 1)..20_000usize) {
        let long = "あ".repeat(n);
        let refused = matches!(
            clean_text(&long, TEXT_MAX),
            Err(FieldError::TooLong { max }) if max as usize == TEXT_MAX
        );
        prop_assert!(refused, "{n} characters accepted");
        prop_assert!(CompanyToken::parse(&long).is_err());
        prop_assert!(Phone::parse(&long).is_err());
    }

    // Valid input, generated: each parser accepts it, and what it prints parses again to
    // the same value (a round trip), so a stored value always reads back.

    #[test]
    fn valid_free_text_round_trips(t in "[a-zあ-んア-ン0-9][a-zあ-んア-ン0-9 .,!?\n]{0,998}[a-zあ-ん0-9]") {
        let v = clean_text(&t, TEXT_MAX).unwrap();
        prop_assert!(v.chars().count() <= TEXT_MAX);
        prop_assert_eq!(clean_text(&v, TEXT_MAX).unwrap(), v.clone());
    }

    #[test]
    fn valid_passcodes_round_trip(
        idx in proptest::collection::vec(0..PASSCODE_ALPHABET.len(), 8),
        lower in any::<bool>(),
        sep in prop_oneof![Just(""), Just("-"), Just(" ")],
    ) {
        let code: String = idx.iter().map(|&i| PASSCODE_ALPHABET[i] as char).collect();
        let typed = format!("{}{sep}{}", &code[..4], &code[4..]);
        let typed = if lower { typed.to_lowercase() } else { typed };
        let p = parse_passcode(&typed).unwrap();
        prop_assert_eq!(&p, &code);
        prop_assert_eq!(parse_passcode(&p).unwrap(), p.clone());
    }

    #[test]
    fn valid_numbers_round_trip(n in "[0-9]{7}") {
        let s = SiteNumber::parse(&n).unwrap();
        prop_assert_eq!(s.as_str(), n.as_str());
        prop_assert_eq!(SiteNumber::parse(s.as_str()).unwrap(), s.clone());
        let c = CustomerNumber::parse(&n).unwrap();
        prop_assert_eq!(CustomerNumber::parse(c.as_str()).unwrap(), c.clone());
    }

    #[test]
    fn valid_phones_round_trip(p in "\\+?[0-9]{2,4}[- ]?\\(?[0-9]{2,4}\\)?[- ]?[0-9]{2,7}") {
        let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
        prop_assume!(digits >= 6);
        let phone = Phone::parse(&p).unwrap();
        prop_assert_eq!(Phone::parse(phone.as_str()).unwrap(), phone.clone());
    }

    #[test]
    fn valid_postal_codes_round_trip(
        jp in "〒?[0-9]{3}-?[0-9]{4}",
        other in "[A-Za-z0-9][A-Za-z0-9 -]{0,8}[A-Za-z0-9]",
    ) {
        let japan = Country::parse("JP").unwrap();
        let p = parse_postal(&jp, japan).unwrap();
        prop_assert_eq!(p.len(), 8);
        prop_assert_eq!(parse_postal(&p, japan).unwrap(), p.clone());
        let uk = Country::parse("GB").unwrap();
        let q = parse_postal(&other, uk).unwrap();
        prop_assert_eq!(parse_postal(&q, uk).unwrap(), q.clone());
    }

    #[test]
    fn valid_web_addresses_round_trip(
        w in "(https?://)?[a-z0-9][a-z0-9-]{0,20}\\.[a-z]{2,6}(/[a-z0-9_-]{0,20})?",
    ) {
        let v = parse_web(&w).unwrap();
        prop_assert!(v.starts_with("http://") || v.starts_with("https://"));
        prop_assert_eq!(parse_web(&v).unwrap(), v.clone());
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[test]
fn text_at_the_limit_is_kept() {
    let at = "あ".repeat(TEXT_MAX);
    assert_eq!(clean_text(&at, TEXT_MAX).unwrap(), at);
}

/// The UI's `maxlength` (`Field::max_len`) never cuts off a value the parser takes:
/// the longest valid inputs, typed as people type them, fit; and where the parser has
/// a length limit of its own, the field's limit is exactly it.
#[test]
fn every_field_takes_the_longest_valid_input() {
    use onboard_core::error::Field;
    use onboard_core::text::{clean_line, Email, PersonName};
    let fits = |f: Field, s: &str| {
        assert!(
            s.chars().count() <= f.max_len() as usize,
            "{f:?} ({}) cuts off {s:?}",
            f.max_len()
        )
    };
    fits(Field::SiteNumber, "１２３ ４５６７");
    fits(Field::CustomerNumber, "1234-5678");
    fits(Field::Code, "123 456");
    fits(Field::Passcode, "ABCD-EFGH");
    fits(Field::Token, "ABCD-EFGH-JKLM-NPQR");
    fits(Field::Token, "ABCD EFGH JKLM NPQR  ");
    fits(Field::PostalCode, "〒１００－０００１");
    fits(Field::PostalCode, "SW1A 1AA");
    fits(Field::EndDate, "2026-11-30");
    // Exactly the parser's own limits.
    let at = |f: Field, c: char| c.to_string().repeat(f.max_len() as usize);
    let phone = "+1 (234) 567 - 890 - 123";
    assert_eq!(phone.len(), Field::Phone.max_len() as usize);
    assert!(Phone::parse(phone).is_ok());
    assert_eq!(
        Phone::parse(&format!("{phone}4")),
        Err(FieldError::PhoneFormat)
    );
    let domain = format!(
        "{}.{}.{}.com",
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(57)
    );
    let email = format!("{}@{domain}", "a".repeat(64));
    assert_eq!(email.len(), Field::Email.max_len() as usize);
    assert!(Email::parse(&email).is_ok());
    assert!(Email::parse(&format!("{email}m")).is_err());
    assert!(PersonName::parse(&at(Field::FamilyName, '山')).is_ok());
    assert!(PersonName::parse(&format!("{}山", at(Field::FamilyName, '山'))).is_err());
    for f in [
        Field::City,
        Field::Street,
        Field::Prefecture,
        Field::Company,
    ] {
        assert!(clean_line(&at(f, 'x'), f.max_len() as usize).is_ok());
    }
    let web = format!(
        "https://{}.example",
        "a".repeat(Field::Web.max_len() as usize - 16)
    );
    assert_eq!(web.len(), Field::Web.max_len() as usize);
    assert!(parse_web(&web).is_ok());
    assert!(parse_web(&format!("{web}a")).is_err());
}

/// Every character, alone and after an ASCII capital, has the search key of the
/// definition (full-width folded, then in lower case) and holds it, as `key_in`
/// reads it: the runs `key_in` copies as they are (kana, kanji) have no case.
#[test]
fn every_character_reads_as_its_search_key_says() {
    use onboard_core::text::{fold_width, key_in, search_key};
    let mut buf = String::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let text = format!("A{c}");
        let key: String = fold_width(&text)
            .chars()
            .flat_map(char::to_lowercase)
            .collect();
        assert_eq!(search_key(&text), key, "U+{:04X}", c as u32);
        assert!(key_in(&text, &key, &mut buf), "U+{:04X}", c as u32);
        assert_eq!(
            key_in(&c.to_string(), "a", &mut buf),
            key.chars().skip(1).any(|k| k == 'a'),
            "U+{:04X}",
            c as u32
        );
    }
}
