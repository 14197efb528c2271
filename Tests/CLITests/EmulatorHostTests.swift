import Foundation
import Testing
@testable import veo_studio

/// The emulator listens on this machine only unless `--allow-remote` says otherwise.
struct EmulatorHostTests {
    @Test(arguments: ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])
    func loopbackHostsNeedNoFlag(host: String) throws {
        let command = try EmulatorCommand.parse(["--host", host])
        #expect(command.host == host && !command.allowRemote)
    }

    @Test(arguments: ["0.0.0.0", "192.168.1.20", "10.0.0.1", "128.0.0.1", "::", "fe80::1", "example.com", "localhost.example.com",
                      "::ffff:10.0.0.1"])
    func otherHostsAreRefusedNamingTheFlag(host: String) {
        do {
            _ = try EmulatorCommand.parse(["--host", host])
            Issue.record("--host \(host) was accepted without --allow-remote")
        } catch {
            let message = EmulatorCommand.message(for: error)
            #expect(message.contains("--host \(host)") && message.contains("--allow-remote") && message.contains("127.0.0.1"), "\(message)")
        }
    }

    @Test func allowRemoteLetsAnyHostThrough() throws {
        let command = try EmulatorCommand.parse(["--host", "0.0.0.0", "--allow-remote"])
        #expect(command.allowRemote && command.host == "0.0.0.0")
        #expect(try command.makeOptions().host == "0.0.0.0")
        #expect(try EmulatorCommand.parse([]).host == "127.0.0.1", "the default stays loopback")
        #expect(EmulatorCommand.helpMessage().contains("--allow-remote"))
    }
}
