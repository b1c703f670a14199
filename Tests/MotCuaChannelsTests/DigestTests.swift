import MotCuaCrypto
import Testing

struct DigestTests {
    @Test func sha256KnownVectors() {
        #expect(
            Digest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256(Array("abc".utf8)).count == 32)
    }

    @Test func hmacRFC4231Cases() {
        let case1 = Digest.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
        #expect(Digest.hex(case1) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")

        let case2 = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Digest.hex(case2) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmacEmptyKeyAndMessage() {
        let mac = Digest.hmacSHA256(key: [], message: [])
        #expect(Digest.hex(mac) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func hexIsLowercase() {
        #expect(Digest.hex([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
        #expect(Digest.hex([]) == "")
    }

    @Test func constantTimeEqualsCases() {
        #expect(Digest.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(Digest.constantTimeEquals([], []))
    }

    @Test func secureRandomBytes() {
        let first = SecureRandom.bytes(32)
        let second = SecureRandom.bytes(32)
        #expect(first.count == 32)
        // Two equal 32-byte draws have probability 2^-256.
        #expect(first != second)
        #expect(SecureRandom.bytes(0).isEmpty)
    }

    @Test func secureRandomUniformStaysInRange() {
        var seen = Set<UInt32>()
        for _ in 0..<500 {
            let value = SecureRandom.uniform(6)
            #expect(value < 6)
            seen.insert(value)
        }
        // Missing one of six values in 500 draws has probability below 10^-38.
        #expect(seen.count == 6)
        #expect(SecureRandom.uniform(1) == 0)
    }
}
