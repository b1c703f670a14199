import Foundation
import Testing

@testable import MotCuaCore

struct InputYesNoTests {
    @Test(arguments: [
        "có", "co", "Có", "CÓ", "ừ", "u", "uh", "ừm", "dạ", "da", "vâng", "vang", "ok", "OK", "oke", "Okay", "yes",
        "y", "đúng", "dung", "được", "duoc", "đồng ý", "dong y", "phải", "1", "dạ có", "Dạ có ạ", "vâng ạ", "có ạ",
        "đúng rồi", "dung roi", "được rồi", "rồi", "có nhé", "ok luôn", "dạ vâng", "Dạ, đúng ạ", "có.", "  có  ",
        "👍", "thưa có", "cos", "dduwowcj", "vaangj", "uwf",
    ])
    func recognisesYes(text: String) {
        #expect(YesNoInput.parse(text) == true)
    }

    @Test(arguments: [
        "không", "khong", "Không", "ko", "Ko", "k", "hông", "hong", "no", "n", "sai", "chưa", "chua", "thôi",
        "thoi", "2", "dạ không", "da khong a", "ko ạ", "dạ không ạ", "không phải", "khong dung", "sai rồi",
        "chưa có", "không cần", "thôi không", "khỏi", "không nhé", "dạ dạ không có", "khoong", "khoongf", "chwa",
        "KHÔNG!",
    ])
    func recognisesNo(text: String) {
        #expect(YesNoInput.parse(text) == false)
    }

    /// Hedges, questions and unrelated replies return nil, so the flow can ask again.
    @Test(arguments: [
        "có lẽ", "co le", "không biết", "chắc vậy", "để tôi xem", "3", "", "   ", "hả", "có không",
        "0912345678", "tại sao", "có hoặc không", "a", "ạ", "có chứ không",
    ])
    func returnsNilWhenUnclear(text: String) {
        #expect(YesNoInput.parse(text) == nil)
    }

    /// Replies as elderly citizens type them: extra words, no diacritics, NFD, odd spacing, Telex keys.
    @Test(arguments: [
        ("dạ vâng ạ", true), ("Da co a", true), ("vâng, đúng rồi ạ", true), ("dạ phải ạ", true),
        ("  DẠ   CÓ  ", true), ("ĐÚNG RỒI Ạ", true), ("Dạ có ạ".decomposedStringWithCanonicalMapping, true),
        ("dạ đồng ý", true), ("đồng ý ạ!", true), ("okie nhé", true), ("Uh", true), ("ừ đúng rồi", true),
        ("dduwowcj rooif", true), ("coo", true), ("chính xác", true), ("xác nhận", true), ("👍", true),
        ("dạ không ạ", false), ("ko có ạ", false), ("dạ ko", false), ("Khong dung", false),
        ("KHÔNG PHẢI", false), ("Dạ không phải ạ".decomposedStringWithCanonicalMapping, false),
        ("  thôi   không  ", false), ("chưa có ạ", false), ("khoongf nhes", false), ("ừ không có", false),
        ("sai rồi ạ", false),
        ("không cần đâu", nil), ("có thể", nil), ("để tôi hỏi con", nil), ("ơ", nil), ("có, à mà không", nil),
    ])
    func readsElderlyTyping(text: String, expected: Bool?) {
        #expect(YesNoInput.parse(text) == expected)
    }

    @Test func nfdInputEqualsNfcInput() {
        #expect(YesNoInput.parse("dạ không".decomposedStringWithCanonicalMapping) == false)
        #expect(YesNoInput.parse("đồng ý".decomposedStringWithCanonicalMapping) == true)
    }

    @Test func telexKeysKeepTheirAnswer() {
        let yesAnswers = ["có", "ừ", "dạ", "vâng", "ok", "yes", "đúng", "được", "đồng ý", "phải", "rồi", "1"]
        let noAnswers = ["không", "ko", "k", "hông", "no", "sai", "chưa", "thôi", "khỏi", "2"]
        for answer in yesAnswers + noAnswers {
            let telexKey = VietnameseText.telexLeftoverKey(VietnameseText.foldKey(answer))
            #expect(YesNoInput.parse(telexKey) == yesAnswers.contains(answer), "\(answer) -> \(telexKey)")
        }
    }
}
