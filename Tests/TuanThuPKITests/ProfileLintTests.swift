import COpenSSL
import Foundation
import Testing
@testable import TuanThuPKI

/// The RFC 5280 profile lint, one defect at a time, on x509-limbo's certificates (a public suite
/// whose cases each break one rule) and on the generated test PKI (which breaks none).
struct ProfileLintTests {
    // Read once, never written after.
    nonisolated(unsafe) static let cases: [String: [String: Any]] = {
        guard let root = try? Conformance.json("x509-limbo/limbo.json") as? [String: Any],
              let items = root["testcases"] as? [[String: Any]] else { return [:] }
        return Dictionary(items.compactMap { item in (item["id"] as? String).map { ($0, item) } },
                          uniquingKeysWith: { first, _ in first })
    }()

    /// The codes the lint finds on the case's path, as "depth:code".
    static func codes(_ id: String) throws -> Set<String> {
        let item = try #require(cases[id], "\(id) is not in limbo.json")
        let trust = TrustMaterial(anchors: try LimboTests.certificates(item["trusted_certs"] as? [String] ?? []),
                                  intermediates: try LimboTests.certificates(item["untrusted_intermediates"] as? [String] ?? []))
        let checker = CertificateChecker(trust: trust, profile: CertificateProfile(name: "limbo", expiringWithinDays: 0))
        let peer = try LimboTests.certificates([item["peer_certificate"] as? String ?? ""])[0]
        let report = checker.check(peer, at: Conformance.limboTime(item))
        let check = try #require(report.check(.profile))
        let violations = check.violations ?? []
        #expect((check.status == .fail) == violations.contains { $0.severity == .error })
        return Set(violations.map { "\($0.depth):\($0.code)" })
    }

    @Test(arguments: [
        ("rfc5280::serial::zero", "0:serial-zero"),
        ("rfc5280::serial::too-long", "0:serial-too-long"),
        ("rfc5280::aki::leaf-missing-aki", "0:missing-aki"),
        ("rfc5280::aki::intermediate-missing-aki", "1:missing-aki"),
        ("rfc5280::ski::intermediate-missing-ski", "1:missing-ski"),
        ("rfc5280::ski::root-missing-ski", "1:missing-ski"),
        ("rfc5280::root-missing-basic-constraints", "1:ca-without-basic-constraints"),
        ("rfc5280::root-non-critical-basic-constraints", "1:basic-constraints-not-critical"),
        ("rfc5280::leaf-ku-keycertsign", "0:keycertsign-without-ca"),
        ("rfc5280::eku::ee-eku-empty", "0:eku-empty"),
        ("rfc5280::san::noncritical-with-empty-subject", "0:empty-subject-san-not-critical"),
        ("rfc5280::nc::not-allowed-in-ee-critical", "0:name-constraints-in-end-entity"),
        ("rfc5280::nc::permitted-dns-match-noncritical", "1:name-constraints-not-critical"),
        ("rfc5280::pc::ica-noncritical-pc", "1:policy-constraints-not-critical"),
        ("webpki::ca-as-leaf", "0:end-entity-is-ca"),
        ("rfc5280::duplicate-extensions", "0:duplicate-extension"),
    ])
    func eachDefectIsFound(id: String, code: String) throws {
        let found = try Self.codes(id)
        #expect(found.contains(code), "\(id): \(found.sorted())")
    }

    /// Repeated extensions are found alike by comparing encoded OIDs pairwise and, past the
    /// pairwise limit, by a set of their texts: the repeat in limbo's case, and none in the test PKI.
    @Test func repeatedExtensionsAreFoundEitherWay() throws {
        let item = try #require(Self.cases["rfc5280::duplicate-extensions"])
        var certificates = [try LimboTests.certificates([item["peer_certificate"] as? String ?? ""])[0]]
        certificates += try ["good.pem", "ec.pem", "weak.pem"].map { try TestPKI.certificate($0) }
        for (index, certificate) in certificates.enumerated() {
            let x = certificate.pointer
            let pairwise = ProfileLint.duplicateExtensions(x, X509_get_ext_count(x))
            let hashed = ProfileLint.duplicateExtensions(x, X509_get_ext_count(x), pairwiseUpTo: 0)
            #expect(pairwise == hashed)
            #expect(pairwise.isEmpty == (index > 0), "\(index): \(pairwise)")
        }
    }

    /// The generated test PKI follows the profile: no violation, and the check passes.
    @Test func theTestPKIFollowsTheProfile() throws {
        let checker = try TestPKI.checker()
        for name in ["good.pem", "ec.pem", "weak.pem", "revoked.pem", "expired.pem"] {
            let report = checker.check(try TestPKI.certificate(name), at: TestPKI.auditTime)
            let check = try #require(report.check(.profile))
            #expect(check.status == .pass && (check.violations ?? []).isEmpty, "\(name): \(check.message.en)")
        }
    }

    /// The Vietnamese official-duty profile: a new subscriber certificate runs at most five years
    /// (Decree 68/2024, a secondary source), a warning that never invalidates, not even under `--strict`.
    @Test func aLeafOverFiveYearsIsWarned() throws {
        var policy = PolicyInputs()
        policy.strict = true
        for checker in [try TestPKI.checker(), CertificateChecker(trust: try TestPKI.trust(), profile: .documentSigning, policy: policy)] {
            let report = checker.check(try TestPKI.certificate("long-lived.pem"), at: TestPKI.auditTime)
            let check = try #require(report.check(.profile))
            #expect(check.status == .pass)
            #expect(check.violations?.map(\.code) == ["lifetime-over-5-years"])
            #expect(check.violations?.first?.severity == .warning)
            #expect(check.violations?.first?.clause == "Nghị định 68/2024/NĐ-CP")
            #expect(check.message.en.contains("valid for 2191 days, over 5 years"))
            #expect(report.isValid)
        }
    }

    /// Without `--strict` a profile error is reported and the verdict stays the path's; with it,
    /// the certificate is invalid.
    @Test func strictDecidesWhetherProfileErrorsInvalidate() throws {
        let item = try #require(Self.cases["rfc5280::serial::zero"])
        let trust = TrustMaterial(anchors: try LimboTests.certificates(item["trusted_certs"] as? [String] ?? []),
                                  intermediates: try LimboTests.certificates(item["untrusted_intermediates"] as? [String] ?? []))
        let peer = try LimboTests.certificates([item["peer_certificate"] as? String ?? ""])[0]
        let profile = CertificateProfile(name: "limbo", expiringWithinDays: 0)
        let lenient = CertificateChecker(trust: trust, profile: profile).check(peer, at: Conformance.limboTime(item))
        #expect(lenient.check(.profile)?.status == .fail)
        #expect(lenient.isValid && !lenient.strict)
        #expect(lenient.failedRules() == ["PKI.PROFILE"] && lenient.failedRules(decisive: true).isEmpty)
        var policy = PolicyInputs()
        policy.strict = true
        let strict = CertificateChecker(trust: trust, profile: profile, policy: policy).check(peer, at: Conformance.limboTime(item))
        #expect(!strict.isValid && strict.strict)
        #expect(strict.failedRules(decisive: true).contains("PKI.PROFILE"))
    }
}
