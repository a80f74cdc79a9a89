"""Exports of what visitors sent carry no spreadsheet formulas."""

import io
import zipfile

from privacy import exports

HOSTILE = ['=HYPERLINK("http://x","y")', "+47 912 34 567", "-2+3", "@SUM(1,1)", "\tx", "\rx", "plain", "Київ"]


def test_csv_export_neutralises_formulas():
    response = exports.csv_response("x", ["a"], [[value] for value in HOSTILE])
    lines = response.content.decode("utf-8-sig").splitlines()
    cells = [line.strip('"') for line in lines[1:]]
    for value in HOSTILE[:4]:
        assert f"'{value}".replace('"', '""') in "\n".join(lines)
    assert "plain" in cells and "Київ" in cells
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_xlsx_export_has_no_formula_cells():
    response = exports.xlsx_response("x", ["a"], [[value] for value in HOSTILE] + [["nul\x00byte"]])
    sheet = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    from openpyxl import load_workbook

    values = [row[0] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert values[1] == HOSTILE[0]
    assert values[-1] == "nulbyte"
