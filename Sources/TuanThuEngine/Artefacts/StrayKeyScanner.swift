import Foundation
import TuanThuPKI

/// Searches the folders holding the inventories for private key material, and names the system
/// each key belongs to: the one whose certificate carries its public key, else the one whose
/// artefacts sit nearest, else the first of its inventory.
struct StrayKeyScanner {
    let workspace: Workspace
    static let limit = 10 * 1024 * 1024

    func scan(_ inventories: [Inventory], certificates: [String: [Certificate]]) throws -> [String: [StrayKey]] {
        var result: [String: [StrayKey]] = [:]
        var seen: Set<String> = []
        for inventory in inventories {
            guard let first = inventory.systems.first else { continue }
            let folder = workspace.root.appendingPathComponent(inventory.file).deletingLastPathComponent()
            for file in files(below: folder) where seen.insert(file.path).inserted {
                let path = workspace.displayPath(file)
                guard let bytes = try? FileBytes.read(file, path: path, limit: Self.limit),
                      let found = PrivateKeyDetector.inspect(bytes, fileName: file.lastPathComponent) else { continue }
                let owner = owner(of: found, at: path, in: inventory, certificates: certificates) ?? first.id
                result[owner, default: []].append(StrayKey(path: path, kind: found.kind))
            }
        }
        return result
    }

    private func files(below folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [URL] = []
        while let file = enumerator?.nextObject() as? URL {
            if (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(file) }
        }
        return files.sorted { $0.path < $1.path }
    }

    private func owner(of key: PrivateKeyDetector.Found, at path: String, in inventory: Inventory,
                       certificates: [String: [Certificate]]) -> String? {
        if let publicKey = key.publicKey {
            for system in inventory.systems {
                for reference in system.certificates where certificates[reference.file]?.first?.publicKeyDER == publicKey {
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
