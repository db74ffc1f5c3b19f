//! The API over a real server: a database ingested from the demo corpus (and one story
//! republished by a second site), served on 127.0.0.1 by `dateline_server::serve`, and
//! asked over TCP as a client asks it. Every endpoint, its documented shape, the limits
//! and the errors.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use dateline_engine::{Config, Engine, PlaceIndex, Record};
use dateline_export::Codes;
use dateline_server::{Limits, State};
use dateline_store::{content_hash, prepare, Store};
use serde_json::Value;

fn fail<E: std::fmt::Display>(e: E) -> ! {
    panic!("{e}")
}

/// The demo stories, and story 06 again as another site republished it.
fn records() -> Vec<Record> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(e))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out: Vec<Record> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| fail(e));
            let id = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let url = format!("https://wire.example/{id}");
            Record { id: id.clone(), origin: id, text, format: "text", url: Some(url), ..Record::default() }
        })
        .collect();
    let copy = out.iter().find(|r| r.id.starts_with("06-")).cloned().unwrap_or_else(|| fail("no story 06"));
    out.push(Record {
        id: "republished-06".into(),
        text: format!("Latest news | Europe\n\n{}\n\nRead more: our Baltic coverage.", copy.text),
        url: Some("https://other.example/europe/estonia-diplomats".into()),
        ..copy
    });
    out
}

fn database() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dateline-server-api-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(e));
        let db = dir.join("demo.db");
        let engine =
            Engine::new(&Config { place_index: PlaceIndex::Default, ..Config::default() }).unwrap_or_else(|e| fail(e));
        let store = Store::open(&db).unwrap_or_else(|e| fail(e));
        let coding = store.coding_for_ingest(engine.versions()).unwrap_or_else(|e| fail(e));
        let prepared: Vec<_> = records()
            .into_iter()
            .map(|r| {
                let h = content_hash(&r.text);
                prepare(&engine, r, h, None)
            })
            .collect();
        store.write_batch(&coding, &prepared).unwrap_or_else(|e| fail(e));
        store.checkpoint().unwrap_or_else(|e| fail(e));
        db
    })
}

/// Starts a server over the demo database with `limits`, on a port of its own, for the
/// rest of the test process.
fn start(limits: Limits) -> SocketAddr {
    let engine = Engine::new(&Config { place_index: PlaceIndex::Off, ..Config::default() }).unwrap_or_else(|e| fail(e));
    let state = State::open(database(), Codes::new(engine.lexicon(), None), None, limits).unwrap_or_else(|e| fail(e));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap_or_else(|e| fail(e));
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| fail(e));
            tx.send(listener.local_addr().unwrap_or_else(|e| fail(e))).unwrap_or_else(|e| fail(e));
            dateline_server::serve(listener, state, std::future::pending()).await.unwrap_or_else(|e| fail(e));
        });
    });
    rx.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|e| fail(e))
}

fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| start(Limits::default()))
}

struct Response {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Response {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| fail(format!("{e}: {}", String::from_utf8_lossy(&self.body))))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request over a fresh connection; the answer read to its end.
fn request(addr: SocketAddr, head: &str, body: &[u8]) -> Response {
    let mut s = TcpStream::connect(addr).unwrap_or_else(|e| fail(e));
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap_or_else(|e| fail(e));
    s.write_all(head.as_bytes()).unwrap_or_else(|e| fail(e));
    // A server that refuses a request by its head (a body past the limit, a method it does
    // not serve) may answer and close before the body is sent: the rest then meets a
    // closed connection, and the answer is still there to read.
    if let Err(e) = s.write_all(body) {
        if !matches!(e.kind(), std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset) {
            fail(e);
        }
    }
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| fail("no end of headers"));
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or_else(|| fail(&headers));
    let mut body = raw[split + 4..].to_vec();
    if headers.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    Response { status, headers, body }
}

fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 4 + size..];
    }
    out
}

