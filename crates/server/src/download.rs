//! Downloads: an export written on a blocking thread into a channel, and streamed to
//! the client as it is written, so memory stays bounded whatever the result's size.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use dateline_export::Format;
use dateline_store::query::EventFilter;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use crate::error::ApiError;
use crate::State;

/// Bytes gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;

/// A writer that sends its bytes, a chunk at a time, to the response body. When the
/// client goes away the send fails, and so does the export, which then stops.
struct ChannelWriter {
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The CSV of the events matching `filter`, as a streamed body. The export runs under
/// the download deadline; an error after the first bytes ends the body with an error
/// (the client sees a truncated transfer, not a complete-looking file).
pub async fn csv_stream(state: &Arc<State>, filter: EventFilter) -> Result<Body, ApiError> {
    let permit = state.permit().await?;
    let (tx, rx) = mpsc::channel(4);
    let st = state.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let err_tx = tx.clone();
        let outcome = st.take_store().map_err(|e| e.to_string()).and_then(|store| {
            store.set_deadline(Some(Instant::now() + st.limits.download_time));
            let mut w = ChannelWriter { tx, buf: Vec::with_capacity(CHUNK) };
            let done = dateline_export::export_to(
                &store,
                &st.codes,
                Format::Csv,
                &filter,
                &mut w,
                "the download",
                &mut |_| {},
            )
            .map_err(|e| e.to_string())
            .and_then(|_| w.flush().map_err(|e| e.to_string()));
            st.give_back(store);
            done
        });
        if let Err(message) = outcome {
            let _ = err_tx.blocking_send(Err(std::io::Error::other(message)));
        }
    });
    Ok(Body::from_stream(ReceiverStream::new(rx)))
}
