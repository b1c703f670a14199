/// The regular expressions of the input parsers, built once. A regex literal is parsed again each
/// time the expression runs, which cost more than the match itself.
///
/// `@unchecked Sendable`: a `Regex` is never mutated after it is built. The one thing it fills in
/// later, its compiled program, is stored with an atomic compare-and-swap by the _StringProcessing
/// runtime (`Regex.Program.loweredProgram`), so several threads may match with the same value.
struct InputPatterns: @unchecked Sendable {
    static let shared = InputPatterns()

    /// "5/3/2025", "05-03-25", "5 . 3 . 2025."
    let separatedDate = #/([0-9]{1,2})\s*[\/.\-]\s*([0-9]{1,2})\s*[\/.\-]\s*([0-9]{4}|[0-9]{2})\.?/#
    /// "5 3 2025"
    let spacedDate = #/([0-9]{1,2})\s+([0-9]{1,2})\s+([0-9]{4}|[0-9]{2})/#
    /// "5 thang 3 nam 2025", "5 thg 3 2025"
    let wordedDate = #/([0-9]{1,2})\s*(?:thang|thg)\s*([0-9]{1,2})\s*(?:nam\s*)?([0-9]{4}|[0-9]{2})\.?/#
    /// "050325", "05032025"
    let compactDate = #/[0-9]{6}|[0-9]{8}/#
    /// "2025-03-05"
    let isoDate = #/([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})/#

    /// "1.234.567"
    let dotGroupedNumber = #/[+-]?[0-9]{1,3}(?:\.[0-9]{3})+/#
    /// "1.234,5"
    let dotGroupedDecimal = #/[+-]?[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+/#
    /// "1,234.5", "1,000,000"
    let commaGroupedNumber = #/[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?/#

    /// Mobile numbers whose prefix after the 0 has three digits.
    let mobileThreeDigitPrefix = #/(?:5(?:2[238]|59)|89[6-9]|99[013-9])[0-9]{6}/#
    /// Mobile numbers whose prefix after the 0 has two digits.
    let mobileTwoDigitPrefix = #/(?:3[0-9]|5[689]|7[06-9]|8[1-8]|9[0-8])[0-9]{7}/#
}
