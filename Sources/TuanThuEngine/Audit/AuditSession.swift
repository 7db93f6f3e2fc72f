import Foundation

/// The engine's entry point for commands: load the catalog and inventories of a workspace.
public struct AuditSession: Sendable {
    public let workspace: Workspace
    public let catalog: RuleCatalog
    public let inventories: [Inventory]
    /// Whether the audit reads every inventory of the workspace (no `--inventory`): only then can
    /// a system missing from them be called removed.
    public let coversWorkspace: Bool
    /// Every system of the loaded inventories, and every organisation (whose duties are findings
    /// of their own, waived and compared by its id).
    public let systemIDs: Set<String>

    /// What the user should know about how the session was loaded (a `Rules/` folder that is not
    /// used, say), for the command to print as warnings.
    public let notices: [Localized]

    /// Loads the same catalog again, as separate objects (see `catalogCopies`).
    private let loadCatalog: @Sendable () throws -> RuleCatalog
    /// Systems from which each copy of the catalog is loaded (tests set it lower).
    var systemsPerCatalogCopy = AuditSession.systemsPerCatalogCopy

    /// Loads the rules (`rules`, else the built-in catalog), the workspace's policies (`policies`, else
    /// `WORKSPACE/Policies` when it exists) and the inventory files in `inventories` (default
    /// `WORKSPACE/Inventories`, its top level only: subfolders hold evidence).
    /// Any input error throws an `EngineError`.
    public static func load(workspace root: URL, rules: URL?, policies: URL? = nil,
                            inventories: [URL]) throws -> AuditSession {
        let workspace = try Workspace(root: root)
        // The rules load on one core while the inventories load on all of them (neither needs the
        // other until the audit). An error in the rules is still the one reported first.
        let rulesLoading = Background { () throws -> (RuleCatalog, @Sendable () throws -> RuleCatalog, [Localized]) in
            try Trace.step("load rules (beside the inventories)") {
                let set = try rules.map { try RuleSet.folder($0, workspace: workspace) } ?? RuleSet.builtIn
                let notices = try rules == nil ? unusedRulesFolder(in: workspace).map { [$0] } ?? [] : []
                let policySet = try policyFolder(policies, in: workspace).map { try RuleSet.folder($0, workspace: workspace) }
                let load: @Sendable () throws -> RuleCatalog = {
                    try CatalogLoader(workspace: workspace).load(set, policies: policySet)
                }
                return (try load(), load, notices)
            }
        }
        let (loading, rulesLoaded) = Trace.phase("load rules and inventories") {
            let loading = Result { () throws -> [Inventory] in
                let paths = inventories.isEmpty ? [workspace.root.appendingPathComponent("Inventories")] : inventories
                var files: [URL] = []
                for path in paths {
                    files += try workspace.inventoryFiles(at: path)
                }
                guard !files.isEmpty else {
                    throw EngineError.usage("no inventory file (*.yaml) found in \(paths.map(\.path).joined(separator: ", "))")
                }
                return try InventoryLoader(workspace: workspace).load(files: files)
            }
            return (loading, Result { try rulesLoading.value() })
        }
        let (catalog, loadCatalog, notices) = try rulesLoaded.get()
        let loaded = try loading.get()
        return AuditSession(workspace: workspace, catalog: catalog, inventories: loaded,
                            coversWorkspace: inventories.isEmpty,
                            systemIDs: Set(loaded.flatMap { [$0.organization.id] + $0.systems.map(\.id) }),
                            notices: notices, loadCatalog: loadCatalog)
    }

    /// The policies folder: the one given, else `WORKSPACE/Policies` when there is one.
    public static func policyFolder(_ given: URL?, in workspace: Workspace) throws -> URL? {
        if let given { return given }
        let folder = workspace.root.appendingPathComponent("Policies")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { throw EngineError.usage("'Policies' in the workspace is not a folder") }
        return folder
    }

