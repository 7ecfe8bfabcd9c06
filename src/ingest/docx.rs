//! Word (.docx): the text of `word/document.xml`, one block per paragraph (headings
//! included) and one per table row, its cells joined by " | ".
//!
//! Only `w:t` elements are text: tracked deletions (`w:delText`) and field codes
//! (`w:instrText`) are not. A text box Word writes twice (`mc:Choice` for new readers,
//! `mc:Fallback` for old ones) is read once.

use std::io::Read;

use quick_xml::events::Event;

use super::BlockCollector;

/// `word/document.xml` may decompress to at most this many bytes: a zip bomb stops here.
const MAX_XML_BYTES: u64 = 512 * 1024 * 1024;

/// The text blocks of a .docx file. The error is the reason alone.
pub fn blocks(bytes: &[u8]) -> Result<Vec<String>, String> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err("a Word 97-2003 document or an encrypted .docx (OLE container), not a .docx; save it as .docx without a password".into());
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("not a .docx (not a zip archive: {e})"))?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|_| "not a .docx: the archive has no word/document.xml".to_string())?;
    if part.size() > MAX_XML_BYTES {
        return Err(format!("word/document.xml unpacks to {} bytes, over the limit of {MAX_XML_BYTES}", part.size()));
    }
    let mut xml = Vec::with_capacity(part.size() as usize);
    (&mut part)
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("cannot unpack word/document.xml: {e}"))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(format!("word/document.xml unpacks to over {MAX_XML_BYTES} bytes"));
    }
    document_blocks(&xml)
}

/// The text blocks of a WordprocessingML body.
fn document_blocks(xml: &[u8]) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = BlockCollector::default();
    let mut in_text = false;
    let mut skipping = 0usize; // depth inside mc:Fallback
    let mut tables = 0usize; // depth of nested tables
    let mut cells = Vec::<usize>::new(); // cells seen so far in each open row
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("word/document.xml is not well-formed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 || name == "Fallback" {
                    skipping += 1;
                    continue;
                }
                match name {
                    "t" => in_text = true,
                    "tbl" => tables += 1,
                    "tr" => cells.push(0),
                    "tc" => {
                        if let Some(n) = cells.last_mut() {
                            if *n > 0 {
                                out.push_text(" | ");
                            }
                            *n += 1;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    // Paragraphs of one table cell stay in their row's block.
                    "p" if tables == 0 => out.flush(),
                    "p" => out.push_text(" "),
                    "tr" => {
                        cells.pop();
                        out.flush();
                    }
                    "tbl" => tables = tables.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Empty(e) if skipping == 0 => match e.local_name().as_ref() {
                "tab" | "ptab" => out.push_text(" "),
                "br" | "cr" => out.line_break(),
                "noBreakHyphen" => out.push_text("-"),
                _ => {}
            },
            Event::Text(t) if in_text && skipping == 0 => {
                out.push_text(&t);
            }
            Event::GeneralRef(r) if in_text && skipping == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                if let Some(s) = resolved {
                    out.push_text(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_tables_and_what_is_not_text() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
            <w:p><w:r><w:t>Hội ngh</w:t></w:r><w:r><w:t>ị &amp; tổng kết&#33;</w:t></w:r></w:p>
            <w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r>
              <w:del><w:r><w:delText>xoá</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Chỉ tiêu</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Kết quả</w:t></w:r></w:p>
              <w:p><w:r><w:t>đạt</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><mc:AlternateContent><mc:Choice><w:t>Hộp</w:t></mc:Choice><mc:Fallback><w:t>Hộp</w:t></mc:Fallback></mc:AlternateContent></w:p>
            </w:body></w:document>"#;
        assert_eq!(document_blocks(xml.as_bytes()).unwrap(), ["Hội nghị & tổng kết!", "A B\nC", "Chỉ tiêu | Kết quả đạt", "Hộp"]);
    }

    #[test]
    fn broken_archives_say_why() {
        assert!(blocks(b"PK\x03\x04garbage").unwrap_err().contains("not a zip"));
        assert!(blocks(b"\xD0\xCF\x11\xE0rest").unwrap_err().contains("Word 97-2003"));
        let err = document_blocks(b"<w:p><w:t>x</w:p>").unwrap_err();
        assert!(err.contains("not well-formed"), "{err}");
    }
}
