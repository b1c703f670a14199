import Foundation

extension Configuration {
    /// The database for messages and logs: the SQLite path, or the PostgreSQL URL without user
    /// name, password and query.
    public var databaseDescription: String {
        guard let postgresURL else {
            return "sqlite:\(databasePath)"
        }
        guard var components = URLComponents(string: postgresURL) else {
            return "postgres://…"
        }
        components.user = nil
        components.password = nil
        components.query = nil
        return components.string ?? "postgres://…"
    }

    /// Checks the `database` and `database.pool_size` keys. Messages show the URL without its
    /// password.
    func validateDatabase() throws {
        if !(1...1_000).contains(databasePoolSize) {
            throw ConfigurationError(
                key: "database.pool_size", message: "'\(databasePoolSize)' không hợp lệ; dùng số từ 1 đến 1000")
        }
        guard let postgresURL else {
            if databasePath.isEmpty {
                throw ConfigurationError(key: "database", message: "thiếu đường dẫn; dùng sqlite:ĐƯỜNG_DẪN")
            }
            if databasePath.contains("://") {
                throw ConfigurationError(
                    key: "database",
                    message: "loại cơ sở dữ liệu không được hỗ trợ; dùng sqlite:ĐƯỜNG_DẪN hoặc "
                        + "postgres://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/TÊN_CSDL")
            }
            return
        }
        guard let components = URLComponents(string: postgresURL), let host = components.host, !host.isEmpty,
            components.path.count > 1
        else {
            throw ConfigurationError(
                key: "database",
                message: "URL PostgreSQL '\(databaseDescription)' không hợp lệ; viết "
                    + "postgres://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY:CỔNG/TÊN_CSDL, ví dụ postgres://motcua@127.0.0.1:5432/motcua")
        }
    }
}
