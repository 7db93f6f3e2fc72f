import Foundation

/// Lists regular files below a folder with `opendir`/`readdir` (Foundation's URL resource values
/// cost more than reading the files), sorted, symlinks not followed. Hidden entries are skipped,
/// unless `hidden` (the search for private keys, which skips only `.git`).
public enum DirectoryWalker {
    /// Paths relative to `root`, e.g. `certs/a.pem`.
    public static func files(below root: String, hidden: Bool = false) -> [String] {
        var result: [String] = []
        walk(root, prefix: "", into: &result, depth: 0, hidden: hidden)
        return result.sorted()
    }

    private static func walk(_ folder: String, prefix: String, into result: inout [String], depth: Int, hidden: Bool) {
        guard depth < 64, let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", name != ".git", hidden || !name.hasPrefix(".") else { continue }
            let path = folder + "/" + name
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                type = (status.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : ((status.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0)
            }
            if type == UInt8(DT_DIR) {
                walk(path, prefix: relative, into: &result, depth: depth + 1, hidden: hidden)
            } else if type == UInt8(DT_REG) {
                result.append(relative)
            }
        }
    }
}
