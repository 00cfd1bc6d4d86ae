use accordlint::document::docx::*;
use std::io::Read;
#[test]
fn scratch() {
    let input = std::fs::read(std::env::var("F").unwrap()).unwrap();
    let a = read(&input).unwrap();
    let comments: Vec<Comment> = a.paragraphs.iter().map(|p| {
        let length = a.text[p.content.start..p.content.end].chars().count();
        Comment { paragraph: p.index, start_char: length / 3, end_char: length - length / 4, author: "T".into(), initials: "T".into(), text: "finding".into() }
    }).collect();
    let out = annotate(&input, &comments, "summary").unwrap();
    let b = read(&out).unwrap();
    println!("BEFORE {:?}\nAFTER  {:?}", a.text, b.text);
    for (name, bytes) in [("in", &input), ("out", &out)] {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
        for i in 0..z.len() { let mut f = z.by_index(i).unwrap(); if f.name().ends_with("document.xml") || f.name().contains("note") { let mut s = String::new(); let _ = f.read_to_string(&mut s); println!("--- {name} {}\n{s}", f.name()); } }
    }
}
