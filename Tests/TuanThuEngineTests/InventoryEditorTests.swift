import Testing
@testable import TuanThuEngine

/// `checklist --write` inserts lines and never changes a line already written.
struct InventoryEditorTests {
    let text = """
        organization:
          id: so
          name: Sở
          units:
            - { id: vp, name: Văn phòng, security-unit: true }
        systems:
          # first
          - id: a
            name: A
            level:
              proposed: 2
              # approval: { decision: "1/QĐ" }
          # second, with controls
          - id: b
            name: B
            controls:
              X.ONE: implemented   # kept
              # X.TWO: planned
            in-service: 2020-01-01
          - { id: c, name: C }

        """

    func location(_ line: Int, _ column: Int) -> TuanThuEngine.SourceLocation { TuanThuEngine.SourceLocation(file: "so.yaml", line: line, column: column) }

    /// Every line of `before` is in `after`, in order.
    func keepsEveryLine(_ before: String, _ after: String) -> Bool {
        var rest = after.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in before.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let found = rest.firstIndex(of: line) else { return false }
            rest = rest[(found + 1)...]
        }
        return true
    }

    @Test func aNewControlsBlockGoesAtTheEndOfTheSystemAfterItsComments() throws {
        var editor = InventoryEditor(text: text, file: "so.yaml")
        try editor.insertControls(["# added", "Y.ONE: not-implemented  # title"], intoMappingAt: location(8, 5))
        let lines = editor.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[11] == "      # approval: { decision: \"1/QĐ\" }")
        #expect(lines[12] == "    controls:")
        #expect(lines[13] == "      # added")
        #expect(lines[14] == "      Y.ONE: not-implemented  # title")
        #expect(lines[15] == "  # second, with controls")
        #expect(keepsEveryLine(text, editor.text))
    }

    @Test func entriesJoinAnExistingBlockAtItsIndentation() throws {
        var editor = InventoryEditor(text: text, file: "so.yaml")
        try editor.insertControls(["Y.ONE: not-implemented"], intoMappingAt: location(14, 5))
        let lines = editor.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[16] == "      X.ONE: implemented   # kept")
        #expect(lines[17] == "      # X.TWO: planned")
        #expect(lines[18] == "      Y.ONE: not-implemented")
        #expect(lines[19] == "    in-service: 2020-01-01")
        #expect(keepsEveryLine(text, editor.text))
    }

    @Test func theOrganisationGetsItsOwnBlock() throws {
        var editor = InventoryEditor(text: text, file: "so.yaml")
        try editor.insertControls(["P.DUTY: not-implemented"], intoMappingAt: location(2, 3))
        let lines = editor.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[5] == "  controls:")
        #expect(lines[6] == "    P.DUTY: not-implemented")
        #expect(lines[7] == "systems:")
    }

    @Test func flowStyleIsRefusedWithItsLocation() {
        var editor = InventoryEditor(text: text, file: "so.yaml")
        #expect(throws: EngineError.self) { try editor.insertControls(["Y: planned"], intoMappingAt: location(20, 7)) }
        let oneLine = "systems:\n  - id: a\n    controls: { X: planned }\n"
        var other = InventoryEditor(text: oneLine, file: "so.yaml")
        do {
            try other.insertControls(["Y: planned"], intoMappingAt: location(2, 5))
            Issue.record("a one-line controls was rewritten")
        } catch let error as EngineError {
            #expect(error.message.hasPrefix("so.yaml:3:5: error: 'controls' is written on one line"), "\(error.message)")
        } catch {
            Issue.record("\(error)")
        }
        #expect(other.text == oneLine)
    }

    @Test func aFileWithoutFinalNewlineKeepsItsShape() throws {
        var editor = InventoryEditor(text: "systems:\n  - id: a\n    name: A", file: "so.yaml")
        try editor.insertControls(["Y: planned"], intoMappingAt: location(2, 5))
        #expect(editor.text == "systems:\n  - id: a\n    name: A\n    controls:\n      Y: planned")
    }
}
