import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuHistory
import TuanThuReport

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Evaluate all inventories against the rules in force, write reports and print a summary.")

    @Argument(help: "The workspace holding Rules/ and Inventories/.")
    var workspace: String = "."

    @OptionGroup var options: WorkspaceOptions

    @Option(name: .long, help: "Output folder (default: WORKSPACE/Reports).")
    var out: String?

    @Option(name: .long, help: "Report formats, comma separated: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ",")).")
    var format: String = "markdown,json"

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: critical, high, medium, low or none.")
    var failOn: FailOn = .high

    @Option(name: .long, help: "Waivers file (YAML) of accepted risks (default: WORKSPACE/waivers.yaml if present).")
    var waivers: String?

    @Option(name: .long, help: ArgumentHelp(
        "A previous JSON report to compare with; repeatable (one per organization).",
        discussion: "Default: each organisation's last recorded run on or before the audit date."))
    var baseline: [String] = []

    @Flag(name: .customLong("fail-on-new"), help: "Fail only on blocking findings the baseline did not have.")
    var failOnNew = false

    @Flag(name: .customLong("no-history"),
          help: "Neither record this audit nor read the history (no default baseline, no trends).")
    var noHistory = false

    @OptionGroup var history: HistoryOptions

    @Flag(name: .customLong("fail-on-undeclared"),
          help: "Also fail when a requirement's status is not declared in the inventory (not assessed).")
    var failOnUndeclared = false

    /// Warnings stay: one tells of rules that are not applied (an edited `Rules/` copy), which a
    /// CI log must show even when it wants no progress and no summary.
    @Flag(name: .long, help: "Print only errors and warnings: no progress, no summary.")
    var quiet = false

    func validate() throws {
        _ = try formats()
        if failOnNew, baseline.isEmpty, noHistory {
            throw ValidationError("--fail-on-new needs a baseline: --baseline PREVIOUS.json, or the history")
        }
        if noHistory, history.database != nil {
            throw ValidationError("--no-history and --database cannot be given together")
        }
    }

    func formats() throws -> [ReportFormat] {
        var result: [ReportFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let value = ReportFormat(rawValue: name) else {
                let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown report format '\(name)' (available: \(known))")
            }
            if !result.contains(value) { result.append(value) }
        }
        guard !result.isEmpty else { throw ValidationError("--format needs at least one format") }
        return result
    }

    func run() throws {
        let progress = quiet ? nil : TerminalProgress(language: options.lang)
        progress?.show(options.lang == .vi ? "Đang đọc kiểm kê và bộ quy tắc…" : "Reading the inventories and rules…")
        defer { progress?.finish() }
        let session = try options.load(workspace: workspace)
        ProcessLifetime.keep(session)
        let defaultWaivers = session.workspace.root.appendingPathComponent("waivers.yaml")
        let waiverFile = waivers.map { URL(fileURLWithPath: $0) }
            ?? (FileManager.default.fileExists(atPath: defaultWaivers.path) ? defaultWaivers : nil)
        let waiverList = try waiverFile.map { try session.loadWaivers($0) } ?? []
        let asOf = options.auditDate
        let store = noHistory ? nil : try history.open(workspace: session.workspace)
        let previous = try session.loadBaseline(baseline.map { URL(fileURLWithPath: $0) })
            ?? store.flatMap { try Self.lastRuns(in: $0, session: session, asOf: asOf, language: options.lang) }
        let manifests = ManifestBuilder(workspace: session.workspace, catalog: session.catalog, waivers: waiverFile)
        let recordedAt = HistoryClock.now()
        let runs = RunIDs()
        let threshold = failOn.threshold
        let formats = try formats()
        let folder = out.map { URL(fileURLWithPath: $0) } ?? session.workspace.root.appendingPathComponent("Reports")
        let transaction = try ReportTransaction(folder: folder)
        let annotate = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true"
        var digest: AuditDigest?
        var names: [String] = []
        var annotations: [GitHubAnnotations.Annotation] = []
        do {
            // One organisation at a time; its reports are rendered on every core and written at once.
            let parts = try session.auditEach(asOf: asOf, waivers: waiverList, baseline: previous,
                                              progress: progress.map { $0.audit }) { result in
                let organization = result.organizations[0]
                var report = Trace.step("report") {
                    OrganizationReport(audit: result, language: options.lang, threshold: threshold)
                }
                report.repositoryPrefix = session.workspace.repositoryPrefix
                let manifest = Trace.step("manifest") { manifests.manifest(for: organization) }
                report.manifest = manifest
                let figures = RunFigures(organization, asOf: asOf)
                if let store {
                    report.trend = try store.trend(organization: organization.organization.id, onOrBefore: asOf,
                                                   count: Self.trendRuns - 1) + [figures]
                }
                let written = try Parallel.map(formats) { format -> [String] in
                    let name = format.reporter.fileName(for: report)
                    let bytes = try Trace.step("render \(format.rawValue)") { try format.reporter.render(report) }
                    try Trace.step("write") { try transaction.write(name, bytes) }
                    let companions = try format.reporter.companions(report)
                    for companion in companions { try transaction.write(companion.name, companion.bytes) }
                    return [name] + companions.map(\.name)
                }.flatMap { $0 }
                let notes = annotate ? GitHubAnnotations(result: result, language: options.lang, threshold: threshold,
                                                         repositoryPrefix: session.workspace.repositoryPrefix)
                    .annotations() : []
                let part = Trace.step("digest") { AuditDigest(result, threshold: threshold, onlyNew: failOnNew) }
                if let store {
                    let record = RunRecord(organization, asOf: asOf, catalog: session.catalog, tool: ToolInfo.version,
                                           language: options.lang, manifest: manifest, figures: figures)
                    runs.append(try Trace.step("record history") { try store.record(record, recordedAt: recordedAt) })
                }
                return (part, written, notes)
            }
            for (part, written, notes) in parts {
                if digest == nil { digest = part } else { digest?.merge(part) }
                names += written
                // Numbered on in run order, so that ties keep the inventory's order across organisations.
                let offset = annotations.count
                annotations += notes.map { GitHubAnnotations.Annotation(renumbered: $0, by: offset) }
            }
            digest?.addRemoved(session.removedGapsOutsideReports(previous).count)
            try transaction.commit()
            try store?.complete(runs.values)
        } catch {
            transaction.rollback()
            try? store?.discard(runs.values)
            throw error
        }
        progress?.finish()
        guard let digest else { return }
        if annotate {
            Console.out(GitHubAnnotations.render(annotations, language: options.lang, threshold: threshold,
                                                 notAssessed: digest.notAssessed, failOnUndeclared: failOnUndeclared))
        }
        if !quiet {
            let written = names.map { session.workspace.displayPath(folder.appendingPathComponent($0)) }
            Console.out(TerminalSummary(digest: digest, language: options.lang, threshold: threshold,
                                        colour: Console.colour, onlyNew: failOnNew,
                                        failOnUndeclared: failOnUndeclared).render(written: written))
            if let store, !runs.values.isEmpty {
                let numbers = runs.values.map { "#\($0)" }.joined(separator: ", ")
                Console.out(options.lang == .vi ? "Đã ghi vào lịch sử (\(store.location)): lần chạy \(numbers)"
                                                : "Recorded in the history (\(store.location)): run \(numbers)")
            }
        }
        if digest.blockingCount > 0 || (failOnUndeclared && digest.notAssessed > 0) { throw ExitCode(1) }
    }

    /// Runs shown in a report's trend, the audit being reported included.
    static let trendRuns = 6

    /// The default baseline: each organisation's last recorded run on or before the audit date.
    static func lastRuns(in store: HistoryStore, session: AuditSession, asOf: Day, language: Language) throws
        -> Baseline? {
        let titles = Dictionary(session.catalog.rules.map { ($0.id, $0.title[language]) }) { first, _ in first }
        var merged: Baseline?
        for inventory in session.inventories {
            guard let last = try store.latest(organization: inventory.organization.id, onOrBefore: asOf) else { continue }
            let baseline = try store.require(last.id).baseline { titles[$0] }
            if merged == nil { merged = baseline } else { merged?.merge(baseline) }
        }
        return merged
    }
}

/// The numbers of the runs recorded so far, from every organisation's thread.
final class RunIDs: @unchecked Sendable {
    private var ids: [Int64] = []
    private let lock = NSLock()

    func append(_ id: Int64) { lock.withLock { ids.append(id) } }
    var values: [Int64] { lock.withLock { ids.sorted() } }
}
