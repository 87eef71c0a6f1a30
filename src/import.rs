//! An import of the user's own files, the pure part: what the import worker runs
//! ([`ImportJob`]: read each file with the core's importer, then analyse and encode the corpus)
//! and what the page shows of it ([`Progress`], [`Summary`]) and receives at the end
//! ([`ImportedCorpus`]).
//!
//! Nothing here touches the browser: the worker's message loop is `src/bin/import_worker.rs`,
//! the page's side `services/worker.rs`, so this module is tested natively. The page links only
//! the cheap parts (names, labels, the summary); [`ImportJob`] with the parser and analysers is
//! reached only from the worker, so the page's wasm does not carry them.

use entente_core::import::{self, Format, Importer};
use entente_core::{codec, Analysed, Analysis, Corpus};
use std::rc::Rc;

/// A finished import, handed to whoever keeps and activates corpora (`on_imported`).
#[derive(Clone, Debug)]
pub struct ImportedCorpus {
    /// The corpus's name (the folder's name, or the file's).
    pub name: String,
    /// The corpus in the core's binary format.
    pub bytes: Rc<Vec<u8>>,
    /// One sentence on what was imported ([`Summary::sentence`]).
    pub summary: String,
}

/// Imports compare by identity: a new import is always a new `Rc`.
impl PartialEq for ImportedCorpus {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.bytes, &other.bytes) && self.name == other.name
    }
}

/// Whether the page must read a file's bytes: a file the importer refuses by its name or size
/// alone is sent without them (a 2 GB video dropped by mistake is never read into memory).
pub fn needs_bytes(name: &str, size: u64) -> bool {
    Format::from_name(name).is_some() && size <= import::MAX_FILE_BYTES as u64
}

/// A batch of files is read at once when it holds this many bytes or [`BATCH_FILES`] files:
/// small enough that parsing starts early, large enough that 2,000 files are a few dozen reads.
pub const BATCH_BYTES: u64 = 2_000_000;
/// See [`BATCH_BYTES`].
pub const BATCH_FILES: usize = 100;

/// How many of the files waiting to be read (name and size, in order) make the next batch: at
/// most [`BATCH_FILES`] files, ending with the file that brings it to [`BATCH_BYTES`] (files
/// that will not be read, see [`needs_bytes`], count for nothing). `None` while the batch could
/// still grow, that is until it is full or `ended` says no more files will come.
pub fn next_batch(waiting: &[(&str, u64)], ended: bool) -> Option<usize> {
    let mut bytes = 0u64;
    for (i, &(name, size)) in waiting.iter().enumerate() {
        if needs_bytes(name, size) {
            bytes += size;
        }
        if i + 1 >= BATCH_FILES || bytes >= BATCH_BYTES {
            return Some(i + 1);
        }
    }
    (ended && !waiting.is_empty()).then_some(waiting.len())
}

/// The name of a corpus imported from `paths` (as the browser gives them: a picked folder's
/// files carry `folder/sub/file.txt`, loose files only their names): the folder's name when they
/// all come from one, the file's name without its extension for one file, or else a generic one.
pub fn corpus_name(paths: &[&str]) -> String {
    let first_folder = |p: &str| p.split_once('/').map(|(folder, _)| folder.to_string());
    if let Some(folder) = paths.first().and_then(|p| first_folder(p)) {
        if !folder.is_empty()
            && paths
                .iter()
                .all(|p| first_folder(p).as_ref() == Some(&folder))
        {
            return folder;
        }
    }
    match paths {
        [one] => {
            let base = one.rsplit('/').next().unwrap_or(one);
            match base.rsplit_once('.') {
                Some((stem, _)) if !stem.is_empty() => stem.to_string(),
                _ => base.to_string(),
            }
        }
        _ => "Imported files".to_string(),
    }
}

/// What an import is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// Reading files (the page sends them, the worker parses and analyses each).
    #[default]
    Reading,
    /// Writing the corpus in the binary format.
    Encoding,
}

/// How far an import has got.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The phase.
    pub phase: Phase,
    /// Files read so far, and in all.
    pub files_done: usize,
    /// Files in all.
    pub files_total: usize,
    /// Bytes read so far.
    pub bytes_done: u64,
    /// Bytes in all.
    pub bytes_total: u64,
    /// Documents read and analysed so far.
    pub documents_done: usize,
    /// The file being read.
    pub current: String,
}

