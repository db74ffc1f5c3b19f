//! Rows for people (an aligned table) and for spreadsheets (CSV): any serialisable row,
//! flattened to its fields in declaration order.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

use dateline_engine::explain::terminal_safe;

// not vocabulary: the columns of the table output, names of the query's fields
pub const EVENT_COLUMNS: &[&str] =
    &["id", "date", "code", "name", "source_code", "target_code", "place_name", "num_articles", "evidence"];
// not vocabulary: field names
pub const DOCUMENT_COLUMNS: &[&str] = &["id", "story", "published", "source_name", "events", "title"];
// not vocabulary: field names
pub const MENTION_COLUMNS: &[&str] = &["id", "event", "document", "sentence", "span", "confidence", "evidence"];

/// A field's value as text: nothing for null, lists joined with `;`.
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(text).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// The row's fields, in order, as text.
pub fn flat<T: Serialize>(row: &T) -> Result<Vec<(String, String)>> {
    Ok(match serde_json::to_value(row)? {
        Value::Object(m) => m.into_iter().map(|(k, v)| (k, text(&v))).collect(),
        other => vec![("value".into(), text(&other))],
    })
}

/// CSV with a header line of field names.
pub fn write_csv<T: Serialize>(out: &mut impl Write, rows: &[T]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for (i, r) in rows.iter().enumerate() {
        let fields = flat(r)?;
        if i == 0 {
            w.write_record(fields.iter().map(|(k, _)| k))?;
        }
        w.write_record(fields.iter().map(|(_, v)| v))?;
    }
    w.flush()?;
    Ok(())
}

fn clip(s: &str, width: usize) -> String {
    let one_line = s.replace(['\n', '\r', '\t'], " ");
    let safe = terminal_safe(&one_line);
    if safe.chars().count() <= width {
        return safe.into_owned();
    }
    let mut c: String = safe.chars().take(width.saturating_sub(1)).collect();
    c.push('…');
    c
}

/// An aligned table of `columns` (the last one takes what is left of 160 characters).
pub fn write<T: Serialize>(out: &mut impl Write, rows: &[T], columns: &[&str]) -> Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let f = flat(r)?;
            Ok(columns
                .iter()
                .map(|c| f.iter().find(|(k, _)| k == c).map(|(_, v)| v.clone()).unwrap_or_default())
                .collect())
        })
        .collect::<Result<_>>()?;
    let mut widths: Vec<usize> = columns.iter().map(|c| c.len()).collect();
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count().min(40));
        }
    }
    let used: usize = widths.iter().take(widths.len().saturating_sub(1)).map(|w| w + 2).sum();
    if let Some(last) = widths.last_mut() {
        *last = 160usize.saturating_sub(used).max(20);
    }
    let line = |cells: Vec<String>| {
        cells.iter().zip(&widths).map(|(c, w)| format!("{:<w$}", clip(c, *w), w = *w)).collect::<Vec<_>>().join("  ")
    };
    writeln!(out, "{}", line(columns.iter().map(|c| c.to_string()).collect()).trim_end())?;
    for row in cells {
        writeln!(out, "{}", line(row).trim_end())?;
    }
    writeln!(out, "({} rows)", rows.len())?;
    Ok(())
}
