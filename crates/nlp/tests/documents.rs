//! Whole documents through the nlp stage, as snapshots: each demo article (dateline's
//! own, `examples/*.txt`) with its sentences, entities, quotes, amounts and times in a
//! readable form. A change to any mechanism shows here as a reviewed diff
//! (`cargo insta review`, or `INSTA_UPDATE=always` and read `git diff`).

mod common;
use common::*;
use dateline_core::Doc;

/// One line per item of each layer, each with the words it stands on.
fn summary(doc: &Doc) -> String {
    let mut out = vec![format!("sentences: {}", doc.sentences.len())];
    for e in &doc.entities {
        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
        out.push(format!(
            "entity {} [{}] country {} actor {} title {} mentions {}",
            e.name,
            e.kind.as_str(),
            opt(&e.country),
            opt(&e.actor),
            opt(&e.title),
            e.mentions.len()
        ));
    }
    for q in &doc.quotes {
        let named = q.speaker.and_then(|i| doc.entities.get(i)).map(|e| e.name.as_str());
        let speaker = named.or(q.speaker_span.map(|s| doc.slice(s))).unwrap_or("-");
        out.push(format!("quote {:?} by {speaker} ({})", excerpt(doc.slice(q.span)), q.why));
    }
    for a in &doc.amounts {
        out.push(format!("amount {:?} = {} {}", doc.slice(a.span), a.value, a.unit));
    }
    for t in &doc.times {
        out.push(format!(
            "time {:?} y {:?} m {:?} d {:?} weekday {:?} relative {:?}",
            doc.slice(t.span),
            t.year,
            t.month,
            t.day,
            t.weekday,
            t.relative
        ));
    }
    out.join("\n")
}

/// The first words of a quotation.
fn excerpt(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 8 {
        return words.join(" ");
    }
    format!("{} ...", words[..8].join(" "))
}

#[test]
fn demo_articles() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "a dozen articles at least: {}", files.len());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let doc = analyzed_on(&text, "2024-06-18");
        insta::assert_snapshot!(name, summary(&doc));
    }
}
