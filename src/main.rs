//! The wasm entry point that Trunk builds: it only starts the app (see `lib.rs`).

fn main() {
    entente::start();
}
