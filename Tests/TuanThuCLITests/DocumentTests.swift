import Foundation
import Testing

/// `tuanthu dossier` and `tuanthu report --year`: Word files in the form of Decree 30/2020 Appendix I,
/// opened by python-docx and converted by LibreOffice, and their Markdown twins.
struct DocumentTests {
    static let asOf = "2026-12-01"

    /// The sample's complete dossier (a Decree 331 system at level 2) and this year's reports, once.
    static let written: URL = {
        let out = Scratch.folder("documents")
        let root = CLIRunner.repositoryRoot.path
        _ = try? CLIRunner.run(["dossier", "nguoi-co-cong", root, "--as-of", asOf, "--out", out.path])
        _ = try? CLIRunner.run(["report", "--year", "2026", root, "--as-of", asOf, "--out", out.path])
        return out
    }()

    static let files = ["nguoi-co-cong.dossier.vi", "nguoi-co-cong.form-01", "nguoi-co-cong.form-06",
                        "snv-tq.report-2026.vi", "syt-tq.report-2026.vi"]

    @Test func dossierAndReportWriteADocxAndAMarkdownEach() throws {
        let produced = try FileManager.default.contentsOfDirectory(atPath: Self.written.path).filter { !$0.hasPrefix(".") }
        #expect(Set(produced) == Set(Self.files.flatMap { [$0 + ".docx", $0 + ".md"] }))
    }

    /// python-docx reads every file: A4 portrait, the margins, Times New Roman, the heading block, the
    /// page number from the second page on, and real tables with the columns each document needs.
    @Test func pythonDocxSeesTheStateFormat() throws {
        let paths = Self.files.map { Self.written.appendingPathComponent($0 + ".docx").path }
        let run = try Oracle.python("""
            import sys, docx
            from docx.shared import Mm
            for path in sys.argv[1:]:
                d = docx.Document(path)
                s = d.sections[0]
                assert abs(s.page_width - Mm(210)) < Mm(0.5) and abs(s.page_height - Mm(297)) < Mm(0.5), path
                assert abs(s.top_margin - Mm(20)) < Mm(0.5) and abs(s.bottom_margin - Mm(20)) < Mm(0.5), path
                assert abs(s.left_margin - Mm(30)) < Mm(0.5) and abs(s.right_margin - Mm(15)) < Mm(0.5), path
                assert s.different_first_page_header_footer, path
                assert 'PAGE' in s.header._element.xml and 'PAGE' not in s.first_page_header._element.xml, path
                assert d.styles['Normal'].font.name == 'Times New Roman', path
                heading = d.tables[0]
                right = heading.cell(0, 1).text
                assert 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' in right and 'Độc lập - Tự do - Hạnh phúc' in right, path
                assert 'ngày' in heading.cell(1, 1).text and 'năm 2026' in heading.cell(1, 1).text, path
                bold = [r for p in heading.cell(0, 1).paragraphs for r in p.runs if r.text.startswith('CỘNG HÒA')]
                assert bold and bold[0].bold and bold[0].font.size.pt == 12, path
                texts = '\\n'.join(p.text for p in d.paragraphs)
                columns = sorted(len(t.columns) for t in d.tables[1:])
                print(path.rsplit('/', 1)[1], columns, len(texts))
            """, paths)
        #expect(run.status == 0, "\(run.output)")
        let lines = run.output.split(separator: "\n").map(String.init)
        // Form 08's table has its 12 columns; the explanation has the device table (5 columns), the
        // service, zone and plan tables (4).
        #expect(lines.contains { $0.hasPrefix("snv-tq.report-2026.vi.docx") && $0.contains("12") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("nguoi-co-cong.dossier.vi.docx") && $0.contains("4, 4, 5]") }, "\(lines)")
    }

