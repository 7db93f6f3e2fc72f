import Foundation

/// Reads inventory files (SPEC.md "Inventory") into `Inventory` values, every value located.
public struct InventoryLoader {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// At most this many input errors are reported from one run; beyond it a last line says so.
    public static let errorLimit = 50

    /// Loads all files and checks what spans files: organisation and system ids are unique.
    /// Every error found is reported at once (up to `errorLimit`): each file is read through, and
    /// within a file each system entry on its own, so that one mistake does not hide the next.
    public func load(files: [URL]) throws -> [Inventory] {
        var inventories: [Inventory] = []
        var errors: [EngineError] = []
        var systemSeen: [String: SourceLocation] = [:]
        var organizationSeen: [String: SourceLocation] = [:]
        let loaded = try Parallel.map(files) { file -> Result<Inventory, EngineErrors> in
            do { return .success(try load(file: file)) } catch { return .failure(EngineErrors(of: error)) }
        }
        for result in loaded {
            let inventory: Inventory
            switch result {
            case .success(let value): inventory = value
            case .failure(let failure): errors += failure.errors; continue
            }
            if let earlier = organizationSeen[inventory.organization.id] {
                errors.append(.input(inventory.organization.location,
                                     "organization '\(inventory.organization.id)' is already declared at \(earlier);"
                                     + " keep one organization per inventory file"))
            }
            organizationSeen[inventory.organization.id] = inventory.organization.location
            for system in inventory.systems {
                if let earlier = systemSeen[system.id] {
                    errors.append(.input(system.fieldLocations["id"] ?? system.location,
                                         "duplicate system id '\(system.id)' (first declared at \(earlier))"))
                }
                systemSeen[system.id] = system.fieldLocations["id"] ?? system.location
            }
            inventories.append(inventory)
        }
        for (id, at) in systemSeen.sorted(by: { $0.value < $1.value }) where organizationSeen[id] != nil {
            errors.append(.input(at, "system id '\(id)' is also an organization's id: the organisation's own "
                                     + "findings go by that id, so give the system another"))
        }
        try EngineErrors.check(errors, limit: Self.errorLimit)
        return inventories
    }

    public func load(file: URL) throws -> Inventory {
        let display = workspace.displayPath(file)
        let bytes = try YAMLLoader.read(file, displayPath: display, limit: YAMLLoader.maximumFileSize)
        let root = try YAMLLoader.parse(bytes: bytes, displayPath: display)
        var inventory = try decode(root, file: file, display: display)
        inventory.digest = FileDigest(of: bytes)
        return inventory
    }

    func decode(_ root: YNode, file: URL, display: String) throws -> Inventory {
        let top = try root.mapping("the inventory (expected 'organization' and 'systems')")
        let (declared, controlsNode) = try decodeOrganization(try top.required("organization"))
        var organization = declared
        var systems: [InfoSystem] = []
        var errors: [EngineError] = []
        if let node = controlsNode {
            let decoder = SystemDecoder(workspace: workspace, file: file, organization: organization)
            organization.controls = decoder.decodeControls(node, errors: &errors)
        }
        if let list = top.optional("systems") {
            let decoder = SystemDecoder(workspace: workspace, file: file, organization: organization)
            var declared: [String: SourceLocation] = [:]
            for item in try list.list("systems") {
                // Each entry on its own: an error in one does not stop the others being read.
                let system: InfoSystem
                do { system = try decoder.decode(item) } catch { errors += EngineErrors(of: error).errors; continue }
                let at = system.fieldLocations["id"] ?? system.location
                if let first = declared[system.id] {
                    errors.append(.input(at, "duplicate system id '\(system.id)' (first declared at \(first))"))
                }
                declared[system.id] = at
                systems.append(system)
            }
        }
        do { try top.finish() } catch { errors += EngineErrors(of: error).errors }
        try EngineErrors.check(errors)
        return Inventory(file: display, organization: organization, systems: systems)
    }

    /// The organisation, and its `controls:` node when it has one.
    private func decodeOrganization(_ node: YNode) throws -> (Organization, YNode?) {
        let map = try node.mapping("organization")
        let id = try map.required("id").identifier("organization id")
        let name = try map.required("name").string("organization name")
        var units: [OrgUnit] = []
        var unitIDs: Set<String> = []
        for item in try map.optional("units")?.list("units") ?? [] {
            let unitMap = try item.mapping("unit")
            var unit = OrgUnit(id: try unitMap.required("id").identifier("unit id"),
                               name: try unitMap.required("name").string("unit name"),
                               securityUnit: try unitMap.optional("security-unit")?.bool("security-unit") ?? false)
            unit.particulars = try Self.particulars(unitMap)
            try unitMap.finish()
            if !unitIDs.insert(unit.id).inserted {
                throw item.error("duplicate unit id '\(unit.id)'")
            }
            units.append(unit)
        }
        var owners: [OwnerBody] = []
        var ownerIDs: Set<String> = [id]
        for item in try map.optional("owners")?.list("owners") ?? [] {
            let entry = try item.mapping("owner")
            let kindNode = try entry.required("kind")
            let owner = OwnerBody(id: try entry.required("id").identifier("owner id"),
                                  name: try entry.required("name").string("owner name"),
                                  kind: try kindNode.enumValue("kind of owner", as: OwnerKind.self),
                                  delegation: try entry.optional("delegation")?.string("delegation"))
            try entry.finish()
            if !ownerIDs.insert(owner.id).inserted {
                throw item.error("owner '\(owner.id)' is listed twice or is the organization itself")
            }
            if owner.kind == .delegated, owner.delegation == nil {
                throw kindNode.error("a delegated owner needs 'delegation': the written delegation (Decree 331 Art. 4(3))")
            }
            owners.append(owner)
        }
        var predecessors: [Predecessor] = []
        var predecessorIDs: Set<String> = [id]
        for item in try map.optional("predecessors")?.list("predecessors") ?? [] {
            let entry = try item.mapping("predecessor")
            let predecessor = Predecessor(id: try entry.required("id").identifier("predecessor id"),
                                          name: try entry.required("name").string("predecessor name"),
                                          until: try entry.required("until").day("until"),
                                          decision: try entry.optional("decision")?.string("decision"))
            try entry.finish()
            if !predecessorIDs.insert(predecessor.id).inserted {
                throw item.error("predecessor '\(predecessor.id)' is listed twice or is the organization itself")
            }
            predecessors.append(predecessor)
        }
        let particulars = try Self.particulars(map)
        var letterhead = Letterhead()
        letterhead.parent = try map.optional("parent")?.string("parent")
        letterhead.abbreviation = try map.optional("abbreviation")?.string("abbreviation")
        letterhead.place = try map.optional("place")?.string("place")
        // Decoded by the caller, with a decoder that knows the workspace's paths.
        let controls = map.optional("controls")
        try map.finish()
        var organization = Organization(id: id, name: name, units: units, location: node.location)
        organization.predecessors = predecessors
        organization.owners = owners
        organization.controlsLocation = map.keyLocation("controls")
        organization.particulars = particulars
        organization.letterhead = letterhead
        return (organization, controls)
    }

    /// The optional particulars of an organisation or unit: `head`, `head-title`, `mandate`,
    /// `address`, `phone`, `email`.
    static func particulars(_ map: MappingReader) throws -> Particulars {
        var result = Particulars()
        func text(_ key: String) throws -> String? { try map.optional(key)?.string(key) }
        result.head = try text("head")
        result.headTitle = try text("head-title")
        result.mandate = try text("mandate")
        result.address = try text("address")
        result.phone = try text("phone")
        result.email = try text("email")
        return result
    }
}
