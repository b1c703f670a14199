// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MotCua",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "motcua", targets: ["motcua"])
    ],
    targets: [
        // C libraries from Debian, one system-library target each; shim.h holds typed wrappers
        // for variadic functions and function-like macros.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CYAML", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // Pure domain: no I/O, no C, no clock reads.
        .target(name: "MotCuaCore"),

        // Adapters, each wrapping at most one C library.
        .target(name: "MotCuaYAML", dependencies: ["MotCuaCore", "CYAML"]),
        .target(name: "MotCuaCrypto", dependencies: ["COpenSSL"]),
        .target(name: "MotCuaChannels", dependencies: ["MotCuaCore", "MotCuaCrypto"]),
        .target(name: "MotCuaStorage", dependencies: ["MotCuaCore", "CSQLite"]),
        .target(name: "MotCuaPostgres", dependencies: ["MotCuaCore", "MotCuaStorage", "CLibPQ"]),
        .target(name: "MotCuaHTTP", dependencies: ["CCurl", "CMicroHTTPD"]),

        // The running service and the tester tools.
        .target(
            name: "MotCuaServer",
            dependencies: [
                "MotCuaCore", "MotCuaYAML", "MotCuaCrypto", "MotCuaChannels", "MotCuaStorage", "MotCuaHTTP",
                "MotCuaPostgres",
            ]),
        .target(
            name: "MotCuaReplay",
            dependencies: ["MotCuaCore", "MotCuaChannels", "MotCuaHTTP", "MotCuaCrypto", "MotCuaYAML", "MotCuaServer"]),
        .executableTarget(
            name: "motcua",
            dependencies: ["MotCuaCore", "MotCuaServer", "MotCuaReplay", "MotCuaYAML", "MotCuaHTTP", "MotCuaChannels"]),
        .executableTarget(
            name: "motcua-bench",
            dependencies: ["MotCuaCore", "MotCuaChannels", "MotCuaStorage", "MotCuaHTTP", "MotCuaReplay"]),

        .testTarget(name: "MotCuaCoreTests", dependencies: ["MotCuaCore", "MotCuaYAML"]),
        .testTarget(name: "MotCuaHTTPTests", dependencies: ["MotCuaHTTP"]),
        .testTarget(name: "MotCuaStorageTests", dependencies: ["MotCuaStorage", "MotCuaPostgres", "MotCuaCore"]),
        .testTarget(name: "MotCuaChannelsTests", dependencies: ["MotCuaChannels", "MotCuaCrypto", "MotCuaCore"]),
        .testTarget(
            name: "MotCuaServerTests",
            dependencies: [
                "MotCuaServer", "MotCuaReplay", "MotCuaHTTP", "MotCuaCore", "MotCuaStorage", "MotCuaChannels",
                "MotCuaPostgres",
            ]),
        .testTarget(name: "MotCuaBenchTests", dependencies: ["motcua-bench"]),
    ],
    swiftLanguageModes: [.v6]
)