    /// The explanation says what Decree 331 Art. 22 asks, from the inventory, and leaves marked
    /// blanks for what it does not say.
    @Test func theDossierExplanationFollowsArticle22() throws {
        let text = try String(contentsOf: Self.written.appendingPathComponent("nguoi-co-cong.dossier.vi.md"), encoding: .utf8)
        for expected in ["I. THUYẾT MINH TỔNG QUAN VỀ HỆ THỐNG THÔNG TIN", "II. THUYẾT MINH VỀ VIỆC ĐỀ XUẤT CẤP ĐỘ",
                         "III. THUYẾT MINH PHƯƠNG ÁN BẢO ĐẢM AN NINH MẠNG", "FortiGate 100F", "10.20.10.0/24",
                         "Nhận diện sơ bộ các nguy cơ, rủi ro an ninh mạng chính", "Mã độc tống tiền",
                         "Nguyễn Văn An, Giám đốc", "Căn cứ Nghị định số 331/2026/NĐ-CP"] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        // The operator's mandate and e-mail are not in the inventory: a marked blank, not an invention.
        #expect(text.contains("**[văn bản quy định chức năng, nhiệm vụ]**"))
        #expect(text.contains("**[thư điện tử]**"))
        // Level 2 under Decree 331: the cybersecurity unit appraises and approves (Forms 01 and 06).
        let form01 = try String(contentsOf: Self.written.appendingPathComponent("nguoi-co-cong.form-01.md"), encoding: .utf8)
        #expect(form01.contains("Kính gửi: Văn phòng Sở"))
        #expect(form01.contains("V/v đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ"))
        let form06 = try String(contentsOf: Self.written.appendingPathComponent("nguoi-co-cong.form-06.md"), encoding: .utf8)
        #expect(form06.contains("Cấp độ hệ thống thông tin: cấp độ 2"))
        #expect(form06.contains("TCVN 14423:2026"))
    }

