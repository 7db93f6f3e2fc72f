import Foundation
import Testing
import TuanThuEngine
import TuanThuPKI
import TuanThuReport

/// `certs`, `verify`, and the PKI rules in `audit`, through the executable.
struct PKICommandTests {
    /// The test PKI, generated once for this suite.
    static let pki: URL = {
        let folder = Scratch.folder("cli-pki")
        let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/pki/generate.py").path
        guard let run = try? Oracle.python("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                                           [script, folder.path]), run.status == 0 else {
            fatalError("the test PKI generator failed")
        }
        return folder
    }()

    func run(_ arguments: [String]) throws -> CLIRunner.Run {
        try CLIRunner.run(arguments, in: Self.pki)
    }

    let trust = ["--trust", "root.pem", "--untrusted", "inter.pem", "--as-of", "2026-12-01"]
    let crls = ["--crl", "inter.crl.pem", "--crl", "root.crl.pem"]

    @Test func validCertificatesExitZero() throws {
        let result = try run(["certs", "good.pem", "ec.pem", "good.der"] + trust + crls)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("good.pem: HỢP LỆ"))
        #expect(result.stdout.contains("✓ PKI.REVOKED"))
    }

    @Test func oneInvalidCertificateExitsOne() throws {
        let result = try run(["certs", "good.pem", "revoked.pem", "--lang", "en"] + trust + crls)
        #expect(result.status == 1)
        #expect(result.stdout.contains("revoked.pem: INVALID"))
        #expect(result.stdout.contains("✗ PKI.REVOKED: The certificate is revoked."))
    }

    @Test func jsonOutputCarriesEveryCheck() throws {
        let result = try run(["certs", "weak.pem", "--format", "json"] + trust)
        #expect(result.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let checks = try #require((items.first?["report"] as? [String: Any])?["checks"] as? [[String: Any]])
        #expect(checks.count == 8)
        #expect(checks.contains { $0["kind"] as? String == "key" && $0["status"] as? String == "fail" })
    }

    /// Many files, checked on every core: the output is in the order the files were given, each
    /// result exactly as a run on that file alone prints it (text and JSON), the JSON the one
    /// array Foundation's encoder writes; an unusable file among them stops the command before
    /// anything is written.
    @Test func manyFilesStreamInTheirOrder() throws {
        let names = ["good.pem", "ec.pem", "good.der", "weak.pem", "revoked.pem", "wrong-eku.pem", "expired.pem"]
            .filter { FileManager.default.fileExists(atPath: Self.pki.appendingPathComponent($0).path) }
        #expect(names.count >= 6)
        // More than 64 files: the command line is split before ArgumentParser sees it (see `CertsCommand.splitFiles`).
        let files = (0..<100).map { names[($0 * 7 + $0 / 5) % names.count] }
        for format in ["text", "json"] {
            let all = try run(["certs"] + files + trust + crls + ["--format", format])
            #expect(all.status == 1 && all.stderr.hasPrefix("mã thoát 1: ") && all.stderr.contains("/100 chứng thư số"),
                    "\(all.stderr)")
            var alone: [String: String] = [:]
            for name in Set(files) {
                let one = try run(["certs", name] + trust + crls + ["--format", format])
                alone[name] = one.stdout
            }
            if format == "text" {
                let expected = files.map { alone[$0]!.trimmingCharacters(in: .newlines) }.joined(separator: "\n\n") + "\n"
                #expect(all.stdout == expected)
            } else {
                let items = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
                #expect(items.map { $0["file"] as? String } == files)
                // Element by element, the text of a single run's array (same layout, two spaces deep).
                let elements = files.map { name in
                    String(alone[name]!.dropFirst(4).dropLast(3))
                }
                #expect(all.stdout == "[\n  " + elements.joined(separator: ",\n  ") + "\n]\n")
                // The whole array as Foundation's encoder writes it (what `certs` printed before it streamed).
                let pki = Self.pki
                let session = try PKISession(trust: [pki.appendingPathComponent("root.pem")],
                                             untrusted: [pki.appendingPathComponent("inter.pem")],
                                             crls: ["inter.crl.pem", "root.crl.pem"].map { pki.appendingPathComponent($0) },
                                             time: try #require(Timestamp(iso: "2026-12-01")),
                                             profile: try PKISession.catalog(rules: nil).certificateProfile(for: .documentSigning))
                let results = try session.checkCertificates(files.map { pki.appendingPathComponent($0) })
                    .enumerated().map { (file: files[$0.offset], report: $0.element.report) }
                #expect(all.stdout == (try PKIText(language: .vi).json(certificates: results)) + "\n")
            }
        }
        let broken = try run(["certs"] + files + ["truncated.pem"] + trust)
        #expect(broken.status == 2 && broken.stdout.isEmpty, "\(broken.stdout)")
        // Options anywhere among the files, `--` before a file named like an option, and mistakes.
        let mixed = try run(["certs"] + files.prefix(50) + trust + ["--format=json"] + files.dropFirst(50) + ["--", "good.pem"])
        let mixedItems = try #require(try JSONSerialization.jsonObject(with: Data(mixed.stdout.utf8)) as? [[String: Any]])
        #expect(mixedItems.map { $0["file"] as? String } == files + ["good.pem"])
        let wrong = try run(["certs"] + files + ["--formt", "json"])
        #expect(wrong.status == 2 && wrong.stderr.contains("--formt"), "\(wrong.stderr)")
        let badValue = try run(["certs"] + files + ["--format", "xml"] + trust)
        #expect(badValue.status == 2 && badValue.stdout.isEmpty, "\(badValue.stderr)")
    }

    @Test func purposeAnySkipsKeyUsage() throws {
        #expect(try run(["certs", "wrong-eku.pem"] + trust).status == 1)
        #expect(try run(["certs", "wrong-eku.pem", "--purpose", "any"] + trust).status == 0)
    }

    @Test(arguments: [["certs", "notes.txt"], ["certs", "truncated.pem"], ["certs", "missing.pem"],
                      ["certs", "good.key"], ["verify", "garbage.p7s"], ["verify", "doc.txt.p7s"],
                      ["certs", "good.pem", "--crl", "good.pem"], ["certs", "good.pem", "--as-of", "2026-13-01"]])
    func unusableInputExitsTwo(arguments: [String]) throws {
        let result = try run(arguments + ["--trust", "root.pem"])
        #expect(result.status == 2, "\(arguments): \(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("error"))
    }

    @Test func verifyShowsWhatTheVietnameseRulesAskFor() throws {
        let result = try run(["verify", "signed.pdf"] + trust + crls)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for field in ["Người ký: Văn thư good", "Tổ chức: Sở Lao động - Thương binh và Xã hội", "Cấp bởi: Tuanthu Test Issuing CA",
                      "Thời điểm ký:", "Tính toàn vẹn: nguyên vẹn", "Hiệu lực khi ký: có", "Thời hạn chứng thư: 2025-01-01 – 2029-01-01",
                      "Phạm vi ký: toàn bộ tệp"] {
            #expect(result.stdout.contains(field), "\(field)")
        }
    }

    @Test func verifyDetachedCMSWithContent() throws {
        #expect(try run(["verify", "doc.txt.p7s", "--content", "doc.txt"] + trust + crls).status == 0)
        #expect(try run(["verify", "doc.txt.p7s", "--content", "doc-tampered.txt"] + trust).status == 1)
        #expect(try run(["verify", "doc.txt.p7m"] + trust).status == 0)
    }

    /// PAdES-LTV files from pyHanko (`Tests/Fixtures/pdf-ltv/`): validation data added after signing is
    /// not a change; the same update that also turns the page is.
    @Test func verifyTellsValidationDataFromAChange() throws {
        let folder = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/pdf-ltv")
        let options = ["--trust", "root.pem", "--as-of", "2026-12-01"]
        for name in ["dss.pdf", "lta.pdf", "ltvfix.pdf", "two-signatures.pdf"] {
            let extended = try CLIRunner.run(["verify", name, "--format", "json"] + options, in: folder)
            #expect(extended.status == 0, "\(name): \(extended.stdout)\(extended.stderr)")
            #expect(extended.stderr.isEmpty)
            #expect(extended.stdout.contains("\"verdict\" : \"validation-data-only\""))
            #expect(extended.stdout.contains("\"documentTimestamp\"") == (name == "lta.pdf"))
        }
        let text = try CLIRunner.run(["verify", "dss.pdf"] + options, in: folder)
        #expect(text.stdout.contains("chỉ thêm dữ liệu kiểm tra hiệu lực (/DSS, /VRI), không sửa nội dung đã ký"))
        let turned = try CLIRunner.run(["verify", "dss-and-page.pdf", "--lang", "en"] + options, in: folder)
        #expect(turned.status == 1)
        #expect(turned.stdout.contains("dss-and-page.pdf: CHANGED AFTER SIGNING"))
        #expect(turned.stdout.contains("changing what was signed: the page (object 5): /Rotate was modified"))
        #expect(turned.stderr.contains("DOC.SIGNATURE"))
    }

    @Test(arguments: ["signed-tampered.pdf", "signed-bad-range.pdf", "signed-by-expired.pdf", "unsigned.pdf"])
    func badPDFsExitOne(name: String) throws {
        let result = try run(["verify", name, "--format", "json"] + trust + crls)
        #expect(result.status == 1, "\(name): \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
    }

    /// A key pasted into a control's note (issue 20): the file is reported by INV.PRIVATE-KEY and
    /// the key reaches no output — not the reports in any format, not the terminal.
    @Test func aKeyPastedIntoANoteReachesNoOutput() throws {
        let pem = try String(contentsOf: Self.pki.appendingPathComponent("good.key"), encoding: .utf8)
        let openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQ\n-----END OPENSSH PRIVATE KEY-----\n"
        // The first line gets the entry's indentation from certificateWorkspace; the others need all of it.
        func block(_ text: String) -> String {
            text.split(separator: "\n").enumerated().map { ($0.offset == 0 ? "      " : "          ") + $0.element }
                .joined(separator: "\n")
        }
        let root = try CLIRunner.certificateWorkspace(systems: [(id: "mot-cua", lines: [
            "controls:", "  PROC.TRAINING:", "    status: partial", "    note: |", block("Khóa ký cũ:\n" + pem + "còn dùng"),
            "  PROC.REPORT.ANNUAL:", "    status: partial", "    note: \"\(openssh.replacingOccurrences(of: "\n", with: "\\n"))\"",
        ])])
        let out = Scratch.folder("pasted-key")
        let result = try CLIRunner.run(["audit", root.path, "--as-of", "2026-12-01", "--out", out.path, "--no-history",
                                        "--format", "markdown,json,sarif,junit,csv", "--lang", "en"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("INV.PRIVATE-KEY"))
        let secrets = (pem + openssh).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") && $0.count > 20 }
        #expect(secrets.count > 10)
        var outputs = [result.stdout, result.stderr]
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            outputs.append(try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8))
        }
        #expect(outputs.count >= 7, "the terminal and the five formats")
        for text in outputs {
            for secret in secrets { #expect(!text.contains(secret)) }
            #expect(!text.contains("PRIVATE KEY-----"))
        }
        let json = try String(contentsOf: out.appendingPathComponent("so.json"), encoding: .utf8)
        #expect(json.contains("Khóa ký cũ:\\n[khóa bí mật đã được ẩn / private key withheld]\\ncòn dùng"))
    }

    /// Keys in hidden folders are found; only `.git` is skipped (issue 20).
    @Test func keysInHiddenFoldersAreFound() throws {
        let root = try CLIRunner.certificateWorkspace(systems: [(id: "mot-cua", lines: [])])
        let files = FileManager.default
        for folder in ["Inventories/.backup/2025", "Inventories/.git/objects"] {
            try files.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try files.copyItem(at: Self.pki.appendingPathComponent("stray-encrypted-pkcs8.bin"),
                           to: root.appendingPathComponent("Inventories/.backup/2025/ky-so.bin"))
        try files.copyItem(at: Self.pki.appendingPathComponent("good.key"),
                           to: root.appendingPathComponent("Inventories/.git/objects/aa"))
        let out = Scratch.folder("hidden-keys")
        let result = try CLIRunner.run(["audit", root.path, "--as-of", "2026-12-01", "--no-history", "--format", "json",
                                        "--out", out.path, "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("INV.PRIVATE-KEY"), "\(result.stdout)")
        let json = try String(contentsOf: out.appendingPathComponent("so.json"), encoding: .utf8)
        #expect(json.contains("Inventories/.backup/2025/ky-so.bin (encrypted DER private key (PKCS#8))"))
        #expect(!json.contains(".git/"))
    }

    @Test func auditReportsSignaturesAndNeverCopiesAPrivateKey() throws {
        let out = Scratch.folder("pki-audit")
        let result = try CLIRunner.run(["audit", CLIRunner.repositoryRoot.path, "--as-of", "2026-12-01", "--out", out.path,
                                        "--format", "markdown,json,sarif,junit,csv", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("INV.PRIVATE-KEY [van-phong-dien-tu]"), "critical findings are listed first")
        let key = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("Inventories/certs/van-thu-so.key"),
                             encoding: .utf8)
        let secret = key.components(separatedBy: "\n").dropFirst().first ?? "unreachable"
        #expect(secret.count > 40)
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(secret), "\(file) must not contain key material")
            #expect(!text.contains("BEGIN PRIVATE KEY"), "\(file)")
        }
        #expect(!result.stdout.contains(secret))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("snv-tq.json")))
            as? [String: Any])
        let findings = ReportJSON.findings(json)
        #expect(findings.contains { $0["rule"] as? String == "APPROVAL.SIGNATURE" && $0["system"] as? String == "cong-thong-tin"
            && $0["status"] as? String == "fail" })
        #expect(findings.contains { $0["rule"] as? String == "APPROVAL.SIGNATURE" && $0["system"] as? String == "mot-cua"
            && $0["status"] as? String == "pass" })
        let systems = try #require(json["systems"] as? [[String: Any]])
        let office = try #require(systems.first { $0["id"] as? String == "van-phong-dien-tu" })
        let share = try #require(office["signedDocuments"] as? [String: Int])
        #expect(share == ["valid": 2, "total": 4])
    }

    /// A system's certificates are checked against the CRLs that system lists, never another system's.
    @Test func eachSystemUsesItsOwnCRLs() throws {
        let certificate = "certificates: [{ file: certs/ke-toan-cu.pem, purpose: document-signing }]"
        let workspace = try CLIRunner.certificateWorkspace(systems: [
            ("with-crl", [certificate, "crls: [certs/sample-issuing-ca.crl, certs/sample-root-ca.crl]"]),
            ("without-crl", [certificate]),
        ])
        defer { try? FileManager.default.removeItem(at: workspace) }
        try CLIRunner.copySampleCertificates(["ke-toan-cu.pem", "sample-issuing-ca.crl", "sample-root-ca.crl"], into: workspace)
        let result = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-12-01", "--format", "json", "--lang", "en"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.appendingPathComponent("Reports/so.json"))) as? [String: Any])
        let findings = ReportJSON.findings(json)
        func revocation(_ id: String) -> String? {
            findings.first { $0["rule"] as? String == "PKI.REVOKED" && $0["system"] as? String == id }?["message"] as? String
        }
        #expect(revocation("with-crl")?.contains("is revoked") == true, "\(String(describing: revocation("with-crl")))")
        #expect(revocation("without-crl")?.contains("is revoked") == false, "\(String(describing: revocation("without-crl")))")
    }
}
