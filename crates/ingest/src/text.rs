use std::io::BufRead;

use crate::{read_whole, Flow, ReadError, ReadOptions, Record};

/// A plain-text file is one document: binary content is refused, the encoding is
/// detected when the bytes are not UTF-8 (said in the record's warnings), and the
/// language is identified from the text.
pub(crate) fn read(
    name: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) {
    let _ = sink(record(name, reader, opts));
}

fn record(name: &str, reader: &mut dyn BufRead, opts: &ReadOptions) -> Result<Record, ReadError> {
    let bytes = read_whole(name, reader, opts)?;
    if let Some(reason) = crate::stream::binary_reason(&bytes) {
        return Err(ReadError::Binary { input: name.to_string(), reason });
    }
    let decoded = crate::charset::decode_plain(&bytes);
    let text = decoded.text;
    if text.trim().is_empty() {
        return Err(ReadError::Empty { input: name.to_string() });
    }
    let id = std::path::Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    Ok(Record {
        id,
        language: crate::lang::detect(&text),
        text,
        format: "text",
        origin: name.to_string(),
        warnings: decoded.warnings,
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use crate::{read_bytes, ReadError, ReadOptions, Record};

    fn run(name: &str, bytes: &[u8]) -> Vec<Result<Record, ReadError>> {
        let mut out = Vec::new();
        read_bytes(name, bytes, None, &ReadOptions::default(), &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        out
    }

    fn one(name: &str, bytes: &[u8]) -> Record {
        match run(name, bytes).pop() {
            Some(Ok(r)) => r,
            other => panic!("{other:?}"),
        }
    }

    /// Reads an endless stream of `byte` as `name`, with a record limit of `limit`.
    fn endless(name: &str, byte: u8, format: Option<crate::Format>, limit: usize) -> Vec<Result<Record, ReadError>> {
        let mut out = Vec::new();
        let opts = ReadOptions { format, max_record_bytes: limit, ..ReadOptions::default() };
        let mut reader = std::io::BufReader::new(std::io::repeat(byte));
        crate::read_stream(name, &mut reader, None, &opts, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn endless_input_stops_at_the_limit() {
        for (name, format) in
            [("<stdin>", None), ("page.html", None), ("feed.rss", None), ("x", Some(crate::Format::Text))]
        {
            let out = endless(name, b'a', format, 100_000);
            assert_eq!(out.len(), 1, "{name}");
            let e = out[0].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.contains("over 100000 bytes") && e.contains("not read further"), "{name}: {e}");
        }
        // An endless line of JSON Lines, read past the limit up to a bound, then left.
        let out = endless("x.jsonl", b'a', None, 1000);
        assert!(matches!(out.last(), Some(Err(ReadError::TooLarge { size: None, .. }))), "{out:?}");
        // /dev/zero: binary from its first byte.
        let out = endless("/dev/zero", 0, None, 100_000);
        assert!(matches!(out[..], [Err(ReadError::Binary { .. })]), "{out:?}");
    }

    #[test]
    fn legacy_encodings_are_detected_and_said() {
        let latin1 = b"LYON, March 4 - Les propri\xe9taires de caf\xe9s ont protest\xe9 lundi devant la pr\xe9fecture, a d\xe9clar\xe9 la police.";
        let r = one("story.txt", latin1);
        assert!(r.text.contains("propriétaires de cafés"), "{}", r.text);
        assert!(r.warnings.iter().any(|w| w.contains("not UTF-8") && w.contains("windows-1252")), "{:?}", r.warnings);
        // Windows-1252 curly quotes and dashes.
        let cp1252 = b"The minister said \x93talks will resume\x94 \x96 on Monday, in the capital.";
        let r = one("story.txt", cp1252);
        assert!(r.text.contains("\u{201c}talks will resume\u{201d} \u{2013}"), "{}", r.text);
    }

    #[test]
    fn utf16_with_a_bom_is_text() {
        for le in [true, false] {
            let mut bytes = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
            for u in "The envoys of Borduria and Ruritania met in Geneva on Monday.".encode_utf16() {
                bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let r = one("memo.txt", &bytes);
            assert_eq!(r.text, "The envoys of Borduria and Ruritania met in Geneva on Monday.");
            assert!(
                r.warnings.iter().any(|w| w.contains("UTF-16") && w.contains("byte-order mark")),
                "{:?}",
                r.warnings
            );
        }
    }

    #[test]
    fn binary_is_refused_whatever_the_name() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        for name in ["photo.txt", "page.html", "feed.rss", "records.jsonl", "noext"] {
            let out = run(name, png);
            assert_eq!(out.len(), 1, "{name}");
            assert!(matches!(&out[0], Err(ReadError::Binary { .. })), "{name}: {:?}", out[0]);
        }
        // Compressed data with no NUL near the start.
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend((1u8..=255).cycle().take(20_000));
        for name in ["report.txt", "report.html"] {
            assert!(matches!(run(name, &bytes)[0], Err(ReadError::Binary { .. })), "{name}");
        }
    }

    #[test]
    fn stray_control_characters_are_replaced() {
        let r = one("story.txt", b"Police \x1b[2Jarrested\x07 twelve people.\x7f");
        assert_eq!(r.text, "Police  [2Jarrested  twelve people. ");
        assert!(r.warnings.iter().any(|w| w.contains("3 control character")), "{:?}", r.warnings);
        // A NUL far from the start is a stray character too.
        let mut long = "The envoy met farmers in the valley. ".repeat(300).into_bytes();
        long.extend_from_slice(b"\x00\x00 The end.");
        let r = one("story.txt", &long);
        assert!(r.text.ends_with("valley.    The end."), "{}", &r.text[r.text.len() - 30..]);
    }

    #[test]
    fn language_is_identified() {
        let fr = "Le gouvernement a annoncé mardi que les négociations avec les rebelles reprendraient la semaine prochaine dans la capitale.";
        assert_eq!(one("fr.txt", fr.as_bytes()).language.as_deref(), Some("fr"));
        let zh = "政府星期二宣布，与反叛分子的谈判将于下周在首都恢复，停火协议上个月基本维持。";
        assert_eq!(one("zh.txt", zh.as_bytes()).language.as_deref(), Some("zh"));
        let en = "The government said on Tuesday that talks with the rebels would resume next week in the capital.";
        assert_eq!(one("en.txt", en.as_bytes()).language.as_deref(), Some("en"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_never_holds_controls(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            for r in run("p.txt", &bytes).into_iter().flatten() {
                proptest::prop_assert!(!r.text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
            }
        }
    }
}
