import Foundation
import Testing
import TuanThuEngine
@testable import TuanThuImport

/// `tuanthu import`: an officer's spreadsheet into inventory YAML (files by openpyxl, by LibreOffice
/// Calc and as CSV: scripts/make-import-fixtures.py).
struct ImportTests {
    let fixtures = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/import")

    func workspace() throws -> URL {
        let root = Scratch.folder("import").resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Inventories"), withIntermediateDirectories: true)
        return root
    }

    func importing(_ name: String, _ extra: [String] = [], in folder: URL? = nil) throws -> CLIRunner.Run {
        try CLIRunner.run(["import", fixtures.appendingPathComponent(name).path, "--org-id", "snv", "--name", "Sở Nội vụ",
                           "--as-of", "2026-12-01"] + extra, in: folder ?? fixtures)
    }

    /// Without the line naming the file it came from.
    func body(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("# Nhập ngày") }
            .joined(separator: "\n")
    }

    @Test func openpyxlLibreOfficeAndCSVGiveTheSameInventory() throws {
        let openpyxl = try importing("he-thong.openpyxl.xlsx")
        #expect(openpyxl.status == 0, "\(openpyxl.stderr)")
        let libreoffice = try importing("he-thong.libreoffice.xlsx")
        #expect(libreoffice.status == 0, "\(libreoffice.stderr)")
        let csv = try importing("he-thong.csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(body(openpyxl.stdout) == body(libreoffice.stdout))
        #expect(body(openpyxl.stdout) == body(csv.stdout))
        let text = openpyxl.stdout
        for expected in ["  - id: he-thong-mot-cua-dien-tu", "    type: citizen-service", "    information: [public, personal]",
                         "    in-service: 2019-05-01", "        decision: \"45/QĐ-SNV\"", "        date: 2023-06-12",
                         "        regime: nd85", "        approver: system-owner", "    - { id: phong-to-chuc-can-bo, "
                         + "name: \"Phòng Tổ chức cán bộ\" }", "    operator: phong-to-chuc-can-bo"] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        #expect(text.components(separatedBy: "\n  - id: ").count == 4, "three systems; the blank row is skipped")
    }

    @Test func theImportedInventoryValidates() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try importing("he-thong.libreoffice.xlsx", ["--out", "Inventories/snv.yaml"], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("3 hệ thống thêm mới"))
        let validate = try CLIRunner.run(["validate", "--as-of", "2026-12-01"], in: root)
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test func errorsNameTheirCells() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLIRunner.run(["import", fixtures.appendingPathComponent("loi.xlsx").path, "--org-id", "snv",
                                     "--name", "Sở", "--out", "Inventories/snv.yaml", "--lang", "en"], in: root)
        #expect(run.status == 2)
        let file = fixtures.appendingPathComponent("loi.xlsx").path
        #expect(run.stderr.contains("\(file):'Danh mục HTTT'!C4: error: unknown system type 'Hệ thống bí ẩn'"), "\(run.stderr)")
        #expect(run.stderr.contains("\(file):'Danh mục HTTT'!F5: error: 'mùa xuân 2018' is not a date"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Inventories/snv.yaml").path))
    }

    /// The next version of the sheet updates what it gives and keeps what was written by hand.
    @Test func reimportingKeepsTheHandWrittenParts() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try importing("he-thong.openpyxl.xlsx", ["--out", "Inventories/snv.yaml"], in: root).status == 0)
        let file = root.appendingPathComponent("Inventories/snv.yaml")
        let edited = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "    in-service: 2018-03-15\n", with: """
                    in-service: 2018-03-15   # theo biên bản nghiệm thu
                    controls:
                      PROC.REGULATION: implemented

                """)
            .replacingOccurrences(of: "name: \"Văn phòng Sở\" }", with: "name: \"Văn phòng Sở\", security-unit: true }")
        try Data(edited.utf8).write(to: file)
        let run = try CLIRunner.run(["import", fixtures.appendingPathComponent("he-thong.v2.xlsx").path,
                                     "--out", "Inventories/snv.yaml", "--as-of", "2026-12-02"], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 hệ thống thêm mới, 1 cập nhật, 2 không đổi"), "\(run.stdout)")
        let after = try String(contentsOf: file, encoding: .utf8)
        // Every line written before is still there, in order, but the one value the sheet changed.
        var rest = after.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in edited.split(separator: "\n", omittingEmptySubsequences: false) {
            let wanted = line == "      proposed: 2" && rest.prefix(3).contains("      proposed: 3") ? "      proposed: 3" : line
            let found = try #require(rest.firstIndex(of: wanted), "lost: \(line)")
            rest = rest[(found + 1)...]
        }
        #expect(after.contains("    in-service: 2018-03-15   # theo biên bản nghiệm thu\n    controls:\n      PROC.REGULATION: implemented"))
        #expect(after.contains("  - id: he-thong-thu-dien-tu"))
        #expect(after.contains("    - { id: trung-tam-cong-nghe, name: \"Trung tâm Công nghệ\" }"))
        let validate = try CLIRunner.run(["validate", "--as-of", "2026-12-02"], in: root)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("4 hệ thống"))
        // Importing the same sheet again changes nothing.
        let again = try CLIRunner.run(["import", fixtures.appendingPathComponent("he-thong.v2.xlsx").path,
                                       "--out", "Inventories/snv.yaml", "--as-of", "2026-12-03"], in: root)
        #expect(again.stdout.contains("0 hệ thống thêm mới, 0 cập nhật, 4 không đổi"), "\(again.stdout)")
        #expect(try String(contentsOf: file, encoding: .utf8) == after)
    }

    @Test func aMappingFileNamesUnusualHeaders() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let csv = "Tên HT,Bộ phận phụ trách,Phân loại,Thông tin,Vận hành từ\nCổng dịch vụ,Văn phòng,nội bộ,riêng,01/02/2021\n"
        try Data(csv.utf8).write(to: root.appendingPathComponent("bang.csv"))
        let plain = try CLIRunner.run(["import", "bang.csv", "--org-id", "so", "--name", "Sở", "--lang", "en"], in: root)
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("bang.csv:1:1: error: no header row found"), "\(plain.stderr)")
        try Data("""
            columns:
              "Tên HT": name
              "Bộ phận phụ trách": operator
              "Phân loại": type
              "Thông tin": information
              "Vận hành từ": in-service
            """.utf8).write(to: root.appendingPathComponent("cot.yaml"))
        let mapped = try CLIRunner.run(["import", "bang.csv", "--org-id", "so", "--name", "Sở", "--mapping", "cot.yaml"],
                                       in: root)
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout.contains("    in-service: 2021-02-01"))
        try Data("columns:\n  \"Tên HT\": nam\n".utf8).write(to: root.appendingPathComponent("sai.yaml"))
        let wrong = try CLIRunner.run(["import", "bang.csv", "--org-id", "so", "--name", "Sở", "--mapping", "sai.yaml",
                                       "--lang", "en"], in: root)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("sai.yaml:2:13: error: unknown field 'nam'"), "\(wrong.stderr)")
    }

    @Test func missingColumnsAreNamedAtTheHeaderRow() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("Tên hệ thống;Cấp độ đề xuất\nA;2\n".utf8).write(to: root.appendingPathComponent("it.csv"))
        let run = try CLIRunner.run(["import", "it.csv", "--org-id", "so", "--name", "Sở", "--lang", "en"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("it.csv:1:1: error: the sheet has no column for đơn vị vận hành (operator), "
                                    + "loại hệ thống (type)"), "\(run.stderr)")
    }

    @Test func somethingElseThanAWorkbookIsRefusedPlainly() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("not a zip".utf8).write(to: root.appendingPathComponent("x.xlsx"))
        let run = try CLIRunner.run(["import", "x.xlsx", "--org-id", "so", "--name", "Sở", "--lang", "en"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("x.xlsx:1:1: error: not an .xlsx workbook"), "\(run.stderr)")
    }

    @Test func cellNamesAndDateSerialsAreExcels() {
        #expect(CellLocation.letters(1) == "A" && CellLocation.letters(26) == "Z" && CellLocation.letters(27) == "AA")
        #expect(CellLocation(file: "f.xlsx", sheet: "Sheet1", row: 7, column: 3).description == "f.xlsx:Sheet1!C7")
        #expect(CellLocation(file: "f.csv", sheet: nil, row: 7, column: 3).description == "f.csv:7:3")
        // Excel's 1900 system counts a 29 February 1900 that never was; the 1904 system does not.
        #expect(WorksheetParser.day(serial: 59, date1904: false) == Day(year: 1900, month: 2, day: 28))
        #expect(WorksheetParser.day(serial: 61, date1904: false) == Day(year: 1900, month: 3, day: 1))
        #expect(WorksheetParser.day(serial: 45089, date1904: false) == Day(year: 2023, month: 6, day: 12))
        #expect(WorksheetParser.day(serial: 43627, date1904: true) == Day(year: 2023, month: 6, day: 12))
        #expect(WorksheetParser.reference("AA10")! == (27, 10))
        #expect(WorksheetParser.reference("10A") == nil)
        #expect(StylesParser.isDate("dd/mm/yyyy") && StylesParser.isDate("[$-42A]d mmmm yyyy"))
        #expect(!StylesParser.isDate("0.00") && !StylesParser.isDate("\"day\" 0") && !StylesParser.isDate("[Red]0"))
    }

    /// A sheet part that unpacks to more than the limit is refused before it is all in memory.
    @Test func aZipBombIsRefused() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let bomb = root.appendingPathComponent("bomb.xlsx")
        let made = try Oracle.python("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
                z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
                z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + " " * (80 * 1024 * 1024) + "</worksheet>")
            """, [bomb.path])
        #expect(made.status == 0, "\(made.output)")
        let run = try CLIRunner.run(["import", "bomb.xlsx", "--org-id", "so", "--name", "Sở", "--lang", "en"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("xl/worksheets/sheet1.xml unpacks to more than 67108864 bytes"), "\(run.stderr)")
    }
}
