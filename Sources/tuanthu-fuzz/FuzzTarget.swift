import Foundation
import TuanThuEngine
import TuanThuPKI

/// What tuanthu reads, one parser per target, for libFuzzer (`scripts/fuzz.sh TARGET SECONDS`) and
/// for replaying inputs (`tuanthu-fuzz TARGET FILE…`, the regression tests of `Tests/Fixtures/fuzz/`).
///
/// Every input either loads or is refused with an input error: both are fine. A crash, a leak, a
/// hang or an input slower than a second is what the fuzzer looks for.
enum FuzzTarget: String, CaseIterable {
    /// The YAML reader and the inventory decoder (the file written into a workspace, as `audit` reads it).
    case inventory
    /// A rule pack, decoded into a catalog.
    case rules
    /// A waivers file.
    case waivers
    /// A JSON baseline (`--baseline`), and the manifest `verify-report` reads.
    case baseline
    /// Certificates (PEM, DER, several blocks), each checked against the sample trust anchor.
    case certificate
    /// Revocation lists (PEM, DER).
    case crl
    /// CMS signatures, attached or detached.
    case cms
    /// PDF files: signature extraction, verification and the review of later updates.
    case pdf
    /// The search for private keys in any file.
    case keys

    /// A scratch workspace per process, made once: the engine targets write their input into it. In
    /// memory (`/dev/shm`) where there is one: on a disk busy with a build, opening the file alone
    /// took a second, which libFuzzer counted as a slow input.
    private static let workspace: URL = {
        var shared = ObjCBool(false)
        let base = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &shared) && shared.boolValue
            ? "/dev/shm" : NSTemporaryDirectory()
        let root = URL(fileURLWithPath: base)
            .appendingPathComponent("tuanthu-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        for folder in ["Inventories/certs", "Rules", "Reports"] {
            try? FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        return root.resolvingSymlinksInPath()
    }()

    /// The sample trust anchor (`Policies/trust/`, from the repository root) and the built-in
    /// document-signing profile.
    private static let session: PKISession? = {
        let root = trustFile
        guard let catalog = try? CatalogLoader(workspace: Workspace(root: workspace)).load(RuleSet.builtIn) else { return nil }
        return try? PKISession(trust: [root], untrusted: [], crls: [],
                               time: Timestamp(seconds: 1_796_083_200), // 2026-12-01T00:00:00Z
                               profile: catalog.certificateProfile(for: .documentSigning))
    }()

    /// Removes the scratch workspace (a replay's last step).
    static func cleanUp() {
        try? FileManager.default.removeItem(at: workspace)
    }

