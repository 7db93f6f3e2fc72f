import Foundation
import TuanThuPKI

/// Verifies the signed documents a system lists: PDFs, detached `.p7s` with their content, and
/// attached `.p7m`. A folder stands for every file in it; a file with no signature is a finding.
struct DocumentChecker {
    let workspace: Workspace
    let verifier: SignatureVerifier
    let time: Timestamp
    static let limit = 100 * 1024 * 1024

    func check(_ reference: DocumentRef) -> [DocumentOutcome] {
        let url = workspace.root.appendingPathComponent(reference.path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [check(url, at: reference.location)]
        }
        let files = DirectoryWalker.files(below: url.path)
        let names = Set(files)
        return files.filter { !names.contains($0 + ".p7s") }
            .map { check(url.appendingPathComponent($0), at: reference.location) }
    }

    private func check(_ url: URL, at location: SourceLocation) -> DocumentOutcome {
        let path = workspace.displayPath(url)
        func outcome(_ signatures: [SignatureReport], _ problem: Localized? = nil) -> DocumentOutcome {
            DocumentOutcome(path: path, location: location, signatures: signatures, problem: problem)
        }
        do {
            let data = try FileBytes.read(url, path: path, limit: Self.limit)
            switch url.pathExtension.lowercased() {
            case "p7s":
                let content = url.deletingPathExtension()
                guard FileManager.default.fileExists(atPath: content.path) else {
                    return outcome([], Localized(vi: "chữ ký tách rời nhưng thiếu tệp nội dung \(content.lastPathComponent)",
                                                 en: "detached signature without its content file \(content.lastPathComponent)"))
                }
                let signed = try FileBytes.read(content, path: workspace.displayPath(content), limit: Self.limit)
                return outcome([try verifier.verify(data, content: signed, at: time, path: path)])
            case "p7m":
                return outcome([try verifier.verify(data, content: nil, at: time, path: path)])
            default:
                guard PDFSignatureScanner.isPDF(data) else {
                    return outcome([], Localized(vi: "chưa có chữ ký số (không phải PDF, không có tệp .p7s đi kèm)",
                                                 en: "no signature (not a PDF, no .p7s beside it)"))
                }
                let reports = verifier.verifyPDF(data, at: time, path: path)
                return outcome(reports, reports.isEmpty ? Localized(vi: "tệp PDF chưa có chữ ký số", en: "the PDF has no signature") : nil)
            }
        } catch {
            return outcome([], Localized("\(error)"))
        }
    }
}
