import MotCuaHTTP
import MotCuaServer
import MotCuaStorage

/// Explains in Vietnamese why the service could not start; the library's own text follows in
/// brackets for operators who search for it.
enum StartupFailure {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as HTTPError where error.code == .bindFailed:
            return "không mở được cổng để nghe: cổng đang bị chương trình khác dùng hoặc không có quyền. "
                + "Đổi MOTCUA_LISTEN (hoặc khóa listen) rồi chạy lại. (\(error.message))"
        case let error as StorageError:
            return "không mở được cơ sở dữ liệu; kiểm tra MOTCUA_DATABASE (với SQLite: quyền ghi thư mục; "
                + "với PostgreSQL: máy chủ, tài khoản và tên cơ sở dữ liệu). (\(error))"
        case let error as ConfigurationError:
            return "cấu hình không hợp lệ: \(error)"
        default:
            return "\(error)"
        }
    }
}
