import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuPKI

extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(iso: argument)
    }
}

extension Language: ExpressibleByArgument {}

/// The flags every workspace command shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "Rules folder replacing the built-in rules (for rule authors; default: the rules built into tuanthu).")
    var rules: String?

    @Option(name: .long, help: "The organisation's own policies, laid over the rules (default: WORKSPACE/Policies when present).")
    var policies: String?

    @Option(name: .long, help: "Inventory file or folder; repeatable (default: WORKSPACE/Inventories).")
    var inventory: [String] = []

    @Option(name: .customLong("as-of"),
            help: "The audit date, YYYY-MM-DD (default: today in Vietnam, UTC+7, whatever the machine's time zone).")
    var asOf: Day?

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    func load(workspace: String) throws -> AuditSession {
        let root = URL(fileURLWithPath: workspace)
        let session = try AuditSession.load(workspace: root, rules: rules.map { URL(fileURLWithPath: $0) },
                                            policies: policies.map { URL(fileURLWithPath: $0) },
                                            inventories: inventory.map { URL(fileURLWithPath: $0) })
        session.notices.forEach { Console.error((lang == .vi ? "cảnh báo: " : "warning: ") + $0[lang]) }
        return session
    }

    /// `--as-of`, or today's date in Vietnam: the one place the workspace commands read the clock.
    var auditDate: Day {
        asOf ?? Day(inVietnamAt: Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))))
    }
}

/// `--fail-on critical|high|medium|low|none`.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, none

    var threshold: Severity? { Severity(rawValue: rawValue) }
}

extension AuditSession {
    /// The inventory that declares a system, or a usage error listing the systems there are.
    func inventory(declaring systemId: String) throws -> Inventory {
        if let inventory = inventories.first(where: { $0.systems.contains { $0.id == systemId } }) { return inventory }
        let ids = inventories.flatMap { $0.systems.map(\.id) }.sorted()
        let hint = ids.isEmpty ? "" : " (known: \(ids.joined(separator: ", ")))"
        throw EngineError.usage("no system '\(systemId)' in the inventories\(hint)")
    }
}
