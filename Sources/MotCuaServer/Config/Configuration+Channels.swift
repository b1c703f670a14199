extension Configuration {
    /// Checks that a refresh token given in the environment comes with the App Secret it needs.
    func validateZaloRefresh() throws {
        guard zalo.isEnabled, !zalo.refreshToken.isEmpty, zalo.appSecret.isEmpty else { return }
        throw ConfigurationError(
            key: "MOTCUA_ZALO_APP_SECRET",
            message: "chưa đặt; cần App Secret để làm mới access token bằng MOTCUA_ZALO_REFRESH_TOKEN")
    }

    /// Checks that an enabled Telegram channel has the token it needs to reply.
    func validateTelegram() throws {
        guard telegram.isEnabled else { return }
        if telegram.token.isEmpty {
            throw ConfigurationError(
                key: "MOTCUA_TELEGRAM_TOKEN", message: "chưa đặt; kênh Telegram cần token của bot để trả lời")
        }
    }

    /// Checks that the Graph API version is usable, and that an enabled Messenger channel has its
    /// handshake token and its Page token.
    func validateMessenger() throws {
        if messenger.apiVersion.isEmpty || messenger.apiVersion.contains("/") {
            throw ConfigurationError(
                key: "messenger.api_version",
                message: "'\(messenger.apiVersion)' không hợp lệ; viết một phiên bản, ví dụ v21.0")
        }
        guard messenger.isEnabled else { return }
        if messenger.verifyToken.isEmpty {
            throw ConfigurationError(
                key: "MOTCUA_MESSENGER_VERIFY_TOKEN",
                message: "chưa đặt; Messenger gửi token này khi xác minh địa chỉ webhook")
        }
        if messenger.pageToken.isEmpty {
            throw ConfigurationError(
                key: "MOTCUA_MESSENGER_PAGE_TOKEN",
                message: "chưa đặt; kênh Messenger cần access token của Trang để trả lời")
        }
    }
}