impl Progress {
    /// The phase's progress between 0 and 1.
    pub fn fraction(&self) -> f64 {
        let ratio = |done: f64, total: f64| if total > 0.0 { done / total } else { 1.0 };
        match self.phase {
            Phase::Reading => ratio(self.bytes_done as f64, self.bytes_total as f64),
            Phase::Encoding => 1.0,
        }
    }

    /// One line for the user: "Reading 12 of 40 files (1.2 of 10.0 MB): notes.md".
    pub fn label(&self) -> String {
        match self.phase {
            Phase::Reading => {
                let mut s = format!("Reading {} of {} files", self.files_done, self.files_total);
                // Before the worker has sized the files, there is no total to show.
                if self.bytes_total > 0 {
                    s.push_str(&format!(
                        " ({} of {} MB)",
                        megabytes(self.bytes_done),
                        megabytes(self.bytes_total)
                    ));
                }
                if !self.current.is_empty() {
                    s.push_str(": ");
                    s.push_str(&self.current);
                }
                s
            }
            Phase::Encoding => "Preparing the corpus".to_string(),
        }
    }
}

/// Bytes as megabytes with one decimal (1 MB = 1,000,000 bytes, as file managers count).
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

/// A file the import refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The file, as given.
    pub name: String,
    /// The importer's sentence, which names the file and the reason.
    pub reason: String,
}

/// A warning of an import: on a file, or on one of its documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The file it concerns.
    pub name: String,
    /// The warning.
    pub message: String,
}

/// What an import did, for the summary shown when it ends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files offered.
    pub files: usize,
    /// Files that gave documents.
    pub files_imported: usize,
    /// Documents imported.
    pub documents: usize,
    /// Files refused, in the order read.
    pub skipped: Vec<Skipped>,
    /// Warnings, in the order read.
    pub warnings: Vec<Warning>,
}

impl Summary {
    /// One sentence: "9 documents from 7 of 12 files; 5 files skipped; 1 warning."
    pub fn sentence(&self) -> String {
        let mut s = format!(
            "{} from {} of {}",
            crate::display::plural(self.documents, "document", "documents"),
            self.files_imported,
            crate::display::plural(self.files, "file", "files"),
        );
        if !self.skipped.is_empty() {
            s.push_str("; ");
            s.push_str(&crate::display::plural(
                self.skipped.len(),
                "file skipped",
                "files skipped",
            ));
        }
        if !self.warnings.is_empty() {
            s.push_str("; ");
            s.push_str(&crate::display::plural(
                self.warnings.len(),
                "warning",
                "warnings",
            ));
        }
        s.push('.');
        s
    }
}

/// The end of an import: the corpus in the binary format (none when no file gave a document) and
/// the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    /// The encoded corpus, or `None` when nothing was imported.
    pub bytes: Option<Vec<u8>>,
    /// What was imported, skipped and warned about.
    pub summary: Summary,
}

/// An import in progress: files are added one at a time as they arrive, and each document is
/// analysed as soon as its file is read, so the analysis overlaps the reading of the next files;
/// [`ImportJob::finish`] then only encodes the corpus.
#[derive(Debug)]
pub struct ImportJob {
    name: String,
    importer: Importer,
    /// The analyses of the documents read so far, in document order.
    analyses: Vec<Analysis>,
    progress: Progress,
}

impl ImportJob {
    /// An import of `files_total` files of `bytes_total` bytes in all, into a corpus called
    /// `name`.
    pub fn new(name: &str, files_total: usize, bytes_total: u64) -> ImportJob {
        ImportJob {
            name: name.to_string(),
            importer: Importer::default(),
            analyses: Vec::new(),
            progress: Progress {
                files_total,
                bytes_total,
                ..Progress::default()
            },
        }
    }

