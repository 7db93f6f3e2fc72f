import TuanThuEngine

/// Values `FastJSONEncoder` writes straight to text, bypassing the encoder tree: findings are
/// most of a large report. The result must be byte for byte what their `Encodable` conformance
/// gives (a test compares the two). Fields are written in sorted key order; nil ones are left out.
protocol DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int)
}

extension JSONTextWriter {
    mutating func openObject() {
        compact ? appendLiteral("{") : appendLiteral("{\n")
        enclosingStarts.append(atObjectStart)
        atObjectStart = true
    }

    /// Starts the member `key` of the innermost open object.
    mutating func key(_ key: StaticString, indent: Int) {
        let name = key.utf8CodeUnitCount
        if compact {
            // `,` unless first, then `"key":`.
            let separator = atObjectStart ? 0 : 1
            atObjectStart = false
            bytes.appendUninitialized(count: separator + name + 3) { space in
                if separator > 0 { space[0] = UInt8(ascii: ",") }
                space[separator] = UInt8(ascii: "\"")
                (space + separator + 1).initialize(from: key.utf8Start, count: name)
                space[separator + 1 + name] = UInt8(ascii: "\"")
                space[separator + 2 + name] = UInt8(ascii: ":")
            }
            return
        }
        // `,` newline unless first, the indent, then `"key" : ` (keys are fixed ASCII names:
        // nothing to escape), written in one piece.
        let separator = atObjectStart ? 0 : 2
        atObjectStart = false
        let width = separator + indent + 2 + name + 5
        bytes.appendUninitialized(count: width) { space in
            if separator > 0 {
                space[0] = UInt8(ascii: ",")
                space[1] = 0x0A
            }
            (space + separator).initialize(repeating: 0x20, count: indent + 2)
            var next = separator + indent + 2
            space[next] = UInt8(ascii: "\"")
            (space + next + 1).initialize(from: key.utf8Start, count: name)
            next += 1 + name
            space[next] = UInt8(ascii: "\"")
            space[next + 1] = 0x20
            space[next + 2] = UInt8(ascii: ":")
            space[next + 3] = 0x20
        }
    }

    /// Text written beforehand by these same calls (see `RuleFragments`).
    mutating func appendBytes(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    mutating func closeObject(indent: Int) {
        // An empty object prints as Foundation prints it: an empty line inside the braces.
        atObjectStart = enclosingStarts.removeLast()
        if compact {
            appendLiteral("}")
            return
        }
        appendLiteral("\n")
        pad(indent)
        appendLiteral("}")
    }

    mutating func field(_ name: StaticString, _ value: String?, indent: Int) {
        guard let value else { return }
        key(name, indent: indent)
        writeString(value)
    }

    mutating func field(_ name: StaticString, _ value: Int, indent: Int) {
        key(name, indent: indent)
        appendInteger(value)
    }

    mutating func field(_ name: StaticString, _ value: Bool, indent: Int) {
        key(name, indent: indent)
        value ? appendLiteral("true") : appendLiteral("false")
    }

    mutating func field(_ name: StaticString, _ value: DirectJSONWritable?, indent: Int) {
        guard let value else { return }
        key(name, indent: indent)
        value.writeJSON(&self, indent: indent + 2)
    }
}

/// A long array whose elements write themselves: the encoder tree holds it as one value instead
/// of one boxed value per element. Encodes as a plain array.
struct DirectList<Element: DirectJSONWritable & Encodable>: Encodable, DirectJSONWritable {
    var items: [Element]

    init(_ items: [Element]) {
        self.items = items
    }

    func encode(to encoder: Encoder) throws {
        try items.encode(to: encoder)
    }

    /// As `JSONTextWriter.write` lays out an array, but each item on one line, compactly: the
    /// report's findings, plan items and systems. A finding is then a line (for `grep`, and for
    /// a diff that names the findings that changed), and the file a fifth smaller.
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.writeArray(items, indent: indent) { writer, item, indent in
            let outer = writer.compact
            writer.compact = true
            item.writeJSON(&writer, indent: indent)
            writer.compact = outer
        }
    }
}

