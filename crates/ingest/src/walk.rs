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

/// Expands command-line paths: `-` is standard input, a directory is walked (sorted,
/// hidden files skipped), a file is itself. A path that does not exist is an error
/// naming it; the other paths are still returned.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<crate::ReadError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            walk_dir(p, &mut inputs, &mut errors);
        } else if p.exists() {
            inputs.push(Input::Path(p.clone()));
        } else {
            errors.push(crate::ReadError::Io {
                input: p.display().to_string(),
                source: io::Error::new(io::ErrorKind::NotFound, "no such file or directory"),
            });
        }
    }
    (inputs, errors)
}

fn walk_dir(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<crate::ReadError>) {
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            // Documentation beside a corpus (README.md) is not news.
            Ok(e) if e.file_type().is_file() && !is_doc_file(e.path()) => {
                inputs.push(Input::Path(e.into_path()))
            }
            Ok(_) => {}
            Err(e) => errors.push(crate::ReadError::Io {
                input: e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| dir.display().to_string()),
                source: io::Error::other(e.to_string()),
            }),
        }
    }
}

fn is_doc_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}
