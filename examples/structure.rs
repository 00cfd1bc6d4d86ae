//! Prints how a draft is read: each clause's reference, kind and sentences. Useful when a
//! rule does not fire where you expect: `cargo run --example structure -- draft.txt`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: structure FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let document = accordlint::document::Document::parse(text);
    for clause in &document.clauses {
        println!("{:<16} {:?} heading={:?} lead_in={}", clause.reference, clause.kind, clause.heading, clause.lead_in.is_some());
        for sentence in clause.sentences.iter() {
            println!("    | {}", sentence.text);
        }
    }
}
