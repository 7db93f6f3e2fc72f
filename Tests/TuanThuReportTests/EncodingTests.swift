import Foundation
import Testing
@testable import TuanThuReport
import TuanThuEngine

/// The hand-written encoders and escapes the reports rely on.
struct EncodingTests {
    struct Sample: Codable {
        var text: String
        var number: Int
        var flag: Bool
        var missing: String?
        var list: [String]
        var empty: [Int]
        var nested: [String: Int]
        var emptyObject: [String: Int]
    }

    @Test(arguments: ["plain", "Quyết định 45/QĐ", "quote \" backslash \\ slash /", "line\nbreak\ttab\r", "\u{01}\u{1F}", ""])
    func fastJSONEncoderWritesWhatFoundationWrites(text: String) throws {
        let value = Sample(text: text, number: -42, flag: true, missing: nil, list: [text, "b"], empty: [],
                           nested: ["z": 1, "a": 2, "Ä": 3], emptyObject: [:])
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = try foundation.encode(value)
        let fast = try FastJSONEncoder().encode(value)
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        let decoded = try JSONDecoder().decode(Sample.self, from: fast)
        #expect(decoded.text == text)
    }

    /// Strings are scanned eight bytes at a time: a character to escape anywhere in a word, next to
    /// multi-byte UTF-8, must still be found.
    @Test func escapesAreFoundAtEveryPositionOfAWord() throws {
        let base = Array("Quyết định phê duyệt cấp độ ABCDEFGHIJ".unicodeScalars)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for special in ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\t", "\u{7F}", "\u{9B}", "/", "©"] {
            for position in 0...base.count {
                var scalars = String.UnicodeScalarView()
                scalars.append(contentsOf: base[..<position])
                scalars.append(contentsOf: special.unicodeScalars)
                scalars.append(contentsOf: base[position...])
                let text = String(scalars)
                let fast = String(decoding: try FastJSONEncoder().encode([text]), as: UTF8.self)
                // DEL and the C1 controls, which Foundation writes raw, are escaped too (issue 20).
                let expected = String(decoding: try foundation.encode([text]), as: UTF8.self)
                    .replacingOccurrences(of: "\u{7F}", with: "\\u007f").replacingOccurrences(of: "\u{9B}", with: "\\u009b")
                #expect(fast == expected, "\(special.debugDescription) at \(position)")
                #expect(try JSONDecoder().decode([String].self, from: Data(fast.utf8)) == [text])
            }
        }
        #expect(!JSONTextWriter.needsEscape(0x4142_4344_4546_4748))
        #expect(JSONTextWriter.needsEscape(0x4142_4344_4546_471F))
        #expect(JSONTextWriter.needsEscape(0x2241_4243_4445_4647))
        #expect(!JSONTextWriter.needsEscape(0xE1BB_87C3_A0E1_BAA1))
        #expect(JSONTextWriter.needsEscape(0x4142_437F_4445_4647))
        #expect(JSONTextWriter.needsEscape(0x4142_4344_4546_C29B))
    }

    /// Line and column numbers are written digit by digit, as `String(_:)` spells them.
    @Test func integersAreWrittenInDecimal() {
        let values = [0, 1, 9, 10, 99, 100, 12_345, -1, -10, -987_654_321, Int.max, Int.min, Int.max - 1, Int.min + 1]
            + (0..<200).map { $0 * 37 }
        for value in values {
            var writer = JSONTextWriter(capacity: 1)
            writer.appendInteger(value)
            #expect(String(decoding: writer.bytes.array, as: UTF8.self) == String(value))
        }
    }

    /// Every integer type is written as Foundation writes it; a fraction is refused, not looped on.
    @Test func otherScalarsAreWrittenOrRefused() throws {
        struct Numbers: Codable {
            var small: UInt8 = 7
            var large: Int64 = -9_000_000_000
            var unsigned: UInt = 42
        }
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(try FastJSONEncoder().encode(Numbers()) == foundation.encode(Numbers()))
        #expect(throws: EncodingError.self) { try FastJSONEncoder().encode(["ratio": 0.5]) }
    }

    @Test func csvFieldsAreQuotedAndFormulasNeutralised() {
        #expect(CSVReporter.field("plain") == "plain")
        #expect(CSVReporter.field("a,b") == "\"a,b\"")
        #expect(CSVReporter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReporter.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVReporter.field("+1") == "'+1")
        #expect(CSVReporter.field("line\nbreak") == "\"line\nbreak\"")
    }

    @Test func xmlEscapesMarkupAndShowsControlCharacters() {
        #expect(XML.escape("a < b & c > \"d\" 'e'") == "a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;")
        // XML 1.0 cannot hold a bell: it is shown, as every output shows control characters.
        #expect(XML.escape("bell\u{07}here\u{7F}\u{85}") == "bell\\u0007here\\u007F\\u0085")
        #expect(XML.escape("a\u{FFFF}b") == "ab")
        #expect(WordML.escape("x\u{1B}[2Jy") == "x\\u001B[2Jy")
        #expect(XML.escape("Sở Lao động") == "Sở Lao động")
    }

    @Test func markdownTableCellsStayInTheirCell() {
        #expect(Markdown.escape("a | b") == "a \\| b")
        #expect(Markdown.escape("one\r\ntwo\nthree") == "one two three")
        #expect(Markdown.escape("back\\slash") == "back\\\\slash")
        #expect(Markdown.escape("Tuân thủ") == "Tuân thủ")
    }

    /// Table rows are written in parts, their cells escaped straight into the file's bytes: the
    /// same text as `Markdown.escape`, whatever the eight-byte stride meets.
    @Test(arguments: ["", "a | b", "one\r\ntwo\nthree", "\r\r\n\n", "back\\slash", "Tuân thủ quy định |",
                      "eight by|tes", "12345678|", "1234567\r\n",
                      String(repeating: "Điều 15, khoản 1 ", count: 9) + "|x", "\u{01}\u{1F}\t tab",
                      String(repeating: "a", count: 64) + "\n" + String(repeating: "b", count: 7)])
    func escapedCellsAreWrittenAsEscaped(text: String) {
        var writer = LineWriter(capacity: 4)
        writer.write("| ")
        writer.writeEscaped(text)
        writer.endLine()
        #expect(writer.bytes == Array(("| " + Markdown.escape(text) + "\n").utf8))
    }
}

