//! Briefings and the digest as Markdown.

use std::fmt::Write as _;

use super::{Briefing, DigestEntry, Line};
use crate::document::{Document, Label};

/// One document's briefing. Citations `[s3]` point to sentence 3 (1-based) of the JSON.
pub fn document(doc: &Document, b: &Briefing) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", b.title);
    let _ = writeln!(
        out,
        "_Source: `{}` · {} sentences · summary: {} · lines: {}_\n",
        doc.source,
        doc.sentences().count(),
        b.summary.method,
        b.line_method
    );
    section(&mut out, "Chaired by", &b.chaired_by);
    section(&mut out, "Attended by", &b.attended_by);
    section(&mut out, "Key figures", &b.key_figures);
    section(&mut out, "Achievements", &b.achievements);
    section(&mut out, "Directives", &b.directives);
    let _ = writeln!(out, "## Summary\n\n{}", b.summary.text);
    out
}

fn section(out: &mut String, name: &str, lines: &[Line]) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {name}\n");
    for l in lines {
        let _ = writeln!(out, "- {} [s{}]", l.text, l.sentence + 1);
    }
    out.push('\n');
}

/// The digest of a whole run: totals by label, a section per document, all figures.
pub fn digest(docs: &[DigestEntry]) -> String {
    let mut out = String::from("# vnbrief digest\n\n");
    let _ = writeln!(out, "{} documents.\n", docs.len());
    let _ = writeln!(out, "| label | sentences |\n|---|---|");
    for (k, l) in Label::ALL.iter().enumerate() {
        let _ = writeln!(out, "| {} | {} |", l.as_str(), docs.iter().map(|d| d.labels[k]).sum::<usize>());
    }
    out.push('\n');
    for d in docs {
        let b = &d.briefing;
        let _ = writeln!(out, "## {}\n", b.title);
        let _ = writeln!(out, "_`{}` — [briefing]({}.md)_\n", d.source, d.id);
        for c in &b.chaired_by {
            let _ = writeln!(out, "- Chaired by {}", c.text);
        }
        let _ = writeln!(
            out,
            "- {} key figures, {} achievements, {} directives\n",
            b.key_figures.len(),
            b.achievements.len(),
            b.directives.len()
        );
    }
    let _ = writeln!(out, "## All figures\n\n| document | figure | sentence |\n|---|---|---|");
    for d in docs {
        for f in &d.briefing.key_figures {
            let _ = writeln!(out, "| {} | {} | {} |", d.id, f.text.replace('|', "\\|"), f.sentence + 1);
        }
    }
    out
}
