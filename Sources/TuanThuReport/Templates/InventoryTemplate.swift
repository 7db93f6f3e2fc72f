/// The inventory `tuanthu init` writes: a valid file with one example system, every field
/// explained in Vietnamese comments, for the officer to fill in.
public enum InventoryTemplate {
    public static func render(organizationID id: String, name: String) -> String {
        """
        # Kiểm kê hệ thống thông tin — \(name)
        #
        # Tệp này do `tuanthu init` tạo. Mỗi dòng bắt đầu bằng # là chú thích, tuanthu bỏ qua.
        # Sửa các giá trị cho đúng với cơ quan rồi chạy:
        #   tuanthu validate      kiểm tra tệp (lỗi ghi rõ dòng, cột)
        #   tuanthu audit         đánh giá, ghi báo cáo vào Reports/
        #   tuanthu checklist ID --write
        #                         thêm vào hệ thống ID danh sách yêu cầu an toàn theo cấp độ của nó
        # Ngày viết theo dạng NĂM-THÁNG-NGÀY (2026-12-01). Mã (id) chỉ gồm chữ thường không dấu,
        # chữ số và dấu gạch ngang (mot-cua, van-phong).

        organization:
          id: \(id)                      # mã của cơ quan: tên tệp báo cáo (Reports/\(id).vi.md)
          name: "\(name.replacingOccurrences(of: "\"", with: "\\\""))"
          # Các đơn vị trực thuộc. Đúng một đơn vị là đơn vị chuyên trách về an toàn thông tin,
          # an ninh mạng (security-unit: true) — thường là Văn phòng hoặc phòng công nghệ thông tin.
          units:
            - { id: van-phong, name: "Văn phòng", security-unit: true }
            # - { id: trung-tam, name: "Trung tâm ..." }
          # Cơ quan là chủ quản mọi hệ thống của mình, trừ hệ thống do cơ quan khác làm chủ quản;
          # khai báo cơ quan đó ở đây rồi ghi mã của nó vào 'owner' của hệ thống. Loại (kind):
          # ministry (bộ, cơ quan ngang bộ), government-agency (cơ quan thuộc Chính phủ),
          # provincial-people-committee (Ủy ban nhân dân tỉnh), investment-decider (người quyết định
          # đầu tư), delegated (được ủy quyền; ghi số văn bản ủy quyền vào delegation), enterprise.
          # owners:
          #   - { id: ubnd-tinh, name: "Ủy ban nhân dân tỉnh", kind: provincial-people-committee }
          # Nghĩa vụ chung của cơ quan (báo cáo năm, đơn vị chuyên trách, đào tạo, đánh giá tổng thể)
          # được khai báo một lần cho mọi hệ thống, trong 'controls:' của organization:
          # `tuanthu checklist \(id) --write` điền danh sách.

        systems:
          # Mỗi hệ thống thông tin là một mục bắt đầu bằng "- id:". Hệ thống dưới đây là VÍ DỤ:
          # sửa theo một hệ thống thật của cơ quan, chép thêm mục cho các hệ thống khác.
          - id: vi-du
            name: "Hệ thống ví dụ — sửa tên hệ thống thật"
            owner: \(id)                 # chủ quản: mã cơ quan, hoặc mã một cơ quan khai trong owners
            operator: van-phong          # đơn vị vận hành: mã một đơn vị trong units
            # Loại hệ thống: internal (phục vụ hoạt động nội bộ), citizen-service (phục vụ người
            # dân, doanh nghiệp), infrastructure (cơ sở hạ tầng thông tin), industrial-control
            # (điều khiển công nghiệp), other.
            type: internal
            # Loại thông tin hệ thống xử lý (một hoặc nhiều): public (công cộng), private (riêng),
            # personal (cá nhân), state-secret (bí mật nhà nước).
            information: [private]
            # Các đặc điểm quyết định cấp độ theo tiêu chí của Nghị định 331/2026 (và Nghị định
            # 85/2016 trước đó). Bỏ trống = không có / false. `tuanthu explain vi-du` cho biết vì
            # sao hệ thống cần cấp độ của nó.
            classification:
              administrative-procedures: false   # có giải quyết thủ tục hành chính
              online-public-service: none        # dịch vụ công trực tuyến: none, partial (một phần), full (toàn trình)
              personal-data-subjects: 0          # số người có dữ liệu cá nhân trong hệ thống
              sensitive-data-subjects: 0         # số người có dữ liệu cá nhân nhạy cảm
              served-scope: organization         # phạm vi phục vụ: organization, sector, province, multi-province, national
              always-on: false                   # phải vận hành 24/7, không được gián đoạn ngoài kế hoạch
            in-service: 2026-01-01       # ngày đưa vào vận hành (hoặc dự kiến)
            # construction-started: 2025-05-01   # ngày bắt đầu đầu tư xây dựng (hệ thống chưa vận hành)
            # changed: 2026-06-01                # ngày thay đổi lớn gần nhất (nâng cấp, chuyển hạ tầng)
            level:
              proposed: 2                # cấp độ đề xuất trong hồ sơ (1–5); `tuanthu explain vi-du` nêu cấp độ tối thiểu
              # Quyết định phê duyệt cấp độ; bỏ trống khi chưa được phê duyệt.
              # approval:
              #   decision: "12/QĐ-..."          # số, ký hiệu quyết định
              #   date: 2026-03-15               # ngày ký
              #   regime: nd331                  # chế độ: nd85 (Nghị định 85/2016) hoặc nd331 (Nghị định 331/2026)
              #   approver: security-unit        # người phê duyệt: security-unit, system-owner, prime-minister
              #   appraiser: security-unit       # đơn vị thẩm định: security-unit, ministry-public-security, ...
              #   document: approvals/qd-12.pdf  # bản quyết định đã ký số (tùy chọn; chữ ký được kiểm tra)
            # Các lần kiểm tra, đánh giá an toàn thông tin định kỳ:
            # assessments:
            #   - { date: 2026-05-20, by: "Tên đơn vị đánh giá", licensed: true }
            # Tình trạng từng yêu cầu an toàn của cấp độ: implemented (đã đáp ứng), partial (một phần),
            # planned (đã có kế hoạch), not-implemented (chưa), not-applicable (không áp dụng — cần
            # note giải thích). Có thể kèm bằng chứng: { status: implemented, evidence: evidence/x.pdf }.
            # `tuanthu checklist vi-du --write` thêm 'controls:' với đủ danh sách theo cấp độ và chế độ
            # áp dụng, mỗi yêu cầu kèm tên của nó.
            # Chứng thư số ký văn bản của hệ thống (tệp trong Inventories/), được kiểm tra chuỗi tin
            # cậy, hạn dùng, khóa, thuật toán, mục đích và thu hồi:
            # certificates:
            #   - { file: certs/van-thu.pem, purpose: document-signing, holder: "Văn thư" }
            # crls: [certs/ca.crl]               # danh sách thu hồi để kiểm tra
            # documents: [signed/]               # tệp hoặc thư mục văn bản đã ký số phát hành

        """
    }
}