    /// A `Rules/` folder in the workspace that differs from the built-in catalog is not read unless
    /// `--rules` names it: say so, rather than let an edited copy be ignored in silence.
    static func unusedRulesFolder(in workspace: Workspace) throws -> Localized? {
        let folder = workspace.root.appendingPathComponent("Rules")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let set = try? RuleSet.folder(folder, workspace: workspace),
              set.digest != RuleSet.builtIn.digest else { return nil }
        return Localized(
            vi: "thư mục Rules/ của không gian làm việc khác bộ quy tắc tích hợp trong tuanthu và không được dùng; "
                + "tuanthu áp dụng bộ quy tắc tích hợp (dùng --rules Rules để áp dụng thư mục đó, hoặc chuyển các quy "
                + "định riêng của cơ quan sang Policies/)",
            en: "the workspace's Rules/ differs from the rules built into tuanthu and is not used; "
                + "the built-in rules are (give --rules Rules to use that folder instead, or move the "
                + "organisation's own rules to Policies/)")
    }

    /// Audits, applies the waivers, compares with the baseline and builds the remediation plan, one
    /// organisation at a time: `body` gets each organisation's result (called
    /// from several threads; results come back in inventory order) and returns what is to be kept
    /// of it, so that a large audit never holds every organisation's findings at once.
    /// `progress` hears of each step as it begins or ends, from any thread.
    public func auditEach<T>(asOf: Day, waivers: [Waiver] = [], baseline: Baseline? = nil,
                             progress: (@Sendable (AuditProgress) -> Void)? = nil,
                             _ body: (AuditResult) throws -> T) throws -> [T] {
        progress?(.readingArtefacts)
        let total = (organizations: inventories.count, systems: inventories.reduce(0) { $0 + $1.systems.count })
        let copies = Self.catalogCopies(cores: ProcessInfo.processInfo.activeProcessorCount,
                                        organizations: total.organizations, systems: total.systems,
                                        systemsPerCopy: systemsPerCatalogCopy)
        // The copies load on one core while the certificates are read on all of them.
        let copying = copies == 0 ? nil : Background { [loadCatalog] in
            try Trace.step("copy the rules, one catalog per core (beside)") {
                try (0..<copies).map { _ in try loadCatalog() }
            }
        }
        let context = try Trace.phase("read certificates, scan keys") {
            try ArtefactLoader(workspace: workspace, catalog: catalog, asOf: asOf).prepare(inventories)
        }
        ProcessLifetime.keep(context)
        let auditor = Auditor(catalog: catalog, asOf: asOf)
        try auditor.validate(inventories)
        let inventoried = coversWorkspace ? systemIDs : nil
        let copied = try Trace.phase("copy the rules, one catalog per core") { try copying?.value() ?? [] }
        // What audits an organisation, one set per copy of the catalog (the session's own first,
        // with the auditor that validated); a core takes a free one.
        let previousDue = baseline?.due ?? [:]
        let tools = [AuditTools(auditor, asOf: asOf, previousDue: previousDue)]
            + copied.map { AuditTools(Auditor(catalog: $0, asOf: asOf), asOf: asOf, previousDue: previousDue) }
        let free = FreeSlots(count: tools.count)
        let done = ProgressCount()
        progress?(.audited(organizations: 0, ofOrganizations: total.organizations, systems: 0, ofSystems: total.systems))
        func audit(_ inventory: Inventory) throws -> T {
            let slot = tools.count > 1 ? free.take() : 0
            defer { if tools.count > 1 { free.give(slot) } }
            let (auditor, applier, planner) = (tools[slot].auditor, tools[slot].applier, tools[slot].planner)
            let artefacts = try Trace.step("check artefacts") { try context.artefacts(for: inventory.systems) }
            var result = try Trace.step("evaluate rules") {
                try auditor.evaluate([inventory], artefacts: artefacts)
            }
            result = Trace.step("waivers, baseline") {
                let waived = applier.apply(waivers, to: result, allSystems: systemIDs)
                guard let baseline else { return waived }
                return baseline.compare(waived, ownSystemsOnly: true, inventoried: inventoried)
            }
            let output = try body(Trace.step("plan") { planner.plan(result) })
            if let progress { progress(done.add(inventory.systems.count, total: total)) }
            return output
        }
        // The largest organisations first: when they differ in size, the cores then finish
        // together, instead of one finishing a large organisation alone at the end. Results (and
        // the first error) still come in inventory order.
        let order = inventories.indices.sorted { first, second in
            let sizes = (inventories[first].systems.count, inventories[second].systems.count)
            return sizes.0 != sizes.1 ? sizes.0 > sizes.1 : first < second
        }
        let outcomes = try Trace.phase("audit, plan and render each organisation") {
            // Organisations in parallel too: as many in flight as there are cores, no more.
            try Parallel.map(order) { position in Result { try audit(inventories[position]) } }
        }
        var inInventoryOrder = [Result<T, Error>?](repeating: nil, count: inventories.count)
        for (position, outcome) in zip(order, outcomes) { inInventoryOrder[position] = outcome }
        return try inInventoryOrder.compactMap { try $0?.get() }
    }

