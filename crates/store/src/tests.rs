//! The store on the demo stories: idempotent ingest, stories of near-duplicates,
//! aggregation across reports, re-coding, the filters.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dateline_engine::{Config, Engine, PlaceIndex, Record};

use crate::query::{DocumentFilter, EventFilter, Page};
use crate::{prepare, Store, StoreError};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        Engine::new(&Config { place_index: PlaceIndex::Off, ..Config::default() }).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn temp_db(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-store-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join("x.db")
}

/// The demo stories of `examples/` as records.
fn demo() -> Vec<Record> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{e}"));
            let id = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            Record { id: id.clone(), origin: id, text, format: "text", ..Record::default() }
        })
        .collect()
}

fn ingest(store: &Store, records: Vec<Record>) -> crate::BatchReport {
    let coding = store.coding_for_ingest(engine().versions()).unwrap_or_else(|e| panic!("{e}"));
    let prepared: Vec<_> = records
        .into_iter()
        .map(|r| {
            let h = crate::content_hash(&r.text);
            prepare(engine(), r, h, None)
        })
        .collect();
    store.write_batch(&coding, &prepared).unwrap_or_else(|e| panic!("{e}"))
}

fn all() -> Page {
    Page { limit: usize::MAX, ..Page::default() }
}

#[test]
fn ingesting_twice_stores_nothing_new() {
    let db = temp_db("twice");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    let first = ingest(&store, demo());
    assert_eq!(first.new, demo().len());
    let before = store.status().unwrap_or_else(|e| panic!("{e}"));
    let second = ingest(&store, demo());
    assert_eq!((second.new, second.already_stored), (0, demo().len()));
    let after = store.status().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(before, after);
    assert!(after.events > 0 && after.stories == after.documents, "{after:?}");
}

#[test]
fn a_republished_story_joins_its_story_and_counts_twice() {
    let db = temp_db("dup");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    let originals = demo();
    let copies: Vec<Record> = originals
        .iter()
        .map(|r| Record {
            id: format!("copy-{}", r.id),
            text: format!(
                "Home | World | Business\n\n{}\n\nShare this story. Sign up for our newsletter.\n",
                r.text.replace(". ", ".  ")
            ),
            site: Some("example.org".into()),
            ..r.clone()
        })
        .collect();
    ingest(&store, originals.clone());
    let report = ingest(&store, copies);
    assert_eq!(report.new, originals.len());
    assert_eq!(report.near_duplicates, originals.len());
    let status = store.status().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((status.documents, status.stories), (2 * originals.len() as i64, originals.len() as i64));
    let events = store.events(&EventFilter::default(), all()).unwrap_or_else(|e| panic!("{e}"));
    let twice = events.iter().filter(|e| e.num_articles == 2).count();
    assert!(twice * 10 >= events.len() * 9, "{twice} of {} events found in both reports", events.len());
    assert!(events.iter().filter(|e| e.num_articles == 2).all(|e| e.num_sources == 2 && e.num_mentions >= 2));
    let detail = store.event(events[0].id).unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("no event"));
    assert_eq!(
        detail.mentions.len() as i64,
        detail.event.num_mentions - detail.mentions.iter().map(|m| m.retold).sum::<i64>()
    );
    for m in &detail.mentions {
        assert!(m.span[0] < m.span[1] && m.span[1] <= m.doc_bytes && !m.evidence.is_empty(), "{m:?}");
    }
}

#[test]
fn the_stored_document_is_what_the_engine_wrote() {
    let db = temp_db("doc");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    let rec = demo().remove(0);
    let want = engine().process(rec.clone());
    ingest(&store, vec![rec]);
    let got = store.document(1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got.as_ref(), Some(&want));
    assert_eq!(store.document(99).unwrap_or_else(|e| panic!("{e}")), None);
}

