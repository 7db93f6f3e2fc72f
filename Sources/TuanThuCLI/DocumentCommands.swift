import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuReport

/// The flags of the commands that write papers to sign (`dossier`, `report`).
struct DocumentOptions: ParsableArguments {
    @Option(name: .long, help: "Output folder (default: WORKSPACE/Reports).")
    var out: String?

    @Option(name: .long, help: "Waivers file (YAML) of accepted risks (default: WORKSPACE/waivers.yaml if present).")
    var waivers: String?

    /// Audits the workspace as `audit` does (waivers included) and hands each organisation's result on.
    func audit<T>(_ session: AuditSession, asOf: Day, _ body: (AuditResult) throws -> T) throws -> [T] {
        let fallback = session.workspace.root.appendingPathComponent("waivers.yaml")
        let file = waivers.map { URL(fileURLWithPath: $0) }
            ?? (FileManager.default.fileExists(atPath: fallback.path) ? fallback : nil)
        let list = try file.map { try session.loadWaivers($0) } ?? []
        return try session.auditEach(asOf: asOf, waivers: list, body)
    }

    /// Writes the documents all at once, or none.
    func write(_ sets: [DocumentSet], session: AuditSession, stamp: Day, language: Language) throws -> [String] {
        let folder = out.map { URL(fileURLWithPath: $0) } ?? session.workspace.root.appendingPathComponent("Reports")
        let transaction = try ReportTransaction(folder: folder)
        do {
            for set in sets { try set.write(to: transaction, stamp: stamp, language: language) }
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
        }
        return sets.flatMap { $0.documents.flatMap { [$0.name + ".docx", $0.name + ".md"] } }
            .map { folder.appendingPathComponent($0).path }
    }
}

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Write a system's level-proposal dossier: the explanation and, under Decree 331, Forms 01/02/05/06 (.docx + .md).")

    @Argument(help: "The system id.")
    var systemId: String

    @Argument(help: "The workspace holding Inventories/.")
    var workspace: String = "."

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var documents: DocumentOptions

    func run() throws {
        let session = try options.load(workspace: workspace)
        let inventory = try session.inventory(declaring: systemId)
        let asOf = options.auditDate
        let sets = try documents.audit(session, asOf: asOf) { audit -> DocumentSet? in
            guard let organization = audit.organizations.first(where: { $0.organization.id == inventory.organization.id }),
                  let result = organization.systems.first(where: { $0.system.id == systemId }) else { return nil }
            return DocumentSet.dossier(for: result, in: organization, asOf: asOf, language: options.lang)
        }.compactMap { $0 }
        for path in try documents.write(sets, session: session, stamp: asOf, language: options.lang) { Console.out(path) }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write each organisation's yearly report (Decree 331 Form 08, or Circular 12 Art. 14 under Decree 85) as .docx + .md.")

    @Option(name: .long, help: "The report's year: data from 15/12 of the year before to 14/12.")
    var year: Int

    @Flag(name: .long, help: "The half-year report the organisation's policy asks for (Policies/plan.yaml, e.g. before 10 June) instead.")
    var half = false

    @Flag(name: .long, help: ArgumentHelp(
        "One report over every organisation in the history (a province's departments, a ministry's units).",
        discussion: "Read from the history (--database for a shared PostgreSQL store): each organisation's last "
            + "run in the year's data period. Written as .docx, .md and .json."))
    var consolidate = false

    @OptionGroup var history: HistoryOptions

    @Argument(help: "The workspace holding Inventories/.")
    var workspace: String = "."

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var documents: DocumentOptions

    func validate() throws {
        guard (2017...9998).contains(year) else {
            throw ValidationError("--year \(year): a year from 2017 (Decree 85's first full year) on")
        }
        if half, consolidate { throw ValidationError("--half and --consolidate cannot be given together") }
    }

    func run() throws {
        if consolidate { return try runConsolidated() }
        let session = try options.load(workspace: workspace)
        if half { return try runHalfYear(session) }
        let (start, end) = YearlyReport.period(of: year)
        let asOf = options.auditDate
        guard asOf >= start else {
            throw EngineError.usage("the data period of \(year) starts on \(start), after --as-of \(asOf)")
        }
        guard let regime = session.catalog.selector.inForce(on: end) else {
            throw EngineError.usage("no regime of the rules is in force on \(end)")
        }
        // The data stop at the cut-off (14/12); an earlier --as-of reports the year so far.
        let cutoff = min(asOf, end)
        let sets = try documents.audit(session, asOf: cutoff) { audit in
            DocumentSet(documents: audit.organizations.map { organization in
                let report = YearlyReport(year: year, organization: organization, asOf: cutoff, regime: regime.id,
                                          language: options.lang)
                return (name: "\(organization.organization.id).report-\(year).\(options.lang.rawValue)",
                        document: report.document())
            })
        }
        for path in try documents.write(sets, session: session, stamp: cutoff, language: options.lang) { Console.out(path) }
    }

    /// The roll-up over the history's organisations. The consolidating body's letterhead is the
    /// workspace's own organisation when its inventories declare exactly one; blanks otherwise.
    private func runConsolidated() throws {
        let root = try Workspace(root: URL(fileURLWithPath: workspace))
        let store = try history.open(workspace: root)
        let (start, end) = YearlyReport.period(of: year)
        let cutoff = min(options.auditDate, end)
        guard cutoff >= start else {
            throw EngineError.usage("the data period of \(year) starts on \(start), after --as-of \(cutoff)")
        }
        let consolidation = try Consolidation.gather(from: store, year: year, start: start, cutoff: cutoff)
        guard !consolidation.units.isEmpty || !consolidation.silent.isEmpty else {
            throw EngineError.usage("no audit is recorded in the history (\(store.location)): nothing to consolidate")
        }
        var issuer: Organization?
        let inventories = root.root.appendingPathComponent("Inventories")
        if options.inventory.isEmpty ? !(try root.inventoryFiles(at: inventories)).isEmpty : true {
            let organizations = try options.load(workspace: workspace).inventories.map(\.organization)
            if organizations.count == 1 { issuer = organizations[0] }
        }
        let report = ConsolidatedReport(consolidation, issuer: issuer, language: options.lang)
        let folder = documents.out.map { URL(fileURLWithPath: $0) } ?? root.root.appendingPathComponent("Reports")
        let transaction = try ReportTransaction(folder: folder)
        let name = "\(report.fileStem).\(options.lang.rawValue)"
        do {
            try DocumentSet(documents: [(name: name, document: report.document())])
                .write(to: transaction, stamp: cutoff, language: options.lang)
            try transaction.write(report.fileStem + ".json", try report.json())
            try transaction.commit()
        } catch {
            transaction.rollback()
            throw error
        }
        for file in [name + ".docx", name + ".md", report.fileStem + ".json"] {
            Console.out(folder.appendingPathComponent(file).path)
        }
    }

    private func runHalfYear(_ session: AuditSession) throws {
        guard let deadline = HalfYearReport.deadline(in: session.catalog.policy) else {
            throw EngineError.usage("the policies set no report in the first half of the year (a `reporting` entry "
                                    + "of plan: in Policies/, e.g. month 6, day 10); nothing to write for --half")
        }
        let asOf = options.auditDate
        guard asOf.year == year else {
            throw EngineError.usage("--half reports the first half of \(year): give an --as-of date in \(year)")
        }
        let sets = try documents.audit(session, asOf: asOf) { audit in
            DocumentSet(documents: audit.organizations.map { organization in
                (name: "\(organization.organization.id).report-\(year)-h1.\(options.lang.rawValue)",
                 document: HalfYearReport(year: year, deadline: deadline, organization: organization, asOf: asOf,
                                          language: options.lang).document())
            })
        }
        for path in try documents.write(sets, session: session, stamp: asOf, language: options.lang) { Console.out(path) }
    }
}
