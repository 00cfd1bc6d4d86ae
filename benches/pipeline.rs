//! Throughput of the whole pipeline (parse + the full baseline profile) on a document of
//! at least 1 MB made by concatenating the labelled corpus, and of a one-word edit in an
//! incremental session. Figures go to BENCHMARKS.md.

use accordlint::{CheckOptions, Checker, Session};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;
use std::sync::Arc;

const TARGET_BYTES: usize = 1 << 20;

fn corpus_megabyte() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus beside the project")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.sort();
    let mut document = String::with_capacity(TARGET_BYTES + 64 * 1024);
    while document.len() < TARGET_BYTES {
        for text in &texts {
            document.push_str(text);
            document.push_str("\n\n");
        }
    }
    document
}

fn whole_pipeline(c: &mut Criterion) {
    let checker = Checker::new("baseline", &[]).expect("baseline loads");
    let document = corpus_megabyte();
    let options = CheckOptions::default();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(document.len() as u64));
    group.sample_size(10);
    group.bench_function("check 1 MB", |b| b.iter(|| checker.check(&document, &options)));
    group.finish();
}

fn incremental_edit(c: &mut Criterion) {
    let checker = Arc::new(Checker::new("baseline", &[]).expect("baseline loads"));
    let document = corpus_megabyte();
    // About 100 pages: 300 KB of the corpus.
    let draft = &document[..document.floor_char_boundary(300 * 1024)];
    let options = CheckOptions::default();
    let mut session = Session::new(checker);
    session.update(draft, &options);
    let edited = draft.replacen("shall", "must", 1);
    let mut flip = false;
    c.bench_function("session one-word edit, 100 pages", |b| {
        b.iter(|| {
            flip = !flip;
            session.update(if flip { &edited } else { draft }, &options)
        })
    });
}

criterion_group!(benches, whole_pipeline, incremental_edit);
criterion_main!(benches);
