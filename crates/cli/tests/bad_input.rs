//! Bad input gets a clear error naming the input and the reason; the other records
//! are still processed; the exit status says something failed; nothing panics.

mod common;
use common::*;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = dir.path().join("photo.txt");
    std::fs::write(&p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_or_else(|e| panic!("{e}"));
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "PARIS (AFP) - France and Germany signed a treaty on Monday.")
        .unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["extract", dir.path().to_str().unwrap_or("")], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("photo.txt: binary data"), "{}", stderr(&o));
    assert_eq!(docs(&o).len(), 1, "the good file is still read");
}

#[test]
fn invalid_utf8_in_json_lines() {
    // Plain text in a legacy encoding is decoded (tests/hostile.rs); JSON is UTF-8.
    let o = run(
        &["extract", "--format", "jsonl", "-"],
        Some(b"{\"id\":\"a\",\"text\":\"Caf\xe9 owners protested on Monday.\"}\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>: invalid UTF-8 at byte 21 (line 1)"), "{}", stderr(&o));
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, b"  \n").unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["extract", p.to_str().unwrap_or("")], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("empty.txt: empty"), "{}", stderr(&o));
}

#[test]
fn huge_single_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = dir.path().join("huge.jsonl");
    let mut line = String::from("{\"id\": \"big\", \"text\": \"");
    line.push_str(&"word ".repeat(10 * 1024 * 1024)); // 50 MB
    line.push_str("\"}\n{\"id\": \"small\", \"text\": \"Israel and Lebanon renewed negotiations today.\"}\n");
    std::fs::write(&p, line).unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["extract", p.to_str().unwrap_or("")], None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("huge.jsonl (line 1)") && err.contains("over the limit"), "{err}");
    let d = docs(&o);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["id"], "small");
}

#[test]
fn malformed_jsonl_line() {
    let input = b"{\"id\": \"a\", \"text\": \"Russia and China signed an agreement.\"}\n{\"id\": \"b\", \"text\": \n{\"id\": \"c\", \"text\": \"Police arrested protesters in Minsk.\"}\n";
    let o = run(&["extract", "--format", "jsonl", "-"], Some(input));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>: line 2: not valid JSON"), "{}", stderr(&o));
    let ids: Vec<String> = docs(&o).iter().map(|d| d["id"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(ids, ["a", "c"]);
}

#[test]
fn missing_path() {
    let o = run(&["extract", "no/such/file.txt"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no/such/file.txt: cannot read"), "{}", stderr(&o));
}

#[test]
fn bad_user_dictionary_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("verbs.txt"), "# mine\n057 | sign * {treaty\n").unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["extract", "--dict", dir.path().to_str().unwrap_or(""), "-"], Some(b"x"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("verbs.txt:2: unbalanced braces"), "{}", stderr(&o));
}

#[test]
fn a_copy_of_the_whole_dict_folder_is_a_valid_overlay() {
    let dir = std::env::temp_dir().join(format!("dateline-dict-copy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dict");
    for e in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap_or_default();
    }
    let o = common::run(
        &["extract", "--format", "text", "--dict", dir.to_str().unwrap_or(""), "-"],
        Some(b"Russia and Kyrgyzstan signed a treaty."),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("regions.txt"));
}
