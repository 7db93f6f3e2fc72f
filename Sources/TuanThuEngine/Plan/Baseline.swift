import Foundation

/// A previous JSON report (`--baseline`): which gaps were open and when the plan said they were due.
public struct Baseline: Sendable {
    public struct Gap: Sendable, Hashable {
        public var rule: String
        public var system: String
        public var title: String
        /// The organisation of the report the gap was read from (nil: not known).
        public var organization: String?

        public init(rule: String, system: String, title: String, organization: String? = nil) {
            self.rule = rule
            self.system = system
            self.title = title
            self.organization = organization
        }
    }

    public var files: [String]
    /// Open gaps by system, each keyed `system:rule` (an organisation's are found without a scan).
    public private(set) var openBySystem: [String: [String: Gap]] = [:]
    /// The systems with open gaps in each organisation's report, to find its removed systems
    /// without a scan.
    public private(set) var systemsByOrganization: [String: Set<String>] = [:]
    /// Plan due dates, keyed by plan item id.
    public var due: [String: Day]

    /// `open`: gaps keyed `system:rule`.
    public init(files: [String] = [], open: [String: Gap] = [:], due: [String: Day] = [:]) {
        self.files = files
        self.due = due
        for (key, gap) in open { insert(gap, key: key) }
    }

    /// Reads our own JSON report, as a stream (`JSONReader`): a report of hundreds of megabytes
    /// costs its bytes and the open gaps kept, and an error still names its line and column.
    public static func load(_ url: URL, displayPath: String) throws -> Baseline {
        var reader = try JSONReader(contentsOf: url, displayPath: displayPath)
        let top = reader.location()
        var version: String?
        var sawFindings = false
        // Schema 2 states each rule's title once, in `rules` (which may come after the findings); 1.x
        // in every finding.
        var titles: [String: String] = [:]
        var organization: String?
        var open: [(rule: String, system: String, title: String?)] = []
        var baseline = Baseline(files: [displayPath])
        try reader.object("a tuanthu JSON report") { key, reader in
            switch key {
            case "schemaVersion":
                let node = try reader.value()
                let text = try node.string("schemaVersion")
                guard text.hasPrefix("1.") || text.hasPrefix("2.") else {
                    throw node.error("baseline schemaVersion '\(text)' is not supported (expected 1.x or 2.x)")
                }
                version = text
            case "rules":
                try reader.object("rules") { rule, reader in
                    titles[rule] = try reader.value().mapping("rule").optional("title")?.string("title")
                }
            case "organization":
                organization = try reader.optionalValue()?.mapping("organization").optional("id")?.string("id")
            case "findings":
                sawFindings = true
                try reader.array("findings") { reader in
                    let finding = try reader.value().mapping("finding")
                    let status = try finding.required("status").enumValue("status", as: CheckStatus.self)
                    guard status == .fail || status == .error else { return }
                    open.append((rule: try finding.required("rule").string("rule"),
                                 system: try finding.required("system").string("system"),
                                 title: try finding.optional("title")?.string("title")))
                }
            case "plan":
                try reader.array("plan") { reader in
                    let entry = try reader.value().mapping("plan item")
                    baseline.due[try entry.required("id").string("id")] = try entry.required("due").day("due")
                }
            default:
                try reader.skip()
            }
        }
        try reader.end()
        for (key, found) in [("schemaVersion", version != nil), ("findings", sawFindings)] where !found {
            throw EngineError.input(top, "a tuanthu JSON report is missing required key '\(key)'")
        }
        for gap in open {
            baseline.insert(Gap(rule: gap.rule, system: gap.system, title: gap.title ?? titles[gap.rule] ?? "",
                                organization: organization),
                            key: Finding.gapID(system: gap.system, rule: gap.rule))
        }
        return baseline
    }

    private mutating func insert(_ gap: Gap, key: String) {
        guard openBySystem[gap.system]?[key] == nil else { return }
        openBySystem[gap.system, default: [:]][key] = gap
        if let organization = gap.organization { systemsByOrganization[organization, default: []].insert(gap.system) }
    }

    /// Open gaps of systems in none of `inventoried` whose organisation was not `audited` either
    /// (or is not known): no organisation's report lists them, so only the summary can count them.
    public func removedElsewhere(inventoried: Set<String>, audited: Set<String>) -> [Gap] {
        gaps(ofSystemsNotIn: inventoried).filter { $0.organization.map(audited.contains) != true }
    }

