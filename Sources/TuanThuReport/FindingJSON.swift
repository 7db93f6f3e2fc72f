import TuanThuEngine

/// Values `FastJSONEncoder` writes straight to text, bypassing the encoder tree: findings are
/// most of a large report. The result must be byte for byte what their `Encodable` conformance
/// gives (a test compares the two). Fields are written in sorted key order; nil ones are left out.
protocol DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int)
}

extension JSONTextWriter {
    mutating func openObject() {
        appendLiteral("{\n")
        objectStarts.append(true)
    }

    /// Starts the member `key` of the innermost open object.
    mutating func key(_ key: StaticString, indent: Int) {
        if objectStarts.last == true {
            objectStarts[objectStarts.count - 1] = false
        } else {
            appendLiteral(",\n")
        }
        pad(indent + 2)
        // Keys are fixed ASCII names: nothing to escape.
        bytes.append(UInt8(ascii: "\""))
        appendLiteral(key)
        appendLiteral("\" : ")
    }

    mutating func closeObject(indent: Int) {
        // An empty object prints as Foundation prints it: an empty line inside the braces.
        objectStarts.removeLast()
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
        appendASCII(String(value))
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

    /// As `JSONTextWriter.write` lays out an array.
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.writeArray(items, indent: indent) { writer, item, indent in item.writeJSON(&writer, indent: indent) }
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

    var info: JSONReport.FindingInfo {
        let source = finding.source
        return .init(rule: finding.rule, system: finding.system, title: finding.title[language],
                     group: finding.group?.rawValue, severity: finding.severity.rawValue,
                     status: finding.status.rawValue,
                     message: finding.message[language], expected: finding.expected?[language],
                     found: finding.found?[language], location: finding.location,
                     remediation: finding.remediation[language], responsible: finding.responsible.rawValue,
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
        writer.field("remediation", finding.remediation[language], indent: indent)
        writer.field("responsible", finding.responsible.rawValue, indent: indent)
        writer.field("rule", finding.rule, indent: indent)
        writer.field("severity", finding.severity.rawValue, indent: indent)
        writer.key("source", indent: indent)
        let source = finding.source
        let inner = indent + 2
        writer.openObject()
        writer.field("article", source.article, indent: inner)
        writer.field("citation", finding.citation(language), indent: inner)
        writer.field("clause", source.clause, indent: inner)
        writer.field("instrument", source.instrument, indent: inner)
        writer.field("note", source.note, indent: inner)
        writer.field("point", source.point, indent: inner)
        writer.closeObject(indent: inner)
        writer.field("status", finding.status.rawValue, indent: indent)
        writer.field("system", finding.system, indent: indent)
        writer.field("title", finding.title[language], indent: indent)
        writer.field("waivable", finding.waivable, indent: indent)
        if let waiver = finding.waiver {
            let entry = JSONReport.WaiverOnFinding(justification: waiver.justification, approvedBy: waiver.approvedBy,
                                                   expires: waiver.expires.description, location: waiver.location)
            writer.field("waiver", entry, indent: indent)
        }
        writer.closeObject(indent: indent)
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
