//! The `accordlint` command: the same engine as the page and the package, for terminals,
//! batch runs and tests. See `accordlint --help` and README.md.

fn main() {
    std::process::exit(accordlint::cli::run());
}
