import Foundation
import MotCuaCore
import MotCuaStorage

extension AdminAPI {
    private static let broadcastFields: Set<String> = [
        "text", "image_url", "link_title", "link_url", "audience", "scheduled_at", "expires_at", "emergency",
        "dry_run",
    ]

    func routeBroadcasts(_ segments: [String], call: Call) throws(AdminError) -> AdminReply {
        let method = call.request.method
        if segments.isEmpty {
            switch method {
            case "GET": return try listBroadcasts(call: call)
            case "POST": return try createBroadcast(call: call)
            default: throw AdminError(.methodNotAllowed(allowed: ["GET", "POST"]), "dùng GET hoặc POST")
            }
        }
        guard let id = Int64(segments[0]), id > 0 else {
            throw AdminError(
                .notFound,
                "mã thông báo '\(segments[0])' không hợp lệ; xem các số bằng motcua broadcast list hoặc GET /api/broadcasts"
            )
        }
        if segments.count == 1 {
            guard method == "GET" else { throw AdminError(.methodNotAllowed(allowed: ["GET"]), "dùng GET") }
            return try readBroadcast(id, call: call)
        }
        guard segments.count == 2, let command = Self.command(segments[1]) else {
            throw AdminError(
                .notFound, "không có đường dẫn \(call.request.path); dùng approve, cancel, pause hoặc resume")
        }
        guard method == "POST" else { throw AdminError(.methodNotAllowed(allowed: ["POST"]), "dùng POST") }
        return try change(id, command, call: call)
    }

    private static func command(_ name: String) -> BroadcastAction? {
        switch name {
        case "approve": return .approve
        case "cancel": return .cancel
        case "pause": return .pause
        case "resume": return .resume
        default: return nil
        }
    }

    private func actor(_ call: Call) -> BroadcastActor {
        let role: BroadcastActor.Role
        switch call.role {
        case .admin: role = .admin
        case .officer: role = .officer
        case .viewer: role = .viewer
        }
        return BroadcastActor(id: call.official, role: role)
    }

    private func listBroadcasts(call: Call) throws(AdminError) -> AdminReply {
        let (limit, offset) = try Self.page(call.request.query)
        let now = clock()
        do {
            let items = try store.broadcasts(limit: limit, offset: offset).map { broadcast in
                AdminJSON.broadcast(
                    broadcast, counts: try store.recipientCounts(broadcastID: broadcast.id, now: now), now: now)
            }
            return AdminReply(
                kind: .ok, body: AdminJSON.encode(AdminJSON.ListBody(items: items, limit: limit, offset: offset)))
        } catch {
            throw storeFailure(error, "listing broadcasts failed", call: call)
        }
    }

    private func readBroadcast(_ id: Int64, call: Call) throws(AdminError) -> AdminReply {
        let now = clock()
        let found: (Broadcast, RecipientCounts)?
        do {
            found = try store.broadcast(id: id).map { ($0, try store.recipientCounts(broadcastID: id, now: now)) }
        } catch {
            throw storeFailure(error, "reading a broadcast failed", call: call)
        }
        guard let (broadcast, counts) = found else {
            throw AdminError(
                .notFound,
                "không có thông báo số \(id); xem danh sách bằng motcua broadcast list hoặc GET /api/broadcasts")
        }
        return AdminReply(kind: .ok, body: AdminJSON.encode(AdminJSON.broadcast(broadcast, counts: counts, now: now)))
    }

    private func createBroadcast(call: Call) throws(AdminError) -> AdminReply {
        let object = try Self.jsonObject(call.request.body, allowed: Self.broadcastFields)
        let now = clock()
        var draft = try Self.broadcastDraft(object, createdBy: call.official, now: now)
        draft.audience = try resolveCommunes(draft.audience, call: call)
        let actor = actor(call)

        let state: BroadcastState
        switch broadcastSettings.rules.stateForNew(emergency: draft.emergency, by: actor) {
        case .success(let value): state = value
        case .failure(let rejection): throw Self.error(rejection, call: call)
        }

        if object["dry_run"] as? Bool == true {
            return try dryRun(draft, now: now, call: call)
        }
        var broadcast = draft
        broadcast.state = state
        let audienceSize: Int
        do {
            audienceSize = try store.audienceMembers(broadcast.audience).count
            broadcast.id = try store.createBroadcast(broadcast)
        } catch {
            throw storeFailure(error, "creating a broadcast failed", call: call)
        }
        call.logger.info(
            "broadcast created",
            ["broadcast.id": "\(broadcast.id)", "state": state.rawValue, "emergency": "\(broadcast.emergency)"])
        onBroadcastChanged()
        var body = AdminJSON.broadcast(broadcast, counts: nil, now: now)
        body.audienceSize = audienceSize
        return AdminReply(kind: .accepted, body: AdminJSON.encode(body))
    }

    /// Replaces each commune of `audience` with the directory's full name, so that "Bình Hòa" reaches
    /// the subscribers of "Xã Bình Hòa". A commune the directory cannot resolve is rejected with the
    /// closest names.
    /// NOTE: without a commune directory in the templates, communes are kept as typed and only the
    /// comparison in `BroadcastAudience.includes` applies.
    private func resolveCommunes(_ audience: BroadcastAudience, call: Call) throws(AdminError) -> BroadcastAudience {
        guard let directory = engine.communes, !audience.communes.isEmpty else { return audience }
        switch audience.resolvingCommunes(in: directory) {
        case .success(let resolved):
            return resolved
        case .failure(let unknown):
            call.logger.warning(
                "broadcast audience rejected", ["reason": unknown.isAmbiguous ? "ambiguous commune" : "unknown commune"]
            )
            let names = unknown.suggestions.joined(separator: ", ")
            if unknown.isAmbiguous {
                throw AdminError(
                    .badRequest,
                    "xã/phường '\(unknown.value)' ứng với nhiều đơn vị: \(names); ghi rõ tên đầy đủ của một đơn vị")
            }
            let hint = names.isEmpty ? "kiểm tra lại tên trong templates/communes.yaml" : "có phải: \(names)?"
            throw AdminError(
                .badRequest, "không có xã/phường '\(unknown.value)' trong danh sách của tỉnh; \(hint)")
        }
    }

