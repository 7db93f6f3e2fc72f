import Foundation
import TuanThuPKI
import TuanThuEngine

/// `Reports/<org-id>.junit.xml`: a test suite per system and a test case per rule in scope —
/// failures for gaps, errors for checks that could not run, skipped for not-applicable, manual
/// and waived. Valid against the Ant JUnit schema.
public struct JUnitReporter: Reporter {
    public init() {}

    public func fileName(for report: OrganizationReport) -> String { "\(report.organization.id).junit.xml" }

    public func render(_ report: OrganizationReport) throws -> ReportBytes {
        let lang = report.language
        let organization = report.organization
        var out = LineWriter(capacity: report.findings.count * 200 + (1 << 16))
        out += ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<testsuites>"]
        // The organisation's own duties first, as a suite named by its id.
        let duties = report.result.duties
        let rulesProperty = "      <property name=\"rules\" value=\"\(XML.escape(report.catalog.provenance.fullLabel))\"/>"
        if !duties.isEmpty {
            out.append("  <testsuite package=\"\(XML.escape(organization.id))\" id=\"\(report.result.systems.count)\" "
                       + "name=\"\(XML.escape(organization.id))\" timestamp=\"\(report.asOf)T00:00:00\" "
                       + "hostname=\"localhost\" " + Self.counts(duties) + " time=\"0\">")
            out.append("    <properties>")
            out.append("      <property name=\"name\" value=\"\(XML.escape(organization.name))\"/>")
            out.append("      <property name=\"scope\" value=\"organization\"/>")
            out.append(rulesProperty)
            out.append("    </properties>")
            let classname = XML.escape(organization.id)
            for finding in duties { testCase(finding, classname: classname, lang, into: &out) }
            out.append("    <system-out/>")
            out.append("    <system-err/>")
            out.append("  </testsuite>")
        }
        for (index, system) in report.result.systems.enumerated() {
            let findings = system.findings
            out.append("  <testsuite package=\"\(XML.escape(organization.id))\" id=\"\(index)\" "
                       + "name=\"\(XML.escape(system.system.id))\" timestamp=\"\(report.asOf)T00:00:00\" "
                       + "hostname=\"localhost\" " + Self.counts(findings) + " time=\"0\">")
            out.append("    <properties>")
            let properties: [(String, String)] = [
                ("name", system.system.name), ("required-level", String(system.standing.required.level)),
                ("proposed-level", system.system.proposedLevel.map(String.init) ?? ""),
                ("approved-level", system.system.approvedLevel.map(String.init) ?? ""),
                ("regime", system.standing.governing.id), ("approval-status", system.approvalStatus.rawValue),
            ]
            for (name, value) in properties {
                out.append("      <property name=\"\(name)\" value=\"\(XML.escape(value))\"/>")
            }
            out.append(rulesProperty)
            out.append("    </properties>")
            let classname = XML.escape("\(organization.id).\(system.system.id)")
            for finding in findings {
                testCase(finding, classname: classname, lang, into: &out)
            }
            out.append("    <system-out/>")
            out.append("    <system-err/>")
            out.append("  </testsuite>")
        }
        out.append("</testsuites>")
        return ReportBytes(out.buffer)
    }

    /// The suite's `tests`, `failures`, `errors` and `skipped` attributes.
    private static func counts(_ findings: [Finding]) -> String {
        let failures = findings.filter { $0.status == .fail }.count
        let errors = findings.filter { $0.status == .error }.count
        let skipped = findings.filter { [.notApplicable, .waived, .manual, .notAssessed].contains($0.status) }.count
        return "tests=\"\(findings.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
    }

    /// `classname` is already escaped.
    private func testCase(_ finding: Finding, classname: String, _ lang: Language, into out: inout LineWriter) {
        let open = "    <testcase name=\"\(XML.escape(finding.rule + " — " + finding.title[lang]))\" "
            + "classname=\"\(classname)\" time=\"0\""
        switch finding.status {
        case .pass:
            out.append(open + "/>")
        case .fail, .error:
            let element = finding.status == .fail ? "failure" : "error"
            var detail = ["\(finding.location)"]
            if let expected = finding.expected { detail.append("expected: \(expected[lang])") }
            if let found = finding.found { detail.append("found: \(found[lang])") }
            detail.append("remediation: \(finding.remediation[lang])")
            detail.append("source: \(finding.citation(lang)) (\(finding.basis.rawValue))")
            let message = XML.escape(finding.message[lang])
            out += [open + ">",
                    "      <\(element) message=\"\(message)\" type=\"\(finding.severity.rawValue)\">"
                        + XML.escape(detail.joined(separator: "\n")) + "</\(element)>",
                    "    </testcase>"]
        case .waived:
            let waiver = finding.waiver.map { " — \($0.justification) (\($0.approvedBy), \($0.expires))" } ?? ""
            out += [open + ">", "      <skipped message=\"waived\(XML.escape(waiver))\"/>", "    </testcase>"]
        case .manual, .notApplicable, .notAssessed:
            let message = XML.escape(finding.message[lang])
            out += [open + ">", "      <skipped message=\"\(finding.status.rawValue): \(message)\"/>",
                    "    </testcase>"]
        }
    }
}

enum XML {
    /// Escapes text for an attribute or element: control characters shown as `\u001B`, U+FFFE and
    /// U+FFFF (which XML 1.0 cannot hold) dropped.
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape or drop (U+FFFE and U+FFFF begin with the byte 0xEF).
        let clean = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != 0x26 && byte != 0x3C && byte != 0x3E && byte != 0x22 && byte != 0x27 && byte != 0xEF
                && byte != 0x7F && byte != 0xC2
        }
        guard !clean else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += " "
            default:
                if ControlCharacters.isRefused(scalar) {
                    // XML 1.0 cannot hold most of them: shown as `\u001B`, as every output shows them.
                    out += ControlCharacters.escaped(String(scalar))
                    continue
                }
                if (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
