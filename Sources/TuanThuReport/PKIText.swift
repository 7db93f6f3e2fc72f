import Foundation
import TuanThuEngine
import TuanThuPKI

/// What `certs` and `verify` print: the fields the Vietnamese verification rules ask for
/// (issuer, signer, organisation, signing time, integrity, validity at signing time, validity
/// period), in Vietnamese or English, or as JSON.
public struct PKIText {
    let language: Language

    public init(language: Language) {
        self.language = language
    }

    private func pick(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    public func certificate(_ file: String, _ report: CertificateReport) -> String {
        let info = report.certificate
        var lines = ["\(file): " + (report.isValid ? pick("HỢP LỆ", "VALID") : pick("KHÔNG HỢP LỆ", "INVALID"))
                     + " (\(report.profile), \(report.time))"]
        lines.append("  " + pick("Chủ thể", "Subject") + ": \(info.subject)")
        if let organization = info.subjectOrganization { lines.append("  " + pick("Tổ chức", "Organisation") + ": \(organization)") }
        lines.append("  " + pick("Cấp bởi", "Issuer") + ": \(info.issuer)")
        lines.append("  " + pick("Hiệu lực", "Validity") + ": \(ArtefactText.period(info) ?? "?")")
        lines.append("  " + pick("Khóa", "Key") + ": \(info.keyDescription); " + pick("ký bằng", "signed with")
                     + " \(info.signatureAlgorithm)")
        lines.append("  " + pick("Số hiệu", "Serial") + ": \(info.serial); SHA-256 \(info.fingerprint)")
        for check in report.checks {
            let mark = check.status == .pass ? "✓" : (check.status == .unchecked ? "?" : "✗")
            lines.append("  \(mark) \(check.kind.rule): \(check.message[language])")
        }
        return lines.joined(separator: "\n")
    }

    public func signatures(_ file: String, _ reports: [SignatureReport]) -> String {
        guard !reports.isEmpty else {
            return "\(file): " + pick("KHÔNG CÓ CHỮ KÝ SỐ", "NO SIGNATURE")
        }
        var lines: [String] = []
        if reports.changedAfterSigning {
            lines.append("\(file): " + pick("TỆP BỊ THAY ĐỔI SAU CHỮ KÝ CUỐI CÙNG (cập nhật bổ sung không được ký)",
                                            "CHANGED AFTER ITS LAST SIGNATURE (an unsigned incremental update follows it)"))
        }
        for (index, report) in reports.enumerated() {
            lines.append("\(file) #\(index + 1): " + (report.isValid ? pick("HỢP LỆ", "VALID") : pick("KHÔNG HỢP LỆ", "INVALID")))
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
        report.checks.filter { $0.status == .fail && $0.kind != .expiring }.map { $0.message[language] }
            .joined(separator: "; ")
    }

    struct CertificateJSON: Encodable {
        var file: String
        var valid: Bool
        var report: CertificateReport
    }

    struct SignatureJSON: Encodable {
        var file: String
        var valid: Bool
        var signatures: [SignatureReport]
    }

    public func json(certificates: [(file: String, report: CertificateReport)]) throws -> String {
        try encode(certificates.map { CertificateJSON(file: $0.file, valid: $0.report.isValid, report: $0.report) })
    }

    /// One element of `json(certificates:)`'s array, as that array holds it (two spaces deep):
    /// `certs` writes the array element by element as the checks finish.
    public func jsonElement(file: String, report: CertificateReport) throws -> [UInt8] {
        try FastJSONEncoder().encodeBuffer(CertificateJSON(file: file, valid: report.isValid, report: report),
                                           expectedSize: 4096, indent: 2).array
    }

    public func json(file: String, signatures: [SignatureReport]) throws -> String {
        try encode(SignatureJSON(file: file, valid: !signatures.isEmpty && signatures.allSatisfy(\.isValid),
                                 signatures: signatures))
    }

    private func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
