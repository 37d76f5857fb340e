//! Validated text values. Each type normalises its input in one place and keeps
//! its field private, so a value that exists is a value that is valid.
use super::error::FieldError;
use serde::{Deserialize, Serialize};

/// Folds full-width ASCII (U+FF01..U+FF5E) to ASCII and the ideographic space to a space.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Text as a list's filter compares it: full-width letters and digits as ASCII (a
/// Japanese keyboard types ＴＡＲＯ or ６１３８ as readily as TARO or 6138), lower case.
/// A filter matches where the key of what it is typed over contains its own key.
pub fn search_key(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut key = String::with_capacity(s.len());
    s.chars().for_each(|c| push_key_char(&mut key, c));
    key
}

/// Adds `c` to `key` as [`search_key`] reads it: folded, in lower case (kana and
/// kanji, which have no case, as they are, without looking them up).
fn push_key_char(key: &mut String, c: char) {
    match fold_char(c) {
        c if keeps_itself(c) => key.push(c),
        c if c.is_ascii() => key.push(c.to_ascii_lowercase()),
        c => key.extend(c.to_lowercase()),
    }
}

/// Whether `c` is its own search key: ASCII other than capitals, kana and kanji
/// (which have no case).
fn keeps_itself(c: char) -> bool {
    matches!(c, '\0'..='@' | '['..='\x7F' | '\u{3040}'..='\u{9FFF}')
}

/// Whether `text`'s [`search_key`] contains `key` (a search key): [`key_in`] for one
/// text (no copy of an ASCII one is made).
pub fn has_key(text: &str, key: &str) -> bool {
    key_in(text, key, &mut String::new())
}

/// Whether `text`'s [`search_key`] contains `key` (a search key), as `search_key(text)
/// .contains(key)` says, but without building that key when `text` is ASCII (what
/// is searched most, many texts for one key); otherwise built in `buf`, which a
/// search reuses from one text to the next.
pub fn key_in(text: &str, key: &str, buf: &mut String) -> bool {
    if text.is_ascii() {
        // An ASCII text's key is ASCII: a key with other letters is not in it.
        let (t, k) = (text.as_bytes(), key.as_bytes());
        return key.is_ascii()
            && (k.is_empty() || t.windows(k.len()).any(|w| w.eq_ignore_ascii_case(k)));
    }
    // The key built in runs: what reads as it is (lower-case ASCII, kana and kanji)
    // copied a run at a time, the rest a character at a time.
    buf.clear();
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if keeps_itself(c) {
            continue;
        }
        buf.push_str(&text[run..i]);
        push_key_char(buf, c);
        run = i + c.len_utf8();
    }
    buf.push_str(&text[run..]);
    buf.contains(key)
}

/// Characters that may never appear in stored text: C0/C1 controls (other than the
/// line breaks free text allows) and the bidirectional overrides that can disguise text.
fn is_forbidden(c: char, allow_newlines: bool) -> bool {
    if allow_newlines && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}'
        )
}

/// Characters that show nothing, or look like nothing, and so let two names that read
/// the same be different (or a name look empty): zero-width spaces and joiners, the soft
/// hyphen, word joiners and invisible operators, fillers, variation selectors and tags.
/// Refused in one-line values (names, company names, places); free text (messages)
/// keeps them, as pasted text and emoji carry them.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'
                | '\u{2028}'..='\u{202F}'
                | '\u{205F}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Trims, collapses inner white space, and checks length and characters (no controls,
/// no bidirectional overrides, nothing invisible).
pub fn clean_line(raw: &str, max: usize) -> Result<String, FieldError> {
    if raw.chars().any(is_invisible) {
        return Err(FieldError::ForbiddenCharacters);
    }
    clean_stored_line(raw, max)
}

/// [`clean_line`] without the invisible-character rule: how values stored before that
/// rule are read back (refusing them would set whole records aside).
pub fn clean_stored_line(raw: &str, max: usize) -> Result<String, FieldError> {
    let folded: String = raw.replace('\u{3000}', " ");
    if folded.chars().any(|c| is_forbidden(c, false)) {
        return Err(FieldError::ForbiddenCharacters);
    }
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() {
        return Err(FieldError::Required);
    }
    if joined.chars().count() > max {
        return Err(FieldError::TooLong { max: max as u32 });
    }
    Ok(joined)
}

