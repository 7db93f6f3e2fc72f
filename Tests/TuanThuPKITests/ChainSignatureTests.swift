import Foundation
import Testing
@testable import TuanThuPKI

/// `verifyChainSignatures` (OpenSSL's signature-and-time step with remembered signatures between
/// trust-material certificates) against OpenSSL's own step, on every PKITS and x509-limbo case:
/// the problems found, their order and depths, and the chain built must be the same, when the
/// memo is empty and when it already holds the chain's signatures.
struct ChainSignatureTests {
    /// What a validation found, as text that two runs can be compared by.
    static func outcome(_ result: PathResult) -> String {
        result.problems.map { "\($0.code)@\($0.depth)" }.joined(separator: ",") + " | "
            + result.chain.map(\.info.fingerprint).joined(separator: ",")
    }

    /// Nil when both ways agree, else the difference. `remembered` counts the cases where the memo
    /// took part (a signature between two trust-material certificates was checked).
    static func difference(trust: TrustMaterial, policy: PolicyInputs, leaf: Certificate, time: Timestamp,
                           checkRevocation: Bool, remembered: inout Int) -> String? {
        let openSSL = PathValidator(trust: trust, policy: policy, remembersSignatures: false)
        let remembering = PathValidator(trust: trust, policy: policy, remembersSignatures: true)
        let expected = outcome(openSSL.validate(leaf, at: time, checkRevocation: checkRevocation))
        let first = outcome(remembering.validate(leaf, at: time, checkRevocation: checkRevocation))
        let second = outcome(remembering.validate(leaf, at: time, checkRevocation: checkRevocation))
        if remembering.rememberedSignatures > 0 { remembered += 1 }
        guard first != expected || second != expected else { return nil }
        return "OpenSSL \(expected); remembering, first \(first), second \(second)"
    }

    @Test func pkitsCasesAgreeWithOpenSSLsOwnStep() throws {
        var differences: [String] = []
        var remembered = 0
        for testCase in PKITSTests.cases {
            let anchor = try PKITSTests.certificate("TrustAnchorRootCertificate.crt")
            let intermediates = try testCase.intermediates.map(PKITSTests.certificate)
            let crls = try (["TrustAnchorRootCRL.crl"] + testCase.crls).flatMap {
                try RevocationList.load(Conformance.bytes("pkits/crls/\($0)"), path: $0)
            }
            let trust = TrustMaterial(anchors: [anchor], intermediates: intermediates, crls: crls)
            if let difference = Self.difference(trust: trust, policy: testCase.policy,
                                                leaf: try PKITSTests.certificate(testCase.certificate),
                                                time: Timestamp(iso: "2022-05-01")!,
                                                checkRevocation: testCase.revocation, remembered: &remembered) {
                differences.append("\(testCase.id): \(difference)")
            }
        }
        #expect(PKITSTests.cases.count == 247)
        print("PKITS: the memo took part in \(remembered) of 247 cases")
        #expect(remembered > 150)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    /// One memo for many paths: every PKITS case of the same inputs validated by one validator
    /// whose trust material holds all their intermediates and CRLs (good and badly signed CAs
    /// under the same root), in turn and then again, against OpenSSL on the same material.
    @Test func pkitsCasesShareOneMemo() throws {
        let anchor = try PKITSTests.certificate("TrustAnchorRootCertificate.crt")
        let groups = Dictionary(grouping: PKITSTests.cases) { "\($0.policy)|\($0.revocation)" }
        var differences: [String] = []
        for key in groups.keys.sorted() {
            let cases = groups[key] ?? []
            var names: [String] = []
            for name in cases.flatMap(\.intermediates) where !names.contains(name) { names.append(name) }
            var crlNames = ["TrustAnchorRootCRL.crl"]
            for name in cases.flatMap(\.crls) where !crlNames.contains(name) { crlNames.append(name) }
            let crls = try crlNames.flatMap {
                try RevocationList.load(Conformance.bytes("pkits/crls/\($0)"), path: $0)
            }
            let intermediates = try names.map(PKITSTests.certificate)
            let trust = TrustMaterial(anchors: [anchor], intermediates: intermediates, crls: crls)
            let openSSL = PathValidator(trust: trust, policy: cases[0].policy, remembersSignatures: false)
            let remembering = PathValidator(trust: trust, policy: cases[0].policy, remembersSignatures: true)
            for round in 1...2 {
                for testCase in cases {
                    let leaf = try PKITSTests.certificate(testCase.certificate)
                    let time = Timestamp(iso: "2022-05-01")!
                    let expected = Self.outcome(openSSL.validate(leaf, at: time, checkRevocation: testCase.revocation))
                    let got = Self.outcome(remembering.validate(leaf, at: time, checkRevocation: testCase.revocation))
                    if got != expected {
                        differences.append("\(testCase.id) round \(round): OpenSSL \(expected); remembering \(got)")
                    }
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test func limboCasesAgreeWithOpenSSLsOwnStep() throws {
        let root = try #require(try Conformance.json("x509-limbo/limbo.json") as? [String: Any])
        let cases = try #require(root["testcases"] as? [[String: Any]])
        var differences: [String] = []
        var compared = 0
        var remembered = 0
        for item in cases {
            guard let trust = try? TrustMaterial(
                anchors: LimboTests.certificates(item["trusted_certs"] as? [String] ?? []),
                intermediates: LimboTests.certificates(item["untrusted_intermediates"] as? [String] ?? []),
                crls: (item["crls"] as? [String] ?? []).flatMap {
                    try RevocationList.load(Array($0.utf8), path: "limbo")
                }),
                  let leaf = try? LimboTests.certificates([item["peer_certificate"] as? String ?? ""]).first
            else { continue }
            let time = Conformance.limboTime(item)
            for strict in [false, true] {
                var policy = PolicyInputs(maximumIntermediates: item["max_chain_depth"] as? Int)
                policy.strict = strict
                compared += 1
                if let difference = Self.difference(trust: trust, policy: policy, leaf: leaf, time: time,
                                                    checkRevocation: !trust.crls.isEmpty, remembered: &remembered) {
                    differences.append("\(item["id"] as? String ?? "?") strict \(strict): \(difference)")
                }
            }
        }
        print("x509-limbo: \(compared) validations compared, the memo took part in \(remembered)")
        #expect(compared > 400)
        #expect(remembered > 100)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    /// The point of it: two leaves under one issuing CA, and the CA's signature is checked once.
    @Test func anIntermediatesSignatureIsCheckedOnce() throws {
        let trust = try TestPKI.trust()
        let validator = PathValidator(trust: trust, policy: PolicyInputs(), remembersSignatures: true)
        let good = try TestPKI.certificate("good.pem")
        #expect(validator.validate(good, at: TestPKI.auditTime, checkRevocation: false).isValid)
        #expect(validator.rememberedSignatures == 1)
        #expect(validator.verifiedTrustSignatures == 1)
        let expiring = try TestPKI.certificate("expiring.pem")
        #expect(validator.validate(expiring, at: TestPKI.auditTime, checkRevocation: false).isValid)
        #expect(validator.rememberedSignatures == 1)
        #expect(validator.verifiedTrustSignatures == 1, "the second leaf reuses the intermediate's signature")
        let plain = PathValidator(trust: trust, policy: PolicyInputs(), remembersSignatures: false)
        #expect(plain.validate(expiring, at: TestPKI.auditTime, checkRevocation: false).isValid)
        #expect(plain.rememberedSignatures == 0)
    }
}
