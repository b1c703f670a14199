extension YAMLError {
    /// Vietnamese text for the problems libyaml 0.2 reports most often, keyed by its English
    /// problem string (scanner.c, parser.c and reader.c).
    static let vietnameseProblems: [String: String] = [
        "did not find expected '-' indicator":
            "thiếu dấu '-' ở đầu mục danh sách, hoặc mục này thụt lề khác các mục trước",
        "did not find expected key": "thiếu khóa 'tên:' ở dòng này, hoặc dòng thụt lề khác các khóa cùng cấp",
        "did not find expected node content": "thiếu giá trị sau khóa hoặc sau dấu '-'",
        "did not find expected ',' or ']'": "danh sách trong [...] thiếu dấu ',' hoặc dấu ']' đóng",
        "did not find expected ',' or '}'": "bảng trong {...} thiếu dấu ',' hoặc dấu '}' đóng",
        "did not find expected <document start>": "thiếu dòng '---' mở đầu tài liệu YAML",
        "did not find expected comment or line break": "có chữ thừa sau giá trị; đặt giá trị trong ngoặc kép",
        "mapping values are not allowed in this context":
            "dấu ':' không được đứng ở đây; đặt giá trị có dấu ':' trong ngoặc kép",
        "block sequence entries are not allowed in this context":
            "mục '-' không được đứng ở đây; xuống dòng và thụt lề danh sách dưới khóa của nó",
        "could not find expected ':'": "thiếu dấu ':' sau khóa",
        "found character that cannot start any token":
            "có ký tự không được mở đầu giá trị (như '@', '`' hoặc tab); đặt giá trị trong ngoặc kép",
        "found unexpected end of stream": "tệp kết thúc khi một chuỗi trong ngoặc kép hoặc ngoặc đơn chưa đóng",
        "found unknown escape character":
            "chuỗi trong ngoặc kép có dấu '\\' không hợp lệ; viết '\\\\' hoặc dùng ngoặc đơn",
        "found a tab character that violates indentation": "thụt lề bằng tab; YAML chỉ cho thụt lề bằng dấu cách",
        "found a tab character where an indentation space is expected":
            "thụt lề bằng tab; YAML chỉ cho thụt lề bằng dấu cách",
        "found unexpected document indicator": "dòng '---' hoặc '...' nằm giữa một giá trị",
        "control characters are not allowed": "tệp có ký tự điều khiển không được phép",
        "invalid leading UTF-8 octet": "tệp không phải UTF-8 hợp lệ",
        "invalid trailing UTF-8 octet": "tệp không phải UTF-8 hợp lệ",
        "incomplete UTF-8 octet sequence": "tệp không phải UTF-8 hợp lệ",
    ]

    /// Returns libyaml's `problem` in Vietnamese. A problem without a translation is kept in
    /// parentheses after a general Vietnamese sentence, so the original can still be searched for.
    static func vietnamese(problem: String) -> String {
        if let text = vietnameseProblems[problem] { return text }
        return "YAML không hợp lệ (\(problem))"
    }
}
