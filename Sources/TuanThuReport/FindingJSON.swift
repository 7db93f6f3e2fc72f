import TuanThuEngine

/// Values `FastJSONEncoder` writes straight to text, bypassing the encoder tree: findings are
/// most of a large report. The result must be byte for byte what their `Encodable` conformance
/// gives (a test compares the two).
protocol DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int)
}

extension JSONTextWriter {
    /// Writes an object whose fields are given already in sorted key order; nil values are left out.
    mutating func object(indent: Int, _ fields: [(String, JSONField?)]) {
        let present = fields.compactMap { field in field.1.map { (field.0, $0) } }
        appendASCII("{\n")
        for (index, (key, value)) in present.enumerated() {
            pad(indent + 2)
            writeString(key)
            appendASCII(" : ")
            switch value {
            case .text(let text): writeString(text)
            case .number(let number): appendASCII(String(number))
            case .flag(let flag): appendASCII(flag ? "true" : "false")
            case .nested(let nested): nested.writeJSON(&self, indent: indent + 2)
            }
            appendASCII(index < present.count - 1 ? ",\n" : "\n")
        }
        pad(indent)
        appendASCII("}")
    }
}

enum JSONField {
    case text(String)
    case number(Int)
    case flag(Bool)
    case nested(DirectJSONWritable)
}

extension Optional where Wrapped == String {
    var json: JSONField? { map(JSONField.text) }
}

extension SourceLocation: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.object(indent: indent, [("column", .number(column)), ("file", .text(file)), ("line", .number(line))])
    }
}

extension JSONReport.Source: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.object(indent: indent, [("article", article.json), ("citation", .text(citation)), ("clause", clause.json),
                                       ("instrument", .text(instrument)), ("note", note.json), ("point", point.json)])
    }
}

extension JSONReport.WaiverOnFinding: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.object(indent: indent, [("approvedBy", .text(approvedBy)), ("expires", .text(expires)),
                                       ("justification", .text(justification)), ("location", .nested(location))])
    }
}

extension JSONReport.FindingInfo: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.object(indent: indent, [
            ("basis", .text(basis)), ("blocking", .flag(blocking)), ("change", change.json), ("effort", effort.json),
            ("expected", expected.json), ("found", found.json), ("group", group.json), ("location", .nested(location)),
            ("message", .text(message)), ("regime", .text(regime)), ("remediation", .text(remediation)),
            ("responsible", .text(responsible)), ("rule", .text(rule)), ("severity", .text(severity)),
            ("source", .nested(source)), ("status", .text(status)), ("system", .text(system)), ("title", .text(title)),
            ("waivable", .flag(waivable)), ("waiver", waiver.map(JSONField.nested)),
        ])
    }
}
