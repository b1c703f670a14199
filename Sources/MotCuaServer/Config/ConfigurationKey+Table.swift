import Foundation

extension ConfigurationKey {
    /// Every key `motcua serve` reads, in the order of `--help` and docs/cau-hinh.md.
    public static let all: [ConfigurationKey] = [
        .init("listen", environment: "MOTCUA_LISTEN", "địa chỉ host:cổng để nghe"),
        .init(
            "database", environment: "MOTCUA_DATABASE",
            "cơ sở dữ liệu, dạng sqlite:ĐƯỜNG_DẪN hoặc postgres://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/TÊN_CSDL"),
        .init(
            "database.pool_size", value: .integer(minimum: 1),
            "số kết nối PostgreSQL tối đa của một máy chủ (1 đến 1000)"),
        .init("templates", environment: "MOTCUA_TEMPLATES", "thư mục kịch bản, tin nhắn, thủ tục"),
        .init(
            "log.level", environment: "MOTCUA_LOG_LEVEL",
            "mức log thấp nhất: trace, debug, info, notice, warning, error, critical"),
        .init("log.format", environment: "MOTCUA_LOG_FORMAT", "dạng log: logfmt hoặc json"),
        .init("http.threads", value: .integer(minimum: 1), "số luồng xử lý yêu cầu HTTP"),
        .init("http.max_connections", value: .integer(minimum: 1), "số kết nối mở cùng lúc tối đa"),
        .init(
            "http.request_timeout_seconds", value: .integer(minimum: 1),
            "số giây một kết nối im lặng trước khi bị đóng"),
        .init("http.max_body_bytes", value: .integer(minimum: 1), "kích thước thân yêu cầu tối đa, tính bằng byte"),
        .init("processing.lanes", value: .integer(minimum: 1), "số làn xử lý sự kiện chạy song song"),
        .init(
            "processing.claim_lease_seconds", value: .number(minimum: 0, exclusive: true),
            "số giây một máy chủ giữ riêng một cuộc trò chuyện để xử lý (khi chạy nhiều máy chủ)"),
        .init("outbox.max_attempts", value: .integer(minimum: 1), "số lần gửi tối đa cho một tin trả lời"),
        .init(
            "outbox.retry_base_seconds", value: .number(minimum: 0, exclusive: true),
            "số giây chờ trước lần gửi lại đầu tiên; mỗi lần sau gấp đôi"),
        .init(
            "outbox.retry_max_seconds", value: .number(minimum: 0, exclusive: true),
            "số giây chờ tối đa giữa hai lần gửi"),
        .init(
            "outbox.lease_seconds", value: .number(minimum: 0, exclusive: true),
            "số giây một tin đang gửi được giữ riêng cho một bộ gửi"),
        .init(
            "outbound.connect_timeout_seconds", value: .number(minimum: 0, exclusive: true),
            "số giây tối đa để mở kết nối tới API gửi tin"),
        .init(
            "outbound.timeout_seconds", value: .number(minimum: 0, exclusive: true),
            "số giây tối đa cho trọn một yêu cầu gửi tin"),
        .init(
            "limits.zalo.per_second", value: .number(minimum: 0, exclusive: true), "số tin gửi mỗi giây qua Zalo"),
        .init("limits.zalo.burst", value: .number(minimum: 1, exclusive: false), "số tin Zalo gửi dồn tối đa"),
        .init(
            "limits.telegram.per_second", value: .number(minimum: 0, exclusive: true),
            "số tin gửi mỗi giây qua Telegram"),
        .init("limits.telegram.burst", value: .number(minimum: 1, exclusive: false), "số tin Telegram gửi dồn tối đa"),
        .init(
            "limits.messenger.per_second", value: .number(minimum: 0, exclusive: true),
            "số tin gửi mỗi giây qua Messenger"),
        .init(
            "limits.messenger.burst", value: .number(minimum: 1, exclusive: false), "số tin Messenger gửi dồn tối đa"),
        .init(
            "limits.per_recipient_per_second", value: .number(minimum: 0, exclusive: false),
            "số tin gửi mỗi giây cho một người; 0 để tắt giới hạn"),
        .init(
            "retry.options_after", value: .integer(minimum: 1),
            "số câu trả lời sai liên tiếp trước khi đưa lựa chọn đánh số"),
        .init(
            "retry.official_after", value: .integer(minimum: 1),
            "số câu trả lời sai liên tiếp trước khi mời gặp cán bộ"),
        .init(
            "drafts.resume_after_minutes", value: .integer(minimum: 1),
            "số phút im lặng sau đó người dân được hỏi có làm tiếp hồ sơ dở không"),
        .init(
            "retention.drafts", value: .integer(minimum: 1), alias: "drafts.keep_days",
            "số ngày giữ hội thoại và hồ sơ điền dở kể từ tin nhắn cuối"),
        .init(
            "retention.history", value: .integer(minimum: 0),
            "số ngày giữ tin nhắn đã xử lý và tin trả lời đã gửi; 0 là giữ mãi"),
        .init(
            "retention.cases", value: .integer(minimum: 0),
            "số ngày giữ hồ sơ và phản ánh kể từ lần đổi trạng thái cuối; 0 là giữ mãi"),
        .init(
            "metrics.token", environment: "MOTCUA_METRICS_TOKEN", secret: true,
            "token Bearer bắt buộc cho /metrics; trống là không cần token"),
        .init("zalo.app_id", environment: "MOTCUA_ZALO_APP_ID", "app id của Zalo"),
        .init("zalo.oa_id", environment: "MOTCUA_ZALO_OA_ID", "id của Official Account"),
        .init(
            "zalo.oa_secret", environment: "MOTCUA_ZALO_OA_SECRET", secret: true,
            "khóa bí mật kiểm tra chữ ký webhook; đặt là bật kênh Zalo"),
        .init(
            "zalo.signature_first_term", environment: "MOTCUA_ZALO_SIGNATURE_FIRST_TERM",
            "app_id hoặc oa_id: giá trị đứng đầu chuỗi ký"),
        .init(
            "zalo.access_token", environment: "MOTCUA_ZALO_ACCESS_TOKEN", secret: true,
            "access token của OA để gửi tin trả lời"),
        .init("zalo.api_base", environment: "MOTCUA_ZALO_API_BASE", "địa chỉ API Zalo"),
        .init(
            "zalo.refresh_token", environment: "MOTCUA_ZALO_REFRESH_TOKEN", secret: true,
            "refresh token OAuth v4; token mới nhận khi làm mới được lưu và dùng thay biến này"),
        .init(
            "zalo.app_secret", environment: "MOTCUA_ZALO_APP_SECRET", secret: true,
            "App Secret của ứng dụng Zalo, cần để làm mới access token"),
        .init("zalo.oauth_base", environment: "MOTCUA_ZALO_OAUTH_BASE", "địa chỉ OAuth Zalo"),
        .init(
            "zalo.window_days", value: .integer(minimum: 1),
            "số ngày sau tin cuối của người dân mà Zalo còn nhận tin trả lời"),
        .init(
            "telegram.secret", environment: "MOTCUA_TELEGRAM_SECRET", secret: true,
            "secret_token của webhook Telegram; đặt là bật kênh Telegram"),
        .init(
            "telegram.token", environment: "MOTCUA_TELEGRAM_TOKEN", secret: true,
            "token của bot Telegram để gửi tin trả lời"),
        .init("telegram.api_base", environment: "MOTCUA_TELEGRAM_API_BASE", "địa chỉ Bot API"),
        .init(
            "messenger.app_secret", environment: "MOTCUA_MESSENGER_APP_SECRET", secret: true,
            "App Secret kiểm tra chữ ký webhook; đặt là bật kênh Messenger"),
        .init(
            "messenger.verify_token", environment: "MOTCUA_MESSENGER_VERIFY_TOKEN", secret: true,
            "Verify Token khi Facebook xác minh địa chỉ webhook"),
        .init(
            "messenger.page_token", environment: "MOTCUA_MESSENGER_PAGE_TOKEN", secret: true,
            "access token của Trang để gửi tin trả lời"),
        .init("messenger.api_base", environment: "MOTCUA_MESSENGER_API_BASE", "địa chỉ Graph API"),
        .init("messenger.api_version", "phiên bản Graph API, ví dụ v21.0"),
        .init(
            "messenger.window_hours", value: .integer(minimum: 1),
            "số giờ sau tin cuối của người dân mà Messenger còn nhận tin trả lời"),
        .init(
            "admin.tokens", environment: "MOTCUA_ADMIN_TOKENS", secret: true,
            "token của API quản trị, dạng vai_trò:token cách nhau dấu phẩy"),
        .init("broadcast.approval", "thông báo cần một cán bộ thứ hai duyệt: on hoặc off"),
        .init(
            "broadcast.quiet_hours",
            "giờ yên lặng không gửi thông báo thường, dạng GIỜ:PHÚT-GIỜ:PHÚT, hoặc off"),
        .init("broadcast.time_zone", "múi giờ của giờ yên lặng, tên IANA"),
        .init("broadcast.emergency_roles", "vai trò được đánh dấu thông báo khẩn, cách nhau dấu phẩy"),
        .init("broadcast.zalo_per_second", "số tin thông báo mỗi giây gửi qua Zalo"),
        .init("broadcast.telegram_per_second", "số tin thông báo mỗi giây gửi qua Telegram"),
        .init("broadcast.messenger_per_second", "số tin thông báo mỗi giây gửi qua Messenger"),
        .init("broadcast.batch_size", "số người nhận lấy ra mỗi lượt gửi thông báo"),
        .init(
            "broadcast.lease_seconds",
            "số giây một lượt gửi thông báo được giữ; phải lớn hơn outbound.timeout_seconds"),
        .init("broadcast.max_attempts", "số lần gửi thử tối đa cho một người nhận thông báo"),
    ]

