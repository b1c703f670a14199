import MotCuaChannels

/// The server and mock addresses of `--target`, with the channel secrets the server checks. The secrets come from the same MOTCUA_* variables the server reads.
public struct TargetSettings: Sendable {
    /// The server's base URL, such as `http://127.0.0.1:8080`.
    public var serverURL: String
    /// The mock platform API's base URL, which serves `GET /__mock/messages`.
    public var mockURL: String
    public var zalo: ZaloSettings?
    public var telegram: TelegramSettings?
    public var messenger: MessengerSettings?
    /// The maximum wait for a turn's first reply, in seconds.
    public var replyTimeout: Double = 5
    /// The time without a new reply after which a turn's replies count as complete, in seconds.
    /// It is also the wait after a turn that expects no reply.
    public var quietPeriod: Double = 0.4

    public init(serverURL: String, mockURL: String) {
        self.serverURL = serverURL
        self.mockURL = mockURL
    }
}
