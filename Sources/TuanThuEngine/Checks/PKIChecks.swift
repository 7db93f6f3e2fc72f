import TuanThuPKI

/// PKI.*: one certificate check (chain, validity, …) over every certificate the system lists.
public struct CertificateRuleCheck: CheckKind {
    public static let name = "certificate"
    public static let summary = "a check of the system's certificates with OpenSSL: chain, validity, expiring, key, "
        + "signature-algorithm, key-usage or revoked"
    public static let readsArtefacts = true

    public let check: CertificateCheck.Kind
    /// What a failure states as expected; made once, since the check runs for every system.
    private let expected: Localized

    public init(parameters: MappingReader, ruleId: String) throws {
        let node = try parameters.required("check")
        check = try node.enumValue("certificate check", as: CertificateCheck.Kind.self)
        expected = Localized(vi: "chứng thư đạt kiểm tra \(check.rawValue)", en: "passes \(check.rawValue)")
    }

    /// A revoked or expired certificate signs nothing valid; the other checks are gaps by severity.
    public var legalWeight: LegalWeight { check == .validity || check == .revoked ? .certificate : .requirement }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let outcomes = context.artefacts.certificates
        guard !outcomes.isEmpty else {
            return CheckOutcome(.notApplicable, Localized(vi: "Hệ thống không khai báo chứng thư số.",
                                                          en: "The system lists no certificate."))
        }
        // By index: a loop over the outcomes copied each one (its report and every check in it),
        // and so did a list of failures holding them.
        var failures: [(index: Int, result: TuanThuPKI.CertificateCheck)] = []
        var firstUnchecked: (index: Int, result: TuanThuPKI.CertificateCheck)?
        for index in outcomes.indices {
            guard let result = outcomes[index].report.check(check) else { continue }
            if result.status == .fail { failures.append((index, result)) }
            if result.status == .unchecked, firstUnchecked == nil { firstUnchecked = (index, result) }
        }
        if let (first, result) = failures.first {
            // `file: message; …`, appended piece by piece (not joined from temporary strings).
            var list = "", listEn = ""
            for (index, failure) in failures {
                if !list.isEmpty {
                    list += "; "
                    listEn += "; "
                }
                let file = outcomes[index].reference.file
                list += file
                list += ": "
                list += failure.message.vi
                listEn += file
                listEn += ": "
                listEn += failure.message.en
            }
            let detail = result.detail.map { " [\($0)]" } ?? ""
            return CheckOutcome(.fail, Localized(vi: list, en: listEn),
                                expected: expected,
                                found: Localized(vi: result.message.vi + detail, en: result.message.en + detail),
                                at: outcomes[first].reference.location,
                                dueSince: check == .validity ? expiredSince(failures.map { outcomes[$0.index] }) : nil)
        }
        if let (first, result) = firstUnchecked {
            let file = outcomes[first].reference.file
            return CheckOutcome(.manual, Localized(vi: file + ": " + result.message.vi, en: file + ": " + result.message.en),
                                at: outcomes[first].reference.location)
        }
        let files = outcomes.map(\.reference.file).joined(separator: ", ")
        return CheckOutcome(.pass, Localized(vi: "Đạt với \(outcomes.count) chứng thư (\(files)).",
                                             en: "Passes for \(outcomes.count) certificate(s) (\(files))."),
                            at: outcomes[0].reference.location)
    }
}

extension CertificateRuleCheck {
    /// For the validity check: the day (in Vietnam) the first failing certificate expired, if it has.
    func expiredSince(_ failing: [CertificateOutcome]) -> Day? {
        guard check == .validity else { return nil }
        return failing.compactMap { outcome -> Day? in
            guard let notAfter = outcome.report.certificate.notAfter, notAfter < outcome.report.time else { return nil }
            return Day(inVietnamAt: notAfter)
        }.min()
    }
}

/// DOC.SIGNATURE: every listed document carries a signature that verifies.
public struct DocumentSignatureCheck: CheckKind {
    public static let name = "document-signatures"
    public static let summary = "every document the system lists is signed and its signature verifies"
    public static let readsArtefacts = true

