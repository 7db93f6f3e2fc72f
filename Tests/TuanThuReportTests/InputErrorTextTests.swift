import Testing
import TuanThuEngine
@testable import TuanThuReport

/// Input errors in Vietnamese (issue 14, item 4): the common messages and their hints, after the
/// contract's English line.
struct InputErrorTextTests {
    @Test(arguments: [
        ("unknown key 'colour' in system; did you mean 'owner'?", "khóa không hợp lệ 'colour' trong hệ thống; có phải ý là 'owner'?"),
        ("unknown information type 'secrte' (expected one of: public, private)",
         "loại thông tin không hợp lệ: 'secrte' (giá trị hợp lệ: public, private)"),
        ("in-service '2020-02-30' is not a real calendar date",
         "ngày đưa vào vận hành (in-service) '2020-02-30' không phải ngày có thật"),
        ("proposed level must be between 1 and 5, found 9", "cấp độ đề xuất phải trong khoảng 1–5, gặp 9"),
        ("duplicate system id 'a' (first declared at Inventories/so.yaml:7:9)",
         "mã hệ thống 'a' bị trùng (đã khai báo tại Inventories/so.yaml:7:9)"),
        ("system is missing required key 'owner'", "hệ thống thiếu khóa bắt buộc 'owner'"),
        ("3 more errors not shown; correct these and run again", "còn 3 lỗi khác chưa hiện; hãy sửa các lỗi trên rồi chạy lại"),
        ("malformed YAML: did not find expected key; hint: indent with spaces, not tabs",
         "YAML sai cú pháp: did not find expected key; gợi ý: thụt lề bằng dấu cách, không dùng tab"),
    ])
    func commonMessagesReadInVietnamese(_ english: String, _ vietnamese: String) {
        #expect(InputErrorText.vietnamese(english) == vietnamese)
    }

    @Test func theVietnameseFollowsTheContractsLineAndEnglishIsUnchanged() {
        let error = EngineError.input(SourceLocation(file: "Inventories/so.yaml", line: 11, column: 11),
                                      "unknown system type 'internl'; did you mean 'internal'?")
        #expect(InputErrorText.message(error, .vi) == "Inventories/so.yaml:11:11: error: unknown system type 'internl'; "
                + "did you mean 'internal'? — loại hệ thống không hợp lệ: 'internl'; có phải ý là 'internal'?")
        #expect(InputErrorText.message(error, .en) == error.message)
    }

    @Test func anUnknownMessageStaysAsItIs() {
        let error = EngineError.usage("something nobody translated")
        #expect(InputErrorText.vietnamese("something nobody translated") == nil)
        #expect(InputErrorText.message(error, .vi) == "error: something nobody translated")
    }
}
