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
/// of one boxed value per element. Encodes (and decodes) as a plain array.
struct DirectList<Element: DirectJSONWritable & Codable>: Codable, DirectJSONWritable {
    var items: [Element]

    init(_ items: [Element]) {
        self.items = items
    }

    init(from decoder: Decoder) throws {
        items = try [Element](from: decoder)
    }

    func encode(to encoder: Encoder) throws {
        try items.encode(to: encoder)
    }

    /// As `JSONTextWriter.write` lays out an array.
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.appendLiteral("[\n")
        if items.isEmpty { writer.appendLiteral("\n") }
        for (index, item) in items.enumerated() {
            writer.pad(indent + 2)
            item.writeJSON(&writer, indent: indent + 2)
            if index < items.count - 1 { writer.appendLiteral(",") }
            writer.appendLiteral("\n")
        }
        writer.pad(indent)
        writer.appendLiteral("]")
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

extension JSONReport.Source: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("article", article, indent: indent)
        writer.field("citation", citation, indent: indent)
        writer.field("clause", clause, indent: indent)
        writer.field("instrument", instrument, indent: indent)
        writer.field("note", note, indent: indent)
        writer.field("point", point, indent: indent)
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

extension JSONReport.FindingInfo: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("basis", basis, indent: indent)
        writer.field("blocking", blocking, indent: indent)
        writer.field("change", change, indent: indent)
        writer.field("effort", effort, indent: indent)
        writer.field("expected", expected, indent: indent)
        writer.field("found", found, indent: indent)
        writer.field("group", group, indent: indent)
        writer.field("location", location, indent: indent)
        writer.field("message", message, indent: indent)
        writer.field("regime", regime, indent: indent)
        writer.field("remediation", remediation, indent: indent)
        writer.field("responsible", responsible, indent: indent)
        writer.field("rule", rule, indent: indent)
        writer.field("severity", severity, indent: indent)
        writer.field("source", source, indent: indent)
        writer.field("status", status, indent: indent)
        writer.field("system", system, indent: indent)
        writer.field("title", title, indent: indent)
        writer.field("waivable", waivable, indent: indent)
        writer.field("waiver", waiver, indent: indent)
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