    private func gaps(ofSystemsNotIn systems: Set<String>) -> [Gap] {
        openBySystem.filter { !systems.contains($0.key) }.values.flatMap(\.values)
    }

    /// Adds another report's gaps and due dates; where both have one, the first given wins.
    public mutating func merge(_ other: Baseline) {
        files += other.files
        for (_, gaps) in other.openBySystem {
            for (key, gap) in gaps { insert(gap, key: key) }
        }
        due.merge(other.due) { first, _ in first }
    }

    /// Marks each open finding new or persisting, and sorts the gaps the baseline had that are no
    /// longer open: fixed (the rule now passes), dropped (it no longer applies or is not evaluated,
    /// e.g. after a change of level or of baseline), or removed (the system is no longer in any
    /// inventory: its gaps must not vanish without a word).
    /// `ownSystemsOnly`: `result` holds only some organisations; gaps of other systems are then left
    /// to their own results, and a removed system's gaps go to its organisation in the baseline.
    /// `inventoried`: every system of the workspace's inventories (default: those of `result`);
    /// with `ownSystemsOnly` and no `inventoried`, no system is called removed (the audit does not
    /// see every inventory).
    public func compare(_ result: AuditResult, ownSystemsOnly: Bool = false, inventoried: Set<String>? = nil)
        -> AuditResult {
        var result = result
        let here = Set(result.organizations.flatMap(\.subjects))
        let everywhere = inventoried ?? here
        var statuses: [String: CheckStatus] = [:]
        for o in result.organizations.indices {
            for f in result.organizations[o].duties.indices {
                let finding = result.organizations[o].duties[f]
                statuses[finding.gapID] = finding.status
                guard finding.isOpen else { continue }
                let known = openBySystem[finding.system]?[finding.gapID] != nil
                result.organizations[o].duties[f].change = known ? .persisting : .new
            }
            for s in result.organizations[o].systems.indices {
                for f in result.organizations[o].systems[s].findings.indices {
                    let finding = result.organizations[o].systems[s].findings[f]
                    let key = finding.gapID
                    statuses[key] = finding.status
                    guard finding.isOpen else { continue }
                    let known = openBySystem[finding.system]?[key] != nil
                    result.organizations[o].systems[s].findings[f].change = known ? .persisting : .new
                }
            }
        }
        let mine = ownSystemsOnly ? here.flatMap { openBySystem[$0] ?? [:] } : openBySystem.values.flatMap { $0 }
        let gone = mine.filter { everywhere.contains($0.value.system) }
            // A gap now not assessed is neither fixed nor gone: it waits in the checklist.
            .filter { statuses[$0.key].map { $0 != .fail && $0 != .error && $0 != .waived && $0 != .notAssessed } ?? true }
            .sorted { ($0.value.system, $0.value.rule) < ($1.value.system, $1.value.rule) }
        var removed: [Gap] = []
        if !ownSystemsOnly {
            removed = gaps(ofSystemsNotIn: everywhere)
        } else if inventoried != nil {
            for organization in Set(result.organizations.map(\.organization.id)) {
                for system in systemsByOrganization[organization] ?? [] where !everywhere.contains(system) {
                    removed += (openBySystem[system] ?? [:]).values.filter { $0.organization == organization }
                }
            }
        }
        removed.sort { ($0.system, $0.rule) < ($1.system, $1.rule) }
        let findings = result.findings.filter(\.isOpen)
        result.baseline = BaselineComparison(
            files: files, new: findings.filter { $0.change == .new }.count,
            persisting: findings.filter { $0.change == .persisting }.count,
            fixed: gone.filter { statuses[$0.key] == .pass }.map(\.value),
            dropped: gone.filter { statuses[$0.key] != .pass }.map(\.value),
            removed: removed)
        return result
    }
}

/// What changed since the baseline.
public struct BaselineComparison: Sendable {
    public var files: [String]
    public var new: Int
    public var persisting: Int
    /// Open in the baseline, passing now.
    public var fixed: [Baseline.Gap]
    /// Open in the baseline, no longer applicable or evaluated now.
    public var dropped: [Baseline.Gap]
    /// Open in the baseline, on a system that is in no inventory now.
    public var removed: [Baseline.Gap]
}