    public init(parameters: MappingReader, ruleId: String) throws {}

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let documents = context.artefacts.documents
        guard !documents.isEmpty else {
            return CheckOutcome(.notApplicable, Localized(vi: "Hệ thống không khai báo văn bản ký số.",
                                                          en: "The system lists no signed document."))
        }
        let (valid, total) = context.artefacts.signedShare
        let share = Localized(vi: "\(valid)/\(total) văn bản có chữ ký số hợp lệ (\(valid * 100 / total)%; mục tiêu 100%)",
                              en: "\(valid)/\(total) documents validly signed (\(valid * 100 / total)%; target 100%)")
        let invalid = documents.filter { !$0.isValid }
        guard let first = invalid.first else {
            return CheckOutcome(.pass, Localized(vi: share.vi + ".", en: share.en + "."),
                                found: share, at: documents[0].location)
        }
        let listVi = invalid.map { "\($0.path): \($0.failure?.vi ?? "không hợp lệ")" }.joined(separator: "; ")
        let listEn = invalid.map { "\($0.path): \($0.failure?.en ?? "invalid")" }.joined(separator: "; ")
        return CheckOutcome(.fail, Localized(vi: "\(share.vi). Chưa đạt: \(listVi)", en: "\(share.en). Failing: \(listEn)"),
                            expected: Localized(vi: "100% văn bản được ký số hợp lệ", en: "100% validly signed"),
                            found: share, at: first.location)
    }
}

/// APPROVAL.SIGNATURE: the signed approval decision, when given, verifies.
public struct ApprovalSignatureCheck: CheckKind {
    public static let name = "approval-signature"
    public static let summary = "the approval decision's document, when given, carries a signature that verifies"
    public static let readsArtefacts = true

    public init(parameters: MappingReader, ruleId: String) throws {}

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        guard let document = context.artefacts.approvalDocument else {
            return CheckOutcome(.notApplicable, Localized(vi: "Không có văn bản quyết định phê duyệt.",
                                                          en: "No approval document is given."))
        }
        if document.isValid {
            let signer = document.signatures.first?.signers.first?.certificate
            let who = [signer?.subjectCommonName, signer?.subjectOrganization].compactMap { $0 }.joined(separator: ", ")
            return CheckOutcome(.pass, Localized(vi: "Chữ ký số trên quyết định hợp lệ (\(who)).",
                                                 en: "The decision's signature verifies (\(who))."),
                                at: document.location)
        }
        let why = document.failure ?? Localized(vi: "không hợp lệ", en: "invalid")
        return CheckOutcome(.fail, Localized(vi: "Chữ ký số trên quyết định \(document.path) không hợp lệ: \(why.vi).",
                                             en: "The signature on decision \(document.path) does not verify: \(why.en)."),
                            at: document.location)
    }
}

/// INV.PRIVATE-KEY: no private key material lies in the inventory tree. Only the file and the kind
/// of key are reported, never the key.
public struct PrivateKeyCheck: CheckKind {
    public static let name = "private-keys"
    public static let summary = "no private key material is stored in the inventory tree"
    public static let readsArtefacts = true

    public var legalWeight: LegalWeight { .privateKey }

    public init(parameters: MappingReader, ruleId: String) throws {}

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let keys = context.artefacts.strayKeys
        guard !keys.isEmpty else {
            return CheckOutcome(.pass, Localized(vi: "Không tìm thấy khóa bí mật trong thư mục kiểm kê.",
                                                 en: "No private key found in the inventory tree."))
        }
        let list = keys.map { "\($0.path) (\($0.kind))" }.joined(separator: ", ")
        return CheckOutcome(.fail, Localized(vi: "Tìm thấy khóa bí mật: \(list). Nội dung khóa không được sao chép vào báo cáo.",
                                             en: "Private key material found: \(list). Its content is never copied into reports."),
                            at: SourceLocation(file: keys[0].path, line: 1, column: 1))
    }
}
