//! The sandbox every test runs `summit` in, and small helpers.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Output,
};

use assert_cmd::Command;
use assert_fs::TempDir;

/// The repository root.
pub(crate) fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The built binary.
pub(crate) fn summit_bin() -> &'static Path {
    assert_cmd::cargo::cargo_bin!("summit")
}

/// A temporary directory with a copy of `seeds/` in `seeds/`; `summit` runs there with
/// `--store store` and a neutral environment.
pub(crate) struct Sandbox {
    pub(crate) dir: TempDir,
}

impl Sandbox {
    pub(crate) fn new() -> Sandbox {
        let sandbox = Sandbox::empty();
        let seeds = sandbox.path("seeds");
        fs::create_dir(&seeds).unwrap();
        for entry in fs::read_dir(repo().join("seeds")).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), seeds.join(entry.file_name())).unwrap();
        }
        sandbox
    }

    pub(crate) fn empty() -> Sandbox {
        Sandbox {
            dir: TempDir::new().unwrap(),
        }
    }

    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub(crate) fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap();
        path
    }

    /// `summit` with no arguments, run in the sandbox.
    pub(crate) fn bare(&self) -> Command {
        let mut cmd = Command::new(summit_bin());
        cmd.current_dir(self.dir.path())
            .env_remove("SUMMIT_STORE")
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .timeout(std::time::Duration::from_secs(300));
        cmd
    }

    /// `summit --store store ARGS`.
    pub(crate) fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_on("store", args)
    }

    /// `summit --store STORE ARGS`.
    pub(crate) fn cmd_on(&self, store: &str, args: &[&str]) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--store").arg(store).args(args);
        cmd
    }

    /// Runs `summit --store store ARGS`, which must succeed; returns its standard output.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        self.ok_on("store", args)
    }

    pub(crate) fn ok_on(&self, store: &str, args: &[&str]) -> String {
        let output = self.cmd_on(store, args).output().unwrap();
        assert_success(&output, args);
        String::from_utf8(output.stdout).unwrap()
    }

    /// Runs `summit --store store ARGS`, which must fail with exit code 1; returns its
    /// standard error.
    pub(crate) fn fails(&self, args: &[&str]) -> String {
        let output = self.cmd(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "summit {args:?} should fail: {}",
            show(&output)
        );
        String::from_utf8(output.stderr).unwrap()
    }

    pub(crate) fn ingest_seeds(&self) -> String {
        self.ok(&["ingest", "seeds"])
    }

    /// Loads the hand-made fixture (see `tests/data/README.md`) into the store.
    pub(crate) fn load_fixture(&self) {
        let fixture = repo().join("tests/data/fixture.jsonl");
        self.ok(&["load", fixture.to_str().unwrap()]);
    }

    /// `summit stats --json`, parsed.
    pub(crate) fn stats(&self) -> serde_json::Value {
        serde_json::from_str(&self.ok(&["stats", "--json"])).unwrap()
    }
}

pub(crate) fn assert_success(output: &Output, args: &[&str]) {
    assert!(
        output.status.success(),
        "summit {args:?} failed: {}",
        show(output)
    );
}

pub(crate) fn show(output: &Output) -> String {
    format!(
        "{}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Whether `program --version` (or `-V`) runs.
pub(crate) fn installed(program: &str, version_flag: &str) -> bool {
    std::process::Command::new(program)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether python3 (when installed) can import `module`. When it cannot, says so: the
/// assertion that needs it is skipped here (CI installs python3 and every module).
pub(crate) fn python_has(module: &str) -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: python3 module {module} is missing here: skipping the check that needs it (CI installs it)");
    }
    ok
}

/// Runs a python3 script with `args`; it must succeed. Returns its standard output.
pub(crate) fn python(script: &str, args: &[&Path]) -> String {
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "python3 failed on {args:?}: {}",
        show(&output)
    );
    String::from_utf8(output.stdout).unwrap()
}
