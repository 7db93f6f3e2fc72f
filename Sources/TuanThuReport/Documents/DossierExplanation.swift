import TuanThuEngine

/// The explanation of a system's level-proposal dossier (thuyết minh hồ sơ đề xuất cấp độ), in the
/// three parts the governing regime asks for: Circular 12/2022 Art. 8(2)–(6) under Decree 85, Decree
/// 331/2026 Art. 22(2)–(6) under Decree 331. What the inventory does not say is a marked blank.
struct DossierExplanation {
    let context: DocumentContext
    let result: SystemResult

    private var system: InfoSystem { result.system }
    private var regime: String { result.standing.governing.id }
    private var newRegime: Bool { DocumentContext.isNewRegime(regime) }
    private var level: Int { system.proposedLevel ?? result.standing.required.level }
    private func pick(_ vi: String, _ en: String) -> String { context.pick(vi, en) }

    /// "Điều 22 Nghị định 331" or "Điều 8 Thông tư 12": where each part comes from.
    private func article(_ nd331: String, _ tt12: String) -> String {
        newRegime ? pick("\(nd331) Nghị định số 331/2026/NĐ-CP", "Decree 331/2026 \(nd331)")
                  : pick("\(tt12) Thông tư số 12/2022/TT-BTTTT", "Circular 12/2022 \(tt12)")
    }

    func document() -> OfficialDocument {
        let org = context.org
        var body: [Block] = []
        body += context.legalBasis(newRegime
            ? [pick("Căn cứ Luật An ninh mạng số 116/2025/QH15", "Having regard to Cybersecurity Law 116/2025/QH15"),
               pick("Căn cứ Nghị định số 331/2026/NĐ-CP của Chính phủ về bảo vệ an ninh mạng đối với hệ thống thông tin",
                    "Having regard to Government Decree 331/2026/NĐ-CP on the cybersecurity of information systems")]
            : [pick("Căn cứ Nghị định số 85/2016/NĐ-CP của Chính phủ về bảo đảm an toàn hệ thống thông tin theo cấp độ",
                    "Having regard to Government Decree 85/2016/NĐ-CP on information-system security by level"),
               pick("Căn cứ Thông tư số 12/2022/TT-BTTTT của Bộ Thông tin và Truyền thông quy định chi tiết và hướng dẫn "
                    + "một số điều của Nghị định số 85/2016/NĐ-CP",
                    "Having regard to Circular 12/2022/TT-BTTTT detailing Decree 85/2016/NĐ-CP")])
        body += overview()
        body += proposal()
        body += plan()
        var document = OfficialDocument(
            parentBody: org.letterhead.parent.map { Text($0) }, issuer: Text(org.name), number: nil,
            place: context.place, date: nil, year: context.asOf.year, kind: pick("THUYẾT MINH", "EXPLANATORY NOTE"),
            excerpt: [Text(pick("Hồ sơ đề xuất cấp độ hệ thống thông tin", "Level-proposal dossier of the information system")),
                      Text(system.name)],
            body: body, recipients: [], signature: context.signature(title: org.particulars.headTitle, name: org.particulars.head))
        document.form = article("Điều 22", "Điều 8")
        return document
    }

    // MARK: - I. Overview

