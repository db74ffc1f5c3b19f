//! The JSON API under `/api`, and the router that joins it to the web page.
//!
//! Each handler parses its query ([`crate::params`]), runs one store call on a pooled
//! connection under the query deadline ([`crate::with_store`]) and answers JSON. The
//! OpenAPI document is generated from these handlers' annotations and the rows'
//! types, so it cannot drift from them.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State as Shared};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use dateline_engine::Document;
use dateline_store::explore::{ActorRow, EventCode, Network, PlaceCount, StoryRow, Timeline};
use dateline_store::query::{DocumentRow, EventDetail, EventRow, Page, Status};
use serde::Serialize;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::{OpenApi, ToSchema};

use crate::error::{ApiError, ErrorBody};
use crate::params::{self, DocumentQuery, DownloadQuery, EventQuery, NoQuery, TimelineQuery};
use crate::{ui, with_store, State};

type Result<T> = std::result::Result<T, ApiError>;

/// A page of rows: the rows, the page asked for (`limit` as capped), and whether more
/// rows follow.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub limit: usize,
    pub offset: usize,
    pub more: bool,
}

/// A document as the news list shows it: its listing row and the weightiest events it
/// tells.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewsRow {
    #[serde(flatten)]
    pub stored: DocumentRow,
    /// At most [`TOP_EVENTS`] event codes, the largest Goldstein magnitude first.
    pub top_events: Vec<EventCode>,
}

/// Events listed with each document of the news list.
pub const TOP_EVENTS: usize = 3;

/// A stored document: its listing row and the full model (text and layers, byte offsets).
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDetail {
    pub stored: DocumentRow,
    pub document: Document,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "dateline", description = "News read into event data: the documents, events, stories, actors and places of a dateline database. Offsets are UTF-8 byte offsets into a document's text."),
    paths(status, documents, document, events, events_csv, event, stories, actors, network, timeline, places),
    components(schemas(ErrorBody, Paged<EventRow>, Paged<NewsRow>, Paged<StoryRow>, Paged<ActorRow>, Paged<PlaceCount>, DocumentDetail, EventDetail, Status, Network, Timeline, PlaceCount))
)]
pub struct ApiDoc;

/// Every route: the API, the page and its assets.
pub fn router(state: Arc<State>) -> Router {
    let limits = state.limits.clone();
    Router::new()
        .route("/api/status", get(status))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/events", get(events))
        .route("/api/events.csv", get(events_csv))
        .route("/api/events/{id}", get(event))
        .route("/api/stories", get(stories))
        .route("/api/actors", get(actors))
        .route("/api/network", get(network))
        .route("/api/timeline", get(timeline))
        .route("/api/places", get(places))
        .route("/api/openapi.json", get(openapi))
        .route("/api/basemap", get(basemap))
        .merge(ui::routes())
        .fallback(not_found)
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, limits.request_time))
        .with_state(state)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("{}: no such page", uri.path()))
}

/// Fetches one row more than the page to tell whether more follow.
fn paged<T>(mut items: Vec<T>, page: Page) -> Paged<T> {
    let more = items.len() > page.limit;
    items.truncate(page.limit);
    Paged { items, limit: page.limit, offset: page.offset, more }
}

fn one_more(page: Page) -> Page {
    Page { limit: page.limit + 1, ..page }
}

/// What the database holds: counts, codings, dictionary and dateline versions.
#[utoipa::path(get, path = "/api/status", responses((status = 200, body = Status)))]
async fn status(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Json<Status>> {
    params::parse::<NoQuery>(q.as_deref())?;
    let time = st.limits.query_time;
    Ok(Json(with_store(&st, time, |s, _| Ok(s.status()?)).await?))
}

/// The stored documents, newest id last, filtered.
#[utoipa::path(get, path = "/api/documents", params(DocumentQuery),
    responses((status = 200, body = Paged<NewsRow>), (status = 400, body = ErrorBody)))]
async fn documents(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Json<Paged<NewsRow>>> {
    let q: DocumentQuery = params::parse(q.as_deref())?;
    let (filter, page) = (q.filter()?, q.page(st.limits.default_page, st.limits.max_page));
    let time = st.limits.query_time;
    let rows = with_store(&st, time, move |s, _| {
        let rows = s.documents(&filter, one_more(page))?;
        rows.into_iter()
            .map(|stored| Ok(NewsRow { top_events: s.top_events(stored.id, TOP_EVENTS)?, stored }))
            .collect()
    })
    .await?;
    Ok(Json(paged(rows, page)))
}

/// One document: its text and every annotation layer, with byte offsets.
#[utoipa::path(get, path = "/api/documents/{id}", params(("id" = i64, Path, description = "The document's id")),
    responses((status = 200, body = DocumentDetail), (status = 404, body = ErrorBody)))]
async fn document(
    Shared(st): Shared<Arc<State>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<DocumentDetail>> {
    params::parse::<NoQuery>(q.as_deref())?;
    let id = params::id(&id)?;
    let time = st.limits.query_time;
    let found = with_store(&st, time, move |s, _| Ok(s.document_row(id)?.zip(s.document(id)?))).await?;
    let (stored, document) = found.ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
    Ok(Json(DocumentDetail { stored, document }))
}

/// Events aggregated across reports, filtered as `dateline query` filters them.
#[utoipa::path(get, path = "/api/events", params(EventQuery),
    responses((status = 200, body = Paged<EventRow>), (status = 400, body = ErrorBody)))]