    /// The `Configuration` property behind each key name.
    static var storage: [String: ConfigurationStorage] {
        [
            "listen": .text(\.listenAddress), "database": .text(\.databaseURL),
            "database.pool_size": .integer(\.databasePoolSize),
            "processing.claim_lease_seconds": .number(\.processingClaimLeaseSeconds),
            "templates": .text(\.templatesFolder),
            "log.level": .text(\.logLevel), "log.format": .text(\.logFormat),
            "http.threads": .integer(\.httpThreads), "http.max_connections": .integer(\.httpMaxConnections),
            "http.request_timeout_seconds": .integer(\.httpRequestTimeoutSeconds),
            "http.max_body_bytes": .integer(\.httpMaxBodyBytes), "processing.lanes": .integer(\.processingLanes),
            "outbox.max_attempts": .integer(\.outboxMaxAttempts),
            "outbox.retry_base_seconds": .number(\.outboxRetryBaseSeconds),
            "outbox.retry_max_seconds": .number(\.outboxRetryMaxSeconds),
            "outbox.lease_seconds": .number(\.outboxLeaseSeconds),
            "outbound.connect_timeout_seconds": .number(\.outboundConnectTimeoutSeconds),
            "outbound.timeout_seconds": .number(\.outboundTimeoutSeconds),
            "limits.zalo.per_second": .number(\.limits.zalo.perSecond),
            "limits.zalo.burst": .number(\.limits.zalo.burst),
            "limits.telegram.per_second": .number(\.limits.telegram.perSecond),
            "limits.telegram.burst": .number(\.limits.telegram.burst),
            "limits.messenger.per_second": .number(\.limits.messenger.perSecond),
            "limits.messenger.burst": .number(\.limits.messenger.burst),
            "limits.per_recipient_per_second": .number(\.limits.perRecipientPerSecond),
            "retry.options_after": .integer(\.retryOptionsAfter),
            "retry.official_after": .integer(\.retryOfficialAfter),
            "drafts.resume_after_minutes": .integer(\.draftResumeAfterMinutes),
            "retention.drafts": .integer(\.draftKeepDays), "retention.history": .integer(\.retentionHistoryDays),
            "retention.cases": .integer(\.retentionCaseDays), "metrics.token": .text(\.metricsToken),
            "zalo.app_id": .text(\.zalo.appID), "zalo.oa_id": .text(\.zalo.oaID),
            "zalo.oa_secret": .text(\.zalo.oaSecret),
            "zalo.signature_first_term": .text(\.zalo.signatureFirstTerm),
            "zalo.access_token": .text(\.zalo.accessToken), "zalo.api_base": .text(\.zalo.apiBase),
            "zalo.refresh_token": .text(\.zalo.refreshToken), "zalo.app_secret": .text(\.zalo.appSecret),
            "zalo.oauth_base": .text(\.zalo.oauthBase), "zalo.window_days": .integer(\.zalo.windowDays),
            "telegram.secret": .text(\.telegram.secretToken), "telegram.token": .text(\.telegram.token),
            "telegram.api_base": .text(\.telegram.apiBase),
            "messenger.app_secret": .text(\.messenger.appSecret),
            "messenger.verify_token": .text(\.messenger.verifyToken),
            "messenger.page_token": .text(\.messenger.pageToken), "messenger.api_base": .text(\.messenger.apiBase),
            "messenger.api_version": .text(\.messenger.apiVersion),
            "messenger.window_hours": .integer(\.messenger.windowHours), "admin.tokens": .text(\.adminTokens),
        ].merging(broadcastStorage) { first, _ in first }
    }

