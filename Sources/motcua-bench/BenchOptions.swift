import Foundation

/// Command-line options of `motcua-bench`.
struct BenchOptions {
    var motcuaBinary = ".build/release/motcua"
    var wrkBinary = "/usr/bin/wrk"
    var swiftBinary = "swift"
    var templatesFolder = "templates"
    var fixturesFolder = "fixtures/conversations"
    var outputFile = "BENCHMARKS.md"
    /// Seconds of each wrk run at full speed.
    var loadSeconds = 6
    var threads = 2
    var connections = 32
    var users = 10_000
    var fixedRate = 5_000
    var conversations = 100_000
    var startupRuns = 5
    var replaySeconds = 3.0
    var profile = false
    /// A `postgres://` URL for the server's database; nil uses a fresh SQLite file per run.
    var database: String?
    /// Benchmarks to run, by name; empty runs them all.
    var only: Set<String> = []
    static let benchmarkNames = ["floor", "ingest", "fixed-rate", "broadcast", "replay", "memory", "startup"]
    /// The text every generated event carries.
    var eventText = "xin chào"

    static let help = """
        motcua-bench: đo hiệu năng của motcua serve trên 127.0.0.1 và ghi bảng kết quả vào BENCHMARKS.md.

        Cách dùng: motcua-bench [tùy chọn]
          --motcua ĐƯỜNG_DẪN     tệp motcua bản release (mặc định .build/release/motcua)
          --wrk ĐƯỜNG_DẪN        tệp wrk (mặc định /usr/bin/wrk)
          --swift ĐƯỜNG_DẪN      lệnh swift, để ghi phiên bản (mặc định swift)
          --output TỆP           tệp Markdown để nối kết quả (mặc định BENCHMARKS.md)
          --seconds SỐ           số giây mỗi lượt wrk chạy hết tốc độ (mặc định 6)
          --connections SỐ       số kết nối wrk (mặc định 32)
          --conversations SỐ     số hội thoại khi đo bộ nhớ (mặc định 100000)
          --only TÊN,TÊN         chỉ chạy các phép đo này: floor, ingest, fixed-rate, broadcast, replay,
                                 memory, startup (ratio cần cả floor và ingest)
          --profile              chạy thêm valgrind callgrind với tải nhỏ và ghi các hàm tốn nhất
          --database URL         cơ sở PostgreSQL (postgres://…) cho server thay vì tệp SQLite mới;
                                 mỗi lần chạy cần một cơ sở dữ liệu trống
        """

    /// Parses the arguments; returns nil after printing help or an error.
    static func parse(_ arguments: [String]) -> BenchOptions? {
        var options = BenchOptions()
        var index = 0
        func value() -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help":
                print(help)
                return nil
            case "--profile":
                options.profile = true
            case "--motcua", "--wrk", "--swift", "--output", "--seconds", "--connections", "--conversations", "--only",
                "--database":
                guard let text = value(), !text.isEmpty else {
                    FileHandleOutput.print("lỗi: \(argument) cần một giá trị")
                    return nil
                }
                guard options.set(argument, text) else {
                    FileHandleOutput.print(
                        "lỗi: giá trị '\(text)' của \(argument) không hợp lệ; xem motcua-bench --help")
                    return nil
                }
            default:
                FileHandleOutput.print("lỗi: tùy chọn không hợp lệ '\(argument)'; xem motcua-bench --help")
                return nil
            }
            index += 1
        }
        return options
    }

    func runs(_ benchmark: String) -> Bool {
        only.isEmpty || only.contains(benchmark)
    }

    private mutating func set(_ option: String, _ text: String) -> Bool {
        switch option {
        case "--motcua": motcuaBinary = text
        case "--wrk": wrkBinary = text
        case "--swift": swiftBinary = text
        case "--output": outputFile = text
        case "--database":
            database = text
            return text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
        case "--only":
            only = Set(text.split(separator: ",").map(String.init))
            return only.isSubset(of: Self.benchmarkNames)
        default:
            guard let number = Int(text), number > 0 else { return false }
            switch option {
            case "--seconds": loadSeconds = number
            case "--connections": connections = number
            default: conversations = number
            }
        }
        return true
    }
}