fn get_at(addr: SocketAddr, path: &str) -> Response {
    request(addr, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), b"")
}

fn get(path: &str) -> Response {
    get_at(server(), path)
}

fn ok(path: &str) -> Value {
    let r = get(path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    r.json()
}

/// A 400 whose JSON names `param`.
fn bad(path: &str, param: &str) {
    let r = get(path);
    assert_eq!(r.status, 400, "{path}: {}", r.text());
    let j = r.json();
    assert_eq!(j["param"], param, "{path}: {j}");
    assert!(j["error"].as_str().is_some_and(|m| m.contains(param)), "{path}: {j}");
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().unwrap_or_else(|| fail(format!("no items: {v}")))
}

#[test]
fn the_openapi_document_lists_every_endpoint() {
    let doc = ok("/api/openapi.json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", doc["openapi"]);
    let paths = doc["paths"].as_object().unwrap_or_else(|| fail("no paths"));
    for p in [
        "/api/status",
        "/api/documents",
        "/api/documents/{id}",
        "/api/events",
        "/api/events/{id}",
        "/api/events.csv",
        "/api/stories",
        "/api/actors",
        "/api/network",
        "/api/timeline",
        "/api/places",
    ] {
        let op = &paths.get(p).unwrap_or_else(|| fail(format!("{p} is not documented")))["get"];
        assert!(op["responses"]["200"].is_object(), "{p}: {op}");
    }
    // Every schema a response refers to is defined.
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap_or_else(|| fail("no schemas"));
    for name in text.split("#/components/schemas/").skip(1).filter_map(|s| s.split('"').next()) {
        assert!(schemas.contains_key(name), "{name} is referred to, not defined");
    }
    // The event filter's parameters are documented on /api/events.
    let params: Vec<&str> = paths["/api/events"]["get"]["parameters"]
        .as_array()
        .unwrap_or_else(|| fail("no parameters"))
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for p in [
        "from",
        "to",
        "actor",
        "country",
        "code",
        "root",
        "plover",
        "quad_class",
        "place",
        "negated",
        "text",
        "limit",
        "offset",
    ] {
        assert!(params.contains(&p), "{p} missing from {params:?}");
    }
}

#[test]
fn status_counts_what_was_stored() {
    let s = ok("/api/status");
    assert_eq!(s["documents"], 15);
    assert_eq!(s["stories"], 14, "the republished story joins its first report: {s}");
    assert!(s["events"].as_i64().is_some_and(|n| n > 40), "{s}");
    assert!(s["schema_version"].as_i64().is_some(), "{s}");
    bad("/api/status?verbose=1", "verbose");
}

#[test]
fn documents_list_pages_search_and_top_events() {
    let all = ok("/api/documents?limit=100000");
    assert_eq!(all["limit"], 500, "the page is capped");
    let docs = items(&all);
    assert_eq!(docs.len(), 15);
    let visit =
        docs.iter().find(|d| d["record_id"] == "01-bishkek-kazakh-visit.txt").unwrap_or_else(|| fail("no story 01"));
    assert!(visit["title"].as_str().is_some_and(|t| t.contains("Bishkek")), "{visit}");
    assert!(visit["top_events"].as_array().is_some_and(|e| !e.is_empty() && e.len() <= 3), "{visit}");
    let page = ok("/api/documents?limit=5&offset=5");
    assert_eq!(items(&page).len(), 5);
    assert_eq!(page["more"], true);
    assert_eq!(items(&page)[0]["id"], docs[5]["id"]);
    let found = ok("/api/documents?text=monsoon%20OR%20memorandum");
    assert!(items(&found).iter().any(|d| d["record_id"] == "01-bishkek-kazakh-visit.txt"), "{found}");
    assert!(items(&ok("/api/documents?text=zzyzzyva")).is_empty());
    let story = visit["story"].as_i64().unwrap_or(0);
    assert_eq!(items(&ok(&format!("/api/documents?story={story}"))).len(), 1);
    bad("/api/documents?from=yesterday", "from");
    bad("/api/documents?limit=-3", "limit");
    bad("/api/documents?colour=red", "colour");
}

#[test]
fn a_document_comes_with_its_text_and_every_layer() {
    let list = ok("/api/documents?limit=1");
    let id = &items(&list)[0]["id"];
    let d = ok(&format!("/api/documents/{id}"));
    let doc = &d["document"];
    let text = doc["text"].as_str().unwrap_or_else(|| fail("no text"));
    assert_eq!(d["stored"]["id"], *id);
    for layer in ["sentences", "entities", "places", "quotes", "amounts", "times", "events"] {
        assert!(doc[layer].is_array(), "{layer} missing");
    }
    let events = doc["events"].as_array().unwrap_or_else(|| fail("no events"));
    assert!(!events.is_empty());
    for e in events {
        let (s, t) = (e["span"][0].as_u64().unwrap_or(0) as usize, e["span"][1].as_u64().unwrap_or(0) as usize);
        assert_eq!(text.get(s..t), e["evidence"].as_str(), "the evidence is the text at its span");
        assert!(e["rule"]["file"].as_str().is_some_and(|f| f.starts_with("dict/")), "{e}");
    }
    assert_eq!(get("/api/documents/999999").status, 404);
    bad("/api/documents/abc", "id");
}

#[test]
fn events_filter_as_query_does() {
    let all = items(&ok("/api/events?limit=500")).clone();
    assert!(all.len() > 40);
    let root = all[0]["root"].as_str().unwrap_or_default().to_string();
    let by_root = ok(&format!("/api/events?root={root}&limit=500"));
    assert!(!items(&by_root).is_empty() && items(&by_root).iter().all(|e| e["root"] == root.as_str()));
    let rus = ok("/api/events?actor=RUS&limit=500");
    assert!(!items(&rus).is_empty());
    assert!(items(&rus).iter().all(|e| e["source_code"].as_str().is_some_and(|c| c.starts_with("RUS"))
        || e["target_code"].as_str().is_some_and(|c| c.starts_with("RUS"))));
    let negated = ok("/api/events?negated=true&limit=500");
    assert!(!items(&negated).is_empty() && items(&negated).iter().all(|e| e["negated"] == true));
    let quad = ok("/api/events?quad_class=4&limit=500");
    assert!(items(&quad).iter().all(|e| e["quad_class"] == 4));
    let twice = ok("/api/events?document=15&limit=500");
    assert!(items(&twice).iter().any(|e| e["num_articles"] == 2), "an event both reports tell counts two articles");
    let capped = ok("/api/events?limit=100000");
    assert_eq!(capped["limit"], 500);
    bad("/api/events?from=2024-13-45", "from");
    bad("/api/events?quad_class=banana", "quad_class");
    bad("/api/events?negated=perhaps", "negated");
    bad("/api/events?actr=RUS", "actr");
}

#[test]
fn an_event_comes_with_every_report() {
    let twice = ok("/api/events?document=15&limit=500");
    let e =
        items(&twice).iter().find(|e| e["num_articles"] == 2).unwrap_or_else(|| fail("no event told twice")).clone();
    let detail = ok(&format!("/api/events/{}", e["id"]));
    let mentions = detail["mentions"].as_array().unwrap_or_else(|| fail("no mentions"));
    assert_eq!(mentions.len(), 2);
    for m in mentions {
        let doc = ok(&format!("/api/documents/{}", m["document"]));
        let text = doc["document"]["text"].as_str().unwrap_or_default();
        let (s, t) = (m["span"][0].as_u64().unwrap_or(0) as usize, m["span"][1].as_u64().unwrap_or(0) as usize);
        assert_eq!(text.get(s..t), m["evidence"].as_str(), "{m}");
        assert!(m["rule_entry"].as_str().is_some_and(|r| !r.is_empty()));
    }
    assert_eq!(get("/api/events/999999").status, 404);
}

#[test]
fn the_csv_download_has_every_matching_event() {
    let r = get("/api/events.csv?root=19");
    assert_eq!(r.status, 200);
    assert!(r.headers.to_ascii_lowercase().contains("content-type: text/csv"), "{}", r.headers);
    let text = r.text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("GLOBALEVENTID,"), "{}", lines[0]);
    let n = items(&ok("/api/events?root=19&limit=500")).len();
    assert_eq!(lines.len() - 1, n);
    bad("/api/events.csv?root=x9&limit=5", "limit");
}