extension SourceLocation: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("column", column, indent: indent)
        writer.field("file", file, indent: indent)
        writer.field("line", line, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.WaiverOnFinding: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("approvedBy", approvedBy, indent: indent)
        writer.field("expires", expires, indent: indent)
        writer.field("justification", justification, indent: indent)
        writer.field("location", location, indent: indent)
        writer.closeObject(indent: indent)
    }
}

/// One finding of the JSON report, written straight from the engine's `Finding`: no copy of its
/// texts is made first. `info` is the same finding as the schema's `FindingInfo`; it is what
/// `encode(to:)` writes, and the direct writer must give the same text (a test runs the sample's
/// findings through both).
struct FindingEntry: Encodable, DirectJSONWritable {
    let finding: Finding
    let language: Language
    /// At or above `--fail-on`.
    let blocking: Bool
    /// The members only the rule decides, written once per rule: one cache per report.
    let fragments: RuleFragments

    init(finding: Finding, language: Language, blocking: Bool, fragments: RuleFragments = RuleFragments()) {
        self.finding = finding
        self.language = language
        self.blocking = blocking
        self.fragments = fragments
    }

    var info: JSONReport.FindingInfo {
        let source = finding.source
        return .init(rule: finding.rule, system: finding.system, title: finding.title[language],
                     group: finding.group?.rawValue, severity: finding.severity.rawValue,
                     status: finding.status.rawValue,
                     message: finding.message[language], expected: finding.expected?[language],
                     found: finding.found?[language], location: finding.location,
                     remediation: finding.remediation[language], responsible: finding.responsible.rawValue,
                     scope: finding.facts.scope == .organization ? RuleScope.organization.rawValue : nil,
                     effort: finding.effort?.rawValue,
                     source: .init(instrument: source.instrument, article: source.article, clause: source.clause,
                                   point: source.point, note: source.note, citation: finding.citation(language)),
                     basis: finding.basis.rawValue, regime: finding.regime, waivable: finding.waivable,
                     blocking: blocking,
                     waiver: finding.waiver.map {
                         .init(justification: $0.justification, approvedBy: $0.approvedBy,
                               expires: $0.expires.description, location: $0.location)
                     },
                     change: finding.change?.rawValue)
    }

    func encode(to encoder: Encoder) throws {
        try info.encode(to: encoder)
    }

    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("basis", finding.basis.rawValue, indent: indent)
        writer.field("blocking", blocking, indent: indent)
        writer.field("change", finding.change?.rawValue, indent: indent)
        writer.field("effort", finding.effort?.rawValue, indent: indent)
        writer.field("expected", finding.expected?[language], indent: indent)
        writer.field("found", finding.found?[language], indent: indent)
        writer.field("group", finding.group?.rawValue, indent: indent)
        writer.field("location", finding.location, indent: indent)
        writer.field("message", finding.message[language], indent: indent)
        writer.field("regime", finding.regime, indent: indent)
        let rule = fragments.fragments(of: finding.facts, language: language, indent: indent, compact: writer.compact)
        // From "remediation" to "severity", then "source": each member follows another one.
        writer.appendBytes(rule.middle)
        if finding.citesRuleSource {
            writer.appendBytes(rule.source)
        } else {
            Self.writeSource(finding.source, citation: finding.citation(language), into: &writer, indent: indent)
        }
        writer.field("status", finding.status.rawValue, indent: indent)
        writer.field("system", finding.system, indent: indent)
        writer.appendBytes(rule.tail)
        if let waiver = finding.waiver {
            let entry = JSONReport.WaiverOnFinding(justification: waiver.justification, approvedBy: waiver.approvedBy,
                                                   expires: waiver.expires.description, location: waiver.location)
            writer.field("waiver", entry, indent: indent)
        }
        writer.closeObject(indent: indent)
    }

    fileprivate static func writeSource(_ source: LegalSource, citation: String, into writer: inout JSONTextWriter,
                                        indent: Int) {
        writer.key("source", indent: indent)
        let inner = indent + 2
        writer.openObject()
        writer.field("article", source.article, indent: inner)
        writer.field("citation", citation, indent: inner)
        writer.field("clause", source.clause, indent: inner)
        writer.field("instrument", source.instrument, indent: inner)
        writer.field("note", source.note, indent: inner)
        writer.field("point", source.point, indent: inner)
        writer.closeObject(indent: inner)
    }
}

