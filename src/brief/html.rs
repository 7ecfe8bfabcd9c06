//! Briefings and the digest as self-contained HTML pages (inline CSS, no scripts, no
//! network): the Vietnamese sentences coloured by label beside the English briefing,
//! each figure highlighted and linked to its sentence.

use std::fmt::Write as _;

use super::{Briefing, DigestEntry, Line};
use crate::document::{of_sentence, Document, Label};
use crate::extract::Facts;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#222}\
header{padding:1em 2em;background:#f4f4f4;border-bottom:1px solid #ddd}\
main{display:flex;gap:2em;padding:1em 2em}section{flex:1;min-width:0}\
.s{display:inline;padding:1px 2px;border-radius:3px}.attendance{background:#e3f0ff}\
.achievement{background:#e4f7e4}.directive{background:#fff1d6}.other{background:#f1f1f1}\
mark{background:#ffe066}:target{outline:2px solid #d33}p.para{line-height:1.7}\
li{margin:.3em 0}a.cite{font-size:.8em;color:#555;text-decoration:none}\
.legend span{margin-right:.8em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}";

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `*italic*` Vietnamese as `<em>`, the rest escaped.
fn inline(s: &str) -> String {
    s.split('*')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { format!("<em lang=\"vi\">{}</em>", escape(part)) } else { escape(part) })
        .collect()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

pub fn document(doc: &Document, facts: &Facts, b: &Briefing) -> String {
    let mut left = String::from("<section lang=\"vi\"><h2>Vietnamese source</h2>\n<p class=\"legend\">");
    for l in Label::ALL {
        let _ = write!(left, "<span class=\"s {0}\">{0}</span>", l.as_str());
    }
    left.push_str("</p>\n");
    let chars: Vec<char> = doc.text.chars().collect();
    let mut n = 0;
    for p in &doc.paragraphs {
        left.push_str("<p class=\"para\">");
        for s in &p.sentences {
            let label = s.label.map_or("other", |l| l.as_str());
            let _ = write!(left, "<span class=\"s {label}\" id=\"s{}\">", n + 1);
            let mut pos = s.start;
            let (first, figures) = of_sentence(&facts.figures, n, |f| f.sentence);
            for (k, f) in figures.iter().enumerate().map(|(k, f)| (first + k, f)) {
                if f.figure.start < pos || f.figure.end > s.end {
                    continue;
                }
                left.push_str(&escape(&chars[pos..f.figure.start].iter().collect::<String>()));
                let _ = write!(left, "<mark id=\"f{}\">{}</mark>", k + 1, escape(&f.figure.text));
                pos = f.figure.end;
            }
            left.push_str(&escape(&chars[pos..s.end].iter().collect::<String>()));
            let _ = write!(left, "</span> <a class=\"cite\" href=\"#s{0}\">[s{0}]</a> ", n + 1);
            n += 1;
        }
        left.push_str("</p>\n");
    }
    left.push_str("</section>\n");

    let mut right = String::from("<section><h2>English briefing</h2>\n");
    let list = |out: &mut String, name: &str, lines: &[Line]| {
        if lines.is_empty() {
            return;
        }
        let _ = write!(out, "<h3>{name}</h3>\n<ul>\n");
        for l in lines {
            // A key-figure line links to its highlighted figure, any other to its sentence.
            let target = match l.figure {
                Some(k) => format!("f{}", k + 1),
                None => format!("s{}", l.sentence + 1),
            };
            let _ = writeln!(out, "<li>{} <a class=\"cite\" href=\"#{target}\">[s{}]</a></li>", inline(&l.text), l.sentence + 1);
        }
        out.push_str("</ul>\n");
    };
    list(&mut right, "Chaired by", &b.chaired_by);
    list(&mut right, "Attended by", &b.attended_by);
    list(&mut right, "Key figures", &b.key_figures);
    list(&mut right, "Achievements", &b.achievements);
    list(&mut right, "Directives", &b.directives);
    let _ = write!(right, "<h3>Summary</h3>\n<p>{}</p>\n<p><small>summary: {} · lines: {}</small></p>\n</section>\n", inline(&b.summary.text), escape(&b.summary.method), escape(&b.line_method));

    let body = format!(
        "<header><h1>{}</h1><p>Source: <code>{}</code></p></header>\n<main>\n{left}{right}</main>\n",
        inline(&b.title),
        escape(&doc.source)
    );
    page(&b.title, &body)
}

pub fn digest(docs: &[DigestEntry]) -> String {
    let mut body = String::from("<header><h1>vnbrief digest</h1></header>\n<main><section>\n");
    let _ = write!(body, "<p>{} documents.</p>\n<table><tr><th>label</th><th>sentences</th></tr>\n", docs.len());
    for (k, l) in Label::ALL.iter().enumerate() {
        let n: usize = docs.iter().map(|d| d.labels[k]).sum();
        let _ = writeln!(body, "<tr><td><span class=\"s {0}\">{0}</span></td><td>{n}</td></tr>", l.as_str());
    }
    body.push_str("</table>\n");
    for d in docs {
        let b = &d.briefing;
        let _ = writeln!(body, "<h2><a href=\"{}.html\">{}</a></h2>", escape(&d.id), inline(&b.title));
        for c in &b.chaired_by {
            let _ = writeln!(body, "<p>Chaired by {}</p>", inline(&c.text));
        }
        let _ = writeln!(
            body,
            "<p>{} key figures, {} achievements, {} directives</p>",
            b.key_figures.len(),
            b.achievements.len(),
            b.directives.len()
        );
    }
    body.push_str("<h2>All figures</h2>\n<table><tr><th>document</th><th>figure</th><th>sentence</th></tr>\n");
    for d in docs {
        for f in &d.briefing.key_figures {
            let _ = writeln!(
                body,
                "<tr><td>{}</td><td>{}</td><td><a href=\"{}.html#s{3}\">{3}</a></td></tr>",
                escape(&d.id),
                inline(&f.text),
                escape(&d.id),
                f.sentence + 1
            );
        }
    }
    body.push_str("</table>\n</section></main>\n");
    page("vnbrief digest", &body)
}