#[test]
fn summaries_answer_in_their_documented_shape() {
    let stories = ok("/api/stories?limit=500");
    assert!(items(&stories).iter().any(|s| s["documents"] == 2), "the republished story has two reports");
    let actors = ok("/api/actors?limit=10");
    let first = &items(&actors)[0];
    assert!(first["events"].as_i64().is_some_and(|n| n > 0) && first["partners"].is_array(), "{first}");
    let net = ok("/api/network");
    let edges = net["edges"].as_array().unwrap_or_else(|| fail("no edges"));
    assert!(!edges.is_empty() && edges.iter().all(|e| e["source"] != e["target"]));
    assert!(net["total_edges"].as_i64().is_some_and(|n| n as usize >= edges.len()));
    let t = ok("/api/timeline?by=quad");
    assert_eq!(t["by"], "quad");
    let days = t["days"].as_array().unwrap_or_else(|| fail("no days"));
    assert!(!days.is_empty() && days.iter().all(|d| d["day"].as_str().is_some_and(|s| s.len() == 10)));
    assert!(days.iter().all(|d| ["1", "2", "3", "4", ""].contains(&d["key"].as_str().unwrap_or("?"))));
    assert_eq!(ok("/api/timeline")["by"], "root");
    bad("/api/timeline?by=week", "by");
    let places = ok("/api/places");
    for p in items(&places) {
        assert!(p["lat"].is_f64() && p["lon"].is_f64() && p["events"].as_i64().is_some_and(|n| n > 0), "{p}");
    }
}

