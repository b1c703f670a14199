import Foundation

guard let options = BenchOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
    exit(CommandLine.arguments.contains("--help") || CommandLine.arguments.contains("-h") ? 0 : 2)
}
do {
    let bench = try Bench(options: options)
    let code = await bench.runAll()
    bench.cleanUp()
    exit(code)
} catch {
    FileHandleOutput.print("lỗi: \(error)")
    exit(1)
}