#[test]
fn recoding_replaces_the_coding_only_when_done() {
    let db = temp_db("recode");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    ingest(&store, demo());
    let before = store.status().unwrap_or_else(|e| panic!("{e}"));
    let old = before.coding.clone().unwrap_or_else(|| panic!("no coding"));
    let mut v = engine().versions().clone();
    v.dict_version = "other".into();
    let building = store.begin_recode(&v).unwrap_or_else(|e| panic!("{e}"));
    // Half the documents, then "killed": the old coding is still what queries read.
    let half: Vec<_> = store.uncoded(building.id, 0, 7).unwrap_or_else(|e| panic!("{e}"));
    let coded: Vec<_> = half.into_iter().map(|s| (s.id, crate::Coded::new(engine().process(s.record)))).collect();
    store.write_recoded(building.id, &coded).unwrap_or_else(|e| panic!("{e}"));
    assert!(!store.finish_recode(building.id).unwrap_or_else(|e| panic!("{e}")));
    let mid = store.status().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((mid.events, mid.coding.as_ref().map(|c| c.id)), (before.events, Some(old.id)));
    assert_eq!(mid.building_done, 7);
    // Resumed: the same versions continue the same building coding.
    let again = store.begin_recode(&v).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.id, building.id);
    let rest: Vec<_> = store.uncoded(again.id, 0, 1000).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rest.len(), demo().len() - 7);
    let coded: Vec<_> = rest.into_iter().map(|s| (s.id, crate::Coded::new(engine().process(s.record)))).collect();
    store.write_recoded(again.id, &coded).unwrap_or_else(|e| panic!("{e}"));
    assert!(store.finish_recode(again.id).unwrap_or_else(|e| panic!("{e}")));
    let after = store.status().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.coding.as_ref().map(|c| c.dict_version.as_str()), Some("other"));
    assert_eq!((after.events, after.mentions, after.documents), (before.events, before.mentions, before.documents));
    assert!(after.building.is_none());
}

#[test]
fn each_filter_returns_what_it_says() {
    let db = temp_db("filters");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    ingest(&store, demo());
    let everything = store.events(&EventFilter::default(), all()).unwrap_or_else(|e| panic!("{e}"));
    assert!(everything.len() >= 10);
    let q = |f: EventFilter| store.events(&f, all()).unwrap_or_else(|e| panic!("{e}"));
    let some = |rows: &[crate::query::EventRow]| !rows.is_empty() && rows.len() < everything.len();

    let first = &everything[0];
    let by_code = q(EventFilter { code: Some(first.code.clone()), ..Default::default() });
    assert!(by_code.iter().all(|e| e.code == first.code) && by_code.iter().any(|e| e.id == first.id));
    let by_root = q(EventFilter { root: Some(first.root.clone()), ..Default::default() });
    assert!(some(&by_root) && by_root.iter().all(|e| e.code.starts_with(&first.root)));
    let actor = first.source_code.get(..3).unwrap_or("").to_string();
    let by_actor = q(EventFilter { actor: Some(actor.clone()), ..Default::default() });
    assert!(
        some(&by_actor)
            && by_actor.iter().all(|e| e.source_code.starts_with(&actor) || e.target_code.starts_with(&actor))
    );
    let by_source = q(EventFilter { source: Some(actor.clone()), ..Default::default() });
    assert!(!by_source.is_empty() && by_source.iter().all(|e| e.source_code.starts_with(&actor)));
    if let Some(c) = everything.iter().find_map(|e| e.source_country.clone()) {
        let rows = q(EventFilter { country: Some(c.clone()), ..Default::default() });
        assert!(
            some(&rows)
                && rows
                    .iter()
                    .all(|e| e.source_country.as_deref() == Some(&c) || e.target_country.as_deref() == Some(&c))
        );
    }
    if let Some(p) = everything.iter().find_map(|e| e.plover.clone()) {
        let rows = q(EventFilter { plover: Some(p.to_lowercase()), ..Default::default() });
        assert!(some(&rows) && rows.iter().all(|e| e.plover.as_deref() == Some(&p)));
    }
    let quad = first.quad_class.map(|q| q as u8);
    let rows = q(EventFilter { quad_class: quad, ..Default::default() });
    assert!(some(&rows) && rows.iter().all(|e| e.quad_class == first.quad_class));
    if let Some(d) = everything.iter().find_map(|e| e.date.clone()) {
        let rows = q(EventFilter { from: Some(d.clone()), to: Some(d.clone()), ..Default::default() });
        assert!(!rows.is_empty() && rows.iter().all(|e| e.date.as_deref() == Some(&d)));
    }
    let negated = q(EventFilter { negated: Some(true), ..Default::default() });
    assert!(negated.iter().all(|e| e.negated));
    assert_eq!(q(EventFilter { negated: Some(false), ..Default::default() }).len() + negated.len(), everything.len());
    let story = q(EventFilter { story: Some(first.story), ..Default::default() });
    assert!(some(&story) && story.iter().all(|e| e.story == first.story));
    let doc = q(EventFilter { document: Some(first.document), ..Default::default() });
    assert!(doc.iter().any(|e| e.id == first.id) && doc.iter().all(|e| e.story == first.story));
    // Full text: a word of one story finds that story's events only.
    let word = first
        .evidence
        .split_whitespace()
        .find(|w| w.len() > 7 && w.chars().all(char::is_alphabetic))
        .unwrap_or("agreement")
        .to_string();
    let rows = q(EventFilter { text: Some(word.clone()), ..Default::default() });
    assert!(rows.iter().any(|e| e.id == first.id), "{word}");
    let docs = store
        .documents(&DocumentFilter { text: Some(word.clone()), ..Default::default() }, all())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(docs.iter().any(|d| d.id == first.document) && docs.len() < demo().len(), "{word}");
}

