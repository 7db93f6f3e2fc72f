import TuanThuPKI

/// The ids under which the loaded catalog reports each certificate check and a document's
/// signatures: `certs` and `verify` name a failed check by the id `audit` reports it under, and
/// with `--rules` both follow the same folder.
///
/// Where several rules run one check (an organisation's policy may add its own), the contract's
/// id is named when it is among them, else the first id in order; a check no rule runs keeps the
/// contract's id (SPEC.md "Rules"), though `audit` then reports no finding for it.
public struct PKIRuleIDs: Sendable, Equatable {
    /// By certificate check, the rule reporting it.
    public let certificate: [CertificateCheck.Kind: String]
    /// The rule reporting a listed document's signatures (DOC.SIGNATURE).
    public let documentSignatures: String

    public static let contract = PKIRuleIDs(
        certificate: Dictionary(uniqueKeysWithValues: CertificateCheck.Kind.allCases.map { ($0, $0.rule) }),
        documentSignatures: "DOC.SIGNATURE")

    public init(certificate: [CertificateCheck.Kind: String], documentSignatures: String) {
        self.certificate = certificate
        self.documentSignatures = documentSignatures
    }

    public init(_ catalog: RuleCatalog) {
        var byKind: [CertificateCheck.Kind: [String]] = [:]
        var documents: [String] = []
        for rule in catalog.rules {
            if let check = rule.check as? CertificateRuleCheck { byKind[check.check, default: []].append(rule.id) }
            if rule.check is DocumentSignatureCheck { documents.append(rule.id) }
        }
        func pick(_ ids: [String]?, contract: String) -> String {
            guard let ids, !ids.isEmpty else { return contract }
            return ids.contains(contract) ? contract : ids.min()!
        }
        certificate = Dictionary(uniqueKeysWithValues: CertificateCheck.Kind.allCases.map {
            ($0, pick(byKind[$0], contract: $0.rule))
        })
        documentSignatures = pick(documents, contract: Self.contract.documentSignatures)
    }
}