    private func overview() -> [Block] {
        let org = context.org
        let architecture = system.architecture ?? Architecture()
        var blocks: [Block] = [.heading(1, Text(pick("I. THUYẾT MINH TỔNG QUAN VỀ HỆ THỐNG THÔNG TIN",
                                                      "I. OVERVIEW OF THE INFORMATION SYSTEM")))]
        blocks.append(.heading(2, Text(pick("1. Thông tin về chủ quản hệ thống thông tin", "1. The system owner"))))
        blocks.append(context.particularsTable(name: org.ownerName(system.owner), context.ownerParticulars(system)))
        blocks.append(.heading(2, Text(pick("2. Thông tin về đơn vị vận hành hệ thống thông tin", "2. The operator"))))
        let unit = org.unit(system.operatorUnit)
        blocks.append(context.particularsTable(name: unit?.name ?? system.operatorUnit, unit?.particulars ?? Particulars()))
        blocks.append(.heading(2, Text(pick("3. Phạm vi, quy mô của hệ thống thông tin", "3. Scope and scale"))))
        blocks.append(.paragraph(Text(pick("Mô tả chung: ", "Description: ")) + .value(architecture.description, or: pick(
            "mô tả mục đích, chức năng của hệ thống", "purpose and functions of the system"))))
        blocks.append(.paragraph(Text(pick("Phạm vi, quy mô: ", "Scope and scale: ")) + .value(architecture.scale, or: pick(
            "phạm vi sử dụng, số lượng người dùng, khối lượng dữ liệu", "where it is used, users, data volume"))))
        blocks.append(.paragraph(Text(pick("Đối tượng phục vụ: ", "Users served: ")) + .value(architecture.users, or: pick(
            "đối tượng phục vụ của hệ thống", "who the system serves"))))
        var facts = [pick("Đưa vào vận hành: ", "In service since: ") + context.date(system.inService)]
        if system.classification.personalDataSubjects > 0 {
            facts.append(pick("xử lý dữ liệu cá nhân của \(system.classification.personalDataSubjects.grouped) chủ thể",
                              "personal data of \(system.classification.personalDataSubjects) people"))
        }
        blocks.append(.paragraph(Text(facts.joined(separator: "; ") + ".")))
        blocks.append(.heading(2, Text(newRegime || system.inService <= context.asOf
            ? pick("4. Hiện trạng kiến trúc hệ thống", "4. The system's architecture as it stands")
            : pick("4. Mô tả kiến trúc hệ thống", "4. The system's architecture"))))
        blocks.append(.paragraph(Text(pick("a) Mô hình lô-gic: ", "a) Logical model: ")) + .value(
            architecture.logicalModel, or: pick("mô tả hoặc sơ đồ mô hình lô-gic", "description or drawing"))))
        blocks.append(.paragraph(Text(pick("b) Mô hình vật lý: ", "b) Physical model: ")) + .value(
            architecture.physicalModel, or: pick("mô tả hoặc sơ đồ mô hình vật lý", "description or drawing"))))
        blocks.append(.paragraph(Text(pick("c) Danh mục thiết bị và thiết bị mạng chính:", "c) Devices and main network devices:"))))
        let devices = architecture.devices.sorted { $0.main && !$1.main }
        blocks.append(.table(DocumentTable(
            columns: [.init(pick("STT", "No."), weight: 1, centered: true),
                      .init(pick("Tên thiết bị/chủng loại", "Device / type"), weight: 5),
                      .init(pick("Số lượng", "Count"), weight: 2, centered: true),
                      .init(pick("Vị trí triển khai", "Location"), weight: 3),
                      .init(pick("Mục đích sử dụng", "Purpose"), weight: 4)],
            rows: devices.isEmpty ? [blankRow(5, pick("chưa khai báo thiết bị (architecture.devices)", "no devices declared"))]
                : devices.enumerated().map { index, device in
                    [Text("\(index + 1)"),
                     Text(([device.name, device.model].compactMap { $0 }).joined(separator: " — "))
                        + (device.main ? pick(" (thiết bị mạng chính)", " (main network device)") : ""),
                     Text("\(device.count)"), .value(device.zone, or: pick("vị trí", "location")),
                     .value(device.kind, or: pick("mục đích", "purpose"))]
                })))
        blocks.append(.paragraph(Text(pick("d) Danh mục ứng dụng, dịch vụ:", "d) Applications and services:"))))
        blocks.append(.table(DocumentTable(
            columns: [.init(pick("STT", "No."), weight: 1, centered: true),
                      .init(pick("Tên dịch vụ", "Service"), weight: 5),
                      .init(pick("Máy chủ/vị trí triển khai", "Host / location"), weight: 4),
                      .init(pick("Mục đích sử dụng", "Purpose"), weight: 5)],
            rows: architecture.services.isEmpty ? [blankRow(4, pick("chưa khai báo dịch vụ (architecture.services)", "no services declared"))]
                : architecture.services.enumerated().map { index, service in
                    [Text("\(index + 1)"), Text(service.name), .value(service.zone, or: pick("vị trí", "location")),
                     .value(service.description, or: pick("mục đích", "purpose"))]
                })))
        blocks.append(.paragraph(Text(pick("đ) Quy hoạch vùng mạng và địa chỉ IP:", "e) Network zones and IP plan:"))))
        blocks.append(.table(DocumentTable(
            columns: [.init(pick("STT", "No."), weight: 1, centered: true),
                      .init(pick("Vùng mạng", "Zone"), weight: 4),
                      .init(pick("Địa chỉ IP (nội bộ/công khai)", "IP addresses (private/public)"), weight: 5),
                      .init(pick("Mục đích", "Purpose"), weight: 5)],
            rows: architecture.zones.isEmpty ? [blankRow(4, pick("chưa khai báo vùng mạng (architecture.zones)", "no zones declared"))]
                : architecture.zones.enumerated().map { index, zone in
                    [Text("\(index + 1)"), Text(zone.name), .value(zone.addresses, or: pick("dải địa chỉ IP", "IP range")),
                     .value(zone.purpose, or: pick("mục đích", "purpose"))]
                })))
        return blocks
    }

