/// Facebook Page credentials and Graph API endpoints used to verify webhooks and send replies.
public struct MessengerSettings: Sendable {
    /// The App Secret that keys the HMAC-SHA256 in `X-Hub-Signature-256`.
    public var appSecret: String
    /// The token typed into the App Dashboard, echoed back in `hub.verify_token` during the handshake.
    public var verifyToken: String
    /// The Page access token, sent as the `access_token` query parameter of the Send API.
    public var pageToken: String
    /// Base URL of the Graph API, without a trailing path.
    public var apiBase: String
    /// The Graph API version path segment, such as `v21.0`.
    /// NOTE: the default is not confirmed against a live Page, so set the version the app is pinned to.
    public var apiVersion: String

    public init(
        appSecret: String, verifyToken: String, pageToken: String, apiBase: String = "https://graph.facebook.com",
        apiVersion: String = "v21.0"
    ) {
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.pageToken = pageToken
        self.apiBase = apiBase
        self.apiVersion = apiVersion
    }
}
