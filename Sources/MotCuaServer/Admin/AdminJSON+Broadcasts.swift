import Foundation
import MotCuaCore
import MotCuaStorage

extension AdminJSON {
    struct AudienceBody: Encodable {
        var communes: [String]
        var topics: [String]
        var channels: [String]
    }

    struct CountsBody: Encodable {
        var queued: Int
        var sending: Int
        var sent: Int
        var waiting: Int
        var failed: Int
        var blocked: Int
        var cancelled: Int
        var total: Int
    }

    struct BroadcastBody: Encodable {
        var id: Int64
        var state: String
        var text: String
        var imageUrl: String?
        var linkTitle: String?
        var linkUrl: String?
        var audience: AudienceBody
        var scheduledAt: Date?
        var expiresAt: Date?
        var emergency: Bool
        var createdBy: String
        var approvedBy: String?
        var createdAt: Date
        var startedAt: Date?
        var finishedAt: Date?
        var counts: CountsBody?
        var failureReasons: [String: Int]?
        /// Recipients sent in the last minute.
        var ratePerMinute: Int?
        /// When the queued recipients are expected to be sent at the last minute's rate.
        var estimatedFinish: Date?
        /// The number of subscribers in the audience when the broadcast was created; only in the
        /// response to its creation, because the audience is fixed later, when sending starts.
        var audienceSize: Int?
    }

    struct ChannelReachBody: Encodable {
        var now = 0
        var later = 0
        var never = 0
        var reasons: [String: Int] = [:]
    }

    struct DryRunBody: Encodable {
        var dryRun = true
        var total: Int
        var channels: [String: ChannelReachBody]
        /// True when quiet hours would hold the broadcast back at this moment.
        var quietHoursNow: Bool
        var startsAt: Date
        /// `startsAt` in the broadcast time zone, as officials read it: "06:00 ngày 05/12/2026 (giờ Việt Nam)".
        var startsAtLocal: String
    }

    /// Formats `date` as "HH:mm ngày dd/MM/yyyy" in `timeZone`, followed by the zone's name.
    static func localTime(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let text = String(
            format: "%02d:%02d ngày %02d/%02d/%04d", parts.hour ?? 0, parts.minute ?? 0, parts.day ?? 0,
            parts.month ?? 0, parts.year ?? 0)
        let vietnam = ["Asia/Ho_Chi_Minh", "Asia/Saigon"].contains(timeZone.identifier)
        return text + (vietnam ? " (giờ Việt Nam)" : " (giờ \(timeZone.identifier))")
    }

    static func broadcast(_ broadcast: Broadcast, counts: RecipientCounts?, now: Date) -> BroadcastBody {
        var body = BroadcastBody(
            id: broadcast.id, state: broadcast.state.rawValue, text: broadcast.text, imageUrl: broadcast.imageURL,
            linkTitle: broadcast.link?.title, linkUrl: broadcast.link?.url,
            audience: AudienceBody(
                communes: broadcast.audience.communes, topics: broadcast.audience.topics,
                channels: broadcast.audience.channels.map(\.rawValue)),
            scheduledAt: broadcast.scheduledAt, expiresAt: broadcast.expiresAt, emergency: broadcast.emergency,
            createdBy: broadcast.createdBy, approvedBy: broadcast.approvedBy, createdAt: broadcast.createdAt,
            startedAt: broadcast.startedAt, finishedAt: broadcast.finishedAt)
        guard let counts else { return body }
        body.counts = CountsBody(
            queued: counts[.queued], sending: counts[.sending], sent: counts[.sent], waiting: counts[.waiting],
            failed: counts[.failed], blocked: counts[.blocked], cancelled: counts[.cancelled], total: counts.total)
        body.failureReasons = counts.reasons
        body.ratePerMinute = counts.sentLastMinute
        let remaining = counts[.queued] + counts[.sending]
        if broadcast.state == .running, remaining > 0, counts.sentLastMinute > 0 {
            body.estimatedFinish = now.addingTimeInterval(Double(remaining) / Double(counts.sentLastMinute) * 60)
        }
        return body
    }
}
