//! Reading `FILE_OR_DIR...` arguments into named byte buffers for the core's parser.

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

const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

fn is_text_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
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
        } else if is_text_file(&p) {
            out.push(p);
        }
    }
}

/// Reads every file named, and every text file under every folder named.
pub fn load(args: &[String]) -> Loaded {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        let mut paths = Vec::new();
        if path.is_dir() {
            walk(path, &mut paths, &mut errors);
            if paths.is_empty() {
                errors.push(format!("{arg}: folder holds no .txt or .md files"));
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
