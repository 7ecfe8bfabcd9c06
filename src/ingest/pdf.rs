//! PDF: the text layer, page by page (pdf-extract over lopdf). A PDF without one (a
//! scan) is reported as such, never read as an empty document.
//!
//! A PDF has lines, not paragraphs: a paragraph ends at a line that finishes a sentence
//! well short of the page's full line width, or at a short heading line.

use std::cell::Cell;

use super::BlockCollector;

thread_local! {
    /// Set while the PDF reader runs on this thread: its panics are reasons, not crashes.
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Installs a panic hook that keeps quiet about panics inside the PDF reader (they
/// become the document's error) and leaves every other panic to the default hook.
pub fn quiet_reader_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !READING.with(Cell::get) {
            default(info);
        }
    }));
}

/// The paragraphs of a PDF's text layer. The error is the reason alone.
pub fn blocks(bytes: &[u8]) -> Result<Vec<String>, String> {
    READING.with(|r| r.set(true));
    // pdf-extract panics on some malformed files; one bad PDF must not stop the run.
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    READING.with(|r| r.set(false));
    let pages = match pages {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => return Err(format!("cannot read the PDF: {e}")),
        Err(panic) => {
            let why = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("malformed file");
            return Err(format!("cannot read the PDF: {}", why.lines().next().unwrap_or(why)));
        }
    };
    if pages.iter().all(|p| p.chars().all(char::is_whitespace)) {
        return Err(format!(
            "the PDF has no text layer ({} page{}; a scanned image?): run OCR on it first",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(paragraphs(&pages))
}

/// Rebuilds paragraphs from the pages' lines; a paragraph may go on over a page break.
fn paragraphs(pages: &[String]) -> Vec<String> {
    let lines: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.lines())
        .map(str::trim)
        // Blank lines carry no meaning in pdf-extract's output; bare numbers are page numbers.
        .filter(|l| !l.is_empty() && !l.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let width = |l: &str| l.split_whitespace().map(|w| w.chars().count() + 1).sum::<usize>();
    let full = lines.iter().map(|l| width(l)).max().unwrap_or(0);
    let mut out = BlockCollector::default();
    for line in lines {
        out.push_text(line);
        out.push_text(" ");
        let words = line.split_whitespace().count();
        let last = line.chars().rev().find(|c| !matches!(c, '”' | '"' | '’' | ')' | '»'));
        let short = width(line) * 100 < full * 85;
        let ends_sentence = matches!(last, Some('.' | '!' | '?' | '…' | ':'));
        let heading = words <= 12 && !matches!(last, Some(',' | ';' | '-' | '–'));
        if short && (ends_sentence || heading) {
            out.flush();
        }
    }
    out.finish()
}
