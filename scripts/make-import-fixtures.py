#!/usr/bin/env python3
"""Writes the spreadsheets the import tests read (Tests/Fixtures/import/), as officers make them:

- he-thong.openpyxl.xlsx — written by openpyxl: a title row above the headers, Vietnamese headers,
  dates as date cells, the approval's number and date in one cell, an "STT" column, a blank row;
- he-thong.libreoffice.xlsx — the same workbook opened and saved by LibreOffice Calc (headless),
  whose styles, shared strings and date formats are its own;
- he-thong.csv — "CSV UTF-8" with a BOM and semicolons, as Excel saves it in a Vietnamese locale;
- he-thong.v2.xlsx — the next version of the officer's sheet: the portal's level raised to 3 and a
  fourth system, for re-importing into an inventory edited by hand;
- loi.xlsx — a sheet with mistakes at known cells (C4: unknown type; F5: not a date).

Usage: python3 scripts/make-import-fixtures.py   (needs openpyxl, and soffice for the second file)
"""
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "import")

HEADERS = ["STT", "Tên hệ thống", "Loại hệ thống", "Loại thông tin", "Đơn vị vận hành", "Ngày đưa vào vận hành",
           "Cấp độ đề xuất", "Số và ngày quyết định phê duyệt", "Cấp phê duyệt", "Ghi chú"]
ROWS = [
    [1, "Hệ thống một cửa điện tử", "Phục vụ người dân, doanh nghiệp", "công cộng, cá nhân", "Văn phòng Sở",
     datetime.date(2019, 5, 1), 3, "45/QĐ-SNV ngày 12/6/2023", "Chủ quản", "đã phê duyệt"],
    [2, "Cổng thông tin điện tử", "Phục vụ người dân", "công cộng", "Văn phòng Sở",
     datetime.date(2018, 3, 15), 2, None, None, None],
    [None, None, None, None, None, None, None, None, None, None],
    [3, "Hệ thống quản lý văn bản và điều hành", "Nội bộ", "riêng", "Phòng Tổ chức cán bộ",
     datetime.date(2020, 1, 2), "Cấp độ 2", None, None, "chưa lập hồ sơ"],
]


def workbook(rows, title="Danh mục hệ thống thông tin của Sở Nội vụ"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh mục HTTT"
    sheet.append([title])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    for cell in sheet["F"][2:]:
        cell.number_format = "dd/mm/yyyy"
    return book


def main():
    os.makedirs(OUT, exist_ok=True)
    first = os.path.join(OUT, "he-thong.openpyxl.xlsx")
    workbook(ROWS).save(first)
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as folder:
            source = os.path.join(folder, "he-thong.libreoffice.xlsx")
            shutil.copy(first, source)
            converted = os.path.join(folder, "out")
            subprocess.run([soffice, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", converted,
                            source], check=True, capture_output=True)
            shutil.copy(os.path.join(converted, "he-thong.libreoffice.xlsx"), os.path.join(OUT, "he-thong.libreoffice.xlsx"))
    else:
        print("soffice not found: he-thong.libreoffice.xlsx not rewritten")
    with open(os.path.join(OUT, "he-thong.csv"), "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(";".join(HEADERS) + "\r\n")
        for row in ROWS:
            cells = []
            for value in row:
                if value is None:
                    cells.append("")
                elif isinstance(value, datetime.date):
                    cells.append(value.strftime("%d/%m/%Y"))
                else:
                    text = str(value)
                    cells.append('"' + text.replace('"', '""') + '"' if (";" in text or '"' in text) else text)
            handle.write(";".join(cells) + "\r\n")
    second = [list(row) for row in ROWS]
    second[1][6] = 3
    second.append([4, "Hệ thống thư điện tử", "Nội bộ", "riêng", "Trung tâm Công nghệ", datetime.date(2021, 7, 1), 2,
                   None, None, None])
    workbook(second).save(os.path.join(OUT, "he-thong.v2.xlsx"))
    wrong = [list(ROWS[0]), list(ROWS[1])]
    wrong[0][2] = "Hệ thống bí ẩn"
    wrong[1][5] = "mùa xuân 2018"
    book = workbook(wrong)
    book.active.delete_rows(1)  # the title row out, two blank rows in: headers on row 3, data on rows 4–5
    book.active.insert_rows(1, 2)
    book.save(os.path.join(OUT, "loi.xlsx"))
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
