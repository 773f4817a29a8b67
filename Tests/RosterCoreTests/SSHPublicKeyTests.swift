import Foundation
import Testing
@testable import RosterCore

/// Public keys made with OpenSSH 9.2's ssh-keygen; the fingerprints are what `ssh-keygen -l` printed.
enum SampleKeys {
    static let ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA6azXgrfYc2vpb+L1/UsjP1FA+n8mZiD/4xu8r7vsd5 ana@laptop"
    static let ed25519Fingerprint = "SHA256:AbTbWwyvLssOBul602euMOygAvscb8dvOzad6FNQ6P8"
    static let ecdsa384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBGeP2Coryk7stiRTsAUW8CxljjSBW0SrHn2Lmako07Hyu0uEuI5d84KVavrbo09x72V2SIR+VT/QJZq/1PZlpqpbUjWmNq4gUdjnGdSu8IHkrxq4lyJi6LJs2iHW4MxX/g== ops"
    static let ecdsa384Fingerprint = "SHA256:AIIveI6G1cwhZp4bozAgUnwbECFLqHJq+zHmebOiviA"
    static let rsa3072 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQDDEn6h7+J2uKTgbw8QJNkx6FObxMpUZMjEIhQGAF/L3YNcPQfPyuzSby4Q8dvvIdS1CO4jQv4M76F2GA7C+tux2XcLrWLu7lR0ssWEUcrcPn3Ud3wT6GNTQQloyTemYZE6rJ70uoekppK9iswC42j+RoYQk4/XalJF0W4WH2IkAECZ8fUVJ3bgQmlS/cXMogm7EnlyQIxYts1iVUoRqt410Lcn/Mes2wETVUoFahElJOchoqdy+PR1f1Hda2ttEloiNJubmPdoEGy4UgYsAKzTf4KZo7cO0sXGGkqR1X2CEoTRGf1sNMZ+XO+LUdvAtyQ0Y9/iUrmO0Y4imI6wLVs9deTIFdicWjIAle/G9KLQHDCMLp/RN7gBghUDQcutgY+Q+XUCN/IiBkoYJQbunc78mm9Tmxz93E977JQ7C3FEPHj7eDkJeYD7MEfQtYz6WXeE/MtnYotEVFEab9ufcHB3AAuqJOoh47XQHMufMBoQXVdGSe3dybPu2p4bUX59Yb8= r3"
    static let rsa3072Fingerprint = "SHA256:vWOHXlu6qCbyk49EZZ42r4Ha8hbKLf5D67XoUnN5pxs"
    static let rsa2048 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCzmN5NHqO+Z0/9jt1Aa8FZNGFjAXS5ILUStb+QTAq+i6ladmY3itzKKjwoVD/JxKMHW6eebTRwwz/dvu8Gun6gVSDM+5mMGogpqOxBu/avWl+5R1+0GG4Lqe9bSI9hTHLS7N0um/AQdyd1k18NI7kViD+f3WcjYdT0GoXyyptfG9KjmwCrw1dxjN4wCG24xTpVqptNadA69x3tfPeJo6B+JJZ2H2w//SaeaaCkaSd00GHrNY82VxX+PdJLHYIt/rTsZkHF6/Dx/ea49+29NxSlJgqLDZrsw9Gv8osSpG1fFTK678adF2laKSB3wnIPxAhLPTbaxdsXtG2jtiNqnLjx root@vm"
    static let dsa = "ssh-dss AAAAB3NzaC1kc3MAAACBALR/SS5pxtR6iuNQL96NrW8aZK1PjCaTTUeKehNrJ4sXR4bfkfUetofjJ99cDCrvAiy60CIXDAajxzw4Kb5ixoMKs9U4zaK95bnFkFm0xAfBGnH/cdGn7vv8NLoVbPovjjzrnVjstVjp/fZSYdd2ckysciDCikFhEUiB+6U6ZKszAAAAFQDtzPe5j/XdBMTriM/OqALCyB4IgwAAAIAFBVJ2MrvpDeDsc8wlbKsCTFpGd4lWNKG/qIzB3nA+NeboWSFoOn++leUJTEYFP4ID5Z4DvuG0UCFZq1m4vGG9m7rnh6FrXBwnBHxJdLdzphIbD4kvsfX36UX1M47NMp/ZPg4ntFBypBNX74hqB8eKZmzVSYO7iMVeIjdgOK+6oQAAAIAbQSxQq26lqfpNpUhT93C9jKoBAUHh0LwIAgbGBW7QtCKGbliJANvpwgdhQt+6184yaqAg7grg82sV8Rw0c962VYWVLg2sNrkhV/eknIEZn9Iw3GSi6aLHityc8MblbtjMr5QPCcdIu5e6jxJHKUP7xemFh0PbrgeXguD0FexPUQ=="
}

