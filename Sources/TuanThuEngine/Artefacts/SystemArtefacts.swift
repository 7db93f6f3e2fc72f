import TuanThuPKI

/// What the audit found in a system's artefacts: certificates, signed documents, stray keys.
/// Loaded at the edge (`ArtefactLoader`), read by the PKI check kinds.
public struct SystemArtefacts: Sendable {
    public var certificates: [CertificateOutcome] = []
    public var documents: [DocumentOutcome] = []
    public var approvalDocument: DocumentOutcome?
    public var strayKeys: [StrayKey] = []
    /// The certificate files the checks read, by workspace-relative path, with the digest of the
    /// bytes read (the manifest lists them without reading them again).
    public var digests: [String: FileDigest] = [:]

    public init() {}

    public static let none = SystemArtefacts()

    /// Documents with a valid signature, and all listed documents.
    public var signedShare: (valid: Int, total: Int) {
        (documents.filter(\.isValid).count, documents.count)
    }
}

public struct CertificateOutcome: Sendable {
    public var reference: CertificateRef
    public var report: CertificateReport
}

public struct DocumentOutcome: Sendable {
    /// Workspace-relative path of the document.
    public var path: String
    public var location: SourceLocation
    public var signatures: [SignatureReport]
    /// Why the document could not be verified at all (no signature, unreadable signature, …).
    public var problem: Localized?

    public var isValid: Bool {
        problem == nil && signatures.documentIsValid
    }

    /// Why it is not valid, in a sentence (OpenSSL's own words stay in English).
    public var failure: Localized? {
        if let problem { return problem }
        if signatures.isEmpty { return Localized(vi: "chưa có chữ ký số", en: "no signature") }
        if signatures.approvalSignatures.isEmpty {
            return Localized(vi: "chỉ có dấu thời gian tài liệu, chưa có chữ ký số", en: "document timestamps only, no signature")
        }
        if signatures.allSatisfy(\.isValid), signatures.changedAfterSigning {
            let change = signatures.first { $0.unchangedSinceSigning == false }?.laterUpdates?.changes.first
            return Localized(vi: "tệp bị thay đổi sau khi ký" + (change.map { " — \($0.vi)" } ?? ""),
                             en: "the file was changed after signing" + (change.map { " — \($0.en)" } ?? ""))
        }
        for signature in signatures where !signature.isValid {
            if !signature.integrity {
                let detail = signature.integrityDetail ?? "altered"
                return Localized(vi: "chữ ký không khớp với nội dung, văn bản đã bị thay đổi (\(detail))",
                                 en: "the signature does not match the content (\(detail))")
            }
            for signer in signature.signers {
                let report = signer.atSigningTime ?? signer.atAuditTime
                if let failed = report?.checks.first(where: { $0.status == .fail && $0.kind != .expiring }) {
                    let name = signer.certificate?.subjectCommonName ?? "?"
                    return Localized(vi: "người ký \(name): \(failed.message.vi)", en: "signer \(name): \(failed.message.en)")
                }
            }
            return Localized(vi: "không có người ký hợp lệ", en: "no valid signer")
        }
        return nil
    }
}

/// Private key material found in the inventory tree; only its place and kind are kept.
public struct StrayKey: Sendable, Hashable {
    public var path: String
    public var kind: String
}
