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

    /// A `certs` command line of many files as ArgumentParser is given it (the first file only)
    /// and all its files; nil for any other command line, or one of few files. The options of
    /// `PKIOptions` all take a value; after `--`, everything is a file.
    static func splitFiles(_ arguments: [String]) -> (arguments: [String], files: [String])? {
        guard arguments.first == "certs", arguments.count > 64 else { return nil }
        let valued: Set<String> = ["--trust", "--untrusted", "--crl", "--as-of", "--purpose", "--rules", "--format", "--lang"]
        var kept = ["certs"]
        var files: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                files += arguments[(index + 1)...]
                break
            }
            if argument.hasPrefix("-") && argument.count > 1 {
                // An option this code does not know (help, a mistake): ArgumentParser judges it all.
                guard valued.contains(argument) || argument.contains("=") else { return nil }
                kept.append(argument)
                if !argument.contains("="), index + 1 < arguments.count {
                    kept.append(arguments[index + 1])
                    index += 1
                }
            } else {
                files.append(argument)
            }
            index += 1
        }
        guard let first = files.first else { return nil }
        return (kept + ["--", first], files)
    }

    /// Checked on every core; each result is written as soon as it and those before it are done,
    /// in the order the files were given.
    func run() throws {
        // The files are read and parsed while the rules (profiles, trust anchors) load.
        let urls = files.map { URL(fileURLWithPath: $0) }
        let reading = Background { try PKISession.loadCertificates(urls) }
        let session = try options.session()
        let loaded = try reading.value()
        let text = PKIText(language: options.lang, rules: session.rules)
        let out = StreamedOutput()
        var written = 0
        var failures = PKIText.CertificateFailures()
        switch options.format {
        case .json:
            try session.checkCertificates(loaded, render: { file, report in
                (report.failedRules(decisive: true), try text.jsonElement(file: file, report: report))
            }, deliver: { failed, element in
                out.write(written == 0 ? "[\n  " : ",\n  ")
                out.write(element)
                failures.add(failed)
                written += 1
            })
            // As Foundation writes an array: an empty one has an empty line inside.
            out.write(written == 0 ? "[\n\n]\n" : "\n]\n")
        case .text:
            try session.checkCertificates(loaded, render: { file, report in
                (report.failedRules(decisive: true), text.certificate(file, report))
            }, deliver: { failed, block in
                out.write(written == 0 ? block : "\n\n" + block)
                failures.add(failed)
                written += 1
            })
            out.write("\n")
        }
        out.flush()
        guard failures.invalid == 0 else {
            Console.error(text.certsExitExplanation(failures, of: written))
            throw ExitCode(1)
        }
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
        let text = PKIText(language: options.lang, rules: session.rules)
        switch options.format {
        case .json: Console.out(try text.json(file: file, signatures: reports))
        case .text: Console.out(text.signatures(file, reports))
        }
        guard reports.documentIsValid else {
            Console.error(text.verifyExitExplanation(reports))
            throw ExitCode(1)
        }
    }
}
