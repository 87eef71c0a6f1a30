//! Child processes the harness owns (drivers, Xvfb): each is started in its own process group so
//! that stopping it also stops what it started (a driver's browser), and it is stopped when
//! dropped, even when a test fails or panics.

use anyhow::{bail, Context as _, Result};
use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A process the harness started.
pub struct Owned {
    name: String,
    child: Child,
    log: PathBuf,
}

impl Owned {
    /// Starts `command` in a new process group, its output going to `log`.
    pub fn spawn(name: &str, mut command: Command, log: &Path) -> Result<Owned> {
        let out = File::create(log).with_context(|| format!("cannot create {}", log.display()))?;
        let err = out.try_clone()?;
        command
            .stdin(Stdio::null())
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .process_group(0);
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {name} ({:?})", command.get_program()))?;
        Ok(Owned {
            name: name.to_string(),
            child,
            log: log.to_path_buf(),
        })
    }

    /// Fails with the end of the log when the process has exited.
    pub fn check_running(&mut self) -> Result<()> {
        if let Some(status) = self.child.try_wait()? {
            bail!(
                "{} exited ({status}); the end of its log ({}):\n{}",
                self.name,
                self.log.display(),
                log_tail(&self.log)
            );
        }
        Ok(())
    }

    /// Waits until `ready` holds, failing if the process exits or `timeout` passes.
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        ready: impl Fn() -> bool,
    ) -> Result<()> {
        let start = Instant::now();
        loop {
            if ready() {
                return Ok(());
            }
            self.check_running()?;
            if start.elapsed() > timeout {
                bail!(
                    "{} did not become ready ({what}) within {timeout:?}:\n{}",
                    self.name,
                    log_tail(&self.log)
                );
            }
            // Polling a condition, not waiting for a guessed duration.
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let signal = |sig: &str| {
            let _ = Command::new("kill")
                .args([sig, "--", &group])
                .stderr(Stdio::null())
                .status();
        };
        signal("-TERM");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                // The leader is gone; make sure nothing it started lingers.
                signal("-KILL");
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        signal("-KILL");
        let _ = self.child.wait();
    }
}

fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Whether something listens on 127.0.0.1:`port`.
pub fn listening(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}
