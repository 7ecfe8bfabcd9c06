#!/usr/bin/env python3
"""Writes the Word and PDF fixtures of tests/fixtures/documents (committed; rerun to change them).

  report.docx   a police year-end report as Word writes it: a heading, runs split inside
                words, a tab and a line break, a table, a tracked deletion and a field code
                (neither is text), a text box given twice (mc:AlternateContent)
  report.pdf    a disaster-response report with a text layer (fpdf2, DejaVu Sans embedded
                with a ToUnicode map, as office suites write PDFs), wrapped lines, two pages
  scanned.pdf   a page with a picture and no text layer, as a scanner writes it

  python3 -m pip install --user fpdf2==2.8.3 && scripts/make-document-fixtures.py
"""
import os
import sys
import zipfile

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "documents")
os.makedirs(out, exist_ok=True)

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs, style=None):
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def cell(text):
    return f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{para(run(text))}</w:tc>'


def row(*cells):
    return f"<w:tr>{''.join(cell(c) for c in cells)}</w:tr>"


body = "".join(
    [
        para(run("Công an huyện Kr"), run("ông Pa tổng kết công tác năm 2024"), style="Heading1"),
        para(
            run("Sáng 18/12, Công an huyện Krông Pa tổ chức hội nghị tổng kết công tác bảo đảm an ninh, trật tự năm 2024. "),
            run("Đồng chí Trần Quốc Tuấn", bold=True),
            run(", Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị."),
        ),
        # A tracked deletion and a page-number field: neither is part of the text.
        para(
            run("Năm 2024, số vụ phạm pháp hình sự giảm 12 vụ"),
            '<w:del w:id="1" w:author="A"><w:r><w:delText> (bản nháp)</w:delText></w:r></w:del>',
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            run("; tỷ lệ điều tra khám phá đạt 87,5%."),
        ),
        para(run("Kết quả chính:"), "<w:r><w:tab/></w:r>", run("xem bảng dưới đây"), "<w:r><w:br/></w:r>", run("(số liệu đến 15/12/2024)")),
        "<w:tbl><w:tblPr/>"
        + row("Chỉ tiêu", "Kết quả")
        + row("Tai nạn giao thông", "giảm 5 vụ")
        + row("Ma túy bị bắt giữ", "1,2 kg")
        + "</w:tbl>",
        # A text box: Word writes it for new readers (Choice) and old ones (Fallback).
        para(
            f"<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:r><w:drawing><w:txbxContent>"
            f"{para(run('Khen thưởng 14 tập thể, 27 cá nhân.'))}</w:txbxContent></w:drawing></w:r></mc:Choice>"
            f"<mc:Fallback><w:r><w:pict><w:txbxContent>{para(run('Khen thưởng 14 tập thể, 27 cá nhân.'))}"
            f"</w:txbxContent></w:pict></w:r></mc:Fallback></mc:AlternateContent>"
        ),
        para(
            run("Đồng chí Trần Quốc Tuấn yêu cầu Công an huyện tiếp tục nắm chắc tình hình, "),
            run("không để xảy ra đột xuất, bất ngờ &amp; giữ vững an ninh nông thôn."),
        ),
    ]
)
document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W} {MC}><w:body>{body}<w:sectPr/></w:body></w:document>'
content_types = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
rels = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
with zipfile.ZipFile(os.path.join(out, "report.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("[Content_Types].xml", content_types), ("_rels/.rels", rels), ("word/document.xml", document)]:
        info = zipfile.ZipInfo(name, date_time=(2024, 12, 18, 8, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)

from fpdf import FPDF  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
if not os.path.exists(FONT):
    sys.exit(f"{FONT} is missing (Debian: fonts-dejavu-core)")


def new_pdf():
    pdf = FPDF()
    pdf.set_creation_date(__import__("datetime").datetime(2024, 10, 30, 9, 0, 0, tzinfo=__import__("datetime").timezone.utc))
    pdf.set_compression(True)
    return pdf


pdf = new_pdf()
pdf.add_font("DejaVu", "", FONT)
pdf.set_font("DejaVu", size=13)
pdf.add_page()
pdf.multi_cell(0, 8, "Quảng Trị khắc phục hậu quả mưa lũ", new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)
pdf.set_font("DejaVu", size=11)
paragraphs = [
    "Chiều 29/10, Ban Chỉ huy Phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh Quảng Trị họp trực tuyến với các huyện "
    "để đánh giá thiệt hại do đợt mưa lũ từ ngày 25 đến 28/10 gây ra. Đồng chí Lê Minh Hoàng, Phó Chủ tịch UBND tỉnh "
    "chủ trì cuộc họp.",
    "Mưa lũ làm 2 người chết, 314 căn nhà bị ngập, gần 1.250 ha lúa và hoa màu bị hư hại; tổng thiệt hại ước tính "
    "khoảng 85 tỷ đồng.",
]
for p in paragraphs:
    pdf.multi_cell(0, 6, p, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
pdf.add_page()
pdf.multi_cell(
    0,
    6,
    "Phó Chủ tịch UBND tỉnh yêu cầu các địa phương khẩn trương hỗ trợ người dân dọn dẹp nhà cửa, "
    "bảo đảm nước sạch và vệ sinh môi trường, hoàn thành trước ngày 10/11.",
    new_x="LMARGIN",
    new_y="NEXT",
)
pdf.output(os.path.join(out, "report.pdf"))

scan = new_pdf()
scan.add_page()
scan.set_fill_color(235, 235, 235)
scan.rect(20, 20, 170, 250, style="F")
scan.set_fill_color(60, 60, 60)
for k in range(30):
    scan.rect(30, 30 + 8 * k, 120 + (k * 37) % 40, 3, style="F")
scan.output(os.path.join(out, "scanned.pdf"))
print(f"wrote {out}/report.docx, report.pdf, scanned.pdf")
