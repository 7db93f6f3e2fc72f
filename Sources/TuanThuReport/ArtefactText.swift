import TuanThuEngine
import TuanThuPKI

/// How certificates and signed documents appear in the reports (DOMAIN.md §6: issuer, signer,
/// organisation, signing time, integrity, validity at signing time, validity period).
enum ArtefactText {
    static func certificateEntry(_ outcome: CertificateOutcome) -> JSONReport.CertificateEntry {
        let info = outcome.report.certificate
        return .init(file: outcome.reference.file, purpose: outcome.reference.purpose.rawValue,
                     holder: outcome.reference.holder, subject: info.subject, organization: info.subjectOrganization,
                     issuer: info.issuer, serial: info.serial, notBefore: info.notBefore?.description,
                     notAfter: info.notAfter?.description, key: info.keyDescription,
                     signatureAlgorithm: info.signatureAlgorithm,
                     fingerprint: info.fingerprint, valid: outcome.report.isValid,
                     failedChecks: outcome.report.failedRules())
    }

    static func documentEntry(_ document: DocumentOutcome, _ language: Language) -> JSONReport.DocumentEntry {
        .init(path: document.path, valid: document.isValid, problem: document.failure?[language],
              signatures: document.signatures.flatMap { signature in
                  signature.signers.isEmpty
                      ? [JSONReport.SignatureEntry(integrity: signature.integrity,
                                                   coverage: signature.coverage?[language], valid: false)]
                      : signature.signers.map { signer in
                          let info = signer.certificate
                          return JSONReport.SignatureEntry(
                              integrity: signature.integrity, signer: info?.subjectCommonName,
                              organization: info?.subjectOrganization, issuer: info?.issuerCommonName ?? info?.issuer,
                              signingTime: signer.signingTime?.description,
                              validAtSigningTime: signer.atSigningTime?.isValid,
                              certificateValidity: period(info),
                              coverage: signature.coverage?[language], valid: signature.isValid)
                      }
              })
    }

    static func period(_ info: CertificateInfo?) -> String? {
        guard let info else { return nil }
        return "\(info.notBefore?.dateText ?? "?") – \(info.notAfter?.dateText ?? "?")"
    }

    /// The Markdown lines for a system's certificates and documents. A certificate's row is
    /// written in parts: two per system, the longest rows of a report after the gaps.
    static func write(_ artefacts: SystemArtefacts, _ text: MarkdownText, into out: inout LineWriter) {
        guard !artefacts.certificates.isEmpty || !artefacts.documents.isEmpty else { return }
        let vi = text.language == .vi
        out.append("#### " + (vi ? "Chứng thư số và văn bản ký số" : "Certificates and signed documents"))
        out.append("")
        if !artefacts.certificates.isEmpty {
            out.append(vi ? "| Chứng thư | Người giữ | Tổ chức | Cấp bởi | Hiệu lực | Khóa | Kết quả |"
                          : "| Certificate | Holder | Organisation | Issuer | Validity | Key | Result |")
            out.append("|---|---|---|---|---|---|---|")
            for outcome in artefacts.certificates {
                let info = outcome.report.certificate
                out.write("| `")
                out.write(outcome.reference.file)
                out.write("` | ")
                out.writeEscaped(outcome.reference.holder ?? "—")
                out.write(" | ")
                out.writeEscaped(info.subjectOrganization ?? "—")
                out.write(" | ")
                out.writeEscaped(info.issuerCommonName ?? info.issuer)
                out.write(" | ")
                out.write(period(info) ?? "—")
                out.write(" | ")
                out.write(info.keyDescription)
                out.write(" | ")
                // The failed checks, `rule: message` joined by `; `, escaped piece by piece (the
                // separators hold nothing to escape).
                var failed = 0
                for check in outcome.report.checks where check.status == .fail {
                    out.write(failed == 0 ? "" : "; ")
                    out.writeEscaped(check.kind.rule)
                    out.write(": ")
                    out.writeEscaped(check.message[text.language])
                    failed += 1
                }
                if failed == 0 { out.write(vi ? "hợp lệ" : "valid") }
                out.write(" |")
                out.endLine()
            }
            out.append("")
        }
        if !artefacts.documents.isEmpty {
            let (valid, total) = artefacts.signedShare
            out.append((vi ? "Văn bản có chữ ký số hợp lệ: " : "Validly signed documents: ")
                       + "**\(valid)/\(total)** (\(valid * 100 / total)%)" + (vi ? ", mục tiêu 100%." : ", target 100%."))
            out.append("")
            out.append(vi ? "| Văn bản | Người ký | Tổ chức | Thời điểm ký | Toàn vẹn | Hiệu lực khi ký | Kết quả |"
                          : "| Document | Signer | Organisation | Signing time | Integrity | Valid when signed | Result |")
            out.append("|---|---|---|---|---|---|---|")
            for document in artefacts.documents {
                let entry = documentEntry(document, text.language)
                let signature = entry.signatures.first
                let yes = vi ? "có" : "yes", no = vi ? "không" : "no"
                let result = document.isValid ? (vi ? "hợp lệ" : "valid") : (document.failure?[text.language] ?? "")
                out.append("| `\(document.path)` | \(Markdown.escape(signature?.signer ?? "—")) | "
                           + "\(Markdown.escape(signature?.organization ?? "—")) | \(signature?.signingTime ?? "—") | "
                           + "\(signature.map { $0.integrity ? yes : no } ?? "—") | "
                           + "\(signature?.validAtSigningTime.map { $0 ? yes : no } ?? "—") | \(Markdown.escape(result)) |")
            }
            out.append("")
        }
    }
}