    /// The `broadcast.*` keys, parsed by `Configuration.applyBroadcastKey`.
    private static var broadcastStorage: [String: ConfigurationStorage] {
        let reads: [String: (Configuration) -> String] = [
            "broadcast.approval": { $0.broadcast.rules.requiresApproval ? "on" : "off" },
            "broadcast.quiet_hours": { $0.broadcast.quietHours.text },
            "broadcast.time_zone": { $0.broadcast.quietHours.timeZone.identifier },
            "broadcast.emergency_roles": {
                $0.broadcast.rules.emergencyRoles.map(\.rawValue).sorted().joined(separator: ",")
            },
            "broadcast.zalo_per_second": { format($0.broadcast.perSecond[.zalo] ?? 0) },
            "broadcast.telegram_per_second": { format($0.broadcast.perSecond[.telegram] ?? 0) },
            "broadcast.messenger_per_second": { format($0.broadcast.perSecond[.messenger] ?? 0) },
            "broadcast.batch_size": { String($0.broadcast.batchSize) },
            "broadcast.lease_seconds": { format($0.broadcast.leaseSeconds) },
            "broadcast.max_attempts": { String($0.broadcast.maxAttempts) },
        ]
        return reads.mapValues { read in
            .custom(
                apply: { configuration, key, text in _ = try configuration.applyBroadcastKey(key, text) }, read: read)
        }
    }

    /// Finds a key by its YAML name or alias.
    static func named(_ name: String) -> ConfigurationKey? {
        all.first { $0.name == name || $0.alias == name }
    }
}
