/// The rules engine: inventories + catalog + audit date in, findings out. No I/O.
public struct Auditor: Sendable {
    public let catalog: RuleCatalog
    public let asOf: Day
    private let selector: RegimeSelector
    /// Those of rules of `scope: organization`: the ones `organization.controls` may declare.
    private let organizationControls: Set<String>
    /// The catalog's rules, each with the shared part of its findings. Held by reference: every
    /// system walks the rules in its scope up to three times, and copying a `Rule` retains a score
    /// of fields.
    let entries: [RuleEntry]

    final class RuleEntry: Sendable {
        let rule: Rule
        let facts: Finding.RuleFacts
        /// A control-status rule's check and the slot of its control in `controlSlots`: the audit
        /// reads its declaration from the system's `DeclaredControls` by that slot.
        let control: (check: ControlStatusCheck, slot: Int)?
        /// `rule.source.at(level:)` for levels 1 to 5, made once rather than for every finding.
        private let levelSources: [LegalSource]
        /// The same, nil where it is the rule's own source (`Finding.RuleFacts.source`): what a
        /// finding stores as its source override.
        private let levelOverrides: [LegalSource?]

        init(_ rule: Rule, slots: [String: Int]) {
            self.rule = rule
            control = (rule.check as? ControlStatusCheck).flatMap { check in slots[check.control].map { (check, $0) } }
            let facts = Finding.RuleFacts(rule)
            self.facts = facts
            levelSources = (1...5).map { rule.source.at(level: $0) }
            levelOverrides = levelSources.map(facts.override)
        }

        /// The rule's source for a system of `level`.
        func source(at level: Int) -> LegalSource {
            (1...5).contains(level) ? levelSources[level - 1] : rule.source.at(level: level)
        }

        /// The source override of a finding at `level` that cites no source of its own.
        func sourceOverride(at level: Int) -> LegalSource? {
            (1...5).contains(level) ? levelOverrides[level - 1] : facts.override(rule.source.at(level: level))
        }
    }

    public init(catalog: RuleCatalog, asOf: Day) {
        self.catalog = catalog
        self.asOf = asOf
        self.selector = catalog.selector
        self.organizationControls = Set(catalog.rules.filter { $0.scope == .organization }
            .compactMap { ($0.check as? ControlStatusCheck)?.control })
        var slots: [String: Int] = [:]
        for rule in catalog.rules {
            guard let control = (rule.check as? ControlStatusCheck)?.control, slots[control] == nil else { continue }
            slots[control] = slots.count
        }
        self.controlSlots = slots
        let entries = catalog.rules.map { RuleEntry($0, slots: slots) }
        self.entries = entries
        var selected: [RuleSelection: [Int]] = [:]
        for baseline in Set(catalog.rules.compactMap(\.baseline) + catalog.regimes.map(\.baseline)) {
            for level in 1...5 {
                for kind in [RuleSelection.Kind.system, .ladder, .ladderNew] {
                    let selection = RuleSelection(baseline: baseline, level: level, kind: kind)
                    selected[selection] = entries.indices.filter { selection.contains(entries[$0].rule) }
                }
            }
        }
        self.selected = selected
    }

    /// The rules a walk over the catalog looks at: those in scope for a system of `level` under
    /// `baseline` (of that baseline or of none), or those its ladder counts (of that baseline
    /// only; with `ladderNew`, only those new at that level).
    struct RuleSelection: Hashable {
        enum Kind { case system, ladder, ladderNew }
        let baseline: String
        let level: Int
        let kind: Kind

        func contains(_ rule: Rule) -> Bool {
            guard rule.levels.contains(level) else { return false }
            switch kind {
            case .system: return rule.baseline.map { $0 == baseline } ?? true
            case .ladder: return rule.baseline == baseline
            case .ladderNew: return rule.baseline == baseline && !rule.levels.contains(level - 1)
            }
        }
    }

    /// By selection, the positions in `entries` of its rules, in catalog order, for every baseline
    /// of the catalog and level 1 to 5: a system walks those alone, not every rule (a third of them
    /// at most apply to it), and its ladder likewise.
    private let selected: [RuleSelection: [Int]]

    /// The positions in `entries` of the rules `selection` holds.
    func entries(in selection: RuleSelection) -> [Int] {
        selected[selection] ?? entries.indices.filter { selection.contains(entries[$0].rule) }
    }

    /// Each control a control-status rule reads (the ids an inventory may declare), numbered: a
    /// system's declarations are read by these numbers (`DeclaredControls`), not looked up by id
    /// for each rule.
    let controlSlots: [String: Int]