    private func dryRun(_ broadcast: Broadcast, now: Date, call: Call) throws(AdminError) -> AdminReply {
        let members: [AudienceMember]
        do {
            members = try store.audienceMembers(broadcast.audience)
        } catch {
            throw storeFailure(error, "reading a broadcast audience failed", call: call)
        }
        let quiet = !broadcast.emergency && broadcastSettings.quietHours.contains(now)
        let start = max(broadcast.scheduledAt ?? now, now)
        let startsAt = broadcast.emergency ? start : broadcastSettings.quietHours.nextAllowed(after: start)
        var reach: [String: AdminJSON.ChannelReachBody] = [:]
        for member in members {
            let channel = member.subscription.conversationID.channel
            let decision = broadcastSettings.window.decide(
                channel: channel, lastInbound: member.lastInboundAt, now: startsAt, expiresAt: broadcast.expiresAt,
                channelEnabled: isEnabled(channel))
            var entry = reach[channel.rawValue] ?? AdminJSON.ChannelReachBody()
            switch decision {
            case .sendNow:
                entry.now += 1
            case .waitForMessage(let reason):
                entry.later += 1
                entry.reasons[reason, default: 0] += 1
            case .never(let reason):
                entry.never += 1
                entry.reasons[reason, default: 0] += 1
            }
            reach[channel.rawValue] = entry
        }
        let body = AdminJSON.DryRunBody(
            total: members.count, channels: reach, quietHoursNow: quiet, startsAt: startsAt,
            startsAtLocal: AdminJSON.localTime(startsAt, timeZone: broadcastSettings.quietHours.timeZone))
        return AdminReply(kind: .ok, body: AdminJSON.encode(body))
    }

    private func isEnabled(_ channel: ChannelKind) -> Bool {
        switch channel {
        case .zalo: return channels.zalo != nil
        case .telegram: return channels.telegram != nil
        case .messenger: return channels.messenger != nil
        }
    }

    private func change(_ id: Int64, _ command: BroadcastAction, call: Call) throws(AdminError) -> AdminReply {
        let now = clock()
        let broadcast: Broadcast?
        do {
            broadcast = try store.broadcast(id: id)
        } catch {
            throw storeFailure(error, "reading a broadcast failed", call: call)
        }
        guard let broadcast else {
            throw AdminError(
                .notFound,
                "không có thông báo số \(id); xem danh sách bằng motcua broadcast list hoặc GET /api/broadcasts")
        }
        let next: BroadcastState
        switch broadcastSettings.rules.apply(command, to: broadcast, by: actor(call)) {
        case .success(let state): next = state
        case .failure(let rejection): throw Self.error(rejection, call: call)
        }

        let changed: Bool
        do {
            if command == .cancel {
                changed = try store.cancelBroadcast(id: id, from: broadcast.state, now: now)
            } else {
                changed = try store.updateBroadcastState(
                    id: id, from: broadcast.state, to: next, approvedBy: command == .approve ? call.official : nil,
                    now: now)
            }
        } catch {
            throw storeFailure(error, "changing a broadcast failed", call: call)
        }
        guard changed else {
            throw AdminError(.conflict, "thông báo số \(id) vừa đổi trạng thái; đọc lại rồi thử lại")
        }
        call.logger.info(
            "broadcast changed", ["broadcast.id": "\(id)", "command": command.rawValue, "state": next.rawValue])
        onBroadcastChanged()
        return try readBroadcast(id, call: call)
    }

    private static func error(_ rejection: BroadcastRejection, call: Call) -> AdminError {
        call.logger.warning("broadcast request rejected", ["reason": "\(rejection)"])
        switch rejection {
        case .roleNotAllowed(let role, let command):
            return AdminError(
                .forbidden,
                "vai trò \(role.rawValue) không được \(label(command)) thông báo; dùng token officer hoặc admin")
        case .creatorCannotApprove:
            return AdminError(
                .forbidden, "người tạo không được tự duyệt thông báo; nhờ một cán bộ khác duyệt bằng token của họ")
        case .emergencyNotAllowed(let role):
            return AdminError(
                .forbidden,
                "vai trò \(role.rawValue) không được đặt emergency; bỏ \"emergency\" hoặc nhờ cán bộ có vai trò admin")
        case .invalidState(let state, let command):
            return AdminError(
                .conflict,
                "không thể \(label(command)) thông báo đang ở trạng thái '\(stateLabel(state))'; xem trạng thái bằng motcua broadcast status"
            )
        }
    }

    /// Returns the Vietnamese name of a state, the same words as `motcua broadcast` prints.
    static func stateLabel(_ state: BroadcastState) -> String {
        switch state {
        case .draft: return "nháp"
        case .awaitingApproval: return "chờ duyệt"
        case .scheduled: return "đã duyệt, chờ giờ gửi"
        case .running: return "đang gửi"
        case .paused: return "tạm dừng"
        case .completed: return "đã gửi xong"
        case .cancelled: return "đã hủy"
        }
    }

    private static func label(_ command: BroadcastAction) -> String {
        switch command {
        case .submit: return "tạo"
        case .approve: return "duyệt"
        case .pause: return "tạm dừng"
        case .resume: return "tiếp tục"
        case .cancel: return "hủy"
        }
    }
}
