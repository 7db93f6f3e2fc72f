import ArgumentParser
import Foundation
import TuanThuEngine

extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(iso: argument)
    }
}

extension Language: ExpressibleByArgument {}

/// The flags every workspace command shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "Rules folder (default: WORKSPACE/Rules).")
    var rules: String?

    @Option(name: .long, help: "Inventory file or folder; repeatable (default: WORKSPACE/Inventories).")
    var inventory: [String] = []

    @Option(name: .customLong("as-of"), help: "The audit date, YYYY-MM-DD (default: today).")
    var asOf: Day?

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    func load(workspace: String) throws -> AuditSession {
        let root = URL(fileURLWithPath: workspace)
        return try AuditSession.load(workspace: root, rules: rules.map { URL(fileURLWithPath: $0) },
                                     inventories: inventory.map { URL(fileURLWithPath: $0) })
    }

    /// `--as-of`, or today's date in the local time zone.
    var auditDate: Day {
        if let asOf { return asOf }
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day(ordinal: 0)
    }
}

/// `--fail-on critical|high|medium|low|none`.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, none

    var threshold: Severity? { Severity(rawValue: rawValue) }
}
