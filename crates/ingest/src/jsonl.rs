use std::io::{self, BufRead};

use serde_json::Value;

use crate::{to_text, Flow, ReadError, ReadOptions, Record};

/// JSON Lines: one record per line, `{"id", "text", "date"?, "title"?, "url"?, ...}`.
/// A bad line is an error naming the line; the next lines are still read.
pub(crate) fn read(
    name: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) {
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    let mut any = false;
    loop {
        line_no += 1;
        buf.clear();
        let size = match read_line_bounded(reader, &mut buf, opts.max_record_bytes) {
            Ok(Line::End) => break,
            Ok(Line::Read(size)) => size,
            Ok(Line::Endless) => {
                let _ = sink(Err(ReadError::TooLarge {
                    input: name.to_string(),
                    line: Some(line_no),
                    size: None,
                    limit: opts.max_record_bytes,
                }));
                return;
            }
            Err(source) => {
                let _ = sink(Err(ReadError::Io { input: format!("{name}:{line_no}"), source }));
                return;
            }
        };
        if size > opts.max_record_bytes {
            any = true;
            let err = ReadError::TooLarge {
                input: name.to_string(),
                line: Some(line_no),
                size: Some(size),
                limit: opts.max_record_bytes,
            };
            if sink(Err(err)).is_break() {
                return;
            }
            continue;
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        any = true;
        let item = parse_line(name, line_no, std::mem::take(&mut buf));
        if sink(item).is_break() {
            return;
        }
    }
    if !any {
        let _ = sink(Err(ReadError::Empty { input: name.to_string() }));
    }
}

/// A line over the record limit is read past to the next line, up to this many bytes
/// more; a line running on beyond (an endless stream) ends the input.
const MAX_SKIP: usize = 256 << 20;

/// What [`read_line_bounded`] found.
enum Line {
    /// A line of this length (it may be over the limit).
    Read(usize),
    /// The end of the input.
    End,
    /// A line with no end in sight (longer than the limit and [`MAX_SKIP`]).
    Endless,
}

/// Reads one line into `buf` (without the newline), keeping at most `limit + 1` bytes;
/// returns the line's full length.
fn read_line_bounded(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    let mut total = 0usize;
    let mut seen = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(if seen { Line::Read(total) } else { Line::End });
        }
        seen = true;
        let (part, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if buf.len() <= limit {
            let room = limit + 1 - buf.len();
            buf.extend_from_slice(&part[..part.len().min(room)]);
        }
        total += part.len();
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
                total -= 1;
            }
            return Ok(Line::Read(total));
        }
        if total > limit.saturating_add(MAX_SKIP) {
            return Ok(Line::Endless);
        }
    }
}

