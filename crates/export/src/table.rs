//! Rows as typed columns: Arrow record batches (for Parquet and the Python module)
//! from the same text fields the TSV and CSV exports write, so every format holds the
//! same values.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use crate::gdelt::{event_fields, EVENT_COLUMNS, MENTION_COLUMNS};
use crate::row::ExportEvent;

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Int,
    Float,
    Text,
    Bool,
}

/// dateline's columns after GDELT's 61 in the CSV and Parquet events tables.
// not vocabulary: column names of the export format
pub const EVENT_EXTRAS: [&str; 9] =
    ["Date", "EventName", "PLOVER", "Negated", "Hypothetical", "Future", "Story", "Document", "Evidence"];

/// The events table: GDELT's 61 columns, then [`EVENT_EXTRAS`], with their types.
pub fn event_columns() -> Vec<(&'static str, Col)> {
    use Col::*;
    let gdelt = EVENT_COLUMNS.iter().map(|&n| {
        let t = match n {
            "GLOBALEVENTID" | "SQLDATE" | "MonthYear" | "Year" | "QuadClass" | "NumMentions" | "NumSources"
            | "NumArticles" | "DATEADDED" => Int,
            "IsRootEvent" => Int,
            "FractionDate" | "GoldsteinScale" | "AvgTone" => Float,
            _ if n.ends_with("_Type") => Int,
            _ if n.ends_with("_Lat") || n.ends_with("_Long") => Float,
            _ => Text,
        };
        (n, t)
    });
    let extras = EVENT_EXTRAS.iter().map(|&n| {
        (
            n,
            if matches!(n, "Negated" | "Hypothetical" | "Future") {
                Bool
            } else if n == "Story" {
                Int
            } else {
                Text
            },
        )
    });
    gdelt.chain(extras).collect()
}

/// An event's fields for the CSV and Parquet tables: GDELT's 61, then dateline's.
pub fn event_row(e: &ExportEvent) -> Vec<String> {
    let mut f = event_fields(e);
    f.extend([
        e.date.clone(),
        e.event_name.clone(),
        e.plover.clone(),
        e.negated.to_string(),
        e.hypothetical.to_string(),
        e.future.to_string(),
        e.story.to_string(),
        e.document.clone(),
        e.evidence.clone(),
    ]);
    f
}

/// The mentions table: GDELT's 16 columns, then the document's store id and the
/// sentence that tells the event.
pub fn mention_columns() -> Vec<(&'static str, Col)> {
    use Col::*;
    let text = ["MentionSourceName", "MentionIdentifier", "MentionDocTranslationInfo", "Extras"];
    let float = ["MentionDocTone"];
    MENTION_COLUMNS
        .iter()
        .map(|&n| {
            (
                n,
                if text.contains(&n) {
                    Text
                } else if float.contains(&n) {
                    Float
                } else {
                    Int
                },
            )
        })
        .chain([("Document", Int), ("Evidence", Text)])
        .collect()
}

/// The documents table.
pub fn document_columns() -> Vec<(&'static str, Col)> {
    use Col::*;
    vec![
        ("id", Int),
        ("record_id", Text),
        ("story", Int),
        ("similarity", Float),
        ("title", Text),
        ("published", Text),
        ("url", Text),
        ("source_name", Text),
        ("language", Text),
        ("format", Text),
        ("origin", Text),
        ("bytes", Int),
        ("events", Int),
        ("tone", Float),
        ("not_coded", Text),
        ("ingested_at", Text),
    ]
}

pub fn schema(columns: &[(&str, Col)]) -> SchemaRef {
    let fields: Vec<Field> = columns
        .iter()
        .map(|(n, t)| {
            let dt = match t {
                Col::Int => DataType::Int64,
                Col::Float => DataType::Float64,
                Col::Text => DataType::Utf8,
                Col::Bool => DataType::Boolean,
            };
            Field::new(*n, dt, true)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// Rows of text fields as a record batch of `columns`: an empty field is null, a
/// number that does not parse is null.
pub fn batch(columns: &[(&str, Col)], rows: &[Vec<String>]) -> Result<RecordBatch, ArrowError> {
    let arrays: Vec<ArrayRef> = columns
        .iter()
        .enumerate()
        .map(|(i, (_, t))| {
            let a: ArrayRef = match t {
                Col::Int => {
                    let mut b = Int64Builder::with_capacity(rows.len());
                    rows.iter().for_each(|r| b.append_option(cell_at(r, i).and_then(|s| s.parse().ok())));
                    Arc::new(b.finish())
                }
                Col::Float => {
                    let mut b = Float64Builder::with_capacity(rows.len());
                    rows.iter().for_each(|r| b.append_option(cell_at(r, i).and_then(|s| s.parse().ok())));
                    Arc::new(b.finish())
                }
                Col::Bool => {
                    let mut b = BooleanBuilder::with_capacity(rows.len());
                    rows.iter().for_each(|r| b.append_option(cell_at(r, i).map(|s| s == "true" || s == "1")));
                    Arc::new(b.finish())
                }
                Col::Text => {
                    let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 16);
                    rows.iter().for_each(|r| b.append_option(cell_at(r, i)));
                    Arc::new(b.finish())
                }
            };
            a
        })
        .collect();
    RecordBatch::try_new(schema(columns), arrays)
}

fn cell_at(row: &[String], i: usize) -> Option<&str> {
    row.get(i).map(String::as_str).filter(|s| !s.is_empty())
}

/// Exported events as a record batch of the events table.
pub fn events_batch(events: &[ExportEvent]) -> Result<RecordBatch, ArrowError> {
    let rows: Vec<Vec<String>> = events.iter().map(event_row).collect();
    batch(&event_columns(), &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_their_columns() {
        assert_eq!(event_columns().len(), 70);
        assert_eq!(event_row(&ExportEvent::default()).len(), 70);
        let b = events_batch(&[ExportEvent {
            global_event_id: 7,
            event_code: "057".into(),
            negated: true,
            ..ExportEvent::default()
        }]);
        let b = b.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((b.num_rows(), b.num_columns()), (1, 70));
        assert_eq!(mention_columns().len(), 18);
    }
}
