//! Property tests over every parser: arbitrary Unicode (controls, right-to-left marks,
//! full-width forms, markup, very long input) gives a clear error or a normalised value
//! that parses again to itself; never a panic. Limits are stated by the parsers.
use onboard::domain::error::FieldError;
use onboard::domain::partner::{parse_date, parse_web, CompanyToken};
use onboard::domain::site::{
    parse_passcode, parse_postal, CustomerNumber, Phone, SiteNumber, PASSCODE_ALPHABET,
};
use onboard::domain::text::{clean_text, Country};
use proptest::prelude::*;

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
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn tokens(s in nasty()) {
        if let Ok(t) = CompanyToken::parse(&s) {
            prop_assert_eq!(t.as_str().len(), 16);
            prop_assert!(t.as_str().bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
            prop_assert_eq!(CompanyToken::parse(&t.grouped()).unwrap(), t.clone());
        }
    }

    #[test]
    fn generated_tokens_survive_how_people_type_them(raw in "[a-z0-9]{16}", seps in proptest::collection::vec(prop_oneof![Just(" "), Just("-"), Just("　"), Just("")], 16)) {
        let typed: String = raw.chars().zip(seps).map(|(c, s)| format!("{c}{s}")).collect();
        let wide: String = typed.chars().map(|c| if c.is_ascii_alphanumeric() && (c as u32) % 2 == 0 { char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap() } else { c }).collect();
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
        if let Ok(Some(iso)) = parse_date(&typed) {
            prop_assert_eq!(iso.len(), 10);
            prop_assert_eq!(parse_date(&iso).unwrap(), Some(iso.clone()));
        }
    }

    #[test]
    fn web_addresses(s in nasty()) {
        if let Ok(w) = parse_web(&s) {
            prop_assert!(w.is_empty() || w.starts_with("http://") || w.starts_with("https://"));
            prop_assert!(!w.contains('<') && !w.contains('"') && !w.chars().any(char::is_whitespace));
            prop_assert!(w.len() <= 200);
        }
    }

    #[test]
    fn free_text(s in nasty()) {
        match clean_text(&s, 1000) {
            Ok(t) => {
                prop_assert!(!t.is_empty() && t.chars().count() <= 1000);
                prop_assert!(!t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
                let no_override = !t.contains('\u{202E}');
                prop_assert!(no_override, "bidi override kept");
            }
            Err(e) => {
                let expected = matches!(e, FieldError::Required | FieldError::TooLong { .. } | FieldError::ForbiddenCharacters);
                prop_assert!(expected, "unexpected error");
            }
        }
    }

    #[test]
    fn very_long_input_is_refused_quickly(n in 1000usize..20000) {
        let long = "あ".repeat(n);
        let refused = matches!(clean_text(&long, 1000), Err(FieldError::TooLong { max: 1000 }));
        prop_assert!(refused, "long text accepted");
        prop_assert!(CompanyToken::parse(&long).is_err());
        prop_assert!(Phone::parse(&long).is_err());
    }
}
