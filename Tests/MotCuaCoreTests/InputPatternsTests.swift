import Foundation
import MotCuaCore
import Testing

/// The input parsers share one set of compiled regexes across threads.
struct InputPatternsTests {
    static let today = CivilDate(year: 2026, month: 3, day: 2)!

    static let dates = ["5/3/2025", "5 3 2025", "5 thang 3 nam 2025", "05032025", "2025-03-05", "31/02/2025"]

    /// Many tasks match with the same shared regexes at once, and each reads the dates as one
    /// thread alone does.
    @Test func sharedPatternsMatchFromManyTasks() async {
        let expected = Self.dates.map { DateInput.parse($0, today: Self.today) }
        let results = await withTaskGroup(of: [CivilDate?].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var seen: [CivilDate?] = []
                    for _ in 0..<50 {
                        seen = Self.dates.map { DateInput.parse($0, today: Self.today) }
                    }
                    return seen
                }
            }
            var all: [[CivilDate?]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 16)
        for result in results {
            #expect(result == expected)
        }
        #expect(expected.compactMap { $0 }.count == 5)
    }
}
