import Foundation

/// Vietnamese text for the admin API's broadcast JSON.
enum BroadcastOutput {
    static let stateLabels = [
        "draft": "nháp", "awaiting_approval": "chờ duyệt", "scheduled": "đã duyệt, chờ giờ gửi", "running": "đang gửi",
        "paused": "tạm dừng", "completed": "đã gửi xong", "cancelled": "đã hủy",
    ]

    static func stateLabel(_ json: [String: Any]) -> String {
        let state = json["state"] as? String ?? "?"
        return stateLabels[state] ?? state
    }

    /// Returns one line per broadcast for `list`.
    static func line(_ json: [String: Any]) -> String {
        let id = json["id"] as? Int ?? 0
        let text = (json["text"] as? String ?? "").replacingOccurrences(of: "\n", with: " ")
        let short = text.count > 50 ? String(text.prefix(49)) + "…" : text
        let counts = json["counts"] as? [String: Int] ?? [:]
        return "#\(id)  \(stateLabel(json))  đã gửi \(counts["sent"] ?? 0)/\(counts["total"] ?? 0)  \(short)\n"
    }

    /// Returns a few lines with the state and the counts, for `status`, `create` and the state changes.
    static func summary(_ json: [String: Any]) -> String {
        let id = json["id"] as? Int ?? 0
        var lines = ["Thông báo số \(id): \(stateLabel(json))"]
        if json["emergency"] as? Bool == true { lines.append("Khẩn cấp: gửi cả trong giờ yên lặng") }
        if let approver = json["approved_by"] as? String { lines.append("Người duyệt: \(approver)") }
        if let counts = json["counts"] as? [String: Int], (counts["total"] ?? 0) > 0 {
            lines.append(countsLine(counts))
            if let reasons = json["failure_reasons"] as? [String: Int], !reasons.isEmpty {
                let text = reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                lines.append("Lý do lỗi: \(text)")
            }
            if let rate = json["rate_per_minute"] as? Int, rate > 0 { lines.append("Tốc độ: \(rate) tin/phút") }
            if let finish = json["estimated_finish"] as? String { lines.append("Dự kiến xong: \(finish)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func countsLine(_ counts: [String: Int]) -> String {
        let parts = [
            ("đã gửi", "sent"), ("chờ gửi", "queued"), ("đang gửi", "sending"), ("chờ người dân nhắn", "waiting"),
            ("lỗi", "failed"), ("bị chặn", "blocked"), ("đã hủy", "cancelled"),
        ]
        let text = parts.map { "\($0.0) \(counts[$0.1] ?? 0)" }.joined(separator: ", ")
        return "Người nhận \(counts["total"] ?? 0): \(text)"
    }

    /// The warning printed when an audience has no subscriber, so that an official notices a wrong
    /// commune, topic or channel before anything is sent.
    static let emptyAudienceWarning =
        "Cảnh báo: không có người đăng ký nào thuộc đối tượng nhận, thông báo sẽ không đến ai. "
        + "Kiểm tra --communes, --topics và --channels."

    /// Returns the output of `create`: the summary, and the warning when the audience is empty.
    static func created(_ json: [String: Any]) -> String {
        var text = "Đã tạo. " + summary(json)
        if json["audience_size"] as? Int == 0 { text += emptyAudienceWarning + "\n" }
        return text
    }

    static func dryRun(_ json: [String: Any]) -> String {
        let total = json["total"] as? Int ?? 0
        var lines = ["Thử (không tạo thông báo): \(total) người đăng ký thuộc đối tượng nhận"]
        if total == 0 { lines.append(emptyAudienceWarning) }
        let quiet = json["quiet_hours_now"] as? Bool == true
        if quiet {
            let start = json["starts_at_local"] as? String ?? json["starts_at"] as? String ?? "?"
            lines.append("Đang trong giờ yên lặng; bắt đầu gửi lúc \(start)")
        }
        // Inside quiet hours nothing goes out now, so the first count says when it will.
        let firstCount = quiet ? "gửi khi hết giờ yên lặng" : "gửi ngay"
        let channels = json["channels"] as? [String: [String: Any]] ?? [:]
        for (name, reach) in channels.sorted(by: { $0.key < $1.key }) {
            var line =
                "  \(name): \(firstCount) \(reach["now"] as? Int ?? 0), "
                + "chờ người dân nhắn \(reach["later"] as? Int ?? 0), không gửi được \(reach["never"] as? Int ?? 0)"
            if let reasons = reach["reasons"] as? [String: Int], !reasons.isEmpty {
                line +=
                    " (" + reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                    + ")"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Returns a progress bar such as `[########------------] 40% 800/2000`.
    static func progressBar(done: Int, total: Int, width: Int = 30) -> String {
        guard total > 0 else { return "[" + String(repeating: "-", count: width) + "] 0/0" }
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "[\(bar)] \(done * 100 / total)% \(done)/\(total)"
    }
}

/// Polls one broadcast until it is completed or cancelled. On a terminal the progress bar is
/// redrawn in place; otherwise one plain line is printed per poll.
struct BroadcastFollower {
    let client: BroadcastClient
    let id: Int64
    let interval: Double

    func run() throws(BroadcastClient.Failure) -> Int32 {
        let terminal = isatty(STDOUT_FILENO) == 1
        while true {
            let json = try client.send("GET", "/api/broadcasts/\(id)").json
            let state = json["state"] as? String ?? ""
            let counts = json["counts"] as? [String: Int] ?? [:]
            let total = counts["total"] ?? 0
            let done = total - (counts["queued"] ?? 0) - (counts["sending"] ?? 0)
            let rate = json["rate_per_minute"] as? Int ?? 0
            let line =
                "\(BroadcastOutput.progressBar(done: done, total: total)) \(BroadcastOutput.stateLabel(json)), "
                + "\(rate) tin/phút"
            if terminal {
                FileHandleOutput.standardOutput("\r\u{1B}[2K" + line)
            } else {
                FileHandleOutput.standardOutput(line + "\n")
            }
            if state == "completed" || state == "cancelled" {
                FileHandleOutput.standardOutput((terminal ? "\n" : "") + BroadcastOutput.summary(json))
                return 0
            }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
