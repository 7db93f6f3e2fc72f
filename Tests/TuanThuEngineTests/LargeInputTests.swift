import Foundation
import Testing
@testable import TuanThuEngine

/// 100,000 items of each list a user writes (issue 20): every duplicate check and lookup over them
/// is a set or a dictionary, so these load in about a second where comparing pairs took minutes. The
/// time limit only stops a regression from hanging the suite; the figures are in docs/limits.md.
@Suite(.timeLimit(.minutes(1)))
struct LargeInputTests {
    static let count = 100_000

    @Test func oneHundredThousandUnitsLoadAndTheirDuplicateIsFound() throws {
        let units = (0..<Self.count).map { "    - { id: u\($0), name: Đơn vị \($0) }" }.joined(separator: "\n")
        let systems = (0..<200).map { index in
            Fixtures.validSystem.replacingOccurrences(of: "id: portal", with: "id: portal\(index)")
                .replacingOccurrences(of: "operator: it", with: "operator: u\(index * 499)")
        }.joined(separator: "\n")
        let text = Fixtures.organization.replacingOccurrences(of: "  units:\n", with: "  units:\n\(units)\n")
            + "\nsystems:\n" + systems
        let inventory = try #require(try Fixtures.loadInventory(text).first)
        #expect(inventory.organization.units.count >= Self.count)
        #expect(inventory.systems.count == 200)
        #expect(inventory.organization.unit("u99999")?.name == "Đơn vị 99999")
        let twice = Fixtures.organization.replacingOccurrences(of: "  units:\n", with: "  units:\n\(units)\n    - { id: u5, name: again }\n")
            + "\nsystems:\n" + Fixtures.validSystem
        #expect(Fixtures.inventoryError(twice)?.message.contains("duplicate unit id 'u5'") == true)
    }

    @Test func oneHundredThousandWaiversAreReadAndTheirDuplicateIsFound() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let entries = (0..<Self.count).map {
            "  - { rule: APPROVAL.MISSING, system: s\($0), justification: j, approved-by: a, expires: 2027-01-01 }"
        }
        let file = root.appendingPathComponent("waivers.yaml")
        // Read to its last entry, which repeats one: every waiver is read and compared once.
        try Data(("waivers:\n" + entries.joined(separator: "\n") + "\n" + entries[70_000] + "\n").utf8).write(to: file)
        do {
            _ = try WaiverLoader.load(file, displayPath: "waivers.yaml")
            Issue.record("a repeated waiver must be refused")
        } catch let error as EngineError {
            #expect(error.location?.line == Self.count + 2)
            #expect(error.message.contains("already given at waivers.yaml:70002"))
        }
    }

    /// A file of one-letter items (8 million values in 16 MiB) took 770 MB to read: a file holds at
    /// most 2,000,000 values, and the one past the limit is named.
    @Test func valuesPerFileAreBounded() throws {
        let items = Array(repeating: "a", count: 2_100_000).joined(separator: ",")
        let text = "organization: { id: so, name: S }\nsystems: []\nx: [" + items + "]\n"
        let error = Fixtures.inventoryError(text)
        #expect(error?.message.contains("more than 2000000 values") == true, "\(String(describing: error))")
        #expect(error?.location?.line == 3)
    }
}
