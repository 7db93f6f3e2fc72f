import Foundation
import Testing
@testable import TuanThuEngine

/// `Rules/instruments.yaml`: every cited instrument is known, and no rule rests on a lapsed one
/// without saying so.
struct InstrumentTests {
    @Test func shippedCatalogCitesOnlyListedInstruments() throws {
        let registry = try #require(Fixtures.catalog.instruments)
        for (source, location) in Fixtures.catalog.citedSources {
            for name in InstrumentRegistry.names(in: source) {
                #expect(registry.instruments[name] != nil, "\(location): \(name)")
            }
        }
    }

    /// The audit dates of the sample and of each switch of the law: nothing rests silently on an
    /// instrument that had lapsed by then (Circular 03/2017 on 01/10/2022, Law 86/2015 on 01/07/2026).
    @Test(arguments: ["2022-10-01", "2026-07-01", "2026-12-01", "2027-07-01"])
    func noRuleRestsOnALapsedInstrumentWithoutSayingSo(asOf: String) {
        let problems = Fixtures.catalog.lapseProblems(asOf: Fixtures.day(asOf))
        #expect(problems.isEmpty, "\(problems.map { "\($0.location): \($0.message)" })")
    }

    @Test func aRuleOnALapsedInstrumentStopsTheAuditUntilItSaysSo() throws {
        var catalog = Fixtures.catalog
        let index = try #require(catalog.rules.firstIndex { $0.id == "PROC.REPORT.ANNUAL" })
        catalog.rules[index].source = LegalSource(instrument: "Thông tư 03/2017/TT-BTTTT", article: "17")
        let auditor = Auditor(catalog: catalog, asOf: Fixtures.day("2026-12-01"))
        #expect(throws: EngineError.self) { try auditor.validate([]) }
        // Before the lapse the same source is fine.
        #expect(throws: Never.self) { try Auditor(catalog: catalog, asOf: Fixtures.day("2022-09-30")).validate([]) }
        let problem = try #require(catalog.lapseProblems(asOf: Fixtures.day("2026-12-01")).first)
        #expect(problem.message.contains("lapsed on 2022-10-01"))
        #expect(problem.message.contains("Thông tư 12/2022/TT-BTTTT"))
        // Saying so, with the right date, is accepted; a wrong date is not.
        catalog.rules[index].source.lapsed = Fixtures.day("2022-10-01")
        #expect(catalog.lapseProblems(asOf: Fixtures.day("2026-12-01")).isEmpty)
        catalog.rules[index].source.lapsed = Fixtures.day("2022-09-01")
        #expect(!catalog.lapseProblems(asOf: Fixtures.day("2026-12-01")).isEmpty)
    }

    @Test func anUnlistedInstrumentIsAnErrorWithItsLocation() throws {
        let folder = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("Rules")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Rules"), to: rules)
        let pack = rules.appendingPathComponent("requirements/procedures.yaml")
        let text = try String(contentsOf: pack, encoding: .utf8)
            .replacingOccurrences(of: "instrument: \"Thông tư 12/2022/TT-BTTTT\"", with: "instrument: \"Thông tư 12/2020/TT-BTTTT\"")
        try text.write(to: pack, atomically: true, encoding: .utf8)
        let workspace = try Workspace(root: folder)
        #expect {
            _ = try CatalogLoader(workspace: workspace).load(folder: rules)
        } throws: { error in
            let message = (error as? EngineError)?.message ?? ""
            return message.contains("procedures.yaml:") && message.contains("not listed in instruments.yaml")
                && message.contains("did you mean 'Thông tư 12/2022/TT-BTTTT'")
        }
    }
}