async fn events(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Json<Paged<EventRow>>> {
    let q: EventQuery = params::parse(q.as_deref())?;
    let (filter, page) = (q.filter()?, q.page(st.limits.default_page, st.limits.max_page));
    let time = st.limits.query_time;
    let rows = with_store(&st, time, move |s, _| Ok(s.events(&filter, one_more(page))?)).await?;
    Ok(Json(paged(rows, page)))
}

/// One event with every report of it: offsets, evidence, rule and dictionary entry.
#[utoipa::path(get, path = "/api/events/{id}", params(("id" = i64, Path, description = "The event's id")),
    responses((status = 200, body = EventDetail), (status = 404, body = ErrorBody)))]
async fn event(
    Shared(st): Shared<Arc<State>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<EventDetail>> {
    params::parse::<NoQuery>(q.as_deref())?;
    let id = params::id(&id)?;
    let time = st.limits.query_time;
    let found = with_store(&st, time, move |s, _| Ok(s.event(id)?)).await?;
    Ok(Json(found.ok_or_else(|| ApiError::not_found(format!("no event {id}")))?))
}

/// Every matching event as CSV (the columns of `dateline export --format csv`), streamed.
#[utoipa::path(get, path = "/api/events.csv", params(DownloadQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody)))]
async fn events_csv(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Response> {
    let q: DownloadQuery = params::parse(q.as_deref())?;
    let filter = q.filter()?;
    let body = crate::download::csv_stream(&st, filter).await?;
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"dateline-events.csv\""),
    ];
    Ok((headers, body).into_response())
}

/// The stories (reports of one news item) that tell the matching events.
#[utoipa::path(get, path = "/api/stories", params(EventQuery),
    responses((status = 200, body = Paged<StoryRow>), (status = 400, body = ErrorBody)))]
async fn stories(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Json<Paged<StoryRow>>> {
    let q: EventQuery = params::parse(q.as_deref())?;
    let (filter, page) = (q.filter()?, q.page(st.limits.default_page, st.limits.max_page));
    let time = st.limits.query_time;
    let rows = with_store(&st, time, move |s, _| Ok(s.stories(&filter, one_more(page))?)).await?;
    Ok(Json(paged(rows, page)))
}

/// The actors of the matching events, most active first, with their top partners.
#[utoipa::path(get, path = "/api/actors", params(EventQuery),
    responses((status = 200, body = Paged<ActorRow>), (status = 400, body = ErrorBody)))]
async fn actors(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Json<Paged<ActorRow>>> {
    let q: EventQuery = params::parse(q.as_deref())?;
    let (filter, page) = (q.filter()?, q.page(st.limits.default_page, st.limits.max_page));
    let time = st.limits.query_time;
    let rows = with_store(&st, time, move |s, _| Ok(s.actors(&filter, one_more(page))?)).await?;
    Ok(Json(paged(rows, page)))
}

/// Who acts on whom: source-target pairs weighted by events, heaviest first.
#[utoipa::path(get, path = "/api/network", params(EventQuery),
    responses((status = 200, body = Network), (status = 400, body = ErrorBody)))]
async fn network(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Json<Network>> {
    let q: EventQuery = params::parse(q.as_deref())?;
    let filter = q.filter()?;
    let edges = q.limit.unwrap_or(st.limits.max_edges).min(st.limits.max_edges);
    let time = st.limits.query_time;
    Ok(Json(with_store(&st, time, move |s, _| Ok(s.network(&filter, edges)?)).await?))
}

/// Events per day, split by CAMEO root code or by quad class.
#[utoipa::path(get, path = "/api/timeline", params(TimelineQuery),
    responses((status = 200, body = Timeline), (status = 400, body = ErrorBody)))]
async fn timeline(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Json<Timeline>> {
    let q: TimelineQuery = params::parse(q.as_deref())?;
    let (filter, by) = (q.filter()?, q.split()?);
    let time = st.limits.query_time;
    Ok(Json(with_store(&st, time, move |s, _| Ok(s.timeline(&filter, by)?)).await?))
}

/// Event counts by place, with coordinates, most events first.
#[utoipa::path(get, path = "/api/places", params(EventQuery),
    responses((status = 200, body = Paged<PlaceCount>), (status = 400, body = ErrorBody)))]
async fn places(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Result<Json<Paged<PlaceCount>>> {
    let q: EventQuery = params::parse(q.as_deref())?;
    let (filter, page) = (q.filter()?, q.page(st.limits.default_page, st.limits.max_page));
    let time = st.limits.query_time;
    let rows = with_store(&st, time, move |s, _| Ok(s.event_places(&filter, one_more(page))?)).await?;
    Ok(Json(paged(rows, page)))
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The country outlines (GeoJSON) of the map, when installed.
async fn basemap(Shared(st): Shared<Arc<State>>) -> Result<Response> {
    match &st.basemap {
        Some(b) => Ok(([(header::CONTENT_TYPE, "application/json")], b.clone()).into_response()),
        None => Err(ApiError::not_found(
            "no basemap installed (scripts/setup-gazetteer.sh writes one beside the place index)",
        )),
    }
}
