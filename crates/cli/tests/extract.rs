//! End to end: stories in, coded documents out.

mod common;
use common::*;

fn extract_text(text: &str) -> serde_json::Value {
    let o = run(&["extract", "--format", "text", "-"], Some(text.as_bytes()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    docs(&o).into_iter().next().unwrap_or_default()
}

#[test]
fn compound_actors_sign_once_either_way() {
    let d = extract_text("BERLIN (Reuters) - Germany and France signed a defence treaty on Tuesday.");
    let ev = events(&d);
    assert_eq!(ev, vec!["057 DEU->FRA".to_string()]);
    assert_eq!(d["events"][0]["symmetric"], true);
    assert_eq!(d["dateline"]["place"], "BERLIN");
    assert_eq!(d["dateline"]["source"], "Reuters");
}

#[test]
fn negated_event_is_flagged() {
    let d = extract_text("Iran did not sign the agreement with France, officials said.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.starts_with("057 IRN") && e.ends_with("negated")), "{ev:?}");
}

#[test]
fn reported_speech_codes_the_inner_event() {
    let d = extract_text("The minister said Ethiopian troops attacked Eritrean positions on Sunday.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.starts_with("19") && e.contains("ETHMIL->ERI")), "{ev:?}");
}

#[test]
fn passive_by_phrase() {
    let d = extract_text("A camp for Congolese refugees was attacked by Burundian militiamen on Friday.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.contains("BDI") && e.contains("->COD")), "{ev:?}");
}

#[test]
fn no_political_event_in_a_market_report() {
    let d =
        extract_text("Wheat prices rose 3 percent on Monday as dry weather in the plains cut yields, traders said.");
    assert_eq!(events(&d), Vec::<String>::new());
}

#[test]
fn past_dated_event_carries_its_date() {
    let d = extract_text("In 2009, Moscow offered to negotiate with Tbilisi.");
    let e = &d["events"][0];
    assert_eq!(e["date"], "2009");
}

#[test]
fn quotes_and_speakers() {
    let d = extract_text("ANKARA (AP) - Turkish Foreign Minister Ali Demir met his Greek counterpart on Monday.\n\n\"We have opened a new chapter in our relations,\" Demir said.\n");
    let q = &d["quotes"][0];
    assert_eq!(q["speaker"], "Ali Demir");
    assert!(q["text"].as_str().unwrap_or("").starts_with("We have opened"));
}

#[test]
fn amounts_with_units() {
    let d = extract_text("The base lies 25 kilometers east of the capital and houses 4,000 troops.");
    let a: Vec<(String, f64, String)> = d["amounts"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    (
                        x["text"].as_str().unwrap_or("").to_string(),
                        x["value"].as_f64().unwrap_or(0.0),
                        x["unit"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(a.contains(&("25 kilometers".into(), 25.0, "km".into())), "{a:?}");
    assert!(a.contains(&("4,000 troops".into(), 4000.0, "troops".into())), "{a:?}");
}

#[test]
fn jsonl_keeps_ids_and_order() {
    let input = (0..300)
        .map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"Chinese police arrested {i} protesters.\"}}\n"))
        .collect::<String>();
    let o = run(&["extract", "-j", "2", "--format", "jsonl", "-"], Some(input.as_bytes()));
    assert!(o.status.success());
    let ids: Vec<String> = docs(&o).iter().map(|d| d["id"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(ids, (0..300).map(|i| format!("r{i}")).collect::<Vec<_>>());
}

#[test]
fn every_offset_points_into_the_text() {
    let o = run(&["extract", "examples"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let all = docs(&o);
    assert!(all.len() >= 12, "the demo corpus has a dozen stories or more");
    for d in all {
        let text = d["text"].as_str().unwrap_or("");
        for e in d["events"].as_array().into_iter().flatten() {
            let s = e["span"][0].as_u64().unwrap_or(0) as usize;
            let z = e["span"][1].as_u64().unwrap_or(0) as usize;
            assert_eq!(text.get(s..z), e["evidence"].as_str(), "{}", d["id"]);
        }
        for ent in d["entities"].as_array().into_iter().flatten() {
            for m in ent["mentions"].as_array().into_iter().flatten() {
                let (s, z) = (m[0].as_u64().unwrap_or(0) as usize, m[1].as_u64().unwrap_or(0) as usize);
                assert!(text.get(s..z).is_some(), "{}: {m}", d["id"]);
            }
        }
    }
}

#[test]
fn reference_story_reads_as_the_expert_does() {
    let Some(shared) = shared() else { return };
    let story = shared.join("seed/article.txt");
    let o = run(&["extract", story.to_str().unwrap_or("")], None);
    assert!(o.status.success());
    let d = &docs(&o)[0];
    assert_eq!(d["title"], "Russian base in Kyrgyzstan meets interests of all CSTO members");
    assert_eq!(d["published"], "2012-04-05");
    let ev = events(d);
    assert!(ev.iter().any(|e| e.starts_with("057")), "{ev:?}");
    // With the place index, every event happened in Kyrgyzstan (the talks in Bishkek).
    let places = d["places"].as_array().cloned().unwrap_or_default();
    if places.iter().any(|p| p["name"] == "Bishkek") {
        for e in d["events"].as_array().into_iter().flatten() {
            assert_eq!(e["place"]["country"], "KGZ", "{} placed by {}", e["code"], e["place_why"]);
        }
    }
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{}",
        html.len(),
        html
    );
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-02T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn a_warc_archive_goes_through_to_events() {
    let page = |title: &str, body: &str| {
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>{title} | Daily Wire Test</title><meta property=\"og:title\" content=\"{title}\">\
             <meta property=\"article:published_time\" content=\"2024-05-01T10:00:00Z\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
             <article><h1>{title}</h1>{body}</article><footer>Copyright Daily Wire Test. All rights reserved.</footer></body></html>"
        )
    };
    let a = page(
        "Chile and Peru sign fisheries accord",
        "<p>LIMA (Reuters) - Chile and Peru signed a fisheries agreement on Wednesday after two years of talks over catch limits in their shared waters.</p>\
         <p>The accord sets joint quotas for anchovy and opens a monitoring office in the port of Arica, officials said.</p>",
    );
    let b = page(
        "Police arrest protesters in Minsk",
        "<p>MINSK (AP) - Belarusian police arrested dozens of opposition protesters in the capital on Sunday, a rights group said.</p>\
         <p>The demonstrators had gathered to demand the release of jailed activists.</p>",
    );
    let mut warc = Vec::new();
    warc.extend(warc_record("https://news.example/2024/05/01/chile-peru", &a));
    warc.extend(warc_record("https://news.example/2024/05/01/minsk", &b));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, &warc).unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["extract", "--no-gazetteer", path.to_str().unwrap_or("")], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let d = docs(&o);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["url"], "https://news.example/2024/05/01/chile-peru");
    assert_eq!(d[0]["published"], "2024-05-01");
    assert!(!d[0]["text"].as_str().unwrap_or("").contains("All rights reserved"));
    let ev = events(&d[0]);
    assert!(ev.iter().any(|e| e.starts_with("057 CHL") || e.starts_with("057 PER")), "{ev:?}");
    let ev = events(&d[1]);
    assert!(ev.iter().any(|e| e.starts_with("173 BLR")), "{ev:?}");
}

#[test]
fn a_story_told_twice_is_one_event_with_two_tellings() {
    let d = extract_text(
        "Moldova expelled two Russian diplomats on Monday.\n\nMoldova expelled two Russian diplomats on Monday.",
    );
    let ev = events(&d);
    assert_eq!(ev.iter().filter(|e| e.contains("MDA")).count(), 1, "{ev:?}");
    assert_eq!(d["events"][0]["retold"].as_array().map(Vec::len), Some(1));
}

#[test]
fn an_ethnic_group_is_coded_by_the_country_it_lives_in() {
    let d = extract_text("Hundreds of ethnic Hungarians demonstrated in Slovakia on Sunday.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.starts_with("14") && e.contains("SVK")), "{ev:?}");
    assert!(!ev.iter().any(|e| e.contains("HUN")), "{ev:?}");
}

#[test]
fn a_country_adjective_on_the_object_names_the_target() {
    let d = extract_text("Chile rejected a Bolivian proposal for talks on sea access, officials said.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.starts_with("12") && e.contains("CHL->BOL")), "{ev:?}");
}

#[test]
fn a_stance_after_be_is_not_a_passive() {
    let d = extract_text("Greece is opposed to Turkish drilling in the disputed waters.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.starts_with("12") && e.contains("GRC->TUR")), "{ev:?}");
}

#[test]
fn violence_with_no_perpetrator_is_placed_where_it_happened() {
    // Kabul is read as a place by the place index.
    if !has_gazetteer() {
        return;
    }
    let d = extract_text("A roadside bombing in Kabul killed three Canadian soldiers on Tuesday.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.starts_with("18") && e.contains("AFG->CANMIL")), "{ev:?}");
}

#[test]
fn an_announced_ban_is_a_sanction_not_a_threat() {
    let d = extract_text("Norway announced it would suspend aid to Eritrea.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.starts_with("16") && e.contains("NOR") && e.contains("ERI")), "{ev:?}");
    assert!(!ev.iter().any(|e| e.starts_with("13")), "{ev:?}");
}

#[test]
fn a_statement_codes_its_content() {
    let d = extract_text("The opposition party issued a statement demanding that the Georgian government resign.");
    let ev = events(&d);
    assert!(ev.iter().any(|e| e.starts_with("10")), "{ev:?}");
    assert!(!ev.iter().any(|e| e.starts_with("01")), "{ev:?}");
}

#[test]
fn events_carry_their_counts_and_dates() {
    // A story dated Monday 2 November 2015 that says "on Sunday": 1 November.
    let input = br#"{"id": "c1", "date": "2015-11-02", "text": "Twelve people were killed and 30 wounded when gunmen attacked a market in Kabul on Sunday."}"#;
    let out = run(&["extract", "-", "--format", "jsonl"], Some(input));
    let doc = &docs(&out)[0];
    let e = &doc["events"][0];
    assert_eq!(e["date"], "2015-11-01", "{e}");
    assert!(e["date_why"].as_str().is_some_and(|w| w.contains("2015-11-02")), "{e}");
    assert_eq!(e["date_text"], "Sunday", "{e}");
    let counts = e["counts"].as_array().cloned().unwrap_or_default();
    assert!(
        counts.iter().any(|c| c["kind"] == "killed" && c["value"] == 12.0 && c["text"] == "Twelve people were killed"),
        "{counts:?}"
    );
    assert!(
        counts.iter().any(|c| c["kind"] == "wounded" && c["value"] == 30.0 && c["text"] == "30 wounded"),
        "{counts:?}"
    );
    let out = run(&["explain", "-", "--format", "jsonl"], Some(input));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("date: 2015-11-01")
            && text.contains("counts: killed 12 (\"Twelve people were killed\"), wounded 30 (\"30 wounded\")"),
        "{text}"
    );
}
