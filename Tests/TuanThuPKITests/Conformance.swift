import Foundation
@testable import TuanThuPKI

/// The public conformance suites in the steering repository's `shared/conformance/`.
enum Conformance {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let folder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")

    /// x509-limbo leaves `validation_time` empty where any time will do ("now", says its harness):
    /// those cases' certificates are valid from 1970 to 2969. They are judged at the tests' fixed audit
    /// instant, so that no result depends on the day the suite runs.
    static let limboDefaultTime = TestPKI.auditTime

    /// A case's own validation time, or the fixed instant.
    static func limboTime(_ item: [String: Any]) -> Timestamp {
        (item["validation_time"] as? String).flatMap(Timestamp.init(iso:)) ?? limboDefaultTime
    }

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(path)))
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(path)))
    }
}
