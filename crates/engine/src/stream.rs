//! Streaming input in bounded batches.
//!
//! A reader thread reads the inputs in order and hands records (and read errors) over
//! a bounded queue; the caller receives them in batches of at most
//! [`Batching::max_records`] records or [`Batching::max_bytes`] bytes of text, and
//! also whenever the input stalls for [`Batching::stall`] with records waiting, so a
//! slow pipe (`tail -f feed.jsonl | dateline extract -`) gives output as it arrives.
//! Memory is bounded by the queue and one batch, whatever the size of the input.

use std::ops::ControlFlow;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use dateline_ingest::{read_input, Input, ReadError, ReadOptions, Record};

/// How records are grouped.
#[derive(Debug, Clone)]
pub struct Batching {
    pub max_records: usize,
    pub max_bytes: usize,
    /// A batch with records in it is handed over when no record came for this long.
    pub stall: Duration,
    /// Records read ahead of the batch being filled.
    pub queue: usize,
}

impl Default for Batching {
    fn default() -> Batching {
        Batching { max_records: 256, max_bytes: 8 << 20, stall: Duration::from_millis(300), queue: 64 }
    }
}

/// One item of input: a record, or why one could not be read.
pub type Item = Result<Record, ReadError>;

/// Reads `inputs` on a reader thread and calls `on_batch` with each batch, in input
/// order, errors in their place among the records. `on_batch` returning `Break` stops
/// the reading.
pub fn read_batches(
    inputs: Vec<Input>,
    opts: ReadOptions,
    batching: &Batching,
    mut on_batch: impl FnMut(Vec<Item>) -> ControlFlow<()>,
) {
    let (tx, rx) = mpsc::sync_channel::<Item>(batching.queue.max(1));
    // Detached: when the caller stops early, the reader's next send fails and it ends;
    // a reader blocked on a silent pipe must not hold the caller up.
    let spawned = std::thread::Builder::new().name("dateline-reader".into()).spawn(move || {
        for input in &inputs {
            let mut stopped = false;
            read_input(input, &opts, &mut |item| {
                stopped = tx.send(item).is_err();
                if stopped {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            if stopped {
                return;
            }
        }
    });
    if let Err(e) = spawned {
        let err = ReadError::Io { input: "<inputs>".into(), source: e };
        let _ = on_batch(vec![Err(err)]);
        return;
    }
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    loop {
        let next = if batch.is_empty() {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            rx.recv_timeout(batching.stall)
        };
        let full = match next {
            Ok(item) => {
                bytes += item.as_ref().map(|r| r.text.len()).unwrap_or(0);
                batch.push(item);
                batch.len() >= batching.max_records || bytes >= batching.max_bytes
            }
            Err(RecvTimeoutError::Timeout) => true,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if full {
            bytes = 0;
            if on_batch(std::mem::take(&mut batch)).is_break() {
                return;
            }
        }
    }
    if !batch.is_empty() {
        let _ = on_batch(batch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &std::path::Path, name: &str, text: &str) -> Input {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        Input::Path(p)
    }

    #[test]
    fn batches_keep_order_and_respect_the_record_limit() {
        let dir = std::env::temp_dir().join(format!("dateline-stream-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let lines: String = (0..10).map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"Story {i}.\"}}\n")).collect();
        let inputs = vec![
            write(&dir, "a.jsonl", &lines),
            Input::Path(dir.join("missing.txt")),
            write(&dir, "b.txt", "Last story."),
        ];
        let batching = Batching { max_records: 4, ..Batching::default() };
        let mut sizes = Vec::new();
        let mut ids = Vec::new();
        read_batches(inputs, ReadOptions::default(), &batching, |b| {
            sizes.push(b.len());
            ids.extend(b.into_iter().map(|i| i.map(|r| r.id).unwrap_or_else(|_| "error".into())));
            ControlFlow::Continue(())
        });
        assert!(sizes.iter().all(|&n| n <= 4), "{sizes:?}");
        let want: Vec<String> =
            (0..10).map(|i| format!("r{i}")).chain(["error".to_string(), "b.txt".to_string()]).collect();
        assert_eq!(ids, want);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_break_stops_reading() {
        let dir = std::env::temp_dir().join(format!("dateline-stream-break-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let lines: String = (0..100).map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"Story {i}.\"}}\n")).collect();
        let inputs = vec![write(&dir, "a.jsonl", &lines)];
        let batching = Batching { max_records: 3, ..Batching::default() };
        let mut calls = 0;
        read_batches(inputs, ReadOptions::default(), &batching, |_| {
            calls += 1;
            ControlFlow::Break(())
        });
        assert_eq!(calls, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
