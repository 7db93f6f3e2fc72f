/// The remediation policy (`Rules/plan.yaml`, tightened by `Policies/plan.yaml`): due dates,
/// waiver limits, reports.
public struct PlanPolicy: Sendable {
    public var dueDays: [Severity: Int]
    public var waiverMaxDays: [Severity: Int]
    public var reporting: [ReportingDeadline]
    public var location: SourceLocation

    /// The reporting deadline a due date falls into: the first one on or after it.
    public func period(for due: Day) -> ReportingPeriod? {
        var best: ReportingPeriod?
        for year in due.year...(due.year + 1) {
            for deadline in reporting {
                guard let date = Day(year: year, month: deadline.month, day: deadline.day), date >= due else { continue }
                if date < (best?.deadline ?? date.adding(days: 1)) {
                    best = ReportingPeriod(id: "\(deadline.id)-\(year)", deadline: date,
                                           title: Localized(vi: "\(deadline.title.vi) \(year)", en: "\(deadline.title.en) \(year)"))
                }
            }
        }
        return best
    }
}

/// A recurring report (half-year before 10 June, annual before 5 December).
public struct ReportingDeadline: Sendable {
    public var id: String
    public var month: Int
    public var day: Int
    public var title: Localized
    public var source: LegalSource
    public var basis: Basis
}

/// One occurrence of a recurring report.
public struct ReportingPeriod: Codable, Hashable, Sendable {
    public var id: String
    public var deadline: Day
    public var title: Localized
}

enum PlanPolicyDecoder {
    static func decode(_ node: YNode) throws -> PlanPolicy {
        let map = try node.mapping("plan")
        let policy = PlanPolicy(dueDays: try table(try map.required("due-days"), "due-days"),
                                waiverMaxDays: try table(try map.required("waiver-max-days"), "waiver-max-days"),
                                reporting: try map.required("reporting").list("reporting").map(deadline),
                                location: node.location)
        try map.finish()
        guard !policy.reporting.isEmpty else { throw node.error("'reporting' needs at least one deadline") }
        return policy
    }

    /// A workspace's plan over the catalog's: shorter due dates and waiver limits for the
    /// severities it names, and reports of its own added to the catalog's. A longer limit is an error:
    /// a policy tightens, never loosens.
    static func tighten(_ base: PlanPolicy, with node: YNode) throws -> PlanPolicy {
        let map = try node.mapping("plan")
        var result = base
        result.location = node.location
        for (key, keyPath) in [("due-days", \PlanPolicy.dueDays), ("waiver-max-days", \PlanPolicy.waiverMaxDays)] {
            guard let tableNode = map.optional(key) else { continue }
            let table = try tableNode.mapping(key)
            for severity in Severity.allCases {
                guard let valueNode = table.optional(severity.rawValue) else { continue }
                let value = try valueNode.int("\(key) \(severity.rawValue)", in: 1...3650)
                let limit = base[keyPath: keyPath][severity] ?? value
                guard value <= limit else {
                    throw valueNode.error("\(key) for \(severity.rawValue) is \(value) days, longer than the \(limit) "
                                          + "the rules set (\(base.location)): a policy may shorten it, not lengthen it")
                }
                result[keyPath: keyPath][severity] = value
            }
            try table.finish()
        }
        if let reportingNode = map.optional("reporting") {
            for item in try reportingNode.list("reporting") {
                let deadline = try deadline(item)
                if result.reporting.contains(where: { $0.id == deadline.id }) {
                    throw item.error("reporting deadline '\(deadline.id)' is already defined; give yours an id of its own")
                }
                result.reporting.append(deadline)
            }
        }
        try map.finish()
        return result
    }

    /// `{ critical: N, high: N, … }` with every severity present.
    private static func table(_ node: YNode, _ what: String) throws -> [Severity: Int] {
        let map = try node.mapping(what)
        var result: [Severity: Int] = [:]
        for severity in Severity.allCases {
            result[severity] = try map.required(severity.rawValue).int("\(what) \(severity.rawValue)", in: 1...3650)
        }
        try map.finish()
        return result
    }

    private static func deadline(_ node: YNode) throws -> ReportingDeadline {
        let map = try node.mapping("reporting deadline")
        let month = try map.required("month").int("month", in: 1...12)
        let dayNode = try map.required("day")
        let day = try dayNode.int("day", in: 1...31)
        guard day <= Day.daysIn(month: month, year: 2023) else {
            throw dayNode.error("day \(day) does not exist in month \(month)")
        }
        let result = ReportingDeadline(id: try map.required("id").identifier("id"), month: month, day: day,
                                       title: try map.required("title").localized("title"),
                                       source: try map.required("source").legalSource(),
                                       basis: try map.required("basis").enumValue("basis", as: Basis.self))
        try map.finish()
        return result
    }
}
