import Foundation
import Testing

/// `certs` and `verify` name each failed check by the id of the rule `audit` reports it under —
/// in text, in JSON and in the line explaining exit code 1 — and follow `--rules` as `audit` does.
struct PKIRuleIDTests {
    func run(_ arguments: [String]) throws -> CLIRunner.Run {
        try CLIRunner.run(arguments, in: PKICommandTests.pki)
    }

    let trust = ["--trust", "root.pem", "--untrusted", "inter.pem", "--as-of", "2026-12-01"]
    let crls = ["--crl", "inter.crl.pem", "--crl", "root.crl.pem"]

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func certsNamesTheRuleOfEachFailedCheck() throws {
        let text = try run(["certs", "good.pem", "weak.pem", "revoked.pem", "--lang", "en"] + trust + crls)
        #expect(text.status == 1)
        #expect(text.stdout.contains("weak.pem: INVALID (document-signing, 2026-12-01T00:00:00Z) — PKI.KEY\n"), "\(text.stdout)")
        #expect(text.stdout.contains("revoked.pem: INVALID (document-signing, 2026-12-01T00:00:00Z) — PKI.REVOKED\n"))
        #expect(text.stdout.contains("good.pem: VALID (document-signing, 2026-12-01T00:00:00Z)\n"))
        #expect(text.stderr == "exit code 1: 2 of 3 certificates are not valid — PKI.KEY (1), PKI.REVOKED (1)\n",
                "\(text.stderr)")

        let vietnamese = try run(["certs", "weak.pem"] + trust)
        #expect(vietnamese.stderr == "mã thoát 1: 1/1 chứng thư số không hợp lệ — PKI.KEY (1)\n", "\(vietnamese.stderr)")

