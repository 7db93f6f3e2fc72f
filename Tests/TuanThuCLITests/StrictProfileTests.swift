import Foundation
import Testing

/// PKI.PROFILE: the RFC 5280 profile lint reported by `certs` and `audit`, and `--strict`, which
/// makes its errors (and OpenSSL's strict checks) decide validity.
struct StrictProfileTests {
    let trust = ["--trust", "root.pem", "--untrusted", "inter.pem", "--as-of", "2026-12-01", "--lang", "en"]

    func run(_ arguments: [String]) throws -> CLIRunner.Run {
        try CLIRunner.run(arguments, in: PKICommandTests.pki)
    }

    @Test func profileErrorsAreReportedAndDecideOnlyUnderStrict() throws {
        let lenient = try run(["certs", "no-aki.pem"] + trust)
        #expect(lenient.status == 0, "\(lenient.stdout)\(lenient.stderr)")
        #expect(lenient.stdout.contains("no-aki.pem: VALID"))
        #expect(lenient.stdout.contains("✗ PKI.PROFILE: Does not follow the RFC 5280 profile (1 error): The certificate "
                                        + "lacks the authority key identifier (RFC 5280 §4.2.1.1)."), "\(lenient.stdout)")
        #expect(lenient.stderr.isEmpty)

        let strict = try run(["certs", "no-aki.pem", "--strict"] + trust)
        #expect(strict.status == 1)
        // OpenSSL's own strict mode refuses the path too (X509_V_FLAG_X509_STRICT checks key identifiers).
        #expect(strict.stdout.contains("no-aki.pem: INVALID (document-signing, 2026-12-01T00:00:00Z) — PKI.CHAIN, PKI.PROFILE\n"),
                "\(strict.stdout)")
        #expect(strict.stderr == "exit code 1: 1 of 1 certificates are not valid — PKI.CHAIN (1), PKI.PROFILE (1)\n",
                "\(strict.stderr)")

        let json = try run(["certs", "no-aki.pem", "--strict", "--format", "json"] + trust)
        let item = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(item["valid"] as? Bool == false)
        #expect(item["failedChecks"] as? [String] == ["PKI.CHAIN", "PKI.PROFILE"])
        let report = try #require(item["report"] as? [String: Any])
        #expect(report["strict"] as? Bool == true)
        let profile = try #require((report["checks"] as? [[String: Any]])?.first { $0["kind"] as? String == "profile" })
        let violations = try #require(profile["violations"] as? [[String: Any]])
        #expect(violations.map { $0["code"] as? String } == ["missing-aki"])
        #expect(violations.first?["severity"] as? String == "error" && violations.first?["clause"] as? String == "RFC 5280 §4.2.1.1")

        // A conforming certificate is valid either way.
        #expect(try run(["certs", "good.pem", "--strict"] + trust).status == 0)
    }

    /// In an audit, the same defect is a PKI.PROFILE finding of its own; the path's checks pass.
    @Test func auditReportsTheProfileFinding() throws {
        let workspace = try CLIRunner.certificateWorkspace(systems: [
            ("van-thu", ["certificates: [{ file: certs/no-aki-chain.pem, purpose: document-signing }]"]),
        ])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let pki = PKICommandTests.pki
        let certs = workspace.appendingPathComponent("Inventories/certs")
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        let chain = try Data(contentsOf: pki.appendingPathComponent("no-aki.pem")) + Data(contentsOf: pki.appendingPathComponent("inter.pem"))
        try chain.write(to: certs.appendingPathComponent("no-aki-chain.pem"))
        try FileManager.default.copyItem(at: pki.appendingPathComponent("root.pem"),
                                         to: workspace.appendingPathComponent("Policies/trust/test-root.pem"))
        let result = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-12-01", "--format", "json", "--lang", "en",
                                        "--no-history"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.appendingPathComponent("Reports/so.json"))) as? [String: Any])
        let findings = ReportJSON.findings(json).filter { $0["system"] as? String == "van-thu" }
        func status(_ rule: String) -> String? { findings.first { $0["rule"] as? String == rule }?["status"] as? String }
        #expect(status("PKI.PROFILE") == "fail")
        #expect(status("PKI.CHAIN") == "pass")
        let message = findings.first { $0["rule"] as? String == "PKI.PROFILE" }?["message"] as? String
        #expect(message?.contains("authority key identifier") == true, "\(String(describing: message))")
    }
}
