import Foundation
import Testing
@testable import TuanThuPKI

/// x509-limbo's path-validation and key-algorithm cases through the library. Host-name cases
/// (`webpki::san`, `webpki::cn`, `online::`) do not apply to signing certificates and are left out.
struct LimboTests {
    static let excludedPrefixes = ["webpki::san", "webpki::cn", "online::"]

    /// Cases where the library knowingly disagrees, with the reason (see docs/conformance.md).
    static let knownDisagreements: [String: String] = {
        let nameRules = "DNS/e-mail/IP name semantics of SANs and name constraints: OpenSSL checks name constraints on "
            + "the names present but not the WebPKI well-formedness of DNS names; tuanthu matches no host names"
        let webEKU = "WebPKI (CA/Browser Forum) EKU policy; RFC 5280 allows it, and the document-signing profile "
            + "deliberately accepts an absent EKU and anyExtendedKeyUsage"
        let strict = "an RFC 5280 profile MUST that OpenSSL enforces only with X509_V_FLAG_X509_STRICT, which stays off "
            + "so that PKITS 4.6.4 (non-critical basicConstraints) passes; in strict mode limbo agrees on 129 of 166"
        let building = "OpenSSL 3.0 path building: it does not backtrack to an alternative chain"
        let time = "OpenSSL 3.0 treats a certificate as expired at exactly its notAfter (RFC 5280: valid through it)"
        let endEntityCA = "OpenSSL path validation does not refuse an end entity that asserts CA capabilities "
            + "(keyCertSign, basicConstraints CA); RFC 5280 leaves that to the application (rfc5280::ca-as-leaf passes)"
        let webKey = "WebPKI-only key or extension rule (CA/Browser Forum); no such rule for Vietnamese signing certificates"
        return [
            "crl::crlnumber-missing": "OpenSSL does not require the CRL number extension",
            "cve::cve-2024-0567": building,
            "cve::cve-2025-61727": nameRules,
            "pathlen::max-chain-depth-1-self-issued": "OpenSSL counts a self-issued intermediate in the depth limit",
            "rfc5280::aki::leaf-missing-aki": strict,
            "rfc5280::aki::intermediate-missing-aki": strict,
            "rfc5280::eku::ee-eku-empty": "OpenSSL parses an empty EKU as present-with-nothing only in strict mode",
            "rfc5280::nc::permitted-dns-match-noncritical": strict,
            "rfc5280::nc::invalid-dnsname-leading-period": nameRules,
            "rfc5280::nc::not-allowed-in-ee-noncritical": strict,
            "rfc5280::nc::not-allowed-in-ee-critical": nameRules,
            "rfc5280::nc::nc-permits-invalid-dns-san": nameRules,
            "rfc5280::nc::nc-permits-invalid-email-san": nameRules,
            "rfc5280::nc::nc-forbids-alternate-chain-ica": building,
            "rfc5280::nc::nc-forbids-same-chain-ica": building,
            "rfc5280::nc::nc-forbids-dnsname-wildcard-san": nameRules,
            "rfc5280::pc::ica-noncritical-pc": strict,
            "rfc5280::san::noncritical-with-empty-subject": strict,
            "rfc5280::san::underscore-dns": nameRules,
            "rfc5280::san::ip-in-dns": nameRules,
            "rfc5280::serial::too-long": strict,
            "rfc5280::serial::zero": strict,
            "rfc5280::ski::root-missing-ski": strict,
            "rfc5280::ski::intermediate-missing-ski": strict,
            "rfc5280::validity::notafter-exact": time,
            "rfc5280::validity::notafter-fractional": time,
            "rfc5280::root-missing-basic-constraints": strict,
            "rfc5280::root-non-critical-basic-constraints": strict,
            "rfc5280::ca-as-leaf-wrong-san": nameRules,
            "rfc5280::root-and-intermediate-swapped": building,
            "webpki::aki::root-with-aki-missing-keyidentifier": webKey,
            "webpki::eku::ee-anyeku": webEKU,
            "webpki::eku::ee-critical-eku": webEKU,
            "webpki::eku::ee-without-eku": webEKU,
            "webpki::eku::root-has-eku": webEKU,
            "webpki::nc::intermediate-permitted-excluded-subtrees-both-null": webKey,
            "webpki::nc::intermediate-permitted-excluded-subtrees-both-empty-sequences": webKey,
            "webpki::malformed-aia": "OpenSSL does not read the AIA extension during validation",
            "webpki::forbidden-rsa-not-divisible-by-8-in-root": webKey,
            "webpki::forbidden-rsa-key-not-divisible-by-8-in-leaf": webKey,
            "webpki::v1-cert": "an X.509 v1 certificate has no extensions; OpenSSL accepts it as an end entity",
            "rfc5280::leaf-ku-keycertsign": endEntityCA,
            "webpki::ee-basicconstraints-ca": endEntityCA,
            "webpki::ca-as-leaf": endEntityCA,
        ]
    }()

