import Foundation
import Testing
@testable import TuanThuEngine

struct InventoryLoaderTests {
    func replacing(_ old: String, with new: String) -> String {
        Fixtures.inventory(system: Fixtures.validSystem.replacingOccurrences(of: old, with: new))
    }

    @Test func validInventoryLoadsWithLocations() throws {
        let inventories = try Fixtures.loadInventory(Fixtures.inventory(system: Fixtures.validSystem))
        let system = try #require(inventories.first?.systems.first)
        #expect(system.id == "portal")
        #expect(system.proposedLevel == 3)
        #expect(system.approvedLevel == 3)
        #expect(system.location(of: "level.approval.approver").line == 18)
        #expect(system.location(of: "classification.personal-data-subjects").line == 14)
    }

    @Test func unknownKeyIsAnErrorAtTheKey() {
        let failure = Fixtures.inventoryError(replacing("    owner: org", with: "    owner: org\n    ownr: org"))
        #expect(failure?.location?.line == 11)
        #expect(failure?.location?.column == 5)
        #expect(failure?.message.contains("unknown key 'ownr'") == true)
        #expect(failure?.message.contains("did you mean 'owner'") == true)
    }

    @Test func misspeltRequiredKeyIsNamedWhereItIsWritten() {
        let failure = Fixtures.inventoryError(replacing("    owner: org", with: "    ownr: org"))
        #expect(failure?.location?.line == 10)
        #expect(failure?.location?.column == 5)
        #expect(failure?.message.hasSuffix("error: unknown key 'ownr' in system; did you mean 'owner'?") == true)
    }

    @Test func misspeltEnumValueSuggestsTheRightOne() {
        let failure = Fixtures.inventoryError(replacing("[public, personal]", with: "[public, secrte]"))
        #expect(failure?.location?.line == 13)
        #expect(failure?.message.contains("unknown information type 'secrte'") == true)
    }

    @Test func impossibleDateIsAnError() {
        let failure = Fixtures.inventoryError(replacing("in-service: 2020-01-01", with: "in-service: 2023-02-30"))
        #expect(failure?.location?.line == 15)
        #expect(failure?.message.contains("not a real calendar date") == true)
    }

    @Test func levelOutsideOneToFiveIsAnError() {
        let failure = Fixtures.inventoryError(replacing("proposed: 3", with: "proposed: 6"))
        #expect(failure?.location?.line == 17)
        #expect(failure?.message.contains("between 1 and 5") == true)
    }

    @Test func duplicateSystemIdIsAnError() {
        let twice = Fixtures.inventory(system: Fixtures.validSystem + "\n" + Fixtures.validSystem)
        let failure = Fixtures.inventoryError(twice)
        #expect(failure?.message.contains("duplicate system id 'portal'") == true)
        #expect((failure?.location?.line ?? 0) > 20)
    }

