//! CSV as spreadsheets write and read it (RFC 4180): fields separated by commas,
//! quoted when they hold a comma, quote or line break, quotes doubled inside quotes,
//! lines ending in CRLF or LF. UTF-8; a leading byte order mark is written (Excel then
//! shows Japanese) and skipped when read.

/// Byte order mark.
pub const BOM: &str = "\u{feff}";

/// One field for writing: quoted when needed; a value a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading apostrophe, so a name
/// never becomes a formula in someone's spreadsheet.
pub fn field(raw: &str) -> String {
    let guarded = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A whole file: the BOM, the header and the rows, each line ending in CRLF.
pub fn write(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let line = |cells: &[String]| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",");
    let mut out = String::from(BOM);
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    out.push_str(&line(&header));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&line(&r));
        out.push_str("\r\n");
    }
    out
}

/// The records of a file with the line each starts on (1-based), or the line of a
/// quote that never closes. An empty last line is not a record.
pub fn parse(text: &str) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut records = Vec::new();
    let (mut record, mut cell) = (Vec::new(), String::new());
    let (mut line, mut start, mut quoted, mut touched) = (1usize, 1usize, false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.is_empty() => {
                quoted = true;
                touched = true;
            }
            (false, ',') => {
                record.push(std::mem::take(&mut cell));
                touched = true;
            }
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push((start, std::mem::take(&mut record)));
                line += 1;
                start = line;
                touched = false;
            }
            (false, c) => {
                cell.push(c);
                touched = true;
            }
        }
    }
    if quoted {
        return Err(start);
    }
    if touched || !cell.is_empty() {
        record.push(cell);
        records.push((start, record));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_never_formulas() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("=1+2"), "'=1+2");
        assert_eq!(field("-3"), "'-3");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("=a,b"), "\"'=a,b\"");
        assert_eq!(field("山田"), "山田");
    }

    #[test]
    fn what_is_written_reads_back() {
        let rows = vec![
            vec![
                "a,b".to_string(),
                "say \"hi\"".into(),
                "two\r\nlines".into(),
            ],
            vec!["山田".to_string(), String::new(), "x".into()],
        ];
        let text = write(&["one", "two", "three"], rows.clone().into_iter());
        let read = parse(&text).unwrap();
        assert_eq!(read.len(), 3);
        assert_eq!(
            read[0],
            (1, vec!["one".into(), "two".into(), "three".into()])
        );
        assert_eq!(read[1].1, rows[0]);
        assert_eq!(
            (read[2].0, &read[2].1),
            (4, &rows[1]),
            "the line after a quoted break"
        );
    }

    #[test]
    fn lf_files_last_lines_and_open_quotes() {
        assert_eq!(
            parse("a,b\nc,d").unwrap(),
            vec![
                (1, vec!["a".into(), "b".into()]),
                (2, vec!["c".into(), "d".into()])
            ]
        );
        assert_eq!(
            parse("a\n\nb\n").unwrap().len(),
            3,
            "an empty line is a record"
        );
        assert_eq!(parse("").unwrap(), vec![]);
        assert_eq!(parse("a\n\"open,\nb"), Err(2));
    }
}
