import Foundation
import Testing
@testable import StudioCore

/// The CLI's spec flags and the parameter catalog name the same parameters.
struct ParameterFlagsTests {
    @Test func everyCatalogFlagIsAGenerateFlag() throws {
        let help = try CLIRunner().run(["generate", "--help"])
        #expect(help.status == 0)
        for parameter in try ParameterCatalog.builtIn().parameters {
            let flag = try #require(parameter.flag, "\(parameter.name) has a flag")
            #expect([" ", "\n", "/"].contains { help.stdout.contains(flag + $0) },
                    "\(parameter.name): \(flag) is not a flag of generate")
        }
    }
}