/// The members of a finding that only its rule decides (its remediation, rule id, severity,
/// source, title…), written as text once per rule and copied into each of its findings: they
/// are most of a finding's bytes. One cache serves one report, on one thread.
final class RuleFragments {
    struct Fragments {
        /// "remediation" … "severity", each member preceded by its separator.
        let middle: [UInt8]
        /// The rule's own "source" object.
        let source: [UInt8]
        /// "title" and "waivable".
        let tail: [UInt8]
    }

    private struct Key: Hashable {
        let rule: ObjectIdentifier
        let language: Language
        let indent: Int
        let compact: Bool
    }

    private var cache: [Key: (facts: Finding.RuleFacts, fragments: Fragments)] = [:]

    func fragments(of facts: Finding.RuleFacts, language: Language, indent: Int, compact: Bool) -> Fragments {
        let key = Key(rule: ObjectIdentifier(facts), language: language, indent: indent, compact: compact)
        if let cached = cache[key] { return cached.fragments }
        // Written by the same calls as any member, inside an object that already has a member.
        func text(_ body: (inout JSONTextWriter) -> Void) -> [UInt8] {
            var writer = JSONTextWriter(capacity: 1024)
            writer.compact = compact
            writer.atObjectStart = false
            body(&writer)
            return writer.bytes.array
        }
        let fragments = Fragments(
            middle: text { writer in
                writer.field("remediation", facts.remediation[language], indent: indent)
                writer.field("responsible", facts.responsible.rawValue, indent: indent)
                writer.field("rule", facts.id, indent: indent)
                if facts.scope == .organization { writer.field("scope", facts.scope.rawValue, indent: indent) }
                writer.field("severity", facts.severity.rawValue, indent: indent)
            },
            source: text { writer in
                FindingEntry.writeSource(facts.source, citation: facts.citation[language], into: &writer,
                                         indent: indent)
            },
            tail: text { writer in
                writer.field("title", facts.title[language], indent: indent)
                writer.field("waivable", facts.waivable, indent: indent)
            })
        // The facts are kept with their text: their identity must not be reused while cached.
        cache[key] = (facts, fragments)
        return fragments
    }
}

extension JSONReport.PlanEntry: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("action", action, indent: indent)
        writer.field("basis", basis, indent: indent)
        writer.field("change", change, indent: indent)
        writer.field("due", due, indent: indent)
        writer.field("dueReason", dueReason, indent: indent)
        writer.field("effort", effort, indent: indent)
        writer.field("id", id, indent: indent)
        writer.field("location", location, indent: indent)
        writer.field("overdue", overdue, indent: indent)
        writer.field("period", period, indent: indent)
        writer.field("periodDeadline", periodDeadline, indent: indent)
        writer.field("priority", priority, indent: indent)
        writer.field("responsibleName", responsibleName, indent: indent)
        writer.field("responsibleUnit", responsibleUnit, indent: indent)
        writer.field("rule", rule, indent: indent)
        writer.field("severity", severity, indent: indent)
        writer.field("source", source, indent: indent)
        writer.field("status", status, indent: indent)
        writer.field("system", system, indent: indent)
        writer.field("title", title, indent: indent)
        writer.closeObject(indent: indent)
    }
}