#[test]
fn the_page_and_its_assets_are_served() {
    let page = get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<script src=\"/app.js\">"));
    assert!(get("/app.js").text().contains("VIEWS.news"));
    assert!(get("/app.css").headers.to_ascii_lowercase().contains("text/css"));
    let missing = get("/no/such/page");
    assert_eq!(missing.status, 404);
    assert!(missing.json()["error"].as_str().is_some());
    // No basemap given to this server: a 404 that says how to get one.
    assert_eq!(get("/api/basemap").status, 404);
}

#[test]
fn requests_are_bounded() {
    // A body past the limit is refused before it is read.
    let big = vec![b'x'; 1 << 20];
    let head = format!(
        "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        big.len()
    );
    let r = request(server(), &head, &big);
    assert!(r.status == 413 || r.status == 405, "{} {}", r.status, r.text());
    // Only GET is served.
    let r = request(server(), "DELETE /api/events/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", b"");
    assert_eq!(r.status, 405);
    // A query past its time limit is stopped by SQLite and reported as such.
    let hurried = start(Limits { query_time: Duration::ZERO, ..Limits::default() });
    let r = get_at(hurried, "/api/actors");
    assert_eq!(r.status, 504, "{}", r.text());
    assert!(r.json()["error"].as_str().is_some_and(|m| m.contains("longer")));
}

#[test]
fn the_database_is_opened_read_only() {
    let before = std::fs::metadata(database()).and_then(|m| m.modified()).unwrap_or_else(|e| fail(e));
    let _ = ok("/api/events?limit=500");
    let _ = ok("/api/status");
    let after = std::fs::metadata(database()).and_then(|m| m.modified()).unwrap_or_else(|e| fail(e));
    assert_eq!(before, after);
}
