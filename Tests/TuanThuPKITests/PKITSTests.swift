import Foundation
import Testing
@testable import TuanThuPKI

/// NIST PKITS through the library: the expected outcome of 247 path-validation cases.
struct PKITSTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let id: String
        let name: String
        let certificate: String
        let intermediates: [String]
        let crls: [String]
        let revocation: Bool
        let policy: PolicyInputs
        let shouldFail: Bool
        var testDescription: String { "\(id) \(name)" }
    }

    static let cases: [Case] = {
        guard let list = try? Conformance.json("pkits/pkits.json") as? [[String: Any]] else { return [] }
        return list.map { item in
            let params = item["params"] as? [String: Any] ?? [:]
            return Case(id: item["id"] as? String ?? "", name: item["name"] as? String ?? "",
                        certificate: item["cert"] as? String ?? "",
                        intermediates: (item["other_certs"] as? [String] ?? []) + (item["path_intermediates"] as? [String] ?? []),
                        crls: item["crls"] as? [String] ?? [],
                        revocation: item["revocation"] as? Bool ?? true,
                        policy: PolicyInputs(initialPolicySet: params["user_initial_policy_set"] as? [String] ?? [],
                                             explicitPolicy: params["initial_explicit_policy"] as? Bool ?? false,
                                             inhibitPolicyMapping: params["initial_policy_mapping_inhibit"] as? Bool ?? false,
                                             inhibitAnyPolicy: params["initial_any_policy_inhibit"] as? Bool ?? false),
                        shouldFail: item["error"] != nil)
        }
    }()

    static func certificate(_ name: String) throws -> Certificate {
        try Certificate.load(Conformance.bytes("pkits/certs/\(name)"), path: name)[0]
    }

    /// Runs one case; true when the library agrees with the expected outcome.
    static func agrees(_ testCase: Case) throws -> (Bool, [PathProblem]) {
        let anchor = try certificate("TrustAnchorRootCertificate.crt")
        let intermediates = try testCase.intermediates.map(certificate)
        let crls = try (["TrustAnchorRootCRL.crl"] + testCase.crls).flatMap {
            try RevocationList.load(Conformance.bytes("pkits/crls/\($0)"), path: $0)
        }
        let validator = PathValidator(trust: TrustMaterial(anchors: [anchor], intermediates: intermediates, crls: crls),
                                      policy: testCase.policy)
        let result = validator.validate(try certificate(testCase.certificate), at: Timestamp(iso: "2022-05-01")!,
                                        checkRevocation: testCase.revocation)
        return (result.isValid != testCase.shouldFail, result.problems)
    }

    @Test func atLeast245Of247CasesAgree() throws {
        #expect(Self.cases.count == 247)
        var disagreements: [String] = []
        for testCase in Self.cases {
            let (agrees, problems) = try Self.agrees(testCase)
            if !agrees {
                disagreements.append("\(testCase.id) \(testCase.name): expected \(testCase.shouldFail ? "failure" : "success"), "
                                     + "got \(problems.map(\.reason))")
            }
        }
        let agreed = Self.cases.count - disagreements.count
        print("PKITS: \(agreed) of \(Self.cases.count) cases agree")
        for line in disagreements { print("PKITS disagreement: \(line)") }
        #expect(agreed >= 245, "\(disagreements.joined(separator: "\n"))")
    }
}