/// Free text (messages, descriptions): line breaks kept, trimmed, limited.
pub fn clean_text(raw: &str, max: usize) -> Result<String, FieldError> {
    if raw.chars().any(|c| is_forbidden(c, true)) {
        return Err(FieldError::ForbiddenCharacters);
    }
    let t = raw.trim().replace("\r\n", "\n");
    if t.is_empty() {
        return Err(FieldError::Required);
    }
    if t.chars().count() > max {
        return Err(FieldError::TooLong { max: max as u32 });
    }
    Ok(t)
}

/// An email address: trimmed, full-width folded, lower-cased, ASCII only.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

pub const EMAIL_MAX: usize = 254;

impl Email {
    pub fn parse(raw: &str) -> Result<Email, FieldError> {
        let s = fold_width(raw).trim().to_ascii_lowercase();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        if s.chars().count() > EMAIL_MAX {
            return Err(FieldError::TooLong {
                max: EMAIL_MAX as u32,
            });
        }
        let (local, domain) = s.rsplit_once('@').ok_or(FieldError::EmailFormat)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && domain.len() <= 253
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if local_ok && domain_ok {
            Ok(Email(s))
        } else {
            Err(FieldError::EmailFormat)
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Email::parse(&s).map_err(|_| format!("invalid email {s:?}"))
    }
}
impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}
impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's given or family name: one line, 1..=64 characters, no controls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

pub const NAME_MAX: usize = 64;

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, FieldError> {
        clean_line(raw, NAME_MAX).map(PersonName)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for PersonName {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        clean_stored_line(&s, NAME_MAX)
            .map(PersonName)
            .map_err(|_| "invalid name".to_string())
    }
}
impl From<PersonName> for String {
    fn from(n: PersonName) -> String {
        n.0
    }
}

/// Countries offered in forms: ISO 3166-1 alpha-2 code, Japanese and English name.
pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("JP", "日本", "Japan"),
    ("US", "アメリカ合衆国", "United States"),
    ("GB", "イギリス", "United Kingdom"),
    ("CA", "カナダ", "Canada"),
    ("AU", "オーストラリア", "Australia"),
    ("NZ", "ニュージーランド", "New Zealand"),
    ("CN", "中国", "China"),
    ("KR", "韓国", "South Korea"),
    ("TW", "台湾", "Taiwan"),
    ("HK", "香港", "Hong Kong"),
    ("SG", "シンガポール", "Singapore"),
    ("IN", "インド", "India"),
    ("ID", "インドネシア", "Indonesia"),
    ("TH", "タイ", "Thailand"),
    ("VN", "ベトナム", "Vietnam"),
    ("PH", "フィリピン", "Philippines"),
    ("MY", "マレーシア", "Malaysia"),
    ("DE", "ドイツ", "Germany"),
    ("FR", "フランス", "France"),
    ("IT", "イタリア", "Italy"),
    ("ES", "スペイン", "Spain"),
    ("NL", "オランダ", "Netherlands"),
    ("SE", "スウェーデン", "Sweden"),
    ("CH", "スイス", "Switzerland"),
    ("IE", "アイルランド", "Ireland"),
    ("BR", "ブラジル", "Brazil"),
    ("MX", "メキシコ", "Mexico"),
    ("ZA", "南アフリカ", "South Africa"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country([u8; 2]);

impl Country {
    pub fn parse(raw: &str) -> Result<Country, FieldError> {
        let code = fold_width(raw).trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(FieldError::Required);
        }
        COUNTRIES
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(c, _, _)| Country([c.as_bytes()[0], c.as_bytes()[1]]))
            .ok_or(FieldError::UnknownCountry)
    }
    pub fn code(self) -> &'static str {
        self.entry().0
    }
    fn entry(self) -> &'static (&'static str, &'static str, &'static str) {
        COUNTRIES
            .iter()
            .find(|(c, _, _)| c.as_bytes() == self.0)
            .expect("a Country is always in the list")
    }
    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        let (_, ja, en) = self.entry();
        match lang {
            crate::i18n::Lang::Ja => ja,
            crate::i18n::Lang::En => en,
        }
    }
}
impl TryFrom<String> for Country {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Country::parse(&s).map_err(|_| "unknown country".to_string())
    }
}
impl From<Country> for String {
    fn from(c: Country) -> String {
        c.code().to_string()
    }
}

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;