        let result = try run(["certs", "good.pem", "weak.pem", "--format", "json"] + trust + crls)
        #expect(result.status == 1)
        let items = try #require(try json(result.stdout) as? [[String: Any]])
        #expect(items.map { $0["failedChecks"] as? [String] } == [[], ["PKI.KEY"]])
        for item in items {
            let checks = try #require((item["report"] as? [String: Any])?["checks"] as? [[String: Any]])
            #expect(checks.count == 8)
            for check in checks {
                let kind = try #require(check["kind"] as? String)
                let expected = ["chain": "PKI.CHAIN", "validity": "PKI.VALIDITY", "expiring": "PKI.EXPIRING", "key": "PKI.KEY",
                                "signature-algorithm": "PKI.SIGNATURE-ALGORITHM", "key-usage": "PKI.KEY-USAGE",
                                "revoked": "PKI.REVOKED", "profile": "PKI.PROFILE"][kind]
                #expect(check["rule"] as? String == expected, "\(kind)")
            }
        }
    }

    @Test func validCertificatesExplainNothing() throws {
        let result = try run(["certs", "good.pem", "ec.pem"] + trust + crls)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func verifyNamesTheDocumentsRuleAndTheSignersChecks() throws {
        let expired = try run(["verify", "signed-by-expired.pdf", "--lang", "en"] + trust + crls)
        #expect(expired.status == 1)
        #expect(expired.stdout.contains("signed-by-expired.pdf #1: INVALID — DOC.SIGNATURE\n"), "\(expired.stdout)")
        #expect(expired.stdout.contains("Valid when signed: no — PKI.VALIDITY: The certificate has expired"), "\(expired.stdout)")
        #expect(expired.stderr == "exit code 1: the document's signatures are not valid — DOC.SIGNATURE, PKI.VALIDITY\n",
                "\(expired.stderr)")

        let object = try #require(try json(try run(["verify", "signed-by-expired.pdf", "--format", "json"] + trust + crls).stdout)
            as? [String: Any])
        #expect(object["failedChecks"] as? [String] == ["DOC.SIGNATURE", "PKI.VALIDITY"])
        let signer = try #require(((object["signatures"] as? [[String: Any]])?.first?["signers"] as? [[String: Any]])?.first)
        let checks = try #require((signer["atSigningTime"] as? [String: Any])?["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["rule"] as? String == "PKI.VALIDITY" && $0["status"] as? String == "fail" })

        let unsigned = try run(["verify", "unsigned.pdf", "--format", "json", "--lang", "en"] + trust)
        #expect(unsigned.status == 1)
        #expect((try json(unsigned.stdout) as? [String: Any])?["failedChecks"] as? [String] == ["DOC.SIGNATURE"])
        #expect(unsigned.stderr == "exit code 1: the document carries no signature — DOC.SIGNATURE\n", "\(unsigned.stderr)")
        #expect(try run(["verify", "unsigned.pdf"] + trust).stdout.contains("KHÔNG CÓ CHỮ KÝ SỐ — DOC.SIGNATURE"))

        let tampered = try #require(try json(try run(["verify", "signed-tampered.pdf", "--format", "json"] + trust + crls).stdout)
            as? [String: Any])
        #expect(tampered["failedChecks"] as? [String] == ["DOC.SIGNATURE"])

        let good = try run(["verify", "signed.pdf", "--format", "json"] + trust + crls)
        #expect(good.status == 0 && good.stderr.isEmpty, "\(good.stderr)")
        #expect((try json(good.stdout) as? [String: Any])?["failedChecks"] as? [String] == [])
    }

    /// One revoked certificate, listed by a system: `audit` and `certs` name the same rule, the
    /// built-in one or, under a rules folder that calls it otherwise, that folder's.
    @Test(arguments: [nil, "ORG.CERT-REVOKED"])
    func auditAndCertsNameTheSameRule(renamed: String?) throws {
        let workspace = try CLIRunner.certificateWorkspace(systems: [
            ("ke-toan", ["certificates: [{ file: certs/ke-toan-cu.pem, purpose: document-signing }]",
                         "crls: [certs/sample-issuing-ca.crl, certs/sample-root-ca.crl]"]),
        ])
        defer { try? FileManager.default.removeItem(at: workspace) }
        try CLIRunner.copySampleCertificates(["ke-toan-cu.pem", "sample-issuing-ca.crl", "sample-root-ca.crl"], into: workspace)
        var rules: [String] = []
        if let renamed {
            let folder = Scratch.folder("renamed-rules").appendingPathComponent("Rules")
            try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent("Rules"), to: folder)
            let pack = folder.appendingPathComponent("core/pki.yaml")
            let text = try String(contentsOf: pack, encoding: .utf8)
            #expect(text.contains("- id: PKI.REVOKED\n"))
            try text.replacingOccurrences(of: "- id: PKI.REVOKED\n", with: "- id: \(renamed)\n")
                .write(to: pack, atomically: true, encoding: .utf8)
            rules = ["--rules", folder.path]
        }
        let rule = renamed ?? "PKI.REVOKED"

        let audit = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-12-01", "--format", "json", "--no-history"]
                                      + rules)
        #expect(audit.status == 1, "\(audit.stdout)\(audit.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.appendingPathComponent("Reports/so.json"))) as? [String: Any])
        let failing = Set(ReportJSON.findings(report).filter {
            $0["system"] as? String == "ke-toan" && $0["status"] as? String == "fail"
                && ($0["rule"] as? String).map { $0.hasPrefix("PKI.") || $0 == rule } == true
        }.compactMap { $0["rule"] as? String })
        #expect(failing == [rule])
        let system = try #require((report["systems"] as? [[String: Any]])?.first)
        #expect((system["certificates"] as? [[String: Any]])?.first?["failedChecks"] as? [String] == [rule])

        let arguments = ["certs", "Inventories/certs/ke-toan-cu.pem", "--as-of", "2026-12-01", "--lang", "en",
                         "--crl", "Inventories/certs/sample-issuing-ca.crl", "--crl", "Inventories/certs/sample-root-ca.crl"]
            + rules
        let text = try CLIRunner.run(arguments, in: workspace)
        #expect(text.status == 1)
        #expect(text.stdout.contains("✗ \(rule): The certificate is revoked."), "\(text.stdout)\(text.stderr)")
        #expect(text.stderr == "exit code 1: 1 of 1 certificates are not valid — \(rule) (1)\n", "\(text.stderr)")
        let json = try CLIRunner.run(arguments + ["--format", "json"], in: workspace)
        let item = try #require((try self.json(json.stdout) as? [[String: Any]])?.first)
        #expect(item["failedChecks"] as? [String] == [rule])
    }
}
