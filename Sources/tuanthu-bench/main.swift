import Foundation

// tuanthu-bench: speed figures, printed (never asserted by a timed test).
//   swift run -c release tuanthu-bench certs [COUNT]     certificates/s beside `openssl verify`
let arguments = Array(CommandLine.arguments.dropFirst())
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
do {
    switch arguments.first {
    case "certs":
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 2000 : 2000
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-bench-certs-\(count)")
        try CertificateBenchmark(count: count, folder: folder, repository: repository).run()
    default:
        print("usage: tuanthu-bench certs [COUNT]")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
