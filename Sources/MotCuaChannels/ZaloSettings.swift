/// Zalo Official Account credentials and endpoints used to verify webhooks and send replies.
public struct ZaloSettings: Sendable {
    /// The value hashed before the body in `X-ZEvent-Signature`.
    public enum FirstTerm: String, Sendable {
        case appID = "app_id"
        case oaID = "oa_id"
    }

    public var appID: String
    public var oaID: String
    /// The secret hashed last in `X-ZEvent-Signature`. It is the OA secret key by default.
    /// NOTE: some integrations report the app secret key instead, which is unconfirmed either way.
    public var signatureSecret: String
    /// NOTE: Zalo's documentation names the app id, but working code has been reported with the
    /// OA id, so the term is configurable until a real event confirms it.
    public var signatureFirstTerm: FirstTerm
    /// Base URL of the OA Open API, without a trailing path.
    public var apiBase: String
    /// The OA access token, sent in the `access_token` header.
    public var accessToken: String

    public init(
        appID: String, oaID: String, signatureSecret: String, signatureFirstTerm: FirstTerm = .appID,
        apiBase: String = "https://openapi.zalo.me", accessToken: String
    ) {
        self.appID = appID
        self.oaID = oaID
        self.signatureSecret = signatureSecret
        self.signatureFirstTerm = signatureFirstTerm
        self.apiBase = apiBase
        self.accessToken = accessToken
    }

    /// The identifier selected by `signatureFirstTerm`.
    var signatureFirstTermValue: String {
        switch signatureFirstTerm {
        case .appID: appID
        case .oaID: oaID
        }
    }
}