/// The commonest passwords long enough to pass the length rule (lower case).
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "0123456789",
    "9876543210",
    "0987654321",
    "1234567891",
    "12345678910",
    "123456789a",
    "123456789q",
    "1234567890a",
    "a123456789",
    "qwertyuiop",
    "qwertyuiop1",
    "qwertyuiop123",
    "password12",
    "password123",
    "password1234",
    "password01",
    "password99",
    "password!",
    "passw0rd123",
    "p@ssw0rd123",
    "p@ssword123",
    "passwordpassword",
    "iloveyou12",
    "iloveyou123",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "q1w2e3r4t5",
    "q1w2e3r4t5y6",
    "qwerty1234",
    "qwerty12345",
    "qwerty123456",
    "1qaz2wsx3edc",
    "zaq12wsxcde3",
    "qazwsxedcrfv",
    "1qazxsw23edc",
    "abcdefghij",
    "abcdefghijk",
    "abc1234567",
    "abcd123456",
    "abc123456789",
    "a1b2c3d4e5",
    "1111111111",
    "0000000000",
    "2222222222",
    "1212121212",
    "1122334455",
    "1234512345",
    "123123123123",
    "1231231234",
    "987654321a",
    "123qweasdzxc",
    "asdfghjkl1",
    "asdfghjkl;",
    "zxcvbnm123",
    "zxcvbnmasdf",
    "administrator",
    "admin12345",
    "admin123456",
    "welcome123",
    "welcome1234",
    "letmein123",
    "letmein1234",
    "football123",
    "baseball123",
    "sunshine123",
    "princess123",
    "dragon1234",
    "monkey1234",
    "shadow1234",
    "master1234",
    "superman123",
    "starwars123",
    "whatever123",
    "trustno1234",
    "changeme123",
    "michael123",
    "jennifer123",
    "computer123",
    "internet123",
    "samsung123",
    "google1234",
    "mustang123",
    "access1234",
    "1234qwer!@#$",
    "!qaz2wsx#edc",
    "onboard123",
    "onboard1234",
    "onboardonboard",
    "passport123",
    "partner123",
    "partnerworld",
    "ibmid12345",
    "japan12345",
    "tokyo12345",
    "nihon12345",
    "sakura1234",
    "doraemon123",
    "pokemon1234",
    "naruto1234",
];

/// Checks the password policy: 10..=128 characters, not the email (or its local part),
/// not one of the commonest passwords, not one character repeated.
pub fn check_password(pw: &str, email: Option<&Email>) -> Result<(), FieldError> {
    // The policy sees what is hashed: the NFKC form.
    let pw = &super::secret::normalize(pw);
    let n = pw.chars().count();
    if n == 0 {
        return Err(FieldError::Required);
    }
    if n < PASSWORD_MIN {
        return Err(FieldError::PasswordTooShort {
            min: PASSWORD_MIN as u32,
        });
    }
    if n > PASSWORD_MAX {
        return Err(FieldError::TooLong {
            max: PASSWORD_MAX as u32,
        });
    }
    if pw.chars().any(|c| c.is_control()) {
        return Err(FieldError::ForbiddenCharacters);
    }
    let lower = fold_width(pw).trim().to_lowercase();
    if let Some(e) = email {
        let local = e.as_str().split('@').next().unwrap_or("");
        if lower == e.as_str() || (local.len() >= 4 && lower == local) {
            return Err(FieldError::PasswordIsEmail);
        }
    }
    let first = lower.chars().next();
    if COMMON_PASSWORDS.contains(&lower.as_str()) || lower.chars().all(|c| Some(c) == first) {
        return Err(FieldError::PasswordCommon);
    }
    Ok(())
}

/// A code of `len` decimal digits (verification / reset codes). Accepts full-width
/// digits, spaces and hyphens.
pub fn parse_digits(raw: &str, len: usize) -> Result<String, FieldError> {
    let s: String = fold_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if s.is_empty() {
        return Err(FieldError::Required);
    }
    if s.chars().count() != len || !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::DigitsFormat { len: len as u32 });
    }
    Ok(s)
}
