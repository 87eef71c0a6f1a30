//! The `entente` command: runs the same core as the app on files and folders of articles.
//!
//! Every sub-command reads `FILE_OR_DIR...` arguments the same way (folders are walked for every
//! format the browser import accepts), so one file that cannot be read is reported on stderr and the others are still
//! processed; the exit code is then non-zero.

mod input;

use entente_core::export;
use entente_core::{analyze, Analysis, Corpus, Document};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
entente — extract countries, figures and relations from foreign-policy articles

usage:
  entente extract   [--json|--csv] FILE_OR_DIR...   one record per document (default --json)
  entente figures   [--csv|--json] FILE_OR_DIR...   one row per figure (default --csv)
  entente relations [--csv|--json] FILE_OR_DIR...   one row per country pair of a relation sentence
  entente matrix    [--window sentence|paragraph|document] [--topic T]... [--stance S]
                    [--countries AZ,PK,...] [--orgs] FILE_OR_DIR...
                                                    the country-relation matrix as CSV; --orgs
                                                    adds organizations (EU, NATO, ...) as rows
  entente pack      -o OUT.entente FILE_OR_DIR...   write the parsed corpus in entente's binary format
  entente generate  --docs N [--seed S] [--from DIR] OUT_DIR
                                                    write N synthetic articles recombined from the
                                                    articles in DIR (default: seeds)
  entente help                                      this text

Files are read as the browser import reads them: .txt and .md (front matter, bulletins split),
.html (reduced to its article text), .json (`entente extract --json` output or an array of
{title, date, source, url, text}) and .csv (a header row naming those columns). Folders are read
recursively for such files; a file that cannot be read is reported and the others are still used.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("entente: {message}");
            ExitCode::from(2)
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Csv,
}

struct Options {
    format: Format,
    out: Option<String>,
    paths: Vec<String>,
}

