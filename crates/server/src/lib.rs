//! `dateline serve`: a read-only HTTP API over a dateline database and the web
//! explorer that reads it.
//!
//! - [`api`]: the JSON endpoints under `/api`, documented by the OpenAPI document
//!   utoipa generates from them (`/api/openapi.json`).
//! - [`ui`]: the web page at `/`, its assets built into the binary.
//! - [`params`]: query strings into the store's filters; every error names its
//!   parameter.
//!
//! Every request is bounded: pages are capped ([`Limits::max_page`]), each query runs
//! under a deadline SQLite itself enforces ([`Limits::query_time`]), request bodies are
//! refused past [`Limits::body_bytes`], and at most [`Limits::concurrent`] queries run
//! at once (the rest wait briefly, then get a 503). The database is opened read-only;
//! an ingest may write beside the server.

pub mod api;
pub mod download;
pub mod error;
pub mod params;
pub mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use dateline_export::Codes;
use dateline_store::{Store, StoreError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// The bounds of every request.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Rows per page at most, whatever `limit` asks.
    pub max_page: usize,
    /// Rows per page when `limit` is not given.
    pub default_page: usize,
    /// How long one query may run.
    pub query_time: Duration,
    /// How long a CSV download may run.
    pub download_time: Duration,
    /// How long a request may take before its response starts.
    pub request_time: Duration,
    /// The largest request body accepted (the API takes none).
    pub body_bytes: usize,
    /// Queries running at once.
    pub concurrent: usize,
    /// Edges of the actor network at most.
    pub max_edges: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_page: 500,
            default_page: 100,
            query_time: Duration::from_secs(10),
            download_time: Duration::from_secs(600),
            request_time: Duration::from_secs(30),
            body_bytes: 16 * 1024,
            concurrent: 8,
            max_edges: 2_000,
        }
    }
}

/// Why the server cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{addr}: cannot listen: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("{path}: cannot read the basemap: {source}")]
    Basemap { path: String, source: std::io::Error },
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// What every request shares.
pub struct State {
    db: PathBuf,
    pool: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
    pub limits: Limits,
    pub codes: Codes,
    /// Country outlines (GeoJSON) for the map, when installed.
    pub basemap: Option<Bytes>,
}

/// The basemap's file name beside the place index (`scripts/setup-gazetteer.sh` writes
/// it from the `countryinfo` package's country outlines).
pub const BASEMAP_FILE: &str = "basemap.geojson";

/// The largest basemap file read.
const MAX_BASEMAP: u64 = 20 << 20;

impl State {
    /// Opens `db` read-only (so a missing or foreign file is refused before the server
    /// listens), with the country facts of the exports and an optional basemap.
    pub fn open(db: &Path, codes: Codes, basemap: Option<&Path>, limits: Limits) -> Result<Arc<State>, ServerError> {
        let first = Store::open_read_only(db)?;
        let basemap = basemap.map(read_basemap).transpose()?;
        Ok(Arc::new(State {
            db: db.to_path_buf(),
            pool: Mutex::new(vec![first]),
            permits: Arc::new(Semaphore::new(limits.concurrent.max(1))),
            limits,
            codes,
            basemap,
        }))
    }

    /// Waits a little for a query slot; a 503 when none frees.
    async fn permit(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        let wait = self.permits.clone().acquire_owned();
        match tokio::time::timeout(Duration::from_secs(5), wait).await {
            Ok(Ok(p)) => Ok(p),
            _ => Err(ApiError::busy()),
        }
    }

    fn take_store(&self) -> Result<Store, StoreError> {
        let pooled = self.pool.lock().ok().and_then(|mut p| p.pop());
        match pooled {
            Some(s) => Ok(s),
            None => Store::open_read_only(&self.db),
        }
    }

    fn give_back(&self, store: Store) {
        store.set_deadline(None);
        if let Ok(mut p) = self.pool.lock() {
            p.push(store);
        }
    }
}

fn read_basemap(path: &Path) -> Result<Bytes, ServerError> {
    use std::io::Read;
    let name = path.display().to_string();
    let err = |source| ServerError::Basemap { path: name.clone(), source };
    let mut buf = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(MAX_BASEMAP + 1).read_to_end(&mut buf)).map_err(err)?;
    if buf.len() as u64 > MAX_BASEMAP {
        return Err(err(std::io::Error::other(format!("over {MAX_BASEMAP} bytes"))));
    }
    Ok(Bytes::from(buf))
}

/// Runs `f` on a pooled read-only store, on a blocking thread, under the query deadline.
pub(crate) async fn with_store<T, F>(state: &Arc<State>, time: Duration, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store, &State) -> Result<T, ApiError> + Send + 'static,
{
    let permit = state.permit().await?;
    let st = state.clone();
    let job = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let store = st.take_store()?;
        store.set_deadline(Some(Instant::now() + time));
        let out = f(&store, &st);
        st.give_back(store);
        out
    });
    match job.await {
        Ok(out) => out,
        Err(e) => Err(ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, format!("the query failed: {e}"))),
    }
}

/// Serves `state` on `listener` until `shutdown` completes, then lets the requests
/// under way finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<State>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let app = api::router(state);
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await?;
    Ok(())
}

/// Listens on `addr` and serves until Ctrl-C, on a runtime of its own; `ready` is told
/// the address bound (port 0 picks one).
pub fn run(addr: SocketAddr, state: Arc<State>, ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|source| ServerError::Bind { addr, source })?;
        ready(listener.local_addr()?);
        let ctrl_c = async {
            // No Ctrl-C handler (rare): the server then runs until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        serve(listener, state, ctrl_c).await
    })
}