    private func blankRow(_ columns: Int, _ what: String) -> [Text] {
        [Text("1"), .blank(what)] + Array(repeating: Text(""), count: columns - 2)
    }

    // MARK: - II. The level proposal

    private func proposal() -> [Block] {
        let standing = result.standing
        let lang = context.language
        var blocks: [Block] = [.heading(1, Text(pick("II. THUYẾT MINH VỀ VIỆC ĐỀ XUẤT CẤP ĐỘ", "II. THE LEVEL PROPOSAL")))]
        blocks.append(.heading(2, Text(pick("1. Danh mục hệ thống thông tin và cấp độ đề xuất",
                                            "1. Systems and proposed levels"))))
        let deciding = standing.required.deciding
        let grounds = deciding.isEmpty
            ? Text(pick("Không đáp ứng tiêu chí nào của cấp độ cao hơn cấp độ 1", "No criterion above level 1 is met"))
            : Text(deciding.map { $0.source.citation(lang) }.joined(separator: "; "))
        blocks.append(.table(DocumentTable(
            columns: [.init(pick("STT", "No."), weight: 1, centered: true),
                      .init(pick("Tên hệ thống thông tin", "Information system"), weight: 6),
                      .init(pick("Cấp độ đề xuất", "Proposed level"), weight: 2, centered: true),
                      .init(pick("Căn cứ đề xuất", "Grounds"), weight: 6)],
            rows: [[Text("1"), Text(system.name),
                    system.proposedLevel.map { Text("\($0)") } ?? .blank(pick("cấp độ", "level")), grounds]])))
        blocks.append(.heading(2, Text(pick("2. Thuyết minh chi tiết", "2. Details"))))
        blocks.append(.paragraph(Text(pick("a) Loại thông tin được xử lý: ", "a) Information processed: ")
                                      + system.information.map { Labels.information($0, lang) }.joined(separator: ", ") + ".")))
        blocks.append(.paragraph(Text(pick("b) Loại hệ thống thông tin: ", "b) Type of system: ")
                                      + Labels.systemType(system.type, lang) + ".")))
        blocks.append(.paragraph(Text(pick("c) Căn cứ đề xuất cấp độ:", "c) Grounds for the level:"))))
        if standing.required.matched.isEmpty {
            blocks.append(.item(Text(pick("- Hệ thống không đáp ứng tiêu chí nào của cấp độ 2 trở lên, thuộc cấp độ 1.",
                                          "- The system meets no criterion of level 2 or above: level 1."))))
        }
        for criterion in standing.required.matched {
            blocks.append(.item(Text(pick("- Cấp độ \(criterion.level): ", "- Level \(criterion.level): ") + criterion.title[lang]
                                     + " (" + criterion.source.citation(lang) + ").")))
        }
        if let proposed = system.proposedLevel {
            if proposed < standing.required.level {
                blocks.append(.paragraph(Text([.bold(pick(
                    "Lưu ý: theo các tiêu chí trên, hệ thống phải ở cấp độ \(standing.required.level), cao hơn cấp độ đề xuất "
                        + "\(proposed). Cần điều chỉnh cấp độ đề xuất trước khi trình thẩm định.",
                    "Note: by these criteria the system needs level \(standing.required.level), above the proposed "
                        + "level \(proposed). Correct the proposal before submitting it."))])))
            } else {
                blocks.append(.paragraph(Text(pick("Trên cơ sở các tiêu chí nêu trên, đề xuất hệ thống ở cấp độ \(proposed).",
                                                   "On these grounds, level \(proposed) is proposed."))))
            }
        }
        let architecture = system.architecture ?? Architecture()
        var number = 3
        if newRegime {
            blocks.append(.heading(2, Text(pick("\(number). Nhận diện sơ bộ các nguy cơ, rủi ro an ninh mạng chính",
                                                "\(number). The main cybersecurity risks, preliminarily"))))
            number += 1
            blocks += list(architecture.risks, missing: pick("các nguy cơ, rủi ro chính và mức độ ảnh hưởng dự kiến "
                                                              + "(architecture.risks)", "main risks and their impact"))
        }
        if level >= 4 {
            blocks.append(.heading(2, Text(pick("\(number). Nội dung bổ sung đối với hệ thống đề xuất cấp độ 4, cấp độ 5",
                                                "\(number). For a proposal at level 4 or 5"))))
            blocks.append(.paragraph(Text(pick("a) Các hệ thống thông tin có liên quan, kết nối hoặc ảnh hưởng quan trọng:",
                                               "a) Related or connected systems:"))))
            blocks += list(architecture.connections.map { connection in
                [connection.to, connection.via, connection.purpose].compactMap { $0 }.joined(separator: " — ")
            }, missing: pick("các hệ thống kết nối (architecture.connections)", "connected systems"))
            blocks.append(.paragraph(Text(pick("b) Các nguy cơ tấn công mạng và mức độ ảnh hưởng:",
                                               "b) Cyberattack threats and their impact:"))))
            blocks += list(architecture.threats, missing: pick("các nguy cơ tấn công (architecture.threats)", "threats"))
            blocks.append(.paragraph(Text(pick("c) Phạm vi, mức độ ảnh hưởng tới lợi ích công cộng, trật tự, an toàn xã hội "
                                               + "hoặc an ninh quốc gia:", "c) Impact on the public interest, order or "
                                               + "national security:"))))
            blocks += list(architecture.impacts, missing: pick("đánh giá ảnh hưởng (architecture.impacts)", "impact"))
            blocks.append(.paragraph(Text(pick("d) Yêu cầu vận hành 24/7: ", "d) 24/7 operation: ")
                + (system.classification.alwaysOn
                   ? pick("hệ thống phải vận hành 24/7, không chấp nhận ngừng vận hành khi không có kế hoạch trước.",
                          "the system must run 24/7 with no unplanned stop.")
                   : pick("không thuộc trường hợp phải vận hành 24/7.", "not required to run 24/7.")))))
        }
        return blocks
    }

