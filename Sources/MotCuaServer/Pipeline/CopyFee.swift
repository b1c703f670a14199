/// The fee for certifying copies against the original (chứng thực bản sao từ bản chính) at commune
/// level: 2.000 đồng a page for pages 1 and 2, 1.000 đồng a page from page 3, at most 200.000 đồng
/// a copy, times the number of copies.
enum CopyFee {
    static let firstPagesFee = 2_000
    static let laterPageFee = 1_000
    static let maximumPerCopy = 200_000

    /// Returns the fee in đồng for one copy of `pages` pages; zero for no pages.
    static func perCopy(pages: Int) -> Int {
        guard pages > 0 else { return 0 }
        let fee = min(pages, 2) * firstPagesFee + max(pages - 2, 0) * laterPageFee
        return min(fee, maximumPerCopy)
    }

    static func total(pages: Int, copies: Int) -> Int {
        perCopy(pages: pages) * max(copies, 0)
    }

    /// Formats an amount the Vietnamese way, with "." between thousands: 1200000 → "1.200.000 đồng".
    static func formatted(_ amount: Int) -> String {
        var digits = Array(String(abs(amount)))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(String(digits), at: 0)
        return (amount < 0 ? "-" : "") + groups.joined(separator: ".") + " đồng"
    }
}
