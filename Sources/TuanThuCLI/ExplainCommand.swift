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
        let inventory = try session.inventory(declaring: systemId)
        // The whole organisation: its duties are stated from all its systems.
        let organization = try auditor.audit([inventory]).organizations[0]
        guard let result = organization.systems.first(where: { $0.system.id == systemId }) else {
            throw EngineError.usage("no system '\(systemId)' in the inventories")
        }
        Console.out(Explanation(result: result, organization: organization, asOf: auditor.asOf,
                                language: options.lang).render())
    }
}
