import TuanThuEngine

/// The `rules` of a JSON report (schemaVersion 2): what each rule with a finding in the report
/// says — title, group, severity, remediation, responsible party, source, basis… — written once,
/// and, for each status its findings have, the texts most of them state (`outcomes`). A finding
/// names its rule by id and writes only what is its own.
///
/// At 10,000 systems a report held the rule's words in each of 400,000 findings: 100 KB per
/// system, most of it copies. The catalog refuses two rules with one id, so an id names one rule.
final class RuleTable: Encodable, DirectJSONWritable {
    /// A finding's own texts: the message, and what was expected and found.
    struct Outcome: Equatable {
        let message: String
        let expected: String?
        let found: String?

        init(_ finding: Finding, _ language: Language) {
            message = finding.message[language]
            expected = finding.expected?[language]
            found = finding.found?[language]
        }
    }

    private struct Entry {
        let facts: Finding.RuleFacts
        /// By status, the texts most of the rule's findings with that status state.
        var outcomes: [CheckStatus: Outcome] = [:]
        /// The sources its findings cite instead of the rule's (a clause per level…), by citation.
        var sources: [String: LegalSource] = [:]
        /// Citations two different sources share: a finding citing one writes its source whole.
        var ambiguous: Set<String> = []
    }

    let language: Language
    private var entries: [String: Entry] = [:]

    /// The rules of `findings`, the texts each states most often by status, and the sources they
    /// cite instead of the rule's. "Most often" is the majority vote (Boyer and Moore): the text
    /// more than half of them state when there is one, else one of the frequent ones; findings
    /// come in a fixed order, so the choice is the same from run to run. It costs a comparison
    /// per finding, where counting every distinct text would hash each one.
    init(findings: [Finding], language: Language) {
        self.language = language
        struct Vote {
            var candidate: Outcome
            var count: Int
        }
        struct VoteKey: Hashable {
            let rule: ObjectIdentifier
            let status: CheckStatus
        }
        var order: [ObjectIdentifier: String] = [:]
        var byRule: [ObjectIdentifier: Entry] = [:]
        var votes: [VoteKey: Vote] = [:]
        var outcomes: [Outcome] = []
        var cited: [String?] = []
        outcomes.reserveCapacity(findings.count)
        cited.reserveCapacity(findings.count)
        for index in findings.indices {
            let facts = findings[index].facts
            let rule = ObjectIdentifier(facts)
            if byRule[rule] == nil {
                byRule[rule] = Entry(facts: facts)
                order[rule] = facts.id
            }
            let outcome = Outcome(findings[index], language)
            outcomes.append(outcome)
            let key = VoteKey(rule: rule, status: findings[index].status)
            if let vote = votes[key], vote.count > 0 {
                votes[key]!.count += vote.candidate == outcome ? 1 : -1
            } else {
                votes[key] = Vote(candidate: outcome, count: 1)
            }
            guard !findings[index].citesRuleSource else {
                cited.append(nil)
                continue
            }
            let citation = findings[index].citation(language)
            let source = findings[index].source
            cited.append(citation)
            if let known = byRule[rule]!.sources[citation] {
                if known != source { byRule[rule]!.ambiguous.insert(citation) }
            } else {
                byRule[rule]!.sources[citation] = source
            }
        }
        for (key, vote) in votes { byRule[key.rule]!.outcomes[key.status] = vote.candidate }
        // What each finding leaves out, decided once here rather than looked up as it is written.
        ownTexts = findings.indices.map { index in
            let key = VoteKey(rule: ObjectIdentifier(findings[index].facts), status: findings[index].status)
            return votes[key]?.candidate != outcomes[index]
        }
        citations = findings.indices.map { index in
            cited[index].flatMap { byRule[ObjectIdentifier(findings[index].facts)]!.ambiguous.contains($0) ? nil : $0 }
        }
        for (rule, entry) in byRule {
            // The catalog refuses a second rule with the same id.
            assert(entries[order[rule]!] == nil, "two rules share the id \(order[rule]!)")
            entries[order[rule]!] = entry
        }
    }

    /// By the index of the finding given to `init`: its texts are not the ones its rule's outcome
    /// states (it writes them).
    let ownTexts: [Bool]
    /// By the index of the finding given to `init`: the citation it writes in place of its own
    /// source (nil: it cites the rule's, or writes its source whole).
    let citations: [String?]