    @Test func duplicateSystemIdAcrossFilesIsAnError() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = root.appendingPathComponent("Inventories/a.yaml")
        let second = root.appendingPathComponent("Inventories/b.yaml")
        try Data(Fixtures.inventory(system: Fixtures.validSystem).utf8).write(to: first)
        let other = Fixtures.inventory(system: Fixtures.validSystem).replacingOccurrences(of: "id: org", with: "id: org2")
            .replacingOccurrences(of: "owner: org", with: "owner: org2")
        try Data(other.utf8).write(to: second)
        #expect(throws: EngineError.self) {
            try InventoryLoader(workspace: try Workspace(root: root)).load(files: [first, second])
        }
        do {
            _ = try InventoryLoader(workspace: try Workspace(root: root)).load(files: [first, second])
        } catch let error as EngineError {
            #expect(error.location?.file == "Inventories/b.yaml")
            #expect(error.message.contains("first declared at Inventories/a.yaml"))
        }
    }

    @Test func pathEscapingTheWorkspaceIsAnError() {
        let escaping = replacing("    in-service: 2020-01-01", with: "    in-service: 2020-01-01\n    documents: [../../etc/passwd]")
        let failure = Fixtures.inventoryError(escaping)
        #expect(failure?.message.contains("leads outside the workspace") == true)
        #expect(failure?.location?.line == 16)
    }

    @Test func symlinkEscapingTheWorkspaceIsAnError() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("Inventories/out").path,
                                                   withDestinationPath: "/etc")
        let text = replacing("    in-service: 2020-01-01", with: "    in-service: 2020-01-01\n    documents: [out/hostname]")
        let file = root.appendingPathComponent("Inventories/x.yaml")
        try Data(text.utf8).write(to: file)
        do {
            _ = try InventoryLoader(workspace: try Workspace(root: root)).load(files: [file])
            Issue.record("a symlink out of the workspace must be refused")
        } catch let error as EngineError {
            #expect(error.message.contains("leads outside the workspace"))
        }
    }

    /// Folders are resolved once and reused; a file that is itself a symlink is still followed:
    /// out of the workspace it is refused, inside it stands for its target.
    @Test func symlinkedFileIsFollowed() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let inventories = root.appendingPathComponent("Inventories")
        try Data("evidence".utf8).write(to: inventories.appendingPathComponent("target.md"))
        try FileManager.default.createSymbolicLink(atPath: inventories.appendingPathComponent("inside.md").path,
                                                   withDestinationPath: "target.md")
        try FileManager.default.createSymbolicLink(atPath: inventories.appendingPathComponent("outside.md").path,
                                                   withDestinationPath: "/etc/hostname")
        let file = inventories.appendingPathComponent("x.yaml")
        let cases = [("target.md", false), ("inside.md", false), ("outside.md", true), ("inside.md", false)]
        for (document, refused) in cases {
            let text = replacing("    in-service: 2020-01-01",
                                 with: "    in-service: 2020-01-01\n    documents: [\(document)]")
            try Data(text.utf8).write(to: file)
            do {
                let inventory = try InventoryLoader(workspace: try Workspace(root: root)).load(files: [file])
                #expect(!refused, "\(document) must be refused")
                #expect(inventory.first?.systems.first?.documents.first?.path == "Inventories/target.md")
            } catch let error as EngineError {
                #expect(refused, "\(document): \(error.message)")
                #expect(error.message.contains("leads outside the workspace"))
            }
        }
    }

    /// A path is split at every `/` byte, as the file system splits it, even where a combining
    /// mark after the slash makes one Swift character of the two: `..` then climbs out of the
    /// component the system sees, not out of the one before it.
    @Test func pathsSplitAtEverySlashByte() throws {
        #expect(Workspace.components("/a//b/\u{301}/../c/") == ["a", "b", "\u{301}", "..", "c"])
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("Inventories/x")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("evidence".utf8).write(to: folder.appendingPathComponent("target.md"))
        let text = replacing("    in-service: 2020-01-01",
                             with: "    in-service: 2020-01-01\n    documents: [\"x/\u{301}/../target.md\"]")
        let file = root.appendingPathComponent("Inventories/x.yaml")
        try Data(text.utf8).write(to: file)
        let inventory = try InventoryLoader(workspace: try Workspace(root: root)).load(files: [file])
        #expect(inventory.first?.systems.first?.documents.first?.path == "Inventories/x/target.md")
    }

    @Test func missingReferencedFileIsAnError() {
        let missing = replacing("    in-service: 2020-01-01", with: "    in-service: 2020-01-01\n    documents: [signed/]")
        #expect(Fixtures.inventoryError(missing)?.message.contains("does not exist") == true)
    }

    @Test func notApplicableControlNeedsANote() {
        let text = replacing("    in-service: 2020-01-01", with: "    in-service: 2020-01-01\n    controls:\n      X.1: { status: not-applicable }")
        #expect(Fixtures.inventoryError(text)?.message.contains("no 'note'") == true)
    }

    @Test func operatorMustBeAUnit() {
        let failure = Fixtures.inventoryError(replacing("operator: it", with: "operator: itt"))
        #expect(failure?.message.contains("did you mean 'it'") == true)
    }

    @Test func approvalWithoutLevelIsAnError() {
        #expect(Fixtures.inventoryError(replacing("      proposed: 3\n", with: ""))?.message.contains("approved level") == true)
    }

    @Test func notAnInventoryIsAnError() {
        #expect(Fixtures.inventoryError("just a sentence")?.message.contains("expected a mapping") == true)
        #expect(Fixtures.inventoryError("- a\n- b\n")?.location?.line == 1)
        #expect(Fixtures.inventoryError("organization: { id: Bad Id, name: x }")?.message.contains("a-z") == true)
    }
}
