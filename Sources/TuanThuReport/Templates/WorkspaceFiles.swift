/// The other files `tuanthu init` writes: waivers, `.gitignore`, CI jobs and a README.
public enum WorkspaceFiles {
    /// Where CI jobs fetch tuanthu from, and which version: a tag of that repository.
    public struct ToolSource: Sendable {
        public var repository: String
        public var version: String

        public init(repository: String, version: String) {
            self.repository = repository
            self.version = version
        }
    }

    public static let waivers = """
        # Chấp nhận rủi ro có thời hạn (miễn trừ). Mỗi mục chấp nhận một phát hiện của một hệ thống
        # đến ngày hết hạn; sau ngày đó phát hiện lại làm CI thất bại. Thời hạn tối đa theo mức độ
        # nghiêm trọng do kế hoạch quy định (Policies/plan.yaml có thể rút ngắn). APPROVAL.MISSING
        # không được miễn trừ. Ví dụ:
        #   - rule: ASSESSMENT.OVERDUE        # mã quy tắc (tuanthu rules)
        #     system: vi-du                   # mã hệ thống (hoặc mã cơ quan cho nghĩa vụ chung)
        #     justification: "Hợp đồng đánh giá đã ký, thực hiện tháng 12"
        #     approved-by: "Giám đốc Sở"
        #     approved-on: 2026-11-15
        #     expires: 2026-12-31
        waivers: []

        """

    public static let gitignore = """
        # Báo cáo do tuanthu audit ghi lại mỗi lần chạy (CI lưu chúng thành artifact).
        # Bỏ dòng dưới nếu muốn lưu báo cáo trong Git.
        Reports/
        # Bản dựng tuanthu trong CI, và lịch sử các lần kiểm tra (.tuanthu/history.sqlite).
        .tuanthu/
        .build/
        # Khóa bí mật không bao giờ được đưa vào kho (tuanthu báo INV.PRIVATE-KEY nếu tìm thấy).
        *.key
        *.p12
        *.pfx

        """

    /// A GitHub Actions workflow for a repository of its own, the workspace in `workspace`
    /// (`.` for the repository root).
    public static func githubWorkflow(_ source: ToolSource, workspace: String) -> String {
        """
        # Kiểm tra tuân thủ an toàn thông tin theo cấp độ bằng tuanthu (tạo bởi `tuanthu init`).
        # Job thất bại khi có phát hiện từ mức "high" trở lên (thiếu phê duyệt cấp độ là "critical")
        # và công bố báo cáo SARIF, JUnit, JSON, Markdown.
        name: tuan-thu
        on: [push, pull_request, workflow_dispatch]
        env:
          TUANTHU_REPO: \(source.repository)
          TUANTHU_VERSION: "\(source.version)"     # thẻ (tag) của kho mã tuanthu: công cụ và bộ quy tắc đi kèm
          TUANTHU_WORKSPACE: "\(workspace)"        # thư mục chứa Inventories/, tính từ gốc kho
        jobs:
          audit:
            runs-on: ubuntu-latest
            container: swift:6.3
            permissions:
              contents: read
              security-events: write     # để tải SARIF lên Code scanning
            steps:
              - uses: actions/checkout@v4
              - name: OpenSSL and zlib headers, and git (the swift image has the libraries, not their headers)
                run: apt-get update && apt-get install -y --no-install-recommends libssl-dev zlib1g-dev git ca-certificates
              - name: Cache the tuanthu build
                uses: actions/cache@v4
                with:
                  path: .tuanthu
                  key: tuanthu-${{ env.TUANTHU_VERSION }}-swift6.3-${{ runner.os }}
              - name: Build tuanthu (once per version; then from the cache)
                run: |
                  if [ ! -x .tuanthu/bin/tuanthu ]; then
                    rm -rf .tuanthu/src
                    git clone --quiet --depth 1 --branch "$TUANTHU_VERSION" "$TUANTHU_REPO" .tuanthu/src
                    swift build -c release --package-path .tuanthu/src --product tuanthu
                    mkdir -p .tuanthu/bin
                    cp "$(swift build -c release --package-path .tuanthu/src --show-bin-path)/tuanthu" .tuanthu/bin/
                    rm -rf .tuanthu/src
                  fi
                  .tuanthu/bin/tuanthu --version
              - name: Audit (fails when a system lacks an approved security level)
                run: .tuanthu/bin/tuanthu audit "$TUANTHU_WORKSPACE" --format markdown,json,sarif,junit,csv
              - name: Upload SARIF
                if: always()
                uses: github/codeql-action/upload-sarif@v3
                with:
                  sarif_file: ${{ env.TUANTHU_WORKSPACE }}/Reports/
              - uses: actions/upload-artifact@v4
                if: always()
                with:
                  name: bao-cao-tuan-thu
                  path: ${{ env.TUANTHU_WORKSPACE }}/Reports/

        """
    }

    /// A GitLab CI job for a repository of its own.
    public static func gitlabCI(_ source: ToolSource, workspace: String) -> String {
        """
        # Kiểm tra tuân thủ an toàn thông tin theo cấp độ bằng tuanthu (tạo bởi `tuanthu init`).
        # Job thất bại khi có phát hiện từ mức "high" trở lên (thiếu phê duyệt cấp độ là "critical").
        variables:
          TUANTHU_REPO: \(source.repository)
          TUANTHU_VERSION: "\(source.version)"     # thẻ (tag) của kho mã tuanthu: công cụ và bộ quy tắc đi kèm
          TUANTHU_WORKSPACE: "\(workspace)"        # thư mục chứa Inventories/, tính từ gốc kho

        tuan-thu:
          image: swift:6.3
          cache:
            key: tuanthu-$TUANTHU_VERSION-swift6.3
            paths: [.tuanthu/]
          before_script:
            - apt-get update && apt-get install -y --no-install-recommends libssl-dev zlib1g-dev git ca-certificates
            - |
              if [ ! -x .tuanthu/bin/tuanthu ]; then
                rm -rf .tuanthu/src
                git clone --quiet --depth 1 --branch "$TUANTHU_VERSION" "$TUANTHU_REPO" .tuanthu/src
                swift build -c release --package-path .tuanthu/src --product tuanthu
                mkdir -p .tuanthu/bin
                cp "$(swift build -c release --package-path .tuanthu/src --show-bin-path)/tuanthu" .tuanthu/bin/
                rm -rf .tuanthu/src
              fi
            - .tuanthu/bin/tuanthu --version
          script:
            - .tuanthu/bin/tuanthu audit "$TUANTHU_WORKSPACE" --format markdown,json,sarif,junit,csv
          artifacts:
            when: always
            paths: ["$TUANTHU_WORKSPACE/Reports/"]
            reports:
              junit: "$TUANTHU_WORKSPACE/Reports/*.junit.xml"

        """
    }
}
