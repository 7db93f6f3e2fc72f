import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuHistory
import TuanThuPKI
import TuanThuReport

/// The `tuanthu` command: audits Vietnamese state information systems by security level.
public struct TuanThu: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tuanthu",
        abstract: "Audit information systems against Decree 85/2016 and Decree 331/2026 (security by level).",
        discussion: """
            Exit codes: 0 nothing at or above the threshold; 1 findings at or above it; \
            2 unusable input (file:line:column: error: message).
            """,
        version: "\(ToolInfo.version); rules \(RuleSet.builtInVersionLabel)",
        subcommands: [AuditCommand.self, ValidateCommand.self, CertsCommand.self, VerifyCommand.self, ExplainCommand.self,
                      RulesCommand.self, InitCommand.self, ChecklistCommand.self, ImportCommand.self,
                      DossierCommand.self, ReportCommand.self, HistoryCommand.self,
                      VerifyReportCommand.self]
    )

    public init() {}

    /// Runs the command line and returns the process exit code (0, 1 or 2).
    public static func run(_ arguments: [String]? = nil) -> Int32 {
        do {
            var command: ParsableCommand
            if let (shorter, files) = CertsCommand.splitFiles(arguments ?? Array(CommandLine.arguments.dropFirst())) {
                // ArgumentParser's work grows with the square of a list's length; `certs` is given thousands.
                var certs = try parseAsRoot(shorter)
                if var parsed = certs as? CertsCommand {
                    parsed.files = files
                    certs = parsed
                }
                command = certs
            } else {
                command = try parseAsRoot(arguments)
            }
            try command.run()
            return 0
        } catch let error as EngineError {
            let language = language(of: arguments ?? Array(CommandLine.arguments.dropFirst()))
            Console.error(InputErrorText.message(error, language))
            annotate([error], language)
            return 2
        } catch let error as EngineErrors {
            let language = language(of: arguments ?? Array(CommandLine.arguments.dropFirst()))
            error.errors.forEach { Console.error(InputErrorText.message($0, language)) }
            annotate(error.errors, language)
            return 2
        } catch let error as HistoryError {
            let language = language(of: arguments ?? Array(CommandLine.arguments.dropFirst()))
            Console.error((language == .vi ? "lỗi: " : "error: ") + error.text[language])
            return 2
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Console.out(message) }
                return 0
            }
            Console.error(message.hasPrefix("Error:") ? "error:" + message.dropFirst("Error:".count) : message)
            return 2
        }
    }
}

extension TuanThu {
    /// Under GitHub Actions, input errors become annotations on their file and line too.
    static func annotate(_ errors: [EngineError], _ language: Language) {
        guard ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" else { return }
        let prefix = Workspace.currentRepositoryPrefix
        Console.out(errors.map { GitHubAnnotations.inputError($0, language, repositoryPrefix: prefix) }
            .joined(separator: "\n"))
    }

    /// The `--lang` of the command line (`vi` unless `--lang en` is given), for its error messages:
    /// an input error may come before the options are parsed, or from them.
    static func language(of arguments: [String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst(7))) ?? .vi }
            if argument == "--lang", index + 1 < arguments.count { return Language(rawValue: arguments[index + 1]) ?? .vi }
        }
        return .vi
    }
}

/// Writes to the terminal; colour only on a terminal and never with `NO_COLOR`.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((safe(text) + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((safe(text) + "\n").utf8))
    }

    /// Text for a terminal: every control character from the inputs (a file name, a field of a
    /// certificate or a signed PDF) written as a visible `\u001B` escape, so that nothing read can
    /// move the cursor, retitle the window or hide a line. Only tuanthu's own colours stay: an ESC
    /// that starts a colour sequence (`ESC [ 1;31 m`), which `TerminalSummary` writes.
    static func safe(_ text: String) -> String {
        guard ControlCharacters.contains(text) else { return text }
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" {
                var end = index + 2
                while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == ";" { end += 1 }
                if end < scalars.count, scalars[end] == "m" {
                    out.unicodeScalars.append(contentsOf: scalars[index...end])
                    index = end + 1
                    continue
                }
            }
            if ControlCharacters.isRefused(scalar) {
                out += ControlCharacters.escaped(String(scalar))
            } else {
                out.unicodeScalars.append(scalar)
            }
            index += 1
        }
        return out
    }

    static var colour: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}

/// Standard output written as results come: straight through on a terminal (each result shows
/// when it is ready), in blocks of 64 KiB otherwise.
final class StreamedOutput {
    private var buffer: [UInt8] = []
    private let terminal = isatty(STDOUT_FILENO) == 1

    func write(_ text: String) {
        buffer.append(contentsOf: Console.safe(text).utf8)
        if terminal || buffer.count >= 1 << 16 { flush() }
    }

    /// JSON, whose writer already escapes every control character (DEL and C1 included).
    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if terminal || buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let count = buffer.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// An audit's progress on one line of standard error, redrawn in place; only on a terminal (a
/// pipe, a file or a CI log gets nothing), at most ten times a second.
final class TerminalProgress: @unchecked Sendable {
    private let language: Language
    private let lock = NSLock()
    private var lastDrawn: UInt64 = 0
    private var visible = false

    init?(language: Language) {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        self.language = language
    }

    func audit(_ step: AuditProgress) {
        switch step {
        case .readingArtefacts:
            show(language == .vi ? "Đang đọc chứng thư số, văn bản ký số và tìm khóa bí mật…"
                                 : "Reading certificates and signed documents, looking for private keys…")
        case .audited(let organizations, let ofOrganizations, let systems, let ofSystems):
            let percent = ofSystems == 0 ? 100 : systems * 100 / ofSystems
            show(language == .vi
                 ? "Đang đánh giá: \(organizations)/\(ofOrganizations) cơ quan, \(systems)/\(ofSystems) hệ thống (\(percent)%)"
                 : "Auditing: \(organizations)/\(ofOrganizations) organisations, \(systems)/\(ofSystems) systems (\(percent)%)",
                 force: organizations == 0 || organizations == ofOrganizations)
        }
    }

    func show(_ text: String, force: Bool = true) {
        lock.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            guard force || now - lastDrawn >= 100_000_000 else { return }
            lastDrawn = now
            visible = true
            // Back to the line's start, the line cleared, the text.
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        }
    }

    /// Clears the line before the summary is printed (or an error).
    func finish() {
        lock.withLock {
            guard visible else { return }
            visible = false
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        }
    }
}
