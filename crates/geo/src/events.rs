//! Where each event happened.

use dateline_core::{Doc, Place, PlaceMentions, Precision, Span};

use crate::countries;

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Sets `place` and `place_why` of every event in `doc` (after the event coder and
/// [`crate::annotate`]): the most precise place named in the event's sentence, nearest
/// the words that triggered it, that does not name one of the actors (nor is an actor's
/// own country); else the
/// dateline's place; else the country of the source (or target) actor, added to
/// `doc.places` when the story does not name it.
pub fn place_events(doc: &mut Doc) {
    let dl_place = doc.meta.dateline.as_ref().and_then(|d| {
        let ps = d.place_span;
        doc.places.iter().position(|p| p.mentions.iter().any(|m| overlaps(*m, ps)))
    });
    let named = PlaceMentions::new(&doc.places);
    for ei in 0..doc.events.len() {
        let ev = &doc.events[ei];
        let trigger = ev.words.first().copied().unwrap_or(ev.span);
        let actor_spans: Vec<Span> =
            [ev.source.as_ref(), ev.target.as_ref()].into_iter().flatten().map(|a| a.span).collect();
        // A country that is an actor's own names a party, not where the act took place
        // ("relations between Russia and Kyrgyzstan" in a sentence on a Russian visit).
        let actor_countries: Vec<&str> = [ev.source.as_ref(), ev.target.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(|a| a.country.as_deref())
            .collect();
        let mut best: Option<(usize, Precision, usize, Span)> = None;
        // The place mentions inside the event's sentence (a binary search; a scan of
        // every place per event grows with the square of the document's length).
        for (pi, m) in named.within(ev.span) {
            let p = &doc.places[pi];
            if actor_spans.iter().any(|a| overlaps(*a, m)) || p.indirect.contains(&m) {
                continue;
            }
            if p.precision == Precision::Country && p.country.as_deref().is_some_and(|c| actor_countries.contains(&c)) {
                continue;
            }
            let dist = if m.start >= trigger.end { m.start - trigger.end } else { trigger.start.saturating_sub(m.end) };
            let better = match best {
                None => true,
                Some((_, bp, bd, _)) => p.precision < bp || (p.precision == bp && dist < bd),
            };
            if better {
                best = Some((pi, p.precision, dist, m));
            }
        }
        let (place, why) = if let Some((pi, _, _, m)) = best {
            (Some(pi), format!("\"{}\" is named in the event's sentence", doc.slice(m)))
        } else if let Some(pi) = dl_place {
            (Some(pi), format!("the dateline's place ({})", doc.places[pi].name))
        } else {
            let actor = [ev.source.as_ref(), ev.target.as_ref()]
                .into_iter()
                .flatten()
                .find_map(|a| a.country.clone().map(|c| (c, a.code.clone())));
            match actor {
                Some((iso3, code)) => match country_place(doc, &iso3) {
                    Some(pi) => (Some(pi), format!("the country of the actor {code}")),
                    None => (None, String::new()),
                },
                None => (None, String::new()),
            }
        };
        let ev = &mut doc.events[ei];
        ev.place = place;
        ev.place_why = place.map(|_| why);
    }
}

/// Index of the place that is country `iso3`, added when missing.
fn country_place(doc: &mut Doc, iso3: &str) -> Option<usize> {
    if let Some(i) =
        doc.places.iter().position(|p| p.precision == Precision::Country && p.country.as_deref() == Some(iso3))
    {
        return Some(i);
    }
    let k = countries::by_iso3(iso3)?;
    doc.places.push(Place {
        name: k.name.clone(),
        geonames_id: None,
        country: Some(iso3.to_string()),
        admin1: None,
        lat: Some(k.lat),
        lon: Some(k.lon),
        precision: Precision::Country,
        mentions: Vec::new(),
        indirect: Vec::new(),
        why: "not named in the story: the country of an event's actor".into(),
    });
    Some(doc.places.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{doc, fixture_gazetteer, lexicon};
    use dateline_core::{Actor, Dateline, EntryRef, Event};

    fn event(d: &Doc, sentence: usize, trigger: &str, source_country: Option<&str>) -> Event {
        let s = d.sentences[sentence].span;
        let at = d.slice(s).find(trigger).map(|i| s.start + i).unwrap_or(s.start);
        Event {
            code: "040".into(),
            plover: None,
            mode: None,
            source: source_country.map(|c| Actor {
                code: format!("{c}GOV"),
                country: Some(c.into()),
                role: None,
                org: None,
                entity: None,
                span: Span::new(s.start, s.start),
                entry: None,
                via: "subject",
            }),
            target: None,
            negated: false,
            hypothetical: false,
            future: false,
            date: None,
            date_why: None,
            date_span: None,
            counts: vec![],
            sentence,
            span: s,
            words: vec![Span::new(at, at + trigger.len())],
            rule: EntryRef::default(),
            confidence: 1.0,
            reasons: vec![],
            place: None,
            place_why: None,
            symmetric: false,
            retold: vec![],
        }
    }

    #[test]
    fn sentence_then_dateline_then_actor_country() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let text =
            "BISHKEK, April 5 \u{2014} Officials met in Kant on Monday. The ministers signed a deal. Russia will pay.";
        let mut d = doc(text);
        d.meta.dateline =
            Some(Dateline { place: "BISHKEK".into(), place_span: Span::new(0, 7), ..Dateline::default() });
        crate::Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let n = d.sentences.len();
        d.events =
            vec![event(&d, 0, "met", None), event(&d, 1, "signed", Some("RUS")), event(&d, n - 1, "pay", Some("USA"))];
        place_events(&mut d);
        let name = |i: usize| d.events[i].place.and_then(|p| d.places.get(p)).map(|p| p.name.as_str());
        assert_eq!(name(0), Some("Kant"), "{:?}", d.places);
        assert!(d.events[0].place_why.as_deref().is_some_and(|w| w.contains("Kant")));
        assert_eq!(name(1), Some("Bishkek"));
        assert!(d.events[1].place_why.as_deref().is_some_and(|w| w.contains("dateline")));
        // "Russia" is named in the last sentence: the event happened there.
        assert_eq!(name(2), Some("Russia"));

        // An actor's own country names a party: the dateline's place.
        let text =
            "BISHKEK, April 5 \u{2014} The visit marks the anniversary of relations between Russia and Kyrgyzstan.";
        let mut d = doc(text);
        d.meta.dateline =
            Some(Dateline { place: "BISHKEK".into(), place_span: Span::new(0, 7), ..Dateline::default() });
        crate::Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let mut visit = event(&d, 0, "visit", Some("RUS"));
        visit.target = visit.source.clone().map(|mut a| {
            a.country = Some("KGZ".into());
            a
        });
        d.events = vec![visit];
        place_events(&mut d);
        let place = d.events[0].place.and_then(|p| d.places.get(p)).map(|p| p.name.as_str());
        assert_eq!(place, Some("Bishkek"), "{:?}", d.places);

        // No place anywhere: the actor's country, added as a place without mentions.
        let mut d = doc("The ministers signed a deal.");
        crate::Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        d.events = vec![event(&d, 0, "signed", Some("KGZ"))];
        place_events(&mut d);
        let p = d.events[0].place.and_then(|p| d.places.get(p));
        assert_eq!(p.and_then(|p| p.country.as_deref()), Some("KGZ"));
        assert_eq!(p.map(|p| p.precision), Some(Precision::Country));
        assert!(p.is_some_and(|p| p.mentions.is_empty() && p.lat.is_some()));

        // Nothing at all: no place.
        let mut d = doc("They signed.");
        d.events = vec![event(&d, 0, "signed", None)];
        place_events(&mut d);
        assert!(d.events[0].place.is_none() && d.events[0].place_why.is_none());
    }
}