    /// Reads one file (parsing it, or refusing it with a reason) and analyses its documents.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) {
        self.importer.add_file(name, bytes);
        self.count(name, bytes.len() as u64);
        self.analyse_new_documents();
    }

    /// Adds a file the page did not read because [`needs_bytes`] said no: it is refused for its
    /// format or its size.
    pub fn add_unread(&mut self, name: &str, size: u64) {
        let outcome = if Format::from_name(name).is_none() {
            import::read_file(name, &[])
        } else {
            import::refuse_too_large(name, size)
        };
        self.importer.add_outcome(outcome);
        self.count(name, size);
    }

    fn count(&mut self, name: &str, size: u64) {
        self.progress.files_done += 1;
        self.progress.bytes_done += size;
        self.progress.current = name.to_string();
    }

    fn analyse_new_documents(&mut self) {
        let documents = self.importer.documents();
        for doc in &documents[self.analyses.len()..] {
            self.analyses.push(entente_core::analyze(doc));
        }
        self.progress.documents_done = self.analyses.len();
    }

    /// Counts more bytes to read: the files arrive in several messages, sized as they come.
    pub fn expect_bytes(&mut self, bytes: u64) {
        self.progress.bytes_total += bytes;
    }

    /// How far the import has got.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Encodes the corpus read, reporting the phase to `on_progress` first.
    pub fn finish(self, mut on_progress: impl FnMut(&Progress)) -> Finished {
        let ImportJob {
            name,
            importer,
            analyses,
            mut progress,
        } = self;
        let report = importer.finish();
        let mut summary = Summary {
            files: report.summary.files,
            files_imported: report.summary.files_imported,
            documents: report.documents.len(),
            ..Summary::default()
        };
        for file in &report.files {
            if let Some(refusal) = &file.refusal {
                summary.skipped.push(Skipped {
                    name: file.name.clone(),
                    reason: refusal.message.clone(),
                });
            }
            for w in &file.warnings {
                summary.warnings.push(Warning {
                    name: file.name.clone(),
                    message: w.clone(),
                });
            }
        }
        for doc in &report.documents {
            for w in &doc.warnings {
                summary.warnings.push(Warning {
                    name: doc.source_file.clone(),
                    message: w.clone(),
                });
            }
        }
        if report.documents.is_empty() {
            return Finished {
                bytes: None,
                summary,
            };
        }
        debug_assert_eq!(analyses.len(), report.documents.len());
        let corpus = Corpus {
            name,
            documents: report.documents,
        };
        progress.phase = Phase::Encoding;
        on_progress(&progress);
        // No compression: the user waits for this, and the page inflates stored blocks at the
        // speed of a copy. A saved single file is compacted when it is saved.
        let bytes = codec::encode_with_level(&Analysed { corpus, analyses }, IMPORT_LEVEL);
        Finished {
            bytes: Some(bytes),
            summary,
        }
    }
}