    static func certificates(_ pems: [String]) throws -> [Certificate] {
        try pems.flatMap { try Certificate.load(Array($0.utf8), path: "limbo") }
    }

    static func run(_ item: [String: Any], strict: Bool = false) throws -> (expected: Bool, got: Bool, detail: String) {
        let report = try check(item, strict: strict)
        let detail = report.checks.filter { $0.status == .fail }.map { "\($0.rule): \($0.message.en)" }
            .joined(separator: "; ")
        return ((item["expected_result"] as? String) == "SUCCESS", report.isValid, detail)
    }

    /// The case's peer checked as its profile says; `waiting`: the peer read as an audit reads a
    /// certificate file (`CertificateCache.read`), which leaves a leaf to be parsed later in its
    /// key family's library context (`PendingCertificate`).
    static func check(_ item: [String: Any], strict: Bool = false, waiting: Bool = false) throws -> CertificateReport {
        let crlPEMs = item["crls"] as? [String] ?? []
        let trust = TrustMaterial(anchors: try certificates(item["trusted_certs"] as? [String] ?? []),
                                  intermediates: try certificates(item["untrusted_intermediates"] as? [String] ?? []),
                                  crls: try crlPEMs.flatMap { try RevocationList.load(Array($0.utf8), path: "limbo") })
        let usages = (item["extended_key_usage"] as? [String] ?? [])
        let profile = CertificateProfile(name: "limbo", forbiddenHashes: ["md2", "md4", "md5", "sha1"],
                                         extendedKeyUsageAnyOf: usages, expiringWithinDays: 0)
        var policy = PolicyInputs(maximumIntermediates: item["max_chain_depth"] as? Int)
        policy.strict = strict
        let checker = CertificateChecker(trust: trust, profile: profile, policy: policy)
        let pem = Array((item["peer_certificate"] as? String ?? "").utf8)
        let peer: Certificate
        if waiting, case .pending(let leaf, _) = try CertificateCache().read(pem, path: "limbo") {
            peer = try leaf.parse()
        } else {
            peer = try certificates([item["peer_certificate"] as? String ?? ""])[0]
        }
        return checker.check(peer, at: Conformance.limboTime(item))
    }

    /// A leaf parsed later in its key family's context (`PendingCertificate`) is checked exactly as
    /// one parsed at once: same checks, statuses and messages, for every case, strict or not.
    @Test(arguments: [false, true])
    func waitingLeavesAreCheckedAsOthers(strict: Bool) throws {
        let root = try #require(try Conformance.json("x509-limbo/limbo.json") as? [String: Any])
        let cases = try #require(root["testcases"] as? [[String: Any]])
        var differences: [String] = []
        var waited = 0
        for item in cases {
            let id = item["id"] as? String ?? ""
            let pem = Array((item["peer_certificate"] as? String ?? "").utf8)
            guard case .pending = try CertificateCache().read(pem, path: "limbo") else { continue }
            waited += 1
            func summary(_ report: CertificateReport) -> [String] {
                report.checks.map { "\($0.rule) \($0.status) \($0.message.en)" }
            }
            let now = summary(try Self.check(item, strict: strict))
            let later = summary(try Self.check(item, strict: strict, waiting: true))
            if now != later { differences.append("\(id): \(now) / waiting: \(later)") }
        }
        #expect(waited > 150, "\(waited)")
        #expect(differences.isEmpty, "\(differences.prefix(10).joined(separator: "\n"))")
    }

