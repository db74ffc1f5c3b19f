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
            Ok(None) => break,
            Ok(Some(size)) => size,
            Err(source) => {
                let _ = sink(Err(ReadError::Io {
                    input: format!("{name}:{line_no}"),
                    source,
                }));
                return;
            }
        };
        if size > opts.max_record_bytes {
            any = true;
            let err = ReadError::TooLarge {
                input: name.to_string(),
                line: Some(line_no),
                size,
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
        let _ = sink(Err(ReadError::Empty {
            input: name.to_string(),
        }));
    }
}

/// Reads one line into `buf` (without the newline), keeping at most `limit + 1` bytes;
/// returns the line's full length, or `None` at end of input.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<usize>> {
    let mut total = 0usize;
    let mut seen = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(if seen { Some(total) } else { None });
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
            return Ok(Some(total));
        }
    }
}

fn parse_line(name: &str, line: usize, bytes: Vec<u8>) -> Result<Record, ReadError> {
    let err = |reason: String| ReadError::Record {
        input: name.to_string(),
        line,
        reason,
    };
    let text = to_text(name, bytes, Some(line))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| err(format!("not valid JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| err("not a JSON object".to_string()))?;
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => {
            format!("{}:{line}", crate::file_name(std::path::Path::new(name)))
        }
        Some(_) => return Err(err("\"id\" must be a string or a number".to_string())),
    };
    let body = match obj
        .get("text")
        .or_else(|| obj.get("body"))
        .or_else(|| obj.get("content"))
    {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(err("\"text\" must be a string".to_string())),
        None => return Err(err("no \"text\" field".to_string())),
    };
    let field = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
    };
    Ok(Record {
        id,
        text: body,
        format: "jsonl",
        origin: format!("{name}:{line}"),
        title: field("title"),
        lead: field("lead").or_else(|| field("description")),
        date: field("date").or_else(|| field("published")),
        url: field("url"),
        author: field("author"),
        site: field("site"),
        language: field("language").or_else(|| field("lang")),
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
        let opts = ReadOptions {
            format: None,
            max_record_bytes: limit,
        };
        read("t.jsonl", &mut input.as_bytes(), &opts, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn good_and_bad_lines() {
        let out = run("{\"id\":\"a\",\"text\":\"x\"}\nnot json\n\n{\"id\":2,\"text\":\"y\",\"date\":\"2012-04-05\"}\n{\"id\":3}", 1000);
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].as_ref().map(|r| r.id.as_str()).ok(), Some("a"));
        let e = out[1]
            .as_ref()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("t.jsonl: line 2: not valid JSON"), "{e}");
        assert_eq!(
            out[2].as_ref().ok().and_then(|r| r.date.clone()).as_deref(),
            Some("2012-04-05")
        );
        let e = out[3]
            .as_ref()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("line 5: no \"text\""), "{e}");
    }

    #[test]
    fn long_line_is_refused_and_reading_goes_on() {
        let long = format!(
            "{{\"id\":\"big\",\"text\":\"{}\"}}\n{{\"id\":\"b\",\"text\":\"ok\"}}\n",
            "a".repeat(5000)
        );
        let out = run(&long, 100);
        assert!(matches!(
            out[0],
            Err(ReadError::TooLarge { line: Some(1), .. })
        ));
        assert_eq!(out[1].as_ref().map(|r| r.id.as_str()).ok(), Some("b"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,400}") {
            let _ = run(&s, 64);
        }
    }
}