    private func list(_ items: [String], missing: String) -> [Block] {
        items.isEmpty ? [.item(Text("- ") + .blank(missing))] : items.map { .item(Text("- " + $0 + ";")) }
    }

    // MARK: - III. The security plan

    private func plan() -> [Block] {
        let lang = context.language
        let word = context.security(regime)
        var blocks: [Block] = [.heading(1, Text(pick("III. THUYẾT MINH PHƯƠNG ÁN BẢO ĐẢM \(word.uppercased())",
                                                      "III. THE \(word.uppercased()) PLAN")))]
        blocks.append(.paragraph(Text(pick(
            "Phương án đáp ứng các yêu cầu về quản lý, kỹ thuật tương ứng với cấp độ \(level) theo "
                + Labels.baseline(result.standing.requirements.baseline) + ", từng yêu cầu với hiện trạng, bằng chứng và "
                + "việc còn phải làm (theo " + article("khoản 6 Điều 22", "khoản 6 Điều 8") + ").",
            "How each management and technical requirement of level \(level) under "
                + Labels.baseline(result.standing.requirements.baseline) + " is met: status, evidence and what remains "
                + "(" + article("Art. 22(6)", "Art. 8(6)") + ")."))))
        let dues = Dictionary(context.organization.plan.filter { $0.system == system.id }.map { ($0.rule, $0.due) },
                              uniquingKeysWith: min)
        var index = 0
        for group in RequirementGroup.allCases {
            let findings = result.findings.filter { $0.group == group && $0.status != .notApplicable }
            guard !findings.isEmpty else { continue }
            index += 1
            blocks.append(.heading(2, Text("\(index). " + Labels.group(group, lang))))
            blocks.append(.table(DocumentTable(
                columns: [.init(pick("Yêu cầu", "Requirement"), weight: 7),
                          .init(pick("Hiện trạng", "Status"), weight: 3),
                          .init(pick("Bằng chứng, ghi chú", "Evidence, notes"), weight: 4),
                          .init(pick("Việc cần làm, thời hạn", "To do, by"), weight: 6)],
                rows: findings.map { finding in
                    let entry = system.controls[finding.rule]
                    let evidence = [entry?.evidence, entry?.note].compactMap { $0 }.joined(separator: "; ")
                    var todo = Text("")
                    if finding.isOpen {
                        todo = Text(finding.remediation[lang])
                        if let due = dues[finding.rule] { todo.append(pick(" (hạn ", " (by ") + context.date(due) + ")") }
                    } else if finding.status == .waived {
                        todo = Text(pick("Chấp nhận rủi ro có thời hạn", "Risk accepted for a time"))
                    }
                    return [Text(finding.rule + " — " + finding.title[lang]), Text(status(finding, entry)),
                            Text(evidence), todo]
                }, fontSize: 11)))
        }
        if index == 0 {
            blocks.append(.paragraph(.blank(pick("chưa có yêu cầu nào ở cấp độ này trong bộ quy tắc", "no requirement at this level"))))
        }
        return blocks
    }

    /// The requirement's status in the officer's words: what was declared, as the audit judged it.
    private func status(_ finding: Finding, _ entry: ControlEntry?) -> String {
        if finding.status == .pass { return pick("Đã đáp ứng", "Met") }
        if finding.status == .notAssessed { return pick("Chưa khai báo hiện trạng", "Not declared") }
        switch entry?.status {
        case .partial: return pick("Đáp ứng một phần", "Partly met")
        case .planned: return pick("Đã có kế hoạch", "Planned")
        case .implemented: return finding.status == .manual ? pick("Cần kiểm tra", "To be checked") : pick("Chưa đạt", "Not met")
        default: return pick("Chưa đáp ứng", "Not met")
        }
    }
}

extension Int {
    /// The number with dots between thousands, as Vietnamese writes it (25.000).
    var grouped: String {
        let digits = String(Swift.abs(self))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(character)
        }
        return (self < 0 ? "-" : "") + out
    }
}