#[test]
fn bad_parameters_name_themselves() {
    let db = temp_db("params");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    ingest(&store, demo().into_iter().take(2).collect());
    let err = |f: EventFilter| match store.events(&f, Page::default()) {
        Err(StoreError::Param { param, .. }) => param,
        other => panic!("{other:?}"),
    };
    assert_eq!(err(EventFilter { from: Some("2024-13-01".into()), ..Default::default() }), "from");
    assert_eq!(err(EventFilter { code: Some("05a".into()), ..Default::default() }), "code");
    assert_eq!(err(EventFilter { country: Some("Russia".into()), ..Default::default() }), "country");
    assert_eq!(err(EventFilter { actor: Some("RUS'--".into()), ..Default::default() }), "actor");
    assert_eq!(err(EventFilter { text: Some("\"unbalanced".into()), ..Default::default() }), "text");
    assert_eq!(err(EventFilter { quad_class: Some(9), ..Default::default() }), "quad_class");
}

#[test]
fn another_database_is_refused() {
    let db = temp_db("foreign");
    {
        let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("CREATE TABLE t (x)").unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(matches!(Store::open(&db), Err(StoreError::Foreign { .. })));
    let missing = temp_db("missing");
    assert!(Store::open_read_only(&missing).is_err());
}

#[test]
fn explorer_summaries_agree_with_the_events() {
    use crate::explore::SplitBy;
    let db = temp_db("explore");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    ingest(&store, demo());
    let f = EventFilter::default();
    let events = store.events(&f, all()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!events.is_empty());
    let stories = store.stories(&f, all()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stories.iter().map(|s| s.events).sum::<i64>(), events.len() as i64);
    assert!(stories.iter().all(|s| s.documents >= 1 && s.title.is_some() || s.document > 0));
    let timeline = store.timeline(&f, SplitBy::Quad).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(timeline.days.iter().map(|d| d.events).sum::<i64>() + timeline.undated, events.len() as i64);
    let actors = store.actors(&f, all()).unwrap_or_else(|e| panic!("{e}"));
    let sides =
        events.iter().map(|e| i64::from(!e.source_code.is_empty()) + i64::from(!e.target_code.is_empty())).sum::<i64>();
    assert_eq!(actors.iter().map(|a| a.events).sum::<i64>(), sides);
    assert!(actors.iter().any(|a| !a.partners.is_empty()));
    assert!(actors.windows(2).all(|w| w[0].events >= w[1].events));
    let net = store.network(&f, 3).unwrap_or_else(|e| panic!("{e}"));
    assert!(net.edges.len() <= 3 && net.total_edges >= net.edges.len() as i64);
    // A filter narrows every summary alike.
    let code = &events[0].code;
    let one = EventFilter { code: Some(code.clone()), ..EventFilter::default() };
    let n = events.iter().filter(|e| &e.code == code).count() as i64;
    let stories = store.stories(&one, all()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stories.iter().map(|s| s.events).sum::<i64>(), n);
    let places = store.event_places(&f, all()).unwrap_or_else(|e| panic!("{e}"));
    let placed = events.iter().filter(|e| e.place_lat.is_some()).count() as i64;
    assert_eq!(places.iter().map(|p| p.events).sum::<i64>(), placed);
    // A bad filter names its parameter.
    let bad = EventFilter { from: Some("yesterday".into()), ..EventFilter::default() };
    assert!(matches!(store.actors(&bad, all()), Err(StoreError::Param { param: "from", .. })));
}

#[test]
fn a_reader_past_its_deadline_is_stopped() {
    let db = temp_db("deadline");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("{e}"));
    ingest(&store, demo());
    let reader = Store::open_read_only(&db).unwrap_or_else(|e| panic!("{e}"));
    reader.set_deadline(Some(std::time::Instant::now()));
    let slow = EventFilter { text: Some("the".into()), ..EventFilter::default() };
    assert!(matches!(reader.actors(&slow, all()), Err(StoreError::TimedOut)), "a query past its deadline stops");
    reader.set_deadline(None);
    assert!(reader.actors(&slow, all()).is_ok());
}
