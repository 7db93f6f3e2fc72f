/// Runs the `examples` of rules: each snippet is merged onto a base system and audited;
/// a `pass` example must pass the rule, a `fail` example must fail it.
public struct RuleExampleRunner: Sendable {
    /// The audit date of an example that does not give `as-of`.
    public static let defaultAsOf = Day(year: 2026, month: 3, day: 1)!

    /// An approved level-3 system under Decree 85, the base every snippet is merged onto.
    public static let baseSystemYAML = """
        id: example
        name: Example system
        owner: example-org
        operator: it
        type: citizen-service
        information: [public, personal]
        classification: { personal-data-subjects: 12000 }
        in-service: 2020-01-01
        level:
          proposed: 3
          approval: { decision: "1/QĐ-EX", date: 2021-01-15, regime: nd85, approver: system-owner, appraiser: security-unit }
        assessments:
          - { date: 2025-10-01, by: "Licensed assessor", licensed: true }
        """

    static let organization: Organization = {
        var organization = Organization(
            id: "example-org", name: "Example organisation",
            units: [OrgUnit(id: "it", name: "IT unit", securityUnit: false),
                    OrgUnit(id: "attt", name: "Security unit", securityUnit: true)],
            location: SourceLocation(file: "<example>", line: 1, column: 1))
        organization.predecessors = [Predecessor(id: "old-dept", name: "Former department", until: Day(iso: "2025-02-28")
                                                    ?? Day(ordinal: 0), decision: nil)]
        return organization
    }()

    /// An example that did not behave as its rule says.
    public struct Failure: Sendable, CustomStringConvertible {
        public let rule: String
        public let location: SourceLocation
        public let message: String
        public var description: String { "\(location): error: example of \(rule): \(message)" }
    }

    public let catalog: RuleCatalog

    public init(catalog: RuleCatalog) {
        self.catalog = catalog
    }

    /// Every example of every rule and of every level criterion; an empty list means they all behave.
    public func run() -> [Failure] {
        let rules = catalog.rules.flatMap { rule in
            rule.examples.pass.compactMap { run($0, of: rule, expecting: .pass) }
                + rule.examples.fail.compactMap { run($0, of: rule, expecting: .fail) }
        }
        let criteria = catalog.regimes.flatMap { regime in
            regime.criteria.flatMap { criterion in
                criterion.examples.pass.compactMap { run($0, of: criterion, met: true) }
                    + criterion.examples.fail.compactMap { run($0, of: criterion, met: false) }
            }
        }
        return rules + criteria
    }

    /// Runs one example of a level criterion: the system must meet it (`met`) or not; nil when it does.
    public func run(_ example: YNode, of criterion: LevelCriterion, met wanted: Bool) -> Failure? {
        do {
            let (snippet, _) = try unpack(example)
            let base = try YAMLLoader.parse(text: Self.baseSystemYAML, displayPath: "<base example>")
            let system = try SystemDecoder(workspace: nil, file: nil, organization: Self.organization)
                .decode(try base.merged(with: snippet))
            let met = criterion.when.evaluate(Facts(system: system, organization: Self.organization))
            guard met == wanted else {
                return Failure(rule: criterion.id, location: example.location,
                               message: "expected the system \(wanted ? "to meet" : "not to meet") the criterion "
                                   + "(\(criterion.source.citation(.en))), but it does\(met ? "" : " not")")
            }
            return nil
        } catch let error as EngineError {
            return Failure(rule: criterion.id, location: example.location, message: "invalid example: \(error.message)")
        } catch {
            return Failure(rule: criterion.id, location: example.location, message: "invalid example: \(error)")
        }
    }

    /// Runs one example; nil when it behaves.
    public func run(_ example: YNode, of rule: Rule, expecting wanted: CheckStatus) -> Failure? {
        do {
            let (snippet, asOf) = try unpack(example)
            let base = try YAMLLoader.parse(text: Self.baseSystemYAML, displayPath: "<base example>")
            let merged = try base.merged(with: snippet)
            let system = try SystemDecoder(workspace: nil, file: nil, organization: Self.organization).decode(merged)
            let inventory = Inventory(file: example.location.file, organization: Self.organization, systems: [system])
            let auditor = Auditor(catalog: catalog, asOf: asOf)
            try auditor.validate([inventory])
            let result = auditor.evaluate(system, in: Self.organization)
            // A duty of the organisation is one finding for it, in scope through this one system.
            let findings = rule.scope == .organization
                ? auditor.duties(of: Self.organization, systems: [result]) : result.findings
            guard let finding = findings.first(where: { $0.rule == rule.id }) else {
                return Failure(rule: rule.id, location: example.location,
                               message: "the rule is not evaluated for this example (baseline "
                                   + "\(result.standing.requirements.baseline) applies on \(asOf))")
            }
            guard finding.status == wanted else {
                return Failure(rule: rule.id, location: example.location,
                               message: "expected \(wanted.rawValue), got \(finding.status.rawValue): \(finding.message.en)")
            }
            return nil
        } catch let error as EngineError {
            return Failure(rule: rule.id, location: example.location, message: "invalid example: \(error.message)")
        } catch {
            return Failure(rule: rule.id, location: example.location, message: "invalid example: \(error)")
        }
    }

    /// `{ as-of: DATE, system: {...} }` or a bare system snippet.
    private func unpack(_ example: YNode) throws -> (YNode, Day) {
        let map = try example.mapping("example")
        guard map.keys.contains("system") else { return (example, Self.defaultAsOf) }
        let system = try map.required("system")
        let asOf = try map.optional("as-of")?.day("as-of") ?? Self.defaultAsOf
        try map.finish()
        return (system, asOf)
    }
}

extension YNode {
    /// Overlays `snippet` on this mapping: its keys replace, except `classification` and `level`,
    /// which merge one level deeper; an empty value removes the key.
    func merged(with snippet: YNode) throws -> YNode {
        guard case .mapping(var pairs) = content, case .mapping(let overlay) = snippet.content else {
            throw snippet.error("an example must be a mapping of system fields")
        }
        for item in overlay {
            guard let key = item.key.scalarText else { continue }
            let index = pairs.firstIndex { $0.key.scalarText == key }
            if item.value.isNull {
                if let index { pairs.remove(at: index) }
            } else if let index, ["classification", "level"].contains(key) {
                pairs[index].value = try pairs[index].value.merged(with: item.value)
            } else if let index {
                pairs[index] = item
            } else {
                pairs.append(item)
            }
        }
        return YNode(.mapping(pairs), at: snippet.location)
    }
}
