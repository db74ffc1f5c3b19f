use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One thing to read: a file, or standard input (`-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    /// How errors name this input.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }

    /// The id a single-document input gives its document: the file name.
    pub fn doc_id(&self) -> String {
        match self {
            Input::Path(p) => crate::file_name(p),
            Input::Stdin => "stdin".to_string(),
        }
    }

    pub(crate) fn open(&self) -> io::Result<Box<dyn Read>> {
        Ok(match self {
            Input::Path(p) => Box::new(File::open(p)?),
            Input::Stdin => Box::new(io::stdin()),
        })
    }
}

/// What the command-line paths expand to.
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    /// Paths that do not exist, entries that cannot be read, directories with nothing to read.
    pub errors: Vec<crate::ReadError>,
    /// What walking a directory left out and why, one line per directory given
    /// ("corpus: skipped 2 hidden entries (.git, .DS_Store), 1 documentation file (README.md)").
    pub skipped: Vec<String>,
}

/// Expands command-line paths: `-` is standard input, a directory is walked (sorted;
/// symbolic links followed, a link back into its own ancestors and a file reached twice
/// left out; hidden entries, `*.md` documentation and special files skipped), a file is
/// itself. A path that does not exist, and a directory with no file to read, is an error
/// naming it; the other paths are still returned. What each walk skipped is summed up in
/// [`Expanded::skipped`].
pub fn walk_inputs(paths: &[PathBuf]) -> Expanded {
    let mut out = Expanded::default();
    for p in paths {
        if p.as_os_str() == "-" {
            out.inputs.push(Input::Stdin);
        } else if p.is_dir() {
            walk_dir(p, &mut out);
        } else if p.exists() {
            out.inputs.push(Input::Path(p.clone()));
        } else {
            out.errors.push(crate::ReadError::Io {
                input: p.display().to_string(),
                source: io::Error::new(io::ErrorKind::NotFound, "no such file or directory"),
            });
        }
    }
    out
}

/// [`walk_inputs`] without the summary of what was skipped.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<crate::ReadError>) {
    let e = walk_inputs(paths);
    (e.inputs, e.errors)
}

/// What one walk skipped, by reason, with the first few names of each.
#[derive(Default)]
struct Skips(BTreeMap<&'static str, (usize, Vec<String>)>);

impl Skips {
    fn add(&mut self, why: &'static str, path: &Path, root: &Path) {
        let e = self.0.entry(why).or_default();
        e.0 += 1;
        if e.1.len() < 3 {
            let shown = path.strip_prefix(root).unwrap_or(path);
            e.1.push(shown.display().to_string());
        }
    }

    fn summary(&self, root: &Path) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(why, (n, names))| {
                let more = if *n > names.len() { ", ..." } else { "" };
                format!("{n} {why} ({}{more})", names.join(", "))
            })
            .collect();
        Some(format!("{}: skipped {}", root.display(), parts.join("; ")))
    }
}

fn walk_dir(dir: &Path, out: &mut Expanded) {
    let mut skips = Skips::default();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let before = out.inputs.len();
    let mut walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                match err.loop_ancestor() {
                    Some(_) => skips.add(
                        "symbolic link(s) back into their own directory, not followed",
                        err.path().unwrap_or(dir),
                        dir,
                    ),
                    None => out.errors.push(crate::ReadError::Io {
                        input: err.path().map(|p| p.display().to_string()).unwrap_or_else(|| dir.display().to_string()),
                        source: io::Error::other(err.to_string()),
                    }),
                }
                continue;
            }
        };
        if e.depth() == 0 {
            continue;
        }
        if e.file_name().to_string_lossy().starts_with('.') {
            skips.add(if e.file_type().is_dir() { "hidden director(ies)" } else { "hidden file(s)" }, e.path(), dir);
            if e.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if e.file_type().is_dir() {
            continue;
        }
        if !e.file_type().is_file() {
            skips.add("special file(s) (sockets, pipes, devices)", e.path(), dir);
        } else if is_doc_file(e.path()) {
            // Documentation beside a corpus (README.md) is not news.
            skips.add("documentation file(s) (*.md)", e.path(), dir);
        } else if !seen.insert(std::fs::canonicalize(e.path()).unwrap_or_else(|_| e.path().to_path_buf())) {
            skips.add("file(s) reached a second time through a symbolic link", e.path(), dir);
        } else {
            out.inputs.push(Input::Path(e.into_path()));
        }
    }
    out.skipped.extend(skips.summary(dir));
    if out.inputs.len() == before {
        out.errors
            .push(crate::ReadError::Empty { input: format!("{} (a directory with no file to read)", dir.display()) });
    }
}

fn is_doc_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(p: &Path, s: &str) {
        if let Some(d) = p.parent() {
            let _ = std::fs::create_dir_all(d);
        }
        let _ = std::fs::write(p, s);
    }

    #[test]
    fn skips_are_summed_up() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let d = dir.path();
        write(&d.join("a.txt"), "one");
        write(&d.join("sub/b.txt"), "two");
        write(&d.join("README.md"), "docs");
        write(&d.join(".hidden.txt"), "x");
        write(&d.join(".git/config"), "x");
        let e = walk_inputs(&[d.to_path_buf()]);
        assert_eq!(e.inputs, vec![Input::Path(d.join("a.txt")), Input::Path(d.join("sub/b.txt"))]);
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        let s = e.skipped.join("\n");
        assert!(s.contains("1 documentation file(s) (*.md) (README.md)"), "{s}");
        assert!(s.contains("1 hidden director(ies) (.git)") && s.contains("1 hidden file(s) (.hidden.txt)"), "{s}");
    }

    #[test]
    fn an_empty_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let e = walk_inputs(&[dir.path().to_path_buf()]);
        assert!(e.inputs.is_empty());
        let msg = e.errors.first().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("a directory with no file to read"), "{msg}");
        // Only documentation: nothing to read either, and the summary says why.
        write(&dir.path().join("notes.md"), "x");
        let e = walk_inputs(&[dir.path().to_path_buf()]);
        assert_eq!((e.inputs.len(), e.errors.len(), e.skipped.len()), (0, 1, 1));
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let d = dir.path();
        write(&d.join("real/story.txt"), "one");
        write(&d.join("elsewhere/other.txt"), "two");
        let corpus = d.join("corpus");
        let _ = std::fs::create_dir_all(&corpus);
        let link = |to: &Path, at: &str| {
            let _ = std::os::unix::fs::symlink(to, corpus.join(at));
        };
        link(&d.join("real/story.txt"), "a-link.txt");
        link(&d.join("real/story.txt"), "b-same.txt");
        link(&d.join("elsewhere"), "linked-dir");
        link(&corpus, "loop");
        link(&d.join("missing.txt"), "broken.txt");
        let e = walk_inputs(std::slice::from_ref(&corpus));
        let names: Vec<String> = e.inputs.iter().map(Input::name).collect();
        assert_eq!(
            names,
            [corpus.join("a-link.txt"), corpus.join("linked-dir/other.txt")].map(|p| p.display().to_string()),
            "{:?}",
            e.skipped
        );
        let s = e.skipped.join("\n");
        assert!(s.contains("1 file(s) reached a second time through a symbolic link (b-same.txt)"), "{s}");
        assert!(s.contains("1 symbolic link(s) back into their own directory, not followed (loop)"), "{s}");
        let errs: Vec<String> = e.errors.iter().map(|e| e.to_string()).collect();
        assert!(errs.len() == 1 && errs[0].contains("broken.txt"), "{errs:?}");
    }
}