    /// Checks what needs both inventory and catalog (regime ids, a regime in force); input errors throw.
    public func validate(_ inventories: [Inventory]) throws {
        guard selector.inForce(on: asOf) != nil else {
            let first = selector.regimes.first.map { " (the earliest, '\($0.id)', takes effect \($0.effective))" } ?? ""
            throw EngineError.usage("no regime is in force on \(asOf)\(first)")
        }
        if let problem = catalog.lapseProblems(asOf: asOf).first {
            throw EngineError.input(problem.location, problem.message)
        }
        // Inventories on every core (each system's controls are looked up); the first error met
        // in inventory order is the one thrown.
        _ = try Parallel.map(inventories) { try validate($0) }
    }

    private func validate(_ inventory: Inventory) throws {
        let organization = inventory.organization
        if let id = organization.controls.keys.lazy.filter({ controlSlots[$0] == nil }).min() {
            throw EngineError.input(organization.controls[id]?.location ?? organization.location,
                                    "control '\(id)' is not a requirement of the catalog"
                                        + Suggestion.hint(for: id, in: organizationControls.sorted()))
        }
        if let id = organization.controls.keys.lazy.filter({ !organizationControls.contains($0) }).min() {
            throw EngineError.input(organization.controls[id]?.location ?? organization.location,
                                    "'\(id)' is a requirement of each system, not a duty of the organisation: "
                                        + "declare its status under each system's 'controls'")
        }
        for system in inventory.systems {
            // A misspelt control id would otherwise be ignored while its rule fails as undeclared.
            if let id = system.controls.keys.lazy.filter({ controlSlots[$0] == nil }).min() {
                let location = system.controls[id]?.location ?? system.location(of: "controls")
                if let successor = catalog.retirement(of: id) {
                    let replaced = catalog.rule(id: successor) != nil
                    throw EngineError.input(location, "control '\(id)' was retired when the catalog was re-grounded on "
                                                + "the primary texts: "
                                                + (replaced ? "declare its status as '\(successor)'" : successor))
                }
                throw EngineError.input(location, "control '\(id)' is not a requirement of the catalog"
                                            + Suggestion.hint(for: id, in: controlSlots.keys.sorted()))
            }
            if let approval = system.approval, selector.regime(id: approval.regime) == nil {
                let ids = selector.regimes.map(\.id)
                throw EngineError.input(system.location(of: "level.approval.regime"),
                                        "unknown regime '\(approval.regime)'" + Suggestion.hint(for: approval.regime, in: ids))
            }
        }
    }

    public func audit(_ inventories: [Inventory], artefacts: [String: SystemArtefacts] = [:]) throws -> AuditResult {
        try validate(inventories)
        return try evaluate(inventories, artefacts: artefacts)
    }

    /// `audit` without `validate`, for inventories already validated.
    func evaluate(_ inventories: [Inventory], artefacts: [String: SystemArtefacts]) throws -> AuditResult {
        // Systems are independent: evaluate them on every core, in inventory order.
        let all = inventories.flatMap { inventory in inventory.systems.map { (inventory.organization, $0) } }
        var evaluated = try Parallel.map(all) { organization, system in
            evaluate(system, in: organization, artefacts: artefacts[system.id] ?? .none)
        }[...]
        let organizations = inventories.map { inventory in
            defer { evaluated = evaluated.dropFirst(inventory.systems.count) }
            let systems = Array(evaluated.prefix(inventory.systems.count))
            return OrganizationResult(organization: inventory.organization, inventoryFile: inventory.file,
                                      inventoryDigest: inventory.digest, systems: systems,
                                      duties: duties(of: inventory.organization, systems: systems))
        }
        return AuditResult(asOf: asOf, organizations: organizations, catalog: catalog)
    }

