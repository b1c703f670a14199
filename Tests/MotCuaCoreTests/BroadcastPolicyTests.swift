import Foundation
import MotCuaCore
import Testing

struct BroadcastPolicyTests {
    static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    /// 2026-03-01T00:00 in Vietnam.
    static let midnight = Date(timeIntervalSince1970: 1_772_298_000)

    static func local(_ hour: Int, _ minute: Int = 0) -> Date {
        midnight.addingTimeInterval(Double(hour * 3600 + minute * 60))
    }

    @Test(arguments: [
        (20, 59, false), (21, 0, true), (23, 30, true), (0, 0, true), (5, 59, true), (6, 0, false), (12, 0, false),
    ])
    func quietHoursSpanMidnight(hour: Int, minute: Int, quiet: Bool) {
        #expect(QuietHours.vietnamNight.contains(Self.local(hour, minute)) == quiet)
    }

    @Test func quietHoursEndAtSix() {
        #expect(QuietHours.vietnamNight.nextAllowed(after: Self.local(22, 15)) == Self.local(30))
        #expect(QuietHours.vietnamNight.nextAllowed(after: Self.local(3)) == Self.local(6))
        #expect(QuietHours.vietnamNight.nextAllowed(after: Self.local(9)) == Self.local(9))
    }

    @Test(arguments: [
        ("21:00-06:00", "21:00-06:00"), ("off", "off"), ("12:30-13:00", "12:30-13:00"),
        (" 22:00 - 05:00 ", "22:00-05:00"),
    ])
    func quietHoursParse(text: String, expected: String) throws {
        let hours = try #require(QuietHours.parse(text, timeZone: Self.vietnam))
        #expect(hours.text == expected)
    }

    @Test(arguments: ["25:00-06:00", "21-06", "", "21:00", "21:60-06:00"])
    func quietHoursRejectInvalid(text: String) {
        #expect(QuietHours.parse(text, timeZone: Self.vietnam) == nil)
    }

    @Test func quietHoursOffNeverQuiet() {
        let off = QuietHours.none(timeZone: Self.vietnam)
        #expect(!off.contains(Self.local(23)))
        #expect(!off.contains(Self.local(3)))
    }

    static let now = Date(timeIntervalSince1970: 1_772_400_000)

    @Test(arguments: [
        (ChannelKind.telegram, nil as Double?, WindowDecision.sendNow),
        (.zalo, 6 * 86_400.0, .sendNow),
        (.zalo, 8 * 86_400.0, .waitForMessage(reason: "outside_zalo_window")),
        (.zalo, nil, .waitForMessage(reason: "outside_zalo_window")),
        (.messenger, 23 * 3_600.0, .sendNow),
        (.messenger, 25 * 3_600.0, .waitForMessage(reason: "outside_messenger_window")),
    ])
    func windowDecision(channel: ChannelKind, idleSeconds: Double?, expected: WindowDecision) {
        let last = idleSeconds.map { Self.now.addingTimeInterval(-$0) }
        #expect(
            BroadcastWindow().decide(channel: channel, lastInbound: last, now: Self.now, expiresAt: nil) == expected)
    }

    @Test func windowNeverAfterExpiryOrDisabled() {
        let window = BroadcastWindow()
        let old = Self.now.addingTimeInterval(-10 * 86_400)
        #expect(
            window.decide(channel: .zalo, lastInbound: old, now: Self.now, expiresAt: Self.now)
                == .never(reason: "expired"))
        #expect(
            window.decide(channel: .telegram, lastInbound: nil, now: Self.now, expiresAt: nil, channelEnabled: false)
                == .never(reason: "channel_disabled"))
    }

    @Test func textFillsPlaceholders() throws {
        let date = try #require(CivilDate(year: 2026, month: 3, day: 1))
        #expect(
            BroadcastText.render("{xa}: tiêm chủng ngày {ngay}.", commune: "Xã Bình Hòa", date: date)
                == "Xã Bình Hòa: tiêm chủng ngày 01/03/2026.")
        #expect(BroadcastText.render("Tin {xa}", commune: "", date: date) == "Tin toàn tỉnh")
        #expect(BroadcastText.unknownPlaceholders(in: "{xa} {ten} {ngay} {ten}") == ["ten"])
    }

    /// `{xa}` already contains the unit word, so one written before it is dropped.
    @Test(arguments: [
        ("Xã {xa}: họp dân", "Xã Bình Hòa", "Xã Bình Hòa: họp dân"),
        ("Xã {xa}: họp dân", "", "Toàn tỉnh: họp dân"),
        ("Bà con xã {xa} chú ý", "", "Bà con toàn tỉnh chú ý"),
        ("Bà con phường  {xa} chú ý", "Phường Tân Ninh", "Bà con Phường Tân Ninh chú ý"),
        ("{xa}: họp dân", "Xã Bình Hòa", "Xã Bình Hòa: họp dân"),
        ("Tin {xa}", "", "Tin toàn tỉnh"),
        ("Cầu xã {xa}", "Xã Bình Hòa", "Cầu Xã Bình Hòa"),
        ("Thôn Mỹ Xã {xa}", "Bình Hòa", "Thôn Mỹ Xã Bình Hòa"),
        ("Nhaxã {xa}", "Xã Bình Hòa", "Nhaxã Xã Bình Hòa"),
    ])
    func unitWordBeforeCommuneNotDoubled(text: String, commune: String, expected: String) throws {
        let date = try #require(CivilDate(year: 2026, month: 3, day: 1))
        #expect(BroadcastText.render(text, commune: commune, date: date) == expected)
    }

    @Test func messageAddsImageAndLink() throws {
        let date = try #require(CivilDate(year: 2026, month: 3, day: 1))
        let broadcast = Broadcast(
            id: 1, text: "Lịch tiêm", imageURL: "https://example.org/a.jpg",
            link: BroadcastLink(title: "Chi tiết", url: "https://example.org/lich"), audience: BroadcastAudience(),
            createdBy: "a", state: .running, createdAt: Self.now)
        let text = BroadcastText.message(for: broadcast, commune: "", date: date).text
        #expect(text.hasPrefix("Lịch tiêm\n\n"))
        #expect(text.contains("https://example.org/a.jpg"))
        #expect(text.contains("Chi tiết: https://example.org/lich"))
    }

    static func subscriber(_ channel: ChannelKind, commune: String, topics: [String]) -> Subscription {
        Subscription(
            conversationID: ConversationID(channel: channel, userID: "1"), commune: commune, topics: topics,
            createdAt: now)
    }

    @Test func audienceFilters() {
        let hoa = Self.subscriber(.zalo, commune: "Bình Hòa", topics: ["y-te"])
        let province = Self.subscriber(.telegram, commune: "", topics: ["thien-tai"])
        let byCommune = BroadcastAudience(communes: ["binh hoa"])
        #expect(byCommune.includes(hoa))
        #expect(byCommune.includes(province))
        #expect(!BroadcastAudience(communes: ["An Phú"]).includes(hoa))
        #expect(!BroadcastAudience(topics: ["thien-tai"]).includes(hoa))
        #expect(BroadcastAudience(topics: ["thien-tai"]).includes(province))
        #expect(!BroadcastAudience(channels: [.telegram]).includes(hoa))
        #expect(BroadcastAudience().includes(hoa))
    }
}
