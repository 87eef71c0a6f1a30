//! Reading `FILE_OR_DIR...` arguments into a corpus, with the browser import's reader: the same
//! formats (text, Markdown, HTML, JSON, CSV), the same refusals and the same warnings.

use entente_core::import::{self, Format};
use entente_core::Corpus;
use std::path::{Path, PathBuf};

/// The files read, and one message per problem.
pub struct Loaded {
    /// A name for the corpus (the single folder given, or "corpus").
    pub name: String,
    /// `(path as given, bytes)`.
    pub files: Vec<(String, Vec<u8>)>,
    /// One line per unreadable file or empty folder.
    pub errors: Vec<String>,
}

/// Inside a folder, files of other kinds (images, PDFs, notes) are passed over silently; a file
/// named on the command line is always read, so a refusal says why.
fn is_importable(p: &Path) -> bool {
    Format::from_name(&p.to_string_lossy()).is_some()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("cannot read folder {}: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out, errors);
        } else if is_importable(&p) {
            out.push(p);
        }
    }
}

/// Reads every file named, and every importable file under every folder named.
pub fn load(args: &[String]) -> Loaded {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        let mut paths = Vec::new();
        if path.is_dir() {
            walk(path, &mut paths, &mut errors);
            if paths.is_empty() {
                errors.push(format!("{arg}: folder holds no {} files", import::ACCEPTED));
            }
        } else {
            paths.push(path.to_path_buf());
        }
        for p in paths {
            match std::fs::read(&p) {
                Ok(bytes) => files.push((p.to_string_lossy().into_owned(), bytes)),
                Err(e) => errors.push(format!("cannot read {}: {e}", p.display())),
            }
        }
    }
    let name = match args {
        [one] => Path::new(one)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "corpus".into()),
        _ => "corpus".into(),
    };
    Loaded {
        name,
        files,
        errors,
    }
}

impl Loaded {
    /// Reads the files into a corpus (in name order, ids unique across files). A refused file
    /// (empty, only boilerplate, a JSON or CSV syntax error, too large) becomes one more error;
    /// file-level warnings (a skipped JSON record, a ragged CSV row) are returned for stderr, while
    /// each document's own warnings stay in its record.
    pub fn into_corpus(self) -> (Corpus, Vec<String>, Vec<String>) {
        let Loaded {
            name,
            files,
            mut errors,
        } = self;
        let report = import::read_files(files);
        let mut warnings = Vec::new();
        for file in &report.files {
            if let Some(refusal) = &file.refusal {
                errors.push(refusal.message.clone());
            }
            warnings.extend(file.warnings.iter().cloned());
        }
        let corpus = Corpus {
            name,
            documents: report.documents,
        };
        (corpus, errors, warnings)
    }
}
