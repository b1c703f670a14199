extension Bench {
    /// Broadcast fan-out to the mock platform with limits lifted, and the accuracy of a set rate.
    ///
    /// TODO: broadcasts are not in the server yet. Once they are, start a broadcast to 100,000
    /// recipients here, count messages on the mock per second, then repeat with a configured rate
    /// and compare.
    func measureBroadcast() -> [ResultRow] {
        announce("Gửi hàng loạt: chưa có tính năng này, bỏ qua.")
        let reason = "broadcasts are not built into motcua serve yet"
        return [
            .notAvailable("gửi hàng loạt / broadcast fan-out (msg/s)", target: "≥ 20,000", reason: reason),
            .notAvailable("độ chính xác tốc độ / broadcast rate accuracy", target: "within 2%", reason: reason),
        ]
    }
}