    /// The sample trust anchor, and the sample's signing certificate with its chain.
    private static let anchors: [Certificate] = (try? Certificate.load(contentsOf: trustFile, path: "root.pem")) ?? []
    private static let leaf: [Certificate]? = try? Certificate.load(
        contentsOf: URL(fileURLWithPath: "Inventories/certs/giam-doc.pem"), path: "giam-doc.pem")
    private static var trustFile: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["TUANTHU_FUZZ_TRUST"] ?? "Policies/trust/sample-test-root.pem")
    }

    /// Checks that the fixed parts are there (a fuzzer without its trust anchor would test little).
    func prepare() -> String? {
        switch self {
        case .crl:
            return Self.session == nil || Self.leaf == nil ? "run from the repository root (the sample trust anchor and Inventories/certs/giam-doc.pem are needed)" : nil
        case .certificate, .cms, .pdf:
            return Self.session == nil ? "no trust anchor at Policies/trust/sample-test-root.pem (run from the repository root, or set TUANTHU_FUZZ_TRUST)" : nil
        default:
            return nil
        }
    }

    func run(_ bytes: [UInt8]) {
        switch self {
        case .inventory:
            let file = Self.write(bytes, to: "Inventories/fuzz.yaml")
            _ = try? InventoryLoader(workspace: Workspace(root: Self.workspace)).load(files: [file])
        case .rules:
            _ = Self.write(bytes, to: "Rules/fuzz.yaml")
            guard let workspace = try? Workspace(root: Self.workspace) else { return }
            _ = try? CatalogLoader(workspace: workspace)
                .load(RuleSet.folder(Self.workspace.appendingPathComponent("Rules"), workspace: workspace))
        case .waivers:
            let file = Self.write(bytes, to: "waivers.yaml")
            _ = try? WaiverLoader.load(file, displayPath: "waivers.yaml")
        case .baseline:
            let file = Self.write(bytes, to: "Reports/old.json")
            _ = try? Baseline.load(file, displayPath: "Reports/old.json")
            if let workspace = try? Workspace(root: Self.workspace) {
                _ = try? ManifestCheck.verify(report: file, displayPath: "Reports/old.json", workspace: workspace)
            }
        case .certificate:
            guard let session = Self.session else { return }
            let certificates = (try? Certificate.load(bytes, path: "fuzz.pem")) ?? []
            for certificate in certificates.prefix(8) {
                _ = session.checker.check(certificate, at: session.time, carried: certificates)
            }
            _ = try? CertificateCache().load(bytes, path: "fuzz.pem")
        case .crl:
            // The lists as OpenSSL uses them: a sample leaf checked for revocation against them.
            guard let session = Self.session, let leaf = Self.leaf,
                  let lists = try? RevocationList.load(bytes, path: "fuzz.crl"), !lists.isEmpty else { return }
            let checker = CertificateChecker(trust: TrustMaterial(anchors: Self.anchors, intermediates: leaf.dropFirst().map { $0 },
                                                                  crls: lists),
                                             profile: session.checker.profile)
            _ = checker.check(leaf[0], at: session.time, carried: leaf)
        case .cms:
            guard let session = Self.session else { return }
            let verifier = SignatureVerifier(checker: session.checker)
            _ = try? verifier.verify(bytes, content: nil, at: session.time, path: "fuzz.p7s")
            _ = try? verifier.verify(bytes, content: Array("Báo cáo 6 tháng\n".utf8), at: session.time, path: "fuzz.p7s")
        case .pdf:
            guard let session = Self.session else { return }
            _ = PDFSignatureScanner.scan(bytes)
            _ = SignatureVerifier(checker: session.checker).verifyPDF(bytes, at: session.time, path: "fuzz.pdf")
        case .keys:
            _ = PrivateKeyDetector.inspect(bytes, fileName: "fuzz.bin")
            _ = PrivateKeyDetector.inspect(bytes, fileName: "fuzz.pem")
        }
    }

    /// Writes the input in place, without `fsync` (Foundation's `createFile` writes atomically and
    /// syncs: on a busy disk that alone took a second, which libFuzzer counted as a slow input).
    private static func write(_ bytes: [UInt8], to relative: String) -> URL {
        let file = workspace.appendingPathComponent(relative)
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return file }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            offset += count
        }
        return file
    }

    /// The target named by `TUANTHU_FUZZ_TARGET` (libFuzzer's command line is its own).
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["TUANTHU_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data(("TUANTHU_FUZZ_TARGET must be one of: "
                + allCases.map(\.rawValue).joined(separator: ", ") + "\n").utf8))
            exit(2)
        }
        if let problem = target.prepare() {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            exit(2)
        }
        return target
    }()
}

#if FUZZING
/// libFuzzer's entry point (built with `-sanitize=fuzzer,address -DFUZZING`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.selected.run(bytes)
    return 0
}

/// SwiftPM links an executable's entry point as `<module>_main`: it hands over to libFuzzer's
/// driver (whose own `main` is then not linked).
@_cdecl("tuanthu_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}

/// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#else
/// Replays inputs: `tuanthu-fuzz TARGET FILE…` runs each file through the target and prints how
/// long it took; exit 1 when one took a second or more.
@main
struct Replay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: tuanthu-fuzz TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(2)
        }
        if let problem = target.prepare() {
            print(problem)
            exit(2)
        }
        var slow = false
        for file in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot read")
                exit(2)
            }
            let start = DispatchTime.now().uptimeNanoseconds
            target.run(Array(data))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "%@: %.3f s", file, seconds))
            if seconds >= 1 { slow = true }
        }
        FuzzTarget.cleanUp()
        exit(slow ? 1 : 0)
    }
}
#endif