    /// Form 08's totals and 12-column table come from the inventory and the audit.
    @Test func theYearlyReportFillsForm08() throws {
        let text = try String(contentsOf: Self.written.appendingPathComponent("snv-tq.report-2026.vi.md"), encoding: .utf8)
        #expect(text.contains("số liệu từ ngày 15/12/2025 đến ngày 01/12/2026"))
        #expect(text.contains("trước ngày 20/12/2026") && text.contains("trước ngày 25/12/2026"))
        #expect(text.contains("Tổng số hệ thống thông tin thuộc phạm vi quản lý: 6;"))
        #expect(text.contains("Tổng số hệ thống thông tin đã được phê duyệt cấp độ: 4;"))
        #expect(text.contains("| STT | Tên HTTT | Chủ quản HTTT |"))
        #expect(text.contains("| Phần mềm quản lý hồ sơ, dữ liệu người có công đã số hóa | Sở Nội vụ tỉnh Tuyên Quang "
                              + "| Phòng Người có công | 2 | Đang dự thảo |"))
        #expect(text.contains("ĐÁNH GIÁ VIỆC TRIỂN KHAI PHƯƠNG ÁN BẢO ĐẢM AN NINH MẠNG THEO TỪNG YÊU CẦU"))
    }

    /// A year whose period ends under Decree 85 gets the 11 items of Circular 12 Art. 14 instead.
    @Test func aYearUnderDecree85FollowsCircular12() throws {
        let out = Scratch.folder("report-2025")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRunner.run(["report", "--year", "2025", CLIRunner.repositoryRoot.path, "--as-of", "2025-12-20",
                                     "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("snv-tq.report-2025.vi.md"), encoding: .utf8)
        #expect(text.contains("<b>BÁO CÁO</b>"))
        #expect(text.contains("Thực hiện quy định tại Điều 13, Điều 14 Thông tư số 12/2022/TT-BTTTT"))
        #expect(text.contains("số liệu từ ngày 15/12/2024 đến ngày 14/12/2025"))
        #expect(text.contains("11. Các thông tin khác theo yêu cầu của cơ quan có thẩm quyền"))
    }

    /// The half-year report the sample's policy asks for (before 10 June): the situation, what fell due
    /// in the half and is still open, the tasks of the second half; refused where no policy asks for it.
    @Test func theHalfYearReportFollowsThePolicy() throws {
        let out = Scratch.folder("half")
        defer { try? FileManager.default.removeItem(at: out) }
        let root = CLIRunner.repositoryRoot.path
        let run = try CLIRunner.run(["report", "--year", "2026", "--half", root, "--as-of", "2026-06-01", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("snv-tq.report-2026-h1.vi.md"), encoding: .utf8)
        #expect(text.contains("6 tháng đầu năm 2026 (số liệu đến ngày 01/06/2026)"))
        #expect(text.contains("Thời hạn gửi: trước ngày 10/06/2026."))
        #expect(text.contains("| 3 | Phần mềm quản lý hồ sơ, dữ liệu người có công đã số hóa | 2/— | Đang dự thảo |"))
        #expect(text.contains("## III. NHIỆM VỤ 6 THÁNG CUỐI NĂM"))
        let bare = Scratch.folder("no-policy")
        try FileManager.default.createDirectory(at: bare, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent("Inventories"),
                                         to: bare.appendingPathComponent("Inventories"))
        let refused = try CLIRunner.run(["report", "--year", "2026", "--half", bare.path, "--as-of", "2026-06-01",
                                         "--out", bare.appendingPathComponent("out").path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no report in the first half"), "\(refused.stderr)")
    }

    /// LibreOffice headless converts every file to PDF, and the PDF's text is the document's.
    @Test func libreOfficeConvertsEveryDocument() throws {
        guard let soffice = Self.which("soffice") else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs LibreOffice (.ci/run)")
            print("LibreOffice (soffice) is not installed: the conversion test is skipped on this machine")
            return
        }
        let out = Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=file://\(out.path)/profile", "--headless", "--convert-to", "pdf",
                             "--outdir", out.path] + Self.files.map { Self.written.appendingPathComponent($0 + ".docx").path }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let paths = Self.files.map { out.appendingPathComponent($0 + ".pdf").path }
        let run = try Oracle.python("""
            import sys, subprocess, zlib, re
            for path in sys.argv[1:]:
                data = open(path, 'rb').read()
                assert data.startswith(b'%PDF'), path
                pages = len(re.findall(rb'/Type\\s*/Page[^s]', data))
                assert pages >= 1, path
                print(path.rsplit('/', 1)[1], pages)
            """, paths)
        #expect(run.status == 0, "\(run.output)")
        // The text as LibreOffice laid it out, when pdftotext is there to read it.
        if let pdftotext = Self.which("pdftotext") {
            let text = try Self.output(pdftotext, ["-layout", paths[3], "-"])
            #expect(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            #expect(text.contains("Tổng số hệ thống thông tin thuộc phạm vi quản lý: 6;"))
        }
    }

    /// The sample's dossier and yearly reports in `Reports/` are golden files too: regenerated at the
    /// fixed date, the same bytes, the Word files included (their zip entries carry that date).
    @Test func sampleDocumentsMatchTheCommittedOnes() throws {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        for name in Self.files.flatMap({ [$0 + ".docx", $0 + ".md"] }) {
            let fresh = try Data(contentsOf: Self.written.appendingPathComponent(name))
            _ = try SampleReportTests.matchesCommitted(name, fresh, record: record)
        }
    }

    /// A mistake in the new `architecture:` section is an input error at its place, and nothing is written.
    @Test func aBadArchitectureIsAnInputError() throws {
        let workspace = Scratch.folder("bad-architecture")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        for folder in ["Inventories", "Policies"] {
            try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent(folder),
                                             to: workspace.appendingPathComponent(folder))
        }
        defer { try? FileManager.default.removeItem(at: workspace) }
        let file = workspace.appendingPathComponent("Inventories/snv-tq.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "      devices:\n", with: "      device:\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let out = workspace.appendingPathComponent("out")
        let run = try CLIRunner.run(["dossier", "nguoi-co-cong", workspace.path, "--out", out.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Inventories/snv-tq.yaml:") && run.stderr.contains("device"), "\(run.stderr)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(left.isEmpty, "nothing written: \(left)")
    }

    /// A copy of the sample workspace with one edit to its first inventory.
    static func workspace(_ name: String, replacing old: String, with new: String) throws -> URL {
        let workspace = Scratch.folder(name)
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        for folder in ["Inventories", "Policies"] {
            try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent(folder),
                                             to: workspace.appendingPathComponent(folder))
        }
        let file = workspace.appendingPathComponent("Inventories/snv-tq.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        return workspace
    }

    /// The forms follow Decree 331 Art. 18 for the proposed level: levels 3–4 go to an appraising body
    /// (the cybersecurity unit at 3, the Ministry of Public Security at 4), then to the owner; level 5
    /// asks for appraisal and a place on the list of systems critical to national security.
    @Test(arguments: [(3, ["form-02", "form-05", "form-06"], "Kính gửi: Văn phòng Sở"),
                      (4, ["form-02", "form-05", "form-06"], "Kính gửi: Bộ Công an"),
                      (5, ["form-02"], "Danh mục hệ thống thông tin quan trọng về an ninh quốc gia")])
    func formsFollowTheProposedLevel(level: Int, forms: [String], addressed: String) throws {
        let workspace = try Self.workspace("level-\(level)", replacing: "      proposed: 2\n      dossier: drafting",
                                           with: "      proposed: \(level)\n      dossier: drafting")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let out = workspace.appendingPathComponent("out")
        let run = try CLIRunner.run(["dossier", "nguoi-co-cong", workspace.path, "--as-of", Self.asOf, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".docx") }.sorted()
        #expect(written == (["nguoi-co-cong.dossier.vi"] + forms.map { "nguoi-co-cong.\($0)" }).map { $0 + ".docx" }.sorted())
        let form02 = try String(contentsOf: out.appendingPathComponent("nguoi-co-cong.form-02.md"), encoding: .utf8)
        #expect(form02.contains(addressed), "\(form02)")
        let explanation = try String(contentsOf: out.appendingPathComponent("nguoi-co-cong.dossier.vi.md"), encoding: .utf8)
        // Levels 4 and 5 add connections, threats, impacts and the 24/7 requirement (Art. 22(5)).
        #expect(explanation.contains("Nội dung bổ sung đối với hệ thống đề xuất cấp độ 4, cấp độ 5") == (level >= 4))
        if level >= 3 {
            let form05 = try? String(contentsOf: out.appendingPathComponent("nguoi-co-cong.form-05.md"), encoding: .utf8)
            #expect(form05 == nil || form05!.contains("<b>TỜ TRÌNH</b>"))
        }
    }

    /// In English the explanation is English; the forms stay the decree's Vietnamese.
    @Test func englishExplanationVietnameseForms() throws {
        let out = Scratch.folder("english")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRunner.run(["dossier", "nguoi-co-cong", CLIRunner.repositoryRoot.path, "--as-of", Self.asOf,
                                     "--lang", "en", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let explanation = try String(contentsOf: out.appendingPathComponent("nguoi-co-cong.dossier.en.md"), encoding: .utf8)
        #expect(explanation.contains("I. OVERVIEW OF THE INFORMATION SYSTEM"))
        #expect(explanation.contains("III. THE CYBERSECURITY PLAN"))
        let form01 = try String(contentsOf: out.appendingPathComponent("nguoi-co-cong.form-01.md"), encoding: .utf8)
        #expect(form01.contains("Phần 1. Thông tin chung"))
    }

    @Test func anUnknownSystemIsAUsageError() throws {
        let run = try CLIRunner.run(["dossier", "khong-co", CLIRunner.repositoryRoot.path, "--out", Scratch.folder("x").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no system 'khong-co'"))
    }

    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func output(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
