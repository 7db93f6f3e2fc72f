import Foundation
import TuanThuEngine
import TuanThuPKI

/// What `certs` and `verify` print: the fields the Vietnamese verification rules ask for
/// (issuer, signer, organisation, signing time, integrity, validity at signing time, validity
/// period), in Vietnamese or English, or as JSON.
///
/// Each failed check is named by the id of the rule that reports it in an audit (`rules`, from
/// the loaded catalog), in text and JSON alike.
public struct PKIText {
    let language: Language
    let rules: PKIRuleIDs

    public init(language: Language, rules: PKIRuleIDs = .contract) {
        self.language = language
        self.rules = rules
    }

    /// Only the text of the report's language is made (each is often interpolated).
    private func pick(_ vi: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String {
        language == .vi ? vi() : en()
    }

    public func certificate(_ file: String, _ report: CertificateReport) -> String {
        let info = report.certificate
        let failed = report.failedRules(decisive: true)
        var lines = ["\(file): " + (failed.isEmpty ? pick("HỢP LỆ", "VALID") : pick("KHÔNG HỢP LỆ", "INVALID"))
                     + " (\(report.profile), \(report.time))" + (failed.isEmpty ? "" : " — " + failed.joined(separator: ", "))]
        lines.append("  " + pick("Chủ thể", "Subject") + ": \(info.subject)")
        if let organization = info.subjectOrganization { lines.append("  " + pick("Tổ chức", "Organisation") + ": \(organization)") }
        lines.append("  " + pick("Cấp bởi", "Issuer") + ": \(info.issuer)")
        lines.append("  " + pick("Hiệu lực", "Validity") + ": \(ArtefactText.period(info) ?? "?")")
        lines.append("  " + pick("Khóa", "Key") + ": \(info.keyDescription); " + pick("ký bằng", "signed with")
                     + " \(info.signatureAlgorithm)")
        lines.append("  " + pick("Số hiệu", "Serial") + ": \(info.serial); SHA-256 \(info.fingerprint)")
        for check in report.checks {
            let mark = check.status == .pass ? "✓" : (check.status == .unchecked ? "?" : "✗")
            lines.append("  \(mark) \(check.rule): \(check.message[language])")
        }
        return lines.joined(separator: "\n")
    }

    public func signatures(_ file: String, _ reports: [SignatureReport]) -> String {
        let document = rules.documentSignatures
        guard !reports.isEmpty else {
            return "\(file): " + pick("KHÔNG CÓ CHỮ KÝ SỐ", "NO SIGNATURE") + " — \(document)"
        }
        var lines: [String] = []
        if reports.approvalSignatures.isEmpty {
            lines.append("\(file): " + pick("CHỈ CÓ DẤU THỜI GIAN TÀI LIỆU, KHÔNG CÓ CHỮ KÝ SỐ", "DOCUMENT TIMESTAMPS ONLY, NO SIGNATURE")
                         + " — \(document)")
        }
        if reports.changedAfterSigning {
            lines.append("\(file): " + pick("TỆP BỊ THAY ĐỔI SAU KHI KÝ (cập nhật bổ sung sau chữ ký sửa nội dung đã ký)",
                                            "CHANGED AFTER SIGNING (an incremental update after a signature changes what it signed)")
                         + " — \(document)")
        }
        for (index, report) in reports.enumerated() {
            lines.append("\(file) #\(index + 1): "
                         + (report.isValid ? pick("HỢP LỆ", "VALID") : pick("KHÔNG HỢP LỆ", "INVALID") + " — \(document)"))
            lines.append("  " + pick("Tính toàn vẹn", "Integrity") + ": "
                         + (report.integrity ? pick("nguyên vẹn", "intact")
                                             : pick("bị thay đổi hoặc hỏng", "altered or broken") + " (\(report.integrityDetail ?? ""))"))
            if let coverage = report.coverage {
                lines.append("  " + pick("Phạm vi ký", "Covers") + ": \(coverage[language])")
            }
            for signer in report.signers {
                let info = signer.certificate
                lines.append("  " + pick("Người ký", "Signer") + ": \(info?.subjectCommonName ?? info?.subject ?? "?")")
                lines.append("  " + pick("Tổ chức", "Organisation") + ": \(info?.subjectOrganization ?? "—")")
                lines.append("  " + pick("Cấp bởi", "Issuer") + ": \(info?.issuerCommonName ?? info?.issuer ?? "?")")
                lines.append("  " + pick("Thời điểm ký", "Signing time") + ": \(signer.signingTime?.description ?? pick("không có", "none"))")
                lines.append("  " + pick("Thời hạn chứng thư", "Certificate validity") + ": \(ArtefactText.period(info) ?? "?")")
                if let atSigning = signer.atSigningTime {
                    lines.append("  " + pick("Hiệu lực khi ký", "Valid when signed") + ": "
                                 + (atSigning.isValid ? pick("có", "yes") : pick("không", "no") + " — " + failures(atSigning)))
                }
                if let now = signer.atAuditTime {
                    lines.append("  " + pick("Hiệu lực tại thời điểm kiểm tra", "Valid at the check time") + " (\(now.time)): "
                                 + (now.isValid ? pick("có", "yes") : pick("không", "no") + " — " + failures(now)))
                    if now.check(.revoked)?.status == .unchecked {
                        lines.append("  ! " + now.check(.revoked)!.message[language])
                    }
                }
                lines.append("  " + pick("Thuật toán băm", "Digest") + ": \(signer.digestAlgorithm)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func failures(_ report: CertificateReport) -> String {
        report.checks.filter { $0.status == .fail && $0.kind != .expiring }.map { "\($0.rule): \($0.message[language])" }
            .joined(separator: "; ")
    }

    /// What makes a document's signatures invalid, by rule id: the document's own rule, then the
    /// certificate checks that failed (empty when the document is valid).
    public func failedRules(_ reports: [SignatureReport]) -> [String] {
        reports.documentIsValid ? [] : [rules.documentSignatures] + reports.failedCertificateRules
    }

    /// Certificates found invalid by `certs`, and by which rules.
    public struct CertificateFailures {
        public private(set) var invalid = 0
        /// Per rule id, the certificates it finds invalid, in order of first appearance.
        public private(set) var byRule: [(rule: String, count: Int)] = []

        public init() {}

        public mutating func add(_ failed: [String]) {
            guard !failed.isEmpty else { return }
            invalid += 1
            for rule in failed {
                if let index = byRule.firstIndex(where: { $0.rule == rule }) { byRule[index].count += 1 }
                else { byRule.append((rule, 1)) }
            }
        }
    }

    /// The line on standard error that explains `certs`'s exit code 1.
    public func certsExitExplanation(_ failures: CertificateFailures, of total: Int) -> String {
        let rules = failures.byRule.map { "\($0.rule) (\($0.count))" }.joined(separator: ", ")
        return pick("mã thoát 1: \(failures.invalid)/\(total) chứng thư số không hợp lệ — \(rules)",
                    "exit code 1: \(failures.invalid) of \(total) certificates are not valid — \(rules)")
    }

    /// The line on standard error that explains `verify`'s exit code 1.
    public func verifyExitExplanation(_ reports: [SignatureReport]) -> String {
        let rules = failedRules(reports).joined(separator: ", ")
        return reports.isEmpty ? pick("mã thoát 1: văn bản không có chữ ký số — \(rules)",
                                      "exit code 1: the document carries no signature — \(rules)")
            : pick("mã thoát 1: chữ ký số của văn bản không hợp lệ — \(rules)",
                   "exit code 1: the document's signatures are not valid — \(rules)")
    }

    struct CertificateJSON: Encodable {
        var file: String
        var valid: Bool
        /// The rule ids of the checks that failed (an expiry warning included, as `audit` reports it).
        var failedChecks: [String]
        var report: CertificateReport
    }

    struct SignatureJSON: Encodable {
        var file: String
        var valid: Bool
        /// The document's rule and the certificate checks' rules that make it invalid.
        var failedChecks: [String]
        var signatures: [SignatureReport]
    }

    public func json(certificates: [(file: String, report: CertificateReport)]) throws -> String {
        try encode(certificates.map {
            CertificateJSON(file: $0.file, valid: $0.report.isValid, failedChecks: $0.report.failedRules(),
                            report: $0.report)
        })
    }

    /// One element of `json(certificates:)`'s array, as that array holds it (two spaces deep):
    /// `certs` writes the array element by element as the checks finish.
    /// Written straight into bytes, member by member, not through the encoder's tree: with the
    /// checks on every core, encoding was what kept `certs --format json` from its speed. A test
    /// compares the whole array with Foundation's encoding.
    public func jsonElement(file: String, report: CertificateReport) throws -> [UInt8] {
        var writer = JSONTextWriter(capacity: 8192)
        CertificateElement(file: file, report: report).writeJSON(&writer, indent: 2)
        return writer.bytes.array
    }

    public func json(file: String, signatures: [SignatureReport]) throws -> String {
        try encode(SignatureJSON(file: file, valid: signatures.documentIsValid, failedChecks: failedRules(signatures),
                                 signatures: signatures))
    }

    private func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// `PKIText.CertificateJSON` written directly (the same text as its `Encodable` form).
private struct CertificateElement: DirectJSONWritable {
    let file: String
    let report: CertificateReport

    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.key("failedChecks", indent: indent)
        writer.writeArray(report.failedRules(), indent: indent + 2) { writer, rule, _ in writer.writeString(rule) }
        writer.field("file", file, indent: indent)
        writer.key("report", indent: indent)
        let inner = indent + 2
        writer.openObject()
        writer.field("certificate", report.certificate, indent: inner)
        writer.key("chain", indent: inner)
        writer.writeArray(report.chain, indent: inner + 2) { writer, info, indent in info.writeJSON(&writer, indent: indent) }
        writer.key("checks", indent: inner)
        writer.writeArray(report.checks, indent: inner + 2) { writer, check, indent in check.writeJSON(&writer, indent: indent) }
        writer.field("profile", report.profile, indent: inner)
        writer.field("strict", report.strict, indent: inner)
        writer.field("time", report.time.description, indent: inner)
        writer.closeObject(indent: inner)
        writer.field("valid", report.isValid, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension CertificateInfo: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("curve", curve, indent: indent)
        writer.strings("extendedKeyUsage", extendedKeyUsage, indent: indent)
        writer.field("fingerprint", fingerprint, indent: indent)
        writer.field("isCA", isCA, indent: indent)
        writer.field("issuer", issuer, indent: indent)
        writer.field("issuerCommonName", issuerCommonName, indent: indent)
        writer.field("keyAlgorithm", keyAlgorithm.rawValue, indent: indent)
        writer.field("keyBits", keyBits, indent: indent)
        writer.strings("keyUsage", keyUsage, indent: indent)
        writer.field("notAfter", notAfter?.description, indent: indent)
        writer.field("notBefore", notBefore?.description, indent: indent)
        writer.field("selfSigned", selfSigned, indent: indent)
        writer.field("serial", serial, indent: indent)
        writer.field("signatureAlgorithm", signatureAlgorithm, indent: indent)
        writer.field("signatureHash", signatureHash, indent: indent)
        writer.field("subject", subject, indent: indent)
        writer.field("subjectCommonName", subjectCommonName, indent: indent)
        writer.field("subjectOrganization", subjectOrganization, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension Bilingual: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("en", en, indent: indent)
        writer.field("vi", vi, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension CertificateCheck: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("detail", detail, indent: indent)
        writer.field("kind", kind.rawValue, indent: indent)
        writer.field("message", message, indent: indent)
        writer.field("rule", rule, indent: indent)
        writer.field("status", status.rawValue, indent: indent)
        if let violations {
            writer.key("violations", indent: indent)
            writer.writeArray(violations, indent: indent + 2) { writer, violation, indent in
                violation.writeJSON(&writer, indent: indent)
            }
        }
        writer.closeObject(indent: indent)
    }
}

extension ProfileViolation: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("clause", clause, indent: indent)
        writer.field("code", code, indent: indent)
        writer.field("depth", depth, indent: indent)
        writer.field("message", message, indent: indent)
        writer.field("severity", severity.rawValue, indent: indent)
        writer.closeObject(indent: indent)
    }
}

private extension JSONTextWriter {
    /// A list of strings as a member, when there is one.
    mutating func strings(_ name: StaticString, _ values: [String]?, indent: Int) {
        guard let values else { return }
        key(name, indent: indent)
        writeArray(values, indent: indent + 2) { writer, value, _ in writer.writeString(value) }
    }
}
