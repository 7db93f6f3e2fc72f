import Foundation
import TuanThuPKI

/// Searches the folders holding the inventories for private key material, and names the system
/// each key belongs to: the one whose certificate carries its public key, else the one whose
/// artefacts sit nearest, else the first of its inventory.
struct StrayKeyScanner {
    let workspace: Workspace
    static let limit = 10 * 1024 * 1024

    /// The folders holding inventories, each with its inventories and the files below it (by
    /// workspace path), in folder order; a file below several of them is listed under the first.
    struct Listing: Sendable {
        let folders: [(inventories: [Inventory], paths: [String])]
    }

    /// Lists the files to search: the walk of the folders, which one core does alone, and which
    /// the loader starts while it reads the certificates on the others.
    func list(_ inventories: [Inventory]) -> Listing {
        // Inventories sharing a folder are scanned together, once.
        var folders: [String: [Inventory]] = [:]
        for inventory in inventories where !inventory.systems.isEmpty {
            folders[(inventory.file as NSString).deletingLastPathComponent, default: []].append(inventory)
        }
        var seen: Set<String> = []
        return Listing(folders: folders.keys.sorted().map { folder in
            let base = folder.isEmpty ? workspace.root.path : workspace.filePath(folder)
            // Hidden folders too: a key in `.secrets/` is still a key in the workspace (only `.git` is skipped).
            var paths = DirectoryWalker.files(below: base, hidden: true).map { folder.isEmpty ? $0 : folder + "/" + $0 }
            // Nested folders are walked more than once; a file is searched once.
            if folders.count > 1 { paths = paths.filter { seen.insert($0).inserted } }
            return (folders[folder] ?? [], paths)
        })
    }

    /// `listing`: what `list` found; `alreadyRead`: the certificate files the loader read (by
    /// workspace path), not read again; `keys`: the keys found in them; `certificate`: a file's
    /// first certificate, to match a key's public key with.
    func scan(_ listing: Listing, alreadyRead: Dictionary<String, Int>.Keys,
              keys: [String: PrivateKeyDetector.Found],
              certificate: (String) -> Certificate?) throws -> [String: [StrayKey]] {
        var result: [String: [StrayKey]] = [:]
        for (group, paths) in listing.folders {
            let found = try Parallel.map(paths) { path -> PrivateKeyDetector.Found? in
                if alreadyRead.contains(path) { return keys[path] }
                let name = (path as NSString).lastPathComponent
                guard let bytes = try? FileBytes.read(atPath: workspace.filePath(path), path: path,
                                                      limit: Self.limit) else {
                    // Bigger files (a key appended to a video, an archive) are searched piece by piece.
                    return PrivateKeyDetector.inspectLarge(atPath: workspace.filePath(path))
                }
                return PrivateKeyDetector.inspect(bytes, fileName: name)
            }
            for (path, key) in zip(paths, found) {
                guard let key, let first = group.first?.systems.first else { continue }
                var owner: String?
                for inventory in group where owner == nil {
                    owner = self.owner(of: key, at: path, in: inventory, certificate: certificate)
                }
                result[owner ?? first.id, default: []].append(StrayKey(path: path, kind: key.kind))
            }
        }
        return result
    }

    private func owner(of key: PrivateKeyDetector.Found, at path: String, in inventory: Inventory,
                       certificate: (String) -> Certificate?) -> String? {
        if let publicKey = key.publicKey {
            for system in inventory.systems {
                for reference in system.certificates where certificate(reference.file)?.publicKeyDER == publicKey {
                    return system.id
                }
            }
        }
        let folder = (path as NSString).deletingLastPathComponent
        var best: (String, Int)?
        for system in inventory.systems {
            let artefacts = system.certificates.map(\.file) + system.documents.map(\.path) + system.crls.map(\.path)
            for artefact in artefacts {
                let shared = commonPrefix(folder, (artefact as NSString).deletingLastPathComponent)
                if shared > (best?.1 ?? 0) { best = (system.id, shared) }
            }
        }
        return best?.0
    }

    private func commonPrefix(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: "/")
        let right = b.split(separator: "/")
        return zip(left, right).prefix { $0 == $1 }.count
    }
}
