/// The requirements a system (or its organisation) must declare in `controls:`, for its level
/// under the regime that governs it: what `tuanthu checklist` prints and inserts.
public struct Checklist: Sendable {
    public struct Entry: Sendable {
        public let control: String
        public let rule: Rule
        /// What the inventory already declares, if anything.
        public let declared: ControlEntry?
    }

    /// The system's id, or the organisation's for its own duties.
    public let subject: String
    public let isOrganization: Bool
    /// The level the requirements are those of (the highest of its systems, for the organisation).
    public let level: Int
    /// The regime whose requirements apply.
    public let regime: Regime
    public let entries: [Entry]

    public var missing: [Entry] { entries.filter { $0.declared == nil } }

    /// The checklist of `id` (a system or the organisation) of `inventory`, as the audit scopes it.
    public static func build(for id: String, in inventory: Inventory, auditor: Auditor) throws -> Checklist? {
        let organization = try auditor.audit([inventory]).organizations[0]
        let catalog = auditor.catalog
        func entries(_ findings: [Finding], declared: (String) -> ControlEntry?) -> [Entry] {
            findings.compactMap { finding in
                guard let rule = catalog.rule(id: finding.rule),
                      let check = rule.check as? ControlStatusCheck else { return nil }
                return Entry(control: check.control, rule: rule, declared: declared(check.control))
            }
        }
        if id == inventory.organization.id {
            let regimeID = organization.duties.first?.regime ?? organization.systems.first?.standing.governing.id
            guard let regime = catalog.regimes.first(where: { $0.id == regimeID }) ?? catalog.selector.inForce(on: auditor.asOf)
            else { return nil }
            return Checklist(subject: id, isOrganization: true,
                             level: organization.systems.map(\.effectiveLevel).max() ?? 1, regime: regime,
                             entries: entries(organization.duties) { inventory.organization.controls[$0] })
        }
        guard let system = organization.systems.first(where: { $0.system.id == id }) else { return nil }
        return Checklist(subject: id, isOrganization: false, level: system.effectiveLevel,
                         regime: system.standing.requirements,
                         entries: entries(system.findings) { system.system.controls[$0] })
    }
}