/// The DEFLATE level of an imported corpus: 0, stored. On 2,000 generated articles natively,
/// level 1 took 0.11 s (of which 0.02 s serializing) for 6.0 MB, level 6 0.51 s for 3.7 MB, stored
/// blocks 0.02 s for 12.1 MB; in the worker's wasm level 1 was 0.26 s of the user's wait, and the
/// page's inflating of it another 0.1 s. The browser's storage holds the larger copy.
pub const IMPORT_LEVEL: u8 = 0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_corpus_after_its_folder_or_file() {
        let rows: &[(&[&str], &str)] = &[
            (&["news/a.txt", "news/sub/b.md"], "news"),
            (&["news/a.txt", "other/b.md"], "Imported files"),
            (&["a.txt", "b.txt"], "Imported files"),
            (&["report.json"], "report"),
            (&[".txt"], ".txt"),
            (&["dir/x.csv"], "dir"),
            (&[], "Imported files"),
        ];
        for (paths, want) in rows {
            assert_eq!(corpus_name(paths), *want, "{paths:?}");
        }
    }

    #[test]
    fn cuts_reads_into_batches() {
        assert_eq!(next_batch(&[], false), None);
        assert_eq!(next_batch(&[], true), None);
        let small: Vec<(&str, u64)> = vec![("a.txt", 10); 250];
        assert_eq!(next_batch(&small, false), Some(BATCH_FILES));
        assert_eq!(next_batch(&small[..50], false), None, "may still grow");
        assert_eq!(next_batch(&small[..50], true), Some(50));
        // A large file ends its batch; a file never read does not count.
        let mixed = [
            ("a.txt", 10),
            ("film.mp4", BATCH_BYTES * 10),
            ("big.txt", BATCH_BYTES),
            ("c.txt", 10),
        ];
        assert_eq!(next_batch(&mixed, false), Some(3));
        assert_eq!(next_batch(&mixed[..2], false), None);
    }

    #[test]
    fn reads_only_what_can_be_imported() {
        let max = import::MAX_FILE_BYTES as u64;
        assert!(needs_bytes("a.txt", 10));
        assert!(needs_bytes("a.CSV", max));
        assert!(!needs_bytes("a.txt", max + 1));
        assert!(!needs_bytes("movie.mp4", 10));
    }

    macro_rules! fixtures {
        ($($name:literal),* $(,)?) => {
            vec![$(($name, include_bytes!(concat!("../tests/fixtures/import/", $name)) as &[u8])),*]
        };
    }

    /// The committed fixture folder through the whole job: the summary names every skipped file
    /// with its reason, the Latin-1 file warns, and the encoded corpus holds the nine documents.
    #[test]
    fn the_fixture_folder_imports_with_its_summary() {
        let mut files = fixtures!(
            "article.txt",
            "boilerplate.html",
            "broken.json",
            "empty.txt",
            "latin1.txt",
            "notes.md",
            "page.html",
            "records.json",
            "report.pdf",
            "table.csv",
            "unterminated.csv",
            "wrapped.json",
        );
        files.sort_by_key(|(name, _)| *name);
        let total: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
        let mut job = ImportJob::new("import", files.len(), total);
        for (name, bytes) in &files {
            let path = format!("import/{name}");
            if needs_bytes(&path, bytes.len() as u64) {
                job.add_file(&path, bytes);
            } else {
                job.add_unread(&path, bytes.len() as u64);
            }
        }
        assert_eq!(job.progress().files_done, 12);
        assert_eq!(job.progress().bytes_done, total);
        // Each document is analysed as its file is read, before the import ends.
        assert_eq!(job.progress().documents_done, 9);
        let mut phases = Vec::new();
        let finished = job.finish(|p| phases.push(p.phase));
        assert_eq!(phases.last(), Some(&Phase::Encoding));
        let s = &finished.summary;
        assert_eq!((s.files, s.files_imported, s.documents), (12, 7, 9));
        let skipped: Vec<&str> = s.skipped.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(
            skipped,
            [
                "import/boilerplate.html",
                "import/broken.json",
                "import/empty.txt",
                "import/report.pdf",
                "import/unterminated.csv"
            ]
        );
        assert!(s.skipped[1].reason.contains("line 3"), "{:?}", s.skipped[1]);
        assert!(s.skipped[3].reason.contains(".pdf files are not supported"));
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        assert_eq!(s.warnings[0].name, "import/latin1.txt");
        assert!(s.warnings[0].message.contains("UTF-8"));
        assert_eq!(
            s.sentence(),
            "9 documents from 7 of 12 files; 5 files skipped; 1 warning."
        );
        let analysed = codec::decode(&finished.bytes.expect("a corpus")).expect("decodes");
        assert_eq!(phases, [Phase::Encoding]);
        // The analyses travel with the documents: the page never runs the analysers.
        assert_eq!(analysed.analyses.len(), 9);
        assert!(analysed.analyses.iter().any(|a| !a.countries.is_empty()));
        // Analysed as they arrived, yet each analysis is its own document's.
        let again: Vec<Analysis> = analysed
            .corpus
            .documents
            .iter()
            .map(entente_core::analyze)
            .collect();
        assert_eq!(analysed.analyses, again);
        let corpus = analysed.corpus;
        assert_eq!(corpus.name, "import");
        let titles: Vec<String> = corpus
            .documents
            .iter()
            .map(|d| d.display_title().0)
            .collect();
        assert_eq!(
            titles[0],
            "Georgia and Armenia agree to expand rail freight"
        );
        assert_eq!(titles.len(), 9);
    }

    #[test]
    fn nothing_imported_gives_no_corpus() {
        let mut job = ImportJob::new("x", 1, 0);
        job.add_file("empty.txt", b"");
        let finished = job.finish(|_| {});
        assert_eq!(finished.bytes, None);
        assert_eq!(finished.summary.skipped.len(), 1);
    }

    #[test]
    fn progress_labels() {
        let mut p = Progress {
            files_done: 12,
            files_total: 40,
            bytes_done: 1_234_567,
            bytes_total: 10_000_000,
            current: "notes.md".into(),
            ..Progress::default()
        };
        assert_eq!(
            p.label(),
            "Reading 12 of 40 files (1.2 of 10.0 MB): notes.md"
        );
        assert!((p.fraction() - 0.1234567).abs() < 1e-9);
        let not_sized = Progress {
            files_total: 40,
            ..Progress::default()
        };
        assert_eq!(not_sized.label(), "Reading 0 of 40 files");
        p.phase = Phase::Encoding;
        assert_eq!(p.label(), "Preparing the corpus");
        assert_eq!(p.fraction(), 1.0);
        assert_eq!(
            Progress::default().fraction(),
            1.0,
            "nothing to read is done"
        );
    }
}