    /// Systems from which one more copy of the catalog repays loading it. Two cores counting
    /// references on the same rules and texts slow each other down: with a catalog per core, an
    /// audit of 10,000 systems took about 5% less CPU. A copy costs about 55 ms of CPU to load,
    /// some 60 µs per system of the audit saved: it repays itself from about 1,000 systems.
    static let systemsPerCatalogCopy = 1_000

    /// How many copies of the catalog to load besides the session's own: one per core that will
    /// audit organisations at the same time (no more than there are organisations), when the
    /// audit is large enough to repay them all (`systemsPerCopy` systems each); else none.
    static func catalogCopies(cores: Int, organizations: Int, systems: Int, systemsPerCopy: Int) -> Int {
        let extra = max(0, min(cores, organizations) - 1)
        return systems >= systemsPerCopy * extra ? extra : 0
    }

    /// The baseline's open gaps on systems no inventory has now, of organisations this audit has no
    /// report for (the reports list the others); none unless the audit reads every inventory.
    public func removedGapsOutsideReports(_ baseline: Baseline?) -> [Baseline.Gap] {
        guard coversWorkspace, let baseline else { return [] }
        return baseline.removedElsewhere(inventoried: systemIDs, audited: Set(inventories.map(\.organization.id)))
    }

    /// Reads a waivers file (`--waivers`).
    public func loadWaivers(_ url: URL) throws -> [Waiver] {
        try WaiverLoader.load(url, displayPath: workspace.displayPath(url))
    }

    /// Reads one or more previous JSON reports (`--baseline`) into one baseline.
    public func loadBaseline(_ urls: [URL]) throws -> Baseline? {
        guard !urls.isEmpty else { return nil }
        var baseline = Baseline()
        for url in urls {
            baseline.merge(try Baseline.load(url, displayPath: workspace.displayPath(url)))
        }
        return baseline
    }
}

/// How far an audit has come (`AuditSession.auditEach`).
public enum AuditProgress: Sendable, Equatable {
    case readingArtefacts
    case audited(organizations: Int, ofOrganizations: Int, systems: Int, ofSystems: Int)
}

/// What audits an organisation with one copy of the catalog (`AuditSession.auditEach`).
private struct AuditTools {
    let auditor: Auditor
    let applier: WaiverApplier
    let planner: RemediationPlanner

    /// The applier and planner of the auditor's catalog.
    init(_ auditor: Auditor, asOf: Day, previousDue: [String: Day]) {
        self.auditor = auditor
        applier = WaiverApplier(catalog: auditor.catalog, asOf: asOf)
        planner = RemediationPlanner(policy: auditor.catalog.policy, asOf: asOf, previousDue: previousDue)
    }
}

/// The numbers of the sets of tools (`AuditSession.auditEach`) no core is using. There are as
/// many as cores audit at once, so a core never waits for one.
private final class FreeSlots: @unchecked Sendable {
    private var free: [Int]
    private let condition = NSCondition()

    init(count: Int) { free = Array((0..<count).reversed()) }

    func take() -> Int {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty { condition.wait() }
        return free.removeLast()
    }

    func give(_ slot: Int) {
        condition.lock()
        free.append(slot)
        condition.signal()
        condition.unlock()
    }
}

/// Organisations and systems done, counted from several threads.
private final class ProgressCount: @unchecked Sendable {
    private var organizations = 0
    private var systems = 0
    private let lock = NSLock()

    func add(_ count: Int, total: (organizations: Int, systems: Int)) -> AuditProgress {
        lock.withLock {
            organizations += 1
            systems += count
            return .audited(organizations: organizations, ofOrganizations: total.organizations, systems: systems,
                            ofSystems: total.systems)
        }
    }
}
