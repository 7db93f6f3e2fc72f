import TuanThuEngine
import TuanThuHistory

/// What a province or ministry consolidates from the shared history for a year: each
/// organisation's last run in the data period, those with none, and the sums over time.
public struct Consolidation: Sendable {
    public struct Unit: Sendable {
        public var run: StoredRun
        public var summary: RunSummary { run.summary }
    }

    /// An organisation of the store with no run in the period, and its last run before it.
    public struct Silent: Sendable {
        public var organization: String
        public var name: String
        public var lastAsOf: Day?
    }

    /// The sums over every organisation, each at its last run on or before `day`.
    public struct Point: Sendable {
        public var day: Day
        public var units: Int
        public var figures: RunFigures
    }

    public let year: Int
    public let start: Day
    public let cutoff: Day
    public let units: [Unit]
    public let silent: [Silent]
    public let progress: [Point]

    /// `cutoff`: the period's last day, or an earlier audit date.
    public static func gather(from store: HistoryStore, year: Int, start: Day, cutoff: Day,
                              points: Int = 6) throws -> Consolidation {
        let all = try store.runs(organization: nil)
        let byOrganization = Dictionary(grouping: all, by: \.organization)
        var units: [Unit] = []
        var silent: [Silent] = []
        for (organization, runs) in byOrganization.sorted(by: { $0.key < $1.key }) {
            if let last = runs.last(where: { $0.asOf >= start && $0.asOf <= cutoff }) {
                units.append(Unit(run: try store.require(last.id)))
            } else {
                let before = runs.last { $0.asOf < start }
                silent.append(Silent(organization: organization, name: runs.last?.organizationName ?? organization,
                                     lastAsOf: before?.asOf))
            }
        }
        let days = Array(Set(all.map(\.asOf).filter { $0 >= start && $0 <= cutoff })).sorted().suffix(points)
        let progress = days.map { day -> Point in
            var total = RunFigures(asOf: day, systems: 0, approved: 0, openBySeverity: [:], byGroup: [:])
            var count = 0
            for runs in byOrganization.values {
                guard let run = runs.last(where: { $0.asOf >= start && $0.asOf <= day }) else { continue }
                count += 1
                total.systems += run.figures.systems
                total.approved += run.figures.approved
                for (severity, open) in run.figures.openBySeverity { total.openBySeverity[severity, default: 0] += open }
                for (group, counts) in run.figures.byGroup { total.byGroup[group, default: Compliance()].add(counts) }
            }
            return Point(day: day, units: count, figures: total)
        }
        return Consolidation(year: year, start: start, cutoff: cutoff, units: units, silent: silent, progress: progress)
    }

    /// Compliance by group over every unit's last run.
    public var byGroup: [RequirementGroup: Compliance] {
        var result: [RequirementGroup: Compliance] = [:]
        for unit in units {
            for (group, counts) in unit.summary.figures.byGroup { result[group, default: Compliance()].add(counts) }
        }
        return result
    }

    /// The open critical and high gaps of every unit, worst first (severity, overdue, due date), at
    /// most `limit`, with the unit each belongs to.
    public func worstGaps(limit: Int) -> [(unit: RunSummary, gap: RunRecord.GapRow)] {
        let open = units.flatMap { unit in
            unit.run.gaps.filter { ($0.status == .fail || $0.status == .error)
                && ($0.severity == .critical || $0.severity == .high) }.map { (unit: unit.summary, gap: $0) }
        }
        return Array(open.sorted { a, b in
            if a.gap.severity != b.gap.severity { return a.gap.severity.rank > b.gap.severity.rank }
            if a.gap.overdue != b.gap.overdue { return a.gap.overdue }
            let dueA = a.gap.due?.ordinal ?? Int.max, dueB = b.gap.due?.ordinal ?? Int.max
            if dueA != dueB { return dueA < dueB }
            return (a.unit.organization, a.gap.system, a.gap.rule) < (b.unit.organization, b.gap.system, b.gap.rule)
        }.prefix(limit))
    }
}