    /// Under `--strict`: the disagreements left, and the ones strict mode adds.
    static let knownStrictDisagreements: [String: String] = {
        let profile = "an RFC 5280 MUST the lint now enforces"
        var known = knownDisagreements
        for id in ["rfc5280::aki::leaf-missing-aki", "rfc5280::aki::intermediate-missing-aki", "rfc5280::eku::ee-eku-empty",
                   "rfc5280::nc::permitted-dns-match-noncritical", "rfc5280::nc::not-allowed-in-ee-noncritical",
                   "rfc5280::nc::not-allowed-in-ee-critical", "rfc5280::pc::ica-noncritical-pc",
                   "rfc5280::san::noncritical-with-empty-subject", "rfc5280::serial::too-long", "rfc5280::serial::zero",
                   "rfc5280::ski::root-missing-ski", "rfc5280::ski::intermediate-missing-ski",
                   "rfc5280::root-missing-basic-constraints", "rfc5280::root-non-critical-basic-constraints",
                   "rfc5280::leaf-ku-keycertsign", "webpki::v1-cert"] {
            // A v1 end entity has no authority key identifier, which §4.2.1.1 requires of all but self-signed ones.
            precondition(known.removeValue(forKey: id) != nil, "\(id) is not a known disagreement: \(profile)")
        }
        known["webpki::nc::permitted-dns-match-noncritical"] = "WebPKI accepts non-critical name constraints; "
            + "RFC 5280 §4.2.1.10 says MUST be critical (rfc5280::nc::permitted-dns-match-noncritical expects the failure)"
        known["crl::issuer-no-keyusage-extension"] = "OpenSSL's X509_V_FLAG_X509_STRICT requires key usage in a CA that "
            + "signs CRLs; RFC 5280 makes it a SHOULD"
        return known
    }()

    @Test(arguments: [false, true])
    func pathValidationCasesAgree(strict: Bool) throws {
        let root = try #require(try Conformance.json("x509-limbo/limbo.json") as? [String: Any])
        let cases = try #require(root["testcases"] as? [[String: Any]])
        let relevant = cases.filter { item in
            let id = item["id"] as? String ?? ""
            return !Self.excludedPrefixes.contains { id.hasPrefix($0) }
        }
        var agreed = 0
        var disagreements: [String] = []
        for item in relevant {
            let id = item["id"] as? String ?? ""
            let (expected, got, detail) = try Self.run(item, strict: strict)
            if expected == got {
                agreed += 1
            } else {
                disagreements.append("\(id): expected \(expected ? "SUCCESS" : "FAILURE"), got \(got ? "SUCCESS" : "FAILURE") \(detail)")
            }
        }
        let mode = strict ? "strict" : "default"
        print("x509-limbo (\(mode)): \(agreed) of \(relevant.count) cases agree (\(cases.count - relevant.count) host-name cases left out)")
        for line in disagreements { print("x509-limbo disagreement (\(mode)): \(line)") }
        let known = strict ? Self.knownStrictDisagreements : Self.knownDisagreements
        let unexplained = disagreements.filter { line in !known.keys.contains { line.hasPrefix($0 + ":") } }
        #expect(unexplained.isEmpty, "\(unexplained.joined(separator: "\n"))")
        // A known disagreement that now agrees must leave the list, so the list stays true.
        let stale = known.keys.filter { id in !disagreements.contains { $0.hasPrefix(id + ":") } }
        #expect(stale.isEmpty, "now agreeing, remove from knownDisagreements: \(stale.sorted())")
    }

    /// `certs --strict` agrees with x509-limbo at least as often as `openssl verify -x509_strict`
    /// does on the same cases, read the same way (`scripts/limbo-openssl.py`), and the lint goes
    /// further: more than OpenSSL's strict mode alone.
    @Test func strictAgreesMoreOftenThanOpenSSLsStrictCommand() throws {
        let script = Conformance.repositoryRoot.appendingPathComponent("scripts/limbo-openssl.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, Conformance.folder.appendingPathComponent("x509-limbo/limbo.json").path,
                             "-x509_strict"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let openssl = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Bool])
        let root = try #require(try Conformance.json("x509-limbo/limbo.json") as? [String: Any])
        let cases = try #require(root["testcases"] as? [[String: Any]])
        var agreed = (openssl: 0, strict: 0, lenient: 0)
        for item in cases {
            let id = item["id"] as? String ?? ""
            guard !Self.excludedPrefixes.contains(where: { id.hasPrefix($0) }) else { continue }
            let accepted = try #require(openssl[id], "\(id) missing from the openssl run")
            let (expected, strict, _) = try Self.run(item, strict: true)
            let (_, lenient, _) = try Self.run(item, strict: false)
            if accepted == expected { agreed.openssl += 1 }
            if strict == expected { agreed.strict += 1 }
            if lenient == expected { agreed.lenient += 1 }
        }
        print("x509-limbo: openssl verify -x509_strict agrees on \(agreed.openssl) of \(openssl.count); "
              + "tuanthu --strict on \(agreed.strict), tuanthu by default on \(agreed.lenient)")
        #expect(openssl.count == 166)
        #expect(agreed.strict > agreed.openssl)
        #expect(agreed.strict > agreed.lenient)
    }
}
