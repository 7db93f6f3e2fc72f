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

    /// A location, written in place: through `DirectJSONWritable?` each finding's location was
    /// boxed on the heap first.
    mutating func field(_ name: StaticString, _ value: SourceLocation, indent: Int) {
        key(name, indent: indent)
        value.writeJSON(&self, indent: indent + 2)
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
        if writer.compact {
            // A finding's location, on its line: what the general path writes, without its
            // bookkeeping of open objects (a location has no optional member).
            writer.appendLiteral("{\"column\":")
            writer.appendInteger(column)
            writer.appendLiteral(",\"file\":")
            writer.writeString(file)
            writer.appendLiteral(",\"line\":")
            writer.appendInteger(line)
            writer.appendLiteral("}")
            return
        }
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

/// One finding of the JSON report (schemaVersion 2), written straight from the engine's
/// `Finding`: its rule by id (the rule's words are in the report's `rules`), and only what is its
/// own. `info` is the same finding as the schema's `FindingInfo`; it is what `encode(to:)`
/// writes, and the direct writer must give the same text (a test runs the sample's findings
/// through both).
///
/// Left out, as the schema says: `message`, `expected` and `found` when they are the texts the
/// rule's `outcomes` state for the finding's status; `regime` when it is the system's own;
/// `basis` unless the check has its own; `blocking` unless true. A check citing a source of its
/// own (the clause for the system's level…) writes its `citation`, under which `rules` states the
/// source; only when two sources of the rule share a citation is the source written whole.
struct FindingEntry: Encodable, DirectJSONWritable {
    let finding: Finding
    let language: Language
    /// At or above `--fail-on`.
    let blocking: Bool
    /// The regime of the finding's system (nil: not a system of the report, e.g. a duty of the
    /// organisation).
    let systemRegime: String?

    /// The finding writes its message, expected and found (they are not its rule's outcome's).
    let ownTexts: Bool
    /// What it writes in place of its own source (see `RuleTable.citations`).
    let citation: String?

    /// `rules`: the report's rules table; `index`: the finding's place among those it was made from.
    init(finding: Finding, language: Language, blocking: Bool, rules: RuleTable, index: Int, systemRegime: String?) {
        self.finding = finding
        self.language = language
        self.blocking = blocking
        self.systemRegime = systemRegime
        ownTexts = rules.ownTexts[index]
        citation = rules.citations[index]
    }

    var info: JSONReport.FindingInfo {
        let own = ownTexts
        let source = finding.source
        return .init(rule: finding.rule, system: finding.system, status: finding.status.rawValue,
                     message: own ? finding.message[language] : nil,
                     expected: own ? finding.expected?[language] : nil,
                     found: own ? finding.found?[language] : nil, location: finding.location,
                     citation: citation,
                     source: finding.citesRuleSource || citation != nil ? nil
                         : .init(instrument: source.instrument, article: source.article, clause: source.clause,
                                 point: source.point, note: source.note, citation: finding.citation(language)),
                     basis: finding.basis == finding.facts.basis ? nil : finding.basis.rawValue,
                     regime: finding.regime == systemRegime ? nil : finding.regime,
                     blocking: blocking ? true : nil,
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
        let own = ownTexts
        writer.openObject()
        if finding.basis != finding.facts.basis { writer.field("basis", finding.basis.rawValue, indent: indent) }
        if blocking { writer.field("blocking", true, indent: indent) }
        writer.field("change", finding.change?.rawValue, indent: indent)
        writer.field("citation", citation, indent: indent)
        if own {
            writer.field("expected", finding.expected?[language], indent: indent)
            writer.field("found", finding.found?[language], indent: indent)
        }
        writer.field("location", finding.location, indent: indent)
        if own { writer.field("message", finding.message[language], indent: indent) }
        if finding.regime != systemRegime { writer.field("regime", finding.regime, indent: indent) }
        writer.field("rule", finding.rule, indent: indent)
        if citation == nil && !finding.citesRuleSource {
            writer.key("source", indent: indent)
            JSONReport.Source(finding.source, citation: finding.citation(language)).writeJSON(&writer, indent: indent)
        }
        writer.field("status", finding.status.rawValue, indent: indent)
        writer.field("system", finding.system, indent: indent)
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
