import Foundation
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

        /// Byte for byte: `String`'s own equality compares Vietnamese texts by their Unicode
        /// normal form, at a cost per character, and texts made by the same check are already in
        /// the same form.
        static func == (a: Outcome, b: Outcome) -> Bool {
            RuleTable.same(a.message, b.message) && RuleTable.same(a.expected, b.expected)
                && RuleTable.same(a.found, b.found)
        }
    }

    /// Byte for byte, by one `memcmp` over contiguous UTF-8 (a generic walk of the bytes cost
    /// 7 % of a large audit's CPU); texts sharing their storage are equal at once.
    static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        let count = a.utf8.count
        guard count == b.utf8.count else { return false }
        guard count > 0 else { return true }
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                x.baseAddress == y.baseAddress || memcmp(x.baseAddress!, y.baseAddress!, count) == 0
            }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
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
    ///
    /// Each finding is looked up once, by its rule and status, in a small table of votes; the
    /// sources a rule's findings cite are few (one per level), kept in a list per rule and
    /// compared as values, their citations made once each.
    init(findings: [Finding], language: Language) {
        self.language = language
        /// The candidate is an index into `outcomes`: a vote copied nothing but two integers (it
        /// copied three texts, retained and released once each per finding).
        struct Vote {
            var candidate: Int
            var count: Int
        }
        struct VoteKey: Hashable {
            let rule: ObjectIdentifier
            let status: CheckStatus
        }
        struct Rule {
            let facts: Finding.RuleFacts
            /// The sources cited instead of the rule's, with their citations.
            var sources: [(source: LegalSource, citation: String)] = []
        }
        var ruleSlot: [ObjectIdentifier: Int] = [:]
        var rules: [Rule] = []
        var voteSlot: [VoteKey: Int] = [:]
        var votes: [(rule: Int, status: CheckStatus, vote: Vote)] = []
        var outcomes: [Outcome] = []
        var slots: [Int] = []
        /// Per finding: its rule's slot and the index of its source in the rule's list (-1: the rule's own).
        var cited: [(rule: Int, source: Int)] = []
        outcomes.reserveCapacity(findings.count)
        slots.reserveCapacity(findings.count)
        cited.reserveCapacity(findings.count)
        for index in findings.indices {
            let facts = findings[index].facts
            let identifier = ObjectIdentifier(facts)
            let status = findings[index].status
            outcomes.append(Outcome(findings[index], language))
            let key = VoteKey(rule: identifier, status: status)
            let slot: Int
            if let known = voteSlot[key] {
                slot = known
                if votes[slot].vote.count > 0 {
                    votes[slot].vote.count += outcomes[votes[slot].vote.candidate] == outcomes[index] ? 1 : -1
                } else {
                    votes[slot].vote = Vote(candidate: index, count: 1)
                }
            } else {
                let rule: Int
                if let known = ruleSlot[identifier] {
                    rule = known
                } else {
                    rule = rules.count
                    ruleSlot[identifier] = rule
                    rules.append(Rule(facts: facts))
                }
                slot = votes.count
                voteSlot[key] = slot
                votes.append((rule, status, Vote(candidate: index, count: 1)))
            }
            slots.append(slot)
            let rule = votes[slot].rule
            guard !findings[index].citesRuleSource else {
                cited.append((rule, -1))
                continue
            }
            let source = findings[index].source
            if let known = rules[rule].sources.firstIndex(where: { $0.source == source }) {
                cited.append((rule, known))
            } else {
                cited.append((rule, rules[rule].sources.count))
                rules[rule].sources.append((source, findings[index].citation(language)))
            }
        }
        var byRule = rules.map { Entry(facts: $0.facts) }
        for (rule, status, vote) in votes { byRule[rule].outcomes[status] = outcomes[vote.candidate] }
        for (slot, rule) in rules.enumerated() {
            for (source, citation) in rule.sources {
                if let known = byRule[slot].sources[citation] {
                    if known != source { byRule[slot].ambiguous.insert(citation) }
                } else {
                    byRule[slot].sources[citation] = source
                }
            }
        }
        // What each finding leaves out, decided once here rather than looked up as it is written.
        ownTexts = findings.indices.map { outcomes[votes[slots[$0]].vote.candidate] != outcomes[$0] }
        let ambiguous = rules.indices.map { slot in
            rules[slot].sources.map { byRule[slot].ambiguous.contains($0.citation) }
        }
        citations = cited.map { entry in
            guard entry.source >= 0, !ambiguous[entry.rule][entry.source] else { return nil }
            return rules[entry.rule].sources[entry.source].citation
        }
        for entry in byRule {
            // The catalog refuses a second rule with the same id.
            assert(entries[entry.facts.id] == nil, "two rules share the id \(entry.facts.id)")
            entries[entry.facts.id] = entry
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
