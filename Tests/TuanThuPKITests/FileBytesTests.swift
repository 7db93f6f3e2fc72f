import Foundation
import Testing
import TuanThuPKI

/// Only ordinary files are read; anything else is refused before it is opened, in plain words (issue 20).
struct FileBytesTests {
    static func reason(_ path: String) -> String? {
        do {
            _ = try FileBytes.read(atPath: path, path: "x", limit: 1024)
            return nil
        } catch let error as PKIError {
            return error.reason
        } catch {
            return "\(error)"
        }
    }

    @Test func specialFilesAreNamedForWhatTheyAre() throws {
        #expect(Self.reason("/dev/null") == "cannot read: it is a device, not a file; tuanthu reads only ordinary files")
        #expect(Self.reason("/") == "cannot read: it is a folder, not a file")
        #expect(Self.reason("/nonexistent/file") == "cannot read: it does not exist")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(Self.reason(pipe) == "cannot read: it is a named pipe (FIFO), not a file; tuanthu reads only ordinary files")
        let loop = folder.appendingPathComponent("loop").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        #expect(Self.reason(loop) == "cannot read: its symbolic links go round in a loop")
        let big = folder.appendingPathComponent("big")
        try Data(count: 2048).write(to: big)
        #expect(Self.reason(big.path) == "file is 2048 bytes; the limit is 1024")
        let fine = folder.appendingPathComponent("fine")
        try Data("ok".utf8).write(to: fine)
        #expect(try FileBytes.read(atPath: fine.path, path: "fine", limit: 1024) == Array("ok".utf8))
    }
}