    /// The rule's words as the table states them (for the plan's items, which repeat them).
    func facts(of rule: String) -> Finding.RuleFacts? {
        entries[rule]?.facts
    }

    /// Each rule as the schema's `RuleInfo`.
    var infos: [(id: String, info: JSONReport.RuleInfo)] {
        entries.keys.sorted().map { id in
            let entry = entries[id]!
            let facts = entry.facts
            var outcomes: [String: JSONReport.OutcomeInfo] = [:]
            for (status, outcome) in entry.outcomes {
                outcomes[status.rawValue] = .init(message: outcome.message, expected: outcome.expected,
                                                  found: outcome.found)
            }
            let source = facts.source
            var sources: [String: JSONReport.Source] = [:]
            for (citation, source) in entry.sources where !entry.ambiguous.contains(citation) {
                sources[citation] = JSONReport.Source(source, citation: citation)
            }
            return (id, JSONReport.RuleInfo(
                title: facts.title[language], group: facts.group?.rawValue, severity: facts.severity.rawValue,
                remediation: facts.remediation[language], responsible: facts.responsible.rawValue,
                scope: facts.scope == .organization ? RuleScope.organization.rawValue : nil,
                effort: facts.effort?.rawValue,
                source: JSONReport.Source(source, citation: facts.citation[language]),
                sources: sources.isEmpty ? nil : sources,
                basis: facts.basis.rawValue, waivable: facts.waivable, outcomes: outcomes))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: infos.map { ($0.id, $0.info) }))
    }

    /// As Foundation lays out the object, but each rule on one line, compactly (as `DirectList`
    /// writes the findings).
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        let rules = infos
        writer.openObject()
        for (index, rule) in rules.enumerated() {
            if index > 0 { writer.appendLiteral(",\n") }
            writer.pad(indent + 2)
            writer.writeString(rule.id)
            writer.appendLiteral(" : ")
            let outer = writer.compact
            writer.compact = true
            rule.info.writeJSON(&writer, indent: indent + 2)
            writer.compact = outer
        }
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.RuleInfo: DirectJSONWritable {
    /// Compactly only: the table writes each rule on one line.
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("basis", basis, indent: indent)
        writer.field("effort", effort, indent: indent)
        writer.field("group", group, indent: indent)
        writer.key("outcomes", indent: indent)
        writer.openObject()
        for status in outcomes.keys.sorted() {
            let outcome = outcomes[status]!
            if !writer.atObjectStart { writer.appendLiteral(",") }
            writer.atObjectStart = false
            writer.writeString(status)
            writer.appendLiteral(":")
            writer.openObject()
            writer.field("expected", outcome.expected, indent: indent)
            writer.field("found", outcome.found, indent: indent)
            writer.field("message", outcome.message, indent: indent)
            writer.closeObject(indent: indent)
        }
        writer.closeObject(indent: indent)
        writer.field("remediation", remediation, indent: indent)
        writer.field("responsible", responsible, indent: indent)
        writer.field("scope", scope, indent: indent)
        writer.field("severity", severity, indent: indent)
        writer.key("source", indent: indent)
        source.writeJSON(&writer, indent: indent)
        if let sources {
            writer.key("sources", indent: indent)
            writer.openObject()
            for citation in sources.keys.sorted() {
                if !writer.atObjectStart { writer.appendLiteral(",") }
                writer.atObjectStart = false
                writer.writeString(citation)
                writer.appendLiteral(":")
                sources[citation]!.writeJSON(&writer, indent: indent)
            }
            writer.closeObject(indent: indent)
        }
        writer.field("title", title, indent: indent)
        writer.field("waivable", waivable, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.Source: DirectJSONWritable {
    init(_ source: LegalSource, citation: String) {
        self.init(instrument: source.instrument, article: source.article, clause: source.clause, point: source.point,
                  note: source.note, citation: citation)
    }

    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        let inner = indent + 2
        writer.openObject()
        writer.field("article", article, indent: inner)
        writer.field("citation", citation, indent: inner)
        writer.field("clause", clause, indent: inner)
        writer.field("instrument", instrument, indent: inner)
        writer.field("note", note, indent: inner)
        writer.field("point", point, indent: inner)
        writer.closeObject(indent: inner)
    }
}