fn parse_options(args: &[String], default: Format) -> Result<Options, String> {
    let mut opts = Options {
        format: default,
        out: None,
        paths: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => opts.format = Format::Json,
            "--csv" => opts.format = Format::Csv,
            "-o" | "--out" => {
                opts.out = Some(it.next().ok_or("-o needs a file name")?.clone());
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n\n{USAGE}")),
            _ => opts.paths.push(a.clone()),
        }
    }
    if opts.paths.is_empty() {
        return Err(format!("no FILE_OR_DIR given\n\n{USAGE}"));
    }
    Ok(opts)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    if command == "generate" {
        return generate(rest);
    }
    if command == "matrix" {
        return matrix(rest);
    }
    let default = match command.as_str() {
        "extract" => Format::Json,
        "figures" | "relations" | "pack" => Format::Csv,
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        other => return Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    let opts = parse_options(rest, default)?;
    let (corpus, errors) = load_corpus(&opts.paths);
    let output = match command.as_str() {
        "pack" => {
            let out = opts.out.ok_or("pack needs -o OUT.entente")?;
            let analysed = entente_core::Analysed::new(corpus);
            std::fs::write(&out, entente_core::codec::encode(&analysed))
                .map_err(|e| format!("cannot write {out}: {e}"))?;
            eprintln!(
                "entente: wrote {} documents to {out}",
                analysed.corpus.documents.len()
            );
            None
        }
        _ => Some(render(command, opts.format, &corpus)),
    };
    Ok(finish(output.as_deref(), &errors))
}

/// Reads the arguments into a corpus, reporting every unreadable or refused file and every
/// file-level warning on stderr.
fn load_corpus(paths: &[String]) -> (Corpus, Vec<String>) {
    let (corpus, errors, warnings) = input::load(paths).into_corpus();
    for w in &warnings {
        eprintln!("entente: warning: {w}");
    }
    for e in &errors {
        eprintln!("entente: {e}");
    }
    (corpus, errors)
}

/// Prints the output, and exits 1 when some input could not be read (the errors were already
/// reported on stderr).
fn finish(output: Option<&str>, errors: &[String]) -> ExitCode {
    if let Some(text) = output {
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error worth a message.
        let _ = stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush());
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn render(command: &str, format: Format, corpus: &Corpus) -> String {
    let analyses: Vec<Analysis> = corpus.documents.iter().map(analyze).collect();
    let pairs: Vec<(&Document, &Analysis)> = corpus.documents.iter().zip(&analyses).collect();
    let mut text = match (command, format) {
        ("extract", Format::Json) => export::extract_json(&pairs),
        ("extract", Format::Csv) => export::documents_csv(&pairs),
        ("figures", Format::Json) => export::figures_json(&pairs),
        ("figures", Format::Csv) => export::figures_csv(&pairs),
        ("relations", Format::Json) => export::relations_json(&pairs),
        _ => export::relations_csv(&pairs),
    };
    if format == Format::Json {
        text.push('\n');
    }
    text
}

fn generate(args: &[String]) -> Result<ExitCode, String> {
    let mut docs: Option<usize> = None;
    let mut seed: u64 = 1;
    let mut from = "seeds".to_string();
    let mut out: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--docs" => {
                docs = Some(
                    value("--docs")?
                        .parse()
                        .map_err(|_| "--docs needs a number")?,
                )
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed needs a number")?
            }
            "--from" => from = value("--from")?,
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n\n{USAGE}")),
            _ if out.is_none() => out = Some(a.clone()),
            _ => return Err(format!("unexpected argument {a:?}")),
        }
    }
    let docs = docs.ok_or("generate needs --docs N")?;
    let out = out.ok_or("generate needs an OUT_DIR")?;
    let (seeds, errors, _) = input::load(std::slice::from_ref(&from)).into_corpus();
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    if seeds.documents.is_empty() {
        return Err(format!("{from}: no articles to recombine"));
    }
    let pool = entente_core::synth::Pool::new(&seeds.documents);
    let files = entente_core::synth::generate(&pool, docs, seed);
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {out}: {e}"))?;
    let mut bytes = 0usize;
    for (name, text) in &files {
        let path = std::path::Path::new(&out).join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        bytes += text.len();
    }
    eprintln!(
        "entente: wrote {} articles ({:.1} MB) to {out}",
        files.len(),
        bytes as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

fn matrix(args: &[String]) -> Result<ExitCode, String> {
    use entente_core::model::{CountryCode, Stance, Topic, TopicSet};
    use entente_core::relations::matrix::{Entity, MatrixQuery, PairIndex, Window};
    let mut window = Window::Sentence;
    let mut topics = TopicSet::default();
    let mut stance = None;
    let mut countries: Option<Vec<CountryCode>> = None;
    let mut organizations = false;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--window" => {
                let v = value("--window")?;
                window = Window::from_id(&v).ok_or(format!(
                    "unknown window {v:?} (sentence, paragraph or document)"
                ))?;
            }
            "--topic" => {
                let v = value("--topic")?;
                topics.insert(Topic::from_id(&v).ok_or(format!(
                    "unknown topic {v:?} (one of {})",
                    Topic::ALL.map(|t| t.id()).join(", ")
                ))?);
            }
            "--stance" => {
                let v = value("--stance")?;
                stance = Some(Stance::from_id(&v).ok_or(format!(
                    "unknown stance {v:?} (cooperative, conflictual or neutral)"
                ))?);
            }
            "--countries" => {
                let v = value("--countries")?;
                let list = v
                    .split(',')
                    .map(|c| {
                        CountryCode::new(&c.trim().to_ascii_uppercase())
                            .ok_or(format!("{c:?} is not a country code"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                countries = Some(list);
            }
            "--orgs" => organizations = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n\n{USAGE}")),
            _ => paths.push(a.clone()),
        }
    }
    if paths.is_empty() {
        return Err(format!("no FILE_OR_DIR given\n\n{USAGE}"));
    }
    let (corpus, errors) = load_corpus(&paths);
    let analyses: Vec<Analysis> = corpus.documents.iter().map(analyze).collect();
    let docs = corpus.documents.iter().zip(&analyses);
    let index = if organizations {
        PairIndex::build_with_organizations(docs)
    } else {
        PairIndex::build(docs)
    };
    let m = index.matrix(&MatrixQuery {
        documents: None,
        window,
        topics,
        stance,
        countries: countries.as_deref(),
        organizations,
    });
    // Countries asked for keep the order they were given in.
    let shown: Vec<Entity> = match &countries {
        Some(list) => list
            .iter()
            .map(|&c| Entity::from(c))
            .chain(m.entities.iter().copied().filter(|e| e.is_org()))
            .collect(),
        None => m.entities.clone(),
    };
    let text = export::matrix_csv(&m, &shown);
    Ok(finish(Some(&text), &errors))
}