fn parse_line(name: &str, line: usize, bytes: Vec<u8>) -> Result<Record, ReadError> {
    let err = |reason: String| ReadError::Record { input: name.to_string(), line, reason };
    let text = to_text(name, bytes, Some(line))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| err(format!("not valid JSON: {e}")))?;
    let obj = value.as_object().ok_or_else(|| err("not a JSON object".to_string()))?;
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => {
            format!("{}:{line}", crate::file_name(std::path::Path::new(name)))
        }
        Some(_) => return Err(err("\"id\" must be a string or a number".to_string())),
    };
    // not vocabulary: the field names of the JSON Lines input format
    let body = match obj.get("text").or_else(|| obj.get("body")).or_else(|| obj.get("content")) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(err("\"text\" must be a string".to_string())),
        None => return Err(err("no \"text\" field".to_string())),
    };
    let field = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string).filter(|s| !s.trim().is_empty());
    Ok(Record {
        id,
        format: "jsonl",
        origin: format!("{name}:{line}"),
        title: field("title"),
        lead: field("lead").or_else(|| field("description")),
        date: field("date").or_else(|| field("published")),
        date_why: None,
        url: field("url"),
        author: field("author"),
        site: field("site"),
        // As declared ("en-US" is "en"), else identified from the text.
        language: field("language")
            .or_else(|| field("lang"))
            .map(|l| crate::lang::normalize(&l).unwrap_or(l))
            .or_else(|| crate::lang::detect(&body)),
        text: body,
        extracted: false,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::ControlFlow;

    fn run(input: &str, limit: usize) -> Vec<Result<Record, ReadError>> {
        let mut out = Vec::new();
        let opts = ReadOptions { format: None, max_record_bytes: limit, ..ReadOptions::default() };
        read("t.jsonl", &mut input.as_bytes(), &opts, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn good_and_bad_lines() {
        let out = run(
            "{\"id\":\"a\",\"text\":\"x\"}\nnot json\n\n{\"id\":2,\"text\":\"y\",\"date\":\"2012-04-05\"}\n{\"id\":3}",
            1000,
        );
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].as_ref().map(|r| r.id.as_str()).ok(), Some("a"));
        let e = out[1].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("t.jsonl: line 2: not valid JSON"), "{e}");
        assert_eq!(out[2].as_ref().ok().and_then(|r| r.date.clone()).as_deref(), Some("2012-04-05"));
        let e = out[3].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("line 5: no \"text\""), "{e}");
    }

    #[test]
    fn long_line_is_refused_and_reading_goes_on() {
        let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n{{\"id\":\"b\",\"text\":\"ok\"}}\n", "a".repeat(5000));
        let out = run(&long, 100);
        assert!(matches!(out[0], Err(ReadError::TooLarge { line: Some(1), .. })));
        assert_eq!(out[1].as_ref().map(|r| r.id.as_str()).ok(), Some("b"));
    }

    fn through_stream(input: &str) -> Vec<Result<Record, ReadError>> {
        let mut out = Vec::new();
        crate::read_bytes("t.jsonl", input.as_bytes(), None, &ReadOptions::default(), &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn escaped_controls_never_reach_the_text() {
        let out = through_stream("{\"id\":\"a\\u0007\",\"text\":\"Police\\u0000 arrested \\u001b[2Jtwelve people.\",\"title\":\"T\\u009b1m\"}\n");
        let r = out[0].as_ref().ok();
        assert_eq!(r.map(|r| r.text.as_str()), Some("Police  arrested  [2Jtwelve people."));
        assert_eq!(r.and_then(|r| r.title.as_deref()), Some("T 1m"));
        assert_eq!(r.map(|r| r.id.as_str()), Some("a "));
        assert!(r.is_some_and(|r| r.warnings.iter().any(|w| w.starts_with("4 control character"))), "{r:?}");
    }

    #[test]
    fn language_declared_or_identified() {
        let out = through_stream(concat!(
            "{\"id\":1,\"text\":\"Le gouvernement a annoncé mardi que les négociations avec les rebelles reprendraient la semaine prochaine.\"}\n",
            "{\"id\":2,\"text\":\"الحكومة أعلنت يوم الثلاثاء أن المحادثات مع المتمردين ستستأنف الأسبوع المقبل في العاصمة\"}\n",
            "{\"id\":3,\"text\":\"Talks resume.\",\"language\":\"en-GB\"}\n",
        ));
        let langs: Vec<Option<&str>> =
            out.iter().map(|r| r.as_ref().ok().and_then(|r| r.language.as_deref())).collect();
        assert_eq!(langs, [Some("fr"), Some("ar"), Some("en")]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,400}") {
            let _ = run(&s, 64);
        }

        /// Whatever the escapes in a record, no control character reaches its text.
        #[test]
        fn no_control_in_text(cs in proptest::collection::vec(0u32..0xA0, 0..20), t in "[a-z ]{0,30}") {
            let esc: String = cs.iter().map(|c| format!("\\u{c:04x}")).collect();
            let line = format!("{{\"id\":\"x\",\"text\":\"{t}{esc}{t}\"}}\n");
            for r in through_stream(&line).into_iter().flatten() {
                proptest::prop_assert!(!r.text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
            }
        }
    }
}
