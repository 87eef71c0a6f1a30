//! The `entente` command line. Placeholder until the extract command lands.
fn main() {
    eprintln!("entente: no command yet");
    std::process::exit(2);
}
