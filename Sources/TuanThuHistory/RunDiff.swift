import TuanThuEngine

/// What changed from one recorded run to another: gaps, systems, levels and approvals, inputs.
public struct RunDiff: Sendable {
    /// A gap of either run, with what became of it.
    public struct GapChange: Sendable, Hashable {
        public var system: String
        public var rule: String
        public var severity: Severity
        public var message: Localized
        /// Its status in the later run; nil when the rule was not evaluated there at all.
        public var now: CheckStatus?
    }

    /// A system whose levels or approval differ.
    public struct StandingChange: Sendable, Hashable {
        public var system: String
        public var before: RunRecord.SystemRow
        public var after: RunRecord.SystemRow
    }

    public enum InputChange: String, Sendable, Hashable {
        case changed, added, removed
    }

    public let from: RunSummary
    public let to: RunSummary
    /// Open in the later run, not in the earlier.
    public private(set) var new: [GapChange] = []
    /// Open in the earlier run, passing in the later.
    public private(set) var fixed: [GapChange] = []
    /// Open in the earlier run and neither open nor passing in the later (waived, not applicable,
    /// not assessed, no longer evaluated, or its system gone).
    public private(set) var dropped: [GapChange] = []
    public private(set) var persisting = 0
    public private(set) var addedSystems: [String] = []
    public private(set) var removedSystems: [String] = []
    public private(set) var standings: [StandingChange] = []
    public private(set) var inputs: [(path: String, change: InputChange)] = []

    public init(from a: StoredRun, to b: StoredRun) {
        from = a.summary
        to = b.summary
        func open(_ run: StoredRun) -> [String: RunRecord.GapRow] {
            var result: [String: RunRecord.GapRow] = [:]
            for gap in run.gaps where gap.status == .fail || gap.status == .error {
                result[Finding.gapID(system: gap.system, rule: gap.rule)] = gap
            }
            return result
        }
        let before = open(a), after = open(b)
        var statuses: [String: CheckStatus] = [:]
        for system in b.systems {
            for (rule, code) in FindingCode.parse(system.findings) {
                statuses[Finding.gapID(system: system.id, rule: rule)] = code.status
            }
        }
        for gap in b.gaps { statuses[Finding.gapID(system: gap.system, rule: gap.rule)] = gap.status }
        for (key, gap) in after.sorted(by: { $0.key < $1.key }) where before[key] == nil {
            new.append(GapChange(system: gap.system, rule: gap.rule, severity: gap.severity, message: gap.message,
                                 now: gap.status))
        }
        for (key, gap) in before.sorted(by: { $0.key < $1.key }) {
            if after[key] != nil {
                persisting += 1
                continue
            }
            let change = GapChange(system: gap.system, rule: gap.rule, severity: gap.severity, message: gap.message,
                                   now: statuses[key])
            if statuses[key] == .pass { fixed.append(change) } else { dropped.append(change) }
        }
        let systemsBefore = Dictionary(a.systems.map { ($0.id, $0) }) { first, _ in first }
        let systemsAfter = Dictionary(b.systems.map { ($0.id, $0) }) { first, _ in first }
        addedSystems = systemsAfter.keys.filter { systemsBefore[$0] == nil }.sorted()
        removedSystems = systemsBefore.keys.filter { systemsAfter[$0] == nil }.sorted()
        for (id, later) in systemsAfter.sorted(by: { $0.key < $1.key }) {
            guard let earlier = systemsBefore[id] else { continue }
            if earlier.requiredLevel != later.requiredLevel || earlier.proposedLevel != later.proposedLevel
                || earlier.approvedLevel != later.approvedLevel || earlier.approval != later.approval
                || earlier.regime != later.regime {
                standings.append(StandingChange(system: id, before: earlier, after: later))
            }
        }
        let inputsBefore = Dictionary(a.inputs.map { ($0.path, $0.sha256) }) { first, _ in first }
        let inputsAfter = Dictionary(b.inputs.map { ($0.path, $0.sha256) }) { first, _ in first }
        for path in Set(inputsBefore.keys).union(inputsAfter.keys).sorted() {
            switch (inputsBefore[path], inputsAfter[path]) {
            case (nil, _?): inputs.append((path, .added))
            case (_?, nil): inputs.append((path, .removed))
            case (let x?, let y?) where x != y: inputs.append((path, .changed))
            default: break
            }
        }
    }
}