@Suite("SSH public keys")
struct SSHPublicKeyTests {
    @Test("Ed25519, ECDSA and RSA 3072 parse, with ssh-keygen's fingerprint, type and size",
          arguments: [(SampleKeys.ed25519, SampleKeys.ed25519Fingerprint, "ED25519", 256, "ana@laptop"),
                      (SampleKeys.ecdsa384, SampleKeys.ecdsa384Fingerprint, "ECDSA", 384, "ops"),
                      (SampleKeys.rsa3072, SampleKeys.rsa3072Fingerprint, "RSA", 3072, "r3")])
    func accepted(line: String, fingerprint: String, label: String, bits: Int, comment: String) throws {
        let key = try SSHPublicKey(line: line)
        #expect(key.fingerprint == fingerprint)
        #expect(key.algorithm.label == label)
        #expect(key.bits == bits)
        #expect(key.comment == comment)
        #expect(key.openSSH == line.split(separator: " ").prefix(2).joined(separator: " "))
    }

    @Test("RSA under 3072 bits, DSA, options, garbage and truncated keys are refused with the reason")
    func refused() throws {
        #expect(throws: SSHKeyProblem.rsaTooShort(bits: 2048)) { try SSHPublicKey(line: SampleKeys.rsa2048) }
        #expect(throws: SSHKeyProblem.unsupported(type: "ssh-dss")) { try SSHPublicKey(line: SampleKeys.dsa) }
        #expect(throws: SSHKeyProblem.unsupported(type: "command=\"id\"")) { try SSHPublicKey(line: "command=\"id\" " + SampleKeys.ed25519) }
        #expect(throws: SSHKeyProblem.empty) { try SSHPublicKey(line: "  \n") }
        #expect(throws: SSHKeyProblem.severalLines) { try SSHPublicKey(line: SampleKeys.ed25519 + "\n" + SampleKeys.ecdsa384) }
        #expect(throws: SSHKeyProblem.self) { try SSHPublicKey(line: "ssh-ed25519 not*base64") }
        let fields = SampleKeys.ed25519.split(separator: " ")
        let blob = try #require(Data(base64Encoded: String(fields[1])))
        // One byte short, one byte extra, and an Ed25519 blob labelled as ECDSA.
        for bad in [blob.dropLast(), blob + [0], blob] {
            let type = bad == blob ? "ecdsa-sha2-nistp256" : "ssh-ed25519"
            #expect(throws: SSHKeyProblem.self) { try SSHPublicKey(type: type, base64: Data(bad).base64EncodedString()) }
        }
        #expect(SSHKeyProblem.rsaTooShort(bits: 2048).message.contains("3072"))
    }

    @Test("a comment loses control and direction characters")
    func comment() throws {
        let key = try SSHPublicKey(line: SampleKeys.ed25519.replacingOccurrences(of: "ana@laptop", with: "ana\u{1B}[2J\u{202E}@x"))
        #expect(key.comment == "ana[2J@x")
    }
}