/// Findings write themselves (`DirectJSONWritable`); they must read exactly as their `Encodable` form.
struct DirectFindingJSONTests {
    /// The sample's systems (approved and not, with certificates, signed documents and a
    /// ladder), in both languages, written directly and through their `Encodable` form.
    @Test(arguments: [Language.vi, .en])
    func sampleSystemsWriteAsTheirEncodableForm(language: Language) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let session = try AuditSession.load(workspace: root, rules: nil, inventories: [])
        let asOf = try #require(Day(iso: "2026-12-01"))
        let systems = try session.auditEach(asOf: asOf) { result in
            JSONReporter().build(OrganizationReport(audit: result, language: language, threshold: .high)).systems.items
        }.flatMap { $0 }
        #expect(systems.count > 3)
        #expect(systems.contains { $0.approval != nil } && systems.contains { $0.approval == nil })
        #expect(systems.contains { !$0.certificates.isEmpty } && systems.contains { !$0.documents.isEmpty })
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try foundation.encode(systems), as: UTF8.self)
        let fast = String(decoding: try FastJSONEncoder().encode(DirectList(systems)), as: UTF8.self)
        #expect(fast == expected)
        try Self.expectReportLayout(systems)
    }

    /// Every finding of the sample audit (waived or not, with and without optional fields, marked
    /// new or persisting, in both languages), written directly and through its `Encodable` form.
    @Test func sampleFindingsWriteAsTheirEncodableForm() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let session = try AuditSession.load(workspace: root, rules: nil, inventories: [])
        let waivers = try session.loadWaivers(root.appendingPathComponent("waivers.yaml"))
        let asOf = try #require(Day(iso: "2026-12-01"))
        let entries = try session.auditEach(asOf: asOf, waivers: waivers) { result in
            let findings = result.organizations[0].findings.enumerated().map { index, finding in
                var finding = finding
                if finding.isOpen { finding.change = index % 2 == 0 ? .new : .persisting }
                return finding
            }
            let vi = RuleTable(findings: findings, language: .vi)
            let en = RuleTable(findings: findings, language: .en)
            return findings.enumerated().flatMap { index, finding -> [FindingEntry] in
                // The regime left out when it is the system's, and written when it is not.
                [FindingEntry(finding: finding, language: .vi, blocking: finding.blocks(at: .high), rules: vi,
                              index: index, systemRegime: index % 3 == 0 ? "nd85" : finding.regime),
                 FindingEntry(finding: finding, language: .en, blocking: false, rules: en, index: index,
                              systemRegime: nil)]
            }
        }.flatMap { $0 }
        #expect(entries.count > 100)
        #expect(entries.contains { $0.finding.waiver != nil })
        // Both kinds of entry are exercised: texts the rule's outcome states, and texts of its own.
        #expect(entries.contains { $0.info.message == nil } && entries.contains { $0.info.message != nil })
        #expect(entries.contains { $0.info.regime == nil } && entries.contains { $0.info.regime != nil })
        #expect(entries.contains { $0.info.citation != nil })
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try foundation.encode(entries), as: UTF8.self)
        let fast = String(decoding: try FastJSONEncoder().encode(DirectList(entries)), as: UTF8.self)
        #expect(fast == expected)
        try Self.expectReportLayout(entries)
    }

    /// The rules table (schemaVersion 2) is the object Foundation encodes, one rule per line; and
    /// every finding's full texts — title, remediation, source, message, expected, found — come
    /// back from the finding and its rule's entry as the engine made them.
    @Test(arguments: [Language.vi, .en])
    func rulesTableHoldsWhatFindingsLeaveOut(language: Language) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let session = try AuditSession.load(workspace: root, rules: nil, inventories: [])
        let waivers = try session.loadWaivers(root.appendingPathComponent("waivers.yaml"))
        let asOf = try #require(Day(iso: "2026-12-01"))
        let reports = try session.auditEach(asOf: asOf, waivers: waivers) { result in
            let report = OrganizationReport(audit: result, language: language, threshold: .high)
            return (report.findings, String(decoding: try JSONReporter().render(report).withUnsafeBytes { Data($0) }, as: UTF8.self))
        }
        #expect(!reports.isEmpty)
        for (findings, text) in reports {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["schemaVersion"] as? String == "2.0")
            let rules = try #require(object["rules"] as? [String: [String: Any]])
            let written = try #require(object["findings"] as? [[String: Any]])
            #expect(written.count == findings.count && !findings.isEmpty)
            #expect(Set(rules.keys) == Set(findings.map(\.rule)))
            for (finding, entry) in zip(findings, written) {
                let rule = try #require(rules[finding.rule])
                #expect(entry["rule"] as? String == finding.rule && entry["title"] == nil)
                #expect(rule["title"] as? String == finding.title[language])
                #expect(rule["remediation"] as? String == finding.remediation[language])
                #expect(rule["severity"] as? String == finding.severity.rawValue)
                let sources = rule["sources"] as? [String: [String: Any]]
                let source = (entry["source"] ?? (entry["citation"] as? String).flatMap { sources?[$0] } ?? rule["source"])
                    as? [String: Any]
                #expect(source?["instrument"] as? String == finding.source.instrument)
                #expect(source?["clause"] as? String == finding.source.clause)
                #expect(source?["note"] as? String == finding.source.note)
                #expect(source?["citation"] as? String == finding.citation(language))
                #expect(((entry["basis"] ?? rule["basis"]) as? String) == finding.basis.rawValue)
                let outcomes = try #require(rule["outcomes"] as? [String: [String: String]])
                let texts = entry["message"] != nil ? entry.compactMapValues { $0 as? String }
                    : try #require(outcomes[finding.status.rawValue])
                #expect(texts["message"] == finding.message[language])
                #expect(texts["expected"] == finding.expected?[language])
                #expect(texts["found"] == finding.found?[language])
            }
            // One rule per line, each as Foundation writes it compactly.
            let compact = JSONEncoder()
            compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let lines = text.split(separator: "\n").filter { $0.hasPrefix("    \"") && $0.contains("\"outcomes\":") }
            #expect(lines.count == rules.count)
            for line in lines {
                let body = line.drop { $0 != "{" }
                let value = try JSONSerialization.jsonObject(with: Data(String(body.hasSuffix(",") ? body.dropLast() : body).utf8))
                let info = try JSONDecoder().decode(JSONReport.RuleInfo.self,
                                                    from: JSONSerialization.data(withJSONObject: value))
                let again = String(decoding: try compact.encode(info), as: UTF8.self)
                #expect(String(body.hasSuffix(",") ? body.dropLast() : body) == again)
            }
        }
    }

    @Test(arguments: [true, false])
    func directPlanEntryMatchesFoundation(optionals: Bool) throws {
        let entry = JSONReport.PlanEntry(
            id: "mot-cua:PKI.KEY", rule: "PKI.KEY", system: "mot-cua", title: "Khóa \"yếu\"", action: "Cấp lại\nngay",
            responsibleUnit: "Trung tâm", responsibleName: "operator", priority: "P1", severity: "high",
            effort: "small",
            due: "2027-01-31", dueReason: "severity", period: optionals ? "Báo cáo năm 2026" : nil,
            periodDeadline: optionals ? "2026-12-05" : nil, status: "open", overdue: optionals,
            change: optionals ? "persisting" : nil, source: "TCVN 11930:2017, mục 7.1.1", basis: "secondary",
            location: .init(file: "Inventories/a.yaml", line: 3, column: 7))
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try foundation.encode([entry, entry]), as: UTF8.self)
        let fast = String(decoding: try FastJSONEncoder().encode([entry, entry]), as: UTF8.self)
        #expect(fast == expected)
        try Self.expectReportLayout([entry, entry])
        struct Wrapper: Encodable {
            var none: DirectList<JSONReport.PlanEntry>
        }
        // An empty list is laid out as Foundation lays it out.
        #expect(String(decoding: try FastJSONEncoder().encode(Wrapper(none: DirectList([]))), as: UTF8.self)
                == String(decoding: try foundation.encode(Wrapper(none: DirectList([]))), as: UTF8.self))
    }

    /// The manifest writes itself; it must read as Foundation encodes it, with files and without.
    @Test func directManifestMatchesFoundation() throws {
        struct Wrapper: Encodable {
            var manifest: JSONReport.ManifestInfo?
            var empty: JSONReport.ManifestInfo
        }
        let files = [
            InputManifest.Entry(path: "Inventories/sở \"nội vụ\".yaml", kind: .inventory, sha256: String(repeating: "ab", count: 32),
                                bytes: 12_345),
            InputManifest.Entry(path: "Inventories/certs/a/b.pem", kind: .certificate, sha256: String(repeating: "0", count: 64),
                                bytes: 0),
        ]
        let value = Wrapper(manifest: .init(sha256: String(repeating: "f", count: 64), files: files),
                            empty: .init(sha256: "", files: []))
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try FastJSONEncoder().encode(value), as: UTF8.self)
                == String(decoding: try foundation.encode(value), as: UTF8.self))
    }

    /// In a report, a list of findings, plan items or systems has each item on one line: the item
    /// as Foundation writes it without `.prettyPrinted` (sorted keys, slashes unescaped), indented,
    /// and followed by a comma but for the last.
    static func expectReportLayout<Item: DirectJSONWritable & Encodable>(
        _ items: [Item], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let compact = JSONEncoder()
        compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try items.enumerated().map { index, item in
            "    " + String(decoding: try compact.encode(item), as: UTF8.self) + (index < items.count - 1 ? "," : "")
        }
        let expected = (["{", "  \"list\" : ["] + lines + ["  ]", "}"]).joined(separator: "\n")
        let fast = String(decoding: try FastJSONEncoder().encode(ListWrapper(list: DirectList(items))), as: UTF8.self)
        #expect(fast == expected, sourceLocation: sourceLocation)
    }
}

/// One member holding a report list, as `JSONReport` holds its findings.
private struct ListWrapper<Item: DirectJSONWritable & Encodable>: Encodable {
    var list: DirectList<Item>
}
