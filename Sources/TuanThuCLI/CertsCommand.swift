import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuPKI
import TuanThuReport

struct CertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Check certificates: chain, validity, key, algorithms, key usage, revocation.",
        discussion: "Each FILE's first certificate is checked; further certificates in a file serve as intermediates. "
            + "Exit 0 when all are valid for the purpose, 1 when one is not, 2 on unusable input.")

    @Argument(help: "Certificate files (PEM or DER).")
    var files: [String]

    @OptionGroup var options: PKIOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one certificate file") }
    }

    func run() throws {
        let session = try options.session()
        let results = try session.checkCertificates(files.map { URL(fileURLWithPath: $0) })
        let text = PKIText(language: options.lang)
        switch options.format {
        case .json: Console.out(try text.json(certificates: results))
        case .text: Console.out(results.map { text.certificate($0.file, $0.report) }.joined(separator: "\n\n"))
        }
        if results.contains(where: { !$0.report.isValid }) { throw ExitCode(1) }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a signed PDF, or a CMS/PKCS#7 signature (.p7s with --content FILE when detached).",
        discussion: "Exit 0 when every signature is valid, 1 when one is not or there is none, 2 on unusable input.")

    @Argument(help: "A signed PDF, or a CMS/PKCS#7 signature (DER or PEM).")
    var file: String

    @Option(name: .long, help: "The signed content of a detached signature.")
    var content: String?

    @OptionGroup var options: PKIOptions

    func run() throws {
        let session = try options.session()
        let reports = try session.verify(URL(fileURLWithPath: file), content: content.map { URL(fileURLWithPath: $0) })
        let text = PKIText(language: options.lang)
        switch options.format {
        case .json: Console.out(try text.json(file: file, signatures: reports))
        case .text: Console.out(text.signatures(file, reports))
        }
        if reports.isEmpty || reports.contains(where: { !$0.isValid }) || reports.changedAfterSigning { throw ExitCode(1) }
    }
}