    /// Evaluates every rule in scope for one system. Requires `validate` to have passed.
    public func evaluate(_ system: InfoSystem, in organization: Organization, artefacts: SystemArtefacts = .none)
        -> SystemResult {
        let inForce = selector.inForce(on: asOf) ?? selector.regimes[0]
        let baseFacts = Facts(system: system, organization: organization)
        let standing = selector.standing(of: system, facts: baseFacts, asOf: asOf, inForce: inForce)
        let effective = standing.effectiveLevel(for: system)
        let facts = baseFacts.with(requiredLevel: standing.required.level, effectiveLevel: effective,
                                   regime: standing.governing.id, regimeInForce: inForce.id)
        let context = CheckContext(system: system, organization: organization, facts: facts, standing: standing,
                                   asOf: asOf, artefacts: artefacts)
        let declared = DeclaredControls(system: system, organization: organization, slots: controlSlots)
        var findings: [Finding] = []
        var duties: [String] = []
        // Only the rules in scope become findings: those of the system's baseline, its level, and
        // whose `when` holds. Rules of other levels show in the ladder, not as not-applicable noise.
        let inScope = RuleSelection(baseline: standing.requirements.baseline, level: effective, kind: .system)
        for index in entries(in: inScope) {
            let entry = entries[index]
            if let when = entry.rule.when, !when.evaluate(facts) { continue }
            // The organisation's duty: stated once for the organisation, not once per system.
            if entry.rule.scope == .organization {
                duties.append(entry.rule.id)
                continue
            }
            let outcome = entry.control.map { control in
                control.check.outcome(of: declared[control.slot], undeclaredAt: context.controlsLocation)
            } ?? entry.rule.check.evaluate(context)
            // Debug builds (the tests) hold the ladder's shortcut to what evaluation says, and the
            // declaration read by slot to the one the check looks up by id.
            assert(entry.control.map { declared[$0.slot] == $0.check.entry(context) } ?? true,
                   "\(entry.rule.id): the declaration read by slot differs")
            assert(entry.rule.check.status(context) == outcome.status,
                   "\(entry.rule.id): status() disagrees with evaluate()")
            let regime = entry.rule.baseline == nil ? standing.governing.id : standing.requirements.id
            let sourceOverride = outcome.source.map(entry.facts.override) ?? entry.sourceOverride(at: effective)
            findings.append(Finding(facts: entry.facts, system: system.id, outcome: consume outcome,
                                    location: system.location, sourceOverride: sourceOverride, regime: regime))
        }
        return SystemResult(system: system, standing: standing, effectiveLevel: effective, findings: findings,
                            artefacts: artefacts, ladder: ladder(context, declared, level: effective), duties: duties)
    }

    /// The organisation's duties in scope: one finding per rule of `scope: organization` that applies
    /// to at least one of its systems, in catalog order. Its status is what `organization.controls`
    /// declares; when that says nothing, what the systems declare (the weakest, if they differ).
    public func duties(of organization: Organization, systems: [SystemResult]) -> [Finding] {
        var inScope: [String: [Int]] = [:]
        for (position, system) in systems.enumerated() {
            for rule in system.duties { inScope[rule, default: []].append(position) }
        }
        guard !inScope.isEmpty else { return [] }
        return entries.compactMap { entry -> Finding? in
            // The decoder allows no other kind of check for a rule of the organisation.
            guard let positions = inScope[entry.rule.id], let check = entry.rule.check as? ControlStatusCheck else {
                return nil
            }
            let concerned = positions.map { systems[$0] }
            let declared = organization.controls[check.control]
                ?? Self.weakest(concerned.compactMap { $0.system.controls[check.control] })
            let outcome = check.outcome(of: declared,
                                        undeclaredAt: organization.controlsLocation ?? organization.location)
            let level = concerned.map(\.effectiveLevel).max() ?? 1
            // Under the regime of the systems that bring it in scope (they share the rule's baseline).
            let regime = entry.rule.baseline == nil ? concerned[0].standing.governing.id
                : concerned[0].standing.requirements.id
            let sourceOverride = entry.facts.override(outcome.source ?? entry.source(at: level))
            return Finding(facts: entry.facts, system: organization.id, outcome: outcome,
                           location: organization.location, sourceOverride: sourceOverride, regime: regime)
        }
    }

    /// The least advanced of several declarations (the organisation is as far as its weakest part).
    static func weakest(_ entries: [ControlEntry]) -> ControlEntry? {
        func rank(_ status: ControlStatus) -> Int {
            switch status {
            case .notImplemented: return 0
            case .planned: return 1
            case .partial: return 2
            case .implemented: return 3
            case .notApplicable: return 4
            }
        }
        return entries.min { rank($0.status) < rank($1.status) }
    }
}

/// One system's control declarations by slot (`Auditor.controlSlots`): its own, else its
/// organisation's, as `ControlStatusCheck.entry` reads them. A system declares a few dozen
/// controls and the catalog's rules read a few hundred times per system (findings and ladder):
/// each declaration is looked up by id once, here, and then read by number.
struct DeclaredControls {
    private var positions: [Int32]
    private var entries: [ControlEntry] = []

    init(system: InfoSystem, organization: Organization, slots: [String: Int]) {
        positions = [Int32](repeating: -1, count: slots.count)
        entries.reserveCapacity(system.controls.count + organization.controls.count)
        for controls in [organization.controls, system.controls] {
            for (id, entry) in controls {
                guard let slot = slots[id] else { continue }
                positions[slot] = Int32(entries.count)
                entries.append(entry)
            }
        }
    }

    subscript(slot: Int) -> ControlEntry? {
        let position = positions[slot]
        return position >= 0 ? entries[Int(position)] : nil
    }
}
