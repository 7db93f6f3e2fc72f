import ArgumentParser
import TuanThuEngine
import TuanThuReport

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why a system needs its level, under which regime, and every finding with its evidence.")

    @Argument(help: "The system id.")
    var systemId: String

    @Argument(help: "The workspace holding Rules/ and Inventories/.")
    var workspace: String = "."

    @OptionGroup var options: WorkspaceOptions

    func run() throws {
        let session = try options.load(workspace: workspace)
        let auditor = Auditor(catalog: session.catalog, asOf: options.auditDate)
        try auditor.validate(session.inventories)
        for inventory in session.inventories {
            guard let system = inventory.systems.first(where: { $0.id == systemId }) else { continue }
            let result = auditor.evaluate(system, in: inventory.organization)
            Console.out(Explanation(result: result, asOf: auditor.asOf, language: options.lang).render())
            return
        }
        let ids = session.inventories.flatMap { $0.systems.map(\.id) }.sorted()
        let hint = ids.isEmpty ? "" : " (known: \(ids.joined(separator: ", ")))"
        throw EngineError.usage("no system '\(systemId)' in the inventories\(hint)")
    }
}
