//! The JSON shape of a coded document. Only the edge crates (this one, and the server
//! later) know it: the stages produce plain data, this module names its fields.

use dateline_core::{Actor, Doc, EntryRef, Span};
use dateline_dict::Lexicon;
use serde_json::{json, Map, Value};

fn span(s: Span) -> Value {
    json!([s.start, s.end])
}

fn entry(e: &EntryRef) -> Value {
    json!({"file": e.file, "line": e.line, "entry": e.text})
}

fn international(code: &str) -> bool {
    code.starts_with("IGO") || code.starts_with("NGO")
}

fn actor(doc: &Doc, a: &Actor) -> Value {
    json!({
        "code": a.code,
        "country": a.country,
        "role": a.role,
        // `org` names international organisations, governmental or not (NATO, EU, UN,
        // Amnesty International); any other named group (a party, an armed group) is
        // a `group`, coded by `code`.
        "org": a.org.as_ref().filter(|_| international(&a.code)),
        "group": a.org.as_ref().filter(|_| !international(&a.code)),
        "name": a.entity.and_then(|e| doc.entities.get(e)).map(|e| e.name.clone()),
        "text": doc.slice(a.span),
        "span": span(a.span),
        "via": a.via,
        "entry": a.entry.as_ref().map(entry),
    })
}

/// The document as one JSON object.
pub fn document(doc: &Doc, lex: &Lexicon) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(doc.id));
    o.insert("text".into(), json!(doc.text));
    o.insert("format".into(), json!(doc.meta.format));
    o.insert("title".into(), json!(doc.meta.title));
    if let Some(t) = doc.meta.title_span {
        o.insert("title_span".into(), span(t));
    }
    o.insert("lead".into(), json!(doc.meta.lead));
    o.insert(
        "dateline".into(),
        match &doc.meta.dateline {
            Some(d) => json!({"place": d.place, "month": d.month, "day": d.day, "year": d.year, "source": d.source,
                              "country": d.country, "span": span(d.span)}),
            None => Value::Null,
        },
    );
    o.insert("published".into(), json!(doc.meta.published.as_ref().map(|p| p.date.to_string())));
    o.insert(
        "published_how".into(),
        match &doc.meta.published {
            Some(p) => json!({"how": p.how, "why": p.why}),
            None => Value::Null,
        },
    );
    for (k, v) in [("url", &doc.meta.url), ("site", &doc.meta.site), ("author", &doc.meta.author), ("language", &doc.meta.language)] {
        o.insert(k.into(), json!(v));
    }
    if let Some(why) = &doc.meta.not_coded {
        o.insert("not_coded".into(), json!(why));
    }
    o.insert("sentences".into(), Value::Array(doc.sentences.iter().map(|s| span(s.span)).collect()));
    o.insert(
        "entities".into(),
        Value::Array(
            doc.entities
                .iter()
                .map(|e| {
                    json!({"name": e.name, "kind": e.kind.as_str(), "country": e.country, "title": e.title, "role": e.role,
                           "actor": e.actor, "org": e.org, "mentions": e.mentions.iter().map(|m| span(*m)).collect::<Vec<_>>(),
                           "entries": e.entries.iter().map(entry).collect::<Vec<_>>()})
                })
                .collect(),
        ),
    );
    o.insert(
        "places".into(),
        Value::Array(
            doc.places
                .iter()
                .map(|p| {
                    json!({"name": p.name, "geonames_id": p.geonames_id, "country": p.country, "admin1": p.admin1,
                           "lat": p.lat, "lon": p.lon, "precision": p.precision.as_str(),
                           "mentions": p.mentions.iter().map(|m| span(*m)).collect::<Vec<_>>(), "why": p.why})
                })
                .collect(),
        ),
    );
    o.insert(
        "quotes".into(),
        Value::Array(
            doc.quotes
                .iter()
                .map(|q| {
                    json!({"text": doc.slice(q.span), "span": span(q.span),
                           "speaker": q.speaker.and_then(|e| doc.entities.get(e)).map(|e| e.name.clone()),
                           "speaker_text": q.speaker_span.map(|s| doc.slice(s)), "speaker_span": q.speaker_span.map(span), "why": q.why})
                })
                .collect(),
        ),
    );
    o.insert(
        "amounts".into(),
        Value::Array(doc.amounts.iter().map(|a| json!({"text": doc.slice(a.span), "value": a.value, "unit": a.unit, "span": span(a.span)})).collect()),
    );
    o.insert(
        "times".into(),
        Value::Array(
            doc.times
                .iter()
                .map(|t| {
                    let date = if t.date.year > 0 { Some(t.date.to_string()) } else { None };
                    json!({"text": doc.slice(t.span), "date": date, "weekday": t.weekday.map(|w| w.name()), "span": span(t.span)})
                })
                .collect(),
        ),
    );
    o.insert(
        "events".into(),
        Value::Array(
            doc.events
                .iter()
                .map(|e| {
                    let info = lex.codes.get(&e.code);
                    json!({
                        "code": e.code,
                        "name": info.map(|c| c.name.clone()),
                        "root": e.code.get(..2),
                        "plover": e.plover,
                        "mode": e.mode,
                        "goldstein": info.map(|c| c.goldstein),
                        "quad_class": info.map(|c| c.quad),
                        "source": e.source.as_ref().map(|a| actor(doc, a)),
                        "target": e.target.as_ref().map(|a| actor(doc, a)),
                        "negated": e.negated,
                        "hypothetical": e.hypothetical,
                        "future": e.future,
                        "date": e.date.map(|d| d.to_string()),
                        "date_why": e.date_why,
                        "date_text": e.date_span.map(|d| doc.slice(d)),
                        "counts": e.counts.iter().map(|c| json!({"kind": c.kind.as_str(), "value": c.value, "approximate": c.approximate, "text": doc.slice(c.span), "number": doc.slice(c.number), "span": span(c.span)})).collect::<Vec<_>>(),
                        "place": e.place.and_then(|p| doc.places.get(p)).map(|p| json!({"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon, "precision": p.precision.as_str()})),
                        "place_why": e.place_why,
                        "symmetric": e.symmetric,
                        "retold": e.retold.iter().map(|s| span(*s)).collect::<Vec<_>>(),
                        "sentence": e.sentence,
                        "evidence": doc.slice(e.span),
                        "span": span(e.span),
                        "words": e.words.iter().map(|w| doc.slice(*w)).collect::<Vec<_>>(),
                        "word_spans": e.words.iter().map(|w| span(*w)).collect::<Vec<_>>(),
                        "rule": entry(&e.rule),
                        "confidence": (f64::from(e.confidence) * 100.0).round() / 100.0,
                        "reasons": e.reasons,
                    })
                })
                .collect(),
        ),
    );
    if !doc.diagnostics.is_empty() {
        o.insert("diagnostics".into(), Value::Array(doc.diagnostics.iter().map(|d| json!({"stage": d.stage, "message": d.message})).collect()));
    }
    Value::Object(o)
}
