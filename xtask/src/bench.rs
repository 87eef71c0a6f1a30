//! `cargo xtask bench`: the browser benchmark. It builds the app twice, with the seed corpus and
//! with a generated corpus of `--docs N` articles (default 2,000), each into its own folder under
//! `target/bench/`, and runs the benchmark target of the browser crate against each in headless
//! Chromium. Timings are printed and written to `target/bench/<name>.json`; sizes are printed by
//! the builds. The seed build also imports the generated articles through its file input
//! (`target/bench/import.json`).

use super::{cargo, dist_to, kb, root, setup, Needs};
use anyhow::{bail, Context, Result};
use std::path::Path;

fn generate(docs: usize, out: &Path) -> Result<()> {
    let have = std::fs::read_dir(out).map(|d| d.count()).unwrap_or(0);
    if have == docs {
        println!("bench: reusing {} ({docs} articles)", out.display());
        return Ok(());
    }
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    super::run(
        cargo()
            .args([
                "run",
                "--release",
                "--quiet",
                "-p",
                "entente-cli",
                "--",
                "generate",
                "--docs",
            ])
            .arg(docs.to_string())
            .args(["--seed", "7", "--from"])
            .arg(root().join("seeds"))
            .arg(out),
    )
}

fn browser_bench(
    name: &str,
    dist: &Path,
    corpus: Option<&Path>,
    import: Option<&Path>,
) -> Result<()> {
    let mut c = cargo();
    c.args([
        "test",
        "--release",
        "-p",
        "entente-browser-tests",
        "--test",
        "bench",
    ])
    .env("ENTENTE_BROWSERS", "chromium")
    .env("ENTENTE_DIST", dist)
    .env("ENTENTE_BENCH_NAME", name);
    match corpus {
        Some(dir) => c.env("ENTENTE_CORPUS", dir),
        None => c.env_remove("ENTENTE_CORPUS"),
    };
    match import {
        Some(dir) => c.env("ENTENTE_BENCH_IMPORT", dir),
        None => c.env_remove("ENTENTE_BENCH_IMPORT"),
    };
    super::run(&mut c)
}

/// Runs the benchmark.
pub fn run(args: &[String]) -> Result<()> {
    let mut docs = 2000usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--docs" => {
                docs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .context("--docs needs a number")?;
            }
            other => bail!("unknown argument {other}"),
        }
    }
    setup(&Needs {
        build: true,
        browsers: vec!["chromium".into()],
        lint: false,
        fuzz: false,
    })?;
    let bench = root().join("target/bench");
    std::fs::create_dir_all(&bench)?;

    // The variable steers build.rs (through trunk) and the browser runner; xtask is
    // single-threaded, so changing its own environment between the two builds is sound.
    std::env::remove_var("ENTENTE_CORPUS");
    let seeds = dist_to(&bench.join("dist-seeds"))?;
    println!(
        "bench: seed build: wasm {} KB, site {} KB, single file {} KB (gzipped)",
        kb(seeds.wasm),
        kb(seeds.site_total),
        kb(seeds.single_file)
    );
    // The generated articles are also what the seed build imports through its file input.
    let corpus = bench.join(format!("corpus-{docs}"));
    generate(docs, &corpus)?;
    browser_bench("seeds", &bench.join("dist-seeds"), None, Some(&corpus))?;

    std::env::set_var("ENTENTE_CORPUS", &corpus);
    let big = dist_to(&bench.join(format!("dist-{docs}")));
    std::env::remove_var("ENTENTE_CORPUS");
    let big = big?;
    println!(
        "bench: {docs}-article build: wasm {} KB, site {} KB, single file {} KB (gzipped)",
        kb(big.wasm),
        kb(big.site_total),
        kb(big.single_file)
    );
    browser_bench(
        &format!("docs-{docs}"),
        &bench.join(format!("dist-{docs}")),
        Some(&corpus),
        None,
    )?;
    println!("bench: results in {}", bench.display());
    Ok(())
}
