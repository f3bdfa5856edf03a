import io

from openpyxl import Workbook, load_workbook

from vstb.lib.workbooks import to_bytes


def test_text_that_looks_like_a_formula_is_written_as_text():
    book = Workbook()
    sheet = book.active
    sheet.append(['=HYPERLINK("http://example.com","Bấm vào đây")', "+1+2", "Hội nghị", 12])

    written = load_workbook(io.BytesIO(to_bytes(book))).active

    cells = [cell for cell in written[1]]
    assert cells[0].data_type == "s"
    assert cells[0].value == '=HYPERLINK("http://example.com","Bấm vào đây")'
    assert cells[1].value == "+1+2"
    assert (cells[2].value, cells[3].value) == ("Hội nghị", 12)
