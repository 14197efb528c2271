import AsyncHTTPClient
import Foundation
import Testing
@testable import StudioCore

/// The emulator answering one request in five with a fault — 429 with and without Retry-After,
/// 500, 503, a reset connection, an answer held past the client's timeout, a truncated body or
/// download, malformed JSON, on every route — on the Gemini API (Veo, and Gemini Omni with inline
/// and uri delivery) and Vertex AI profiles and every gateway's: every job ends, none is left
/// active, every job that did not finish says why, and a finished job's file is whole.
@Suite(.serialized)
struct FaultsAcrossProvidersTests {
    static let faults = "429:0.03,429-bare:0.02,500:0.03,503:0.02,reset:0.03,stall:0.02,truncated:0.03,malformed:0.02"

    /// A client that gives up on an answer after two seconds, so a stalled answer (held four
    /// seconds) is past its timeout, as the studio's 60 s timeout is past a 90 s stall. The
    /// emulator serves its built-in MP4 here, so no slow render on a busy machine looks like a stall.
    static let impatientClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(2))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Every provider of the registry × each protocol and delivery it takes (`ProviderMatrix`), on
    /// its sandbox, built by its plugin.
    static let matrix = ProviderMatrix(registry: Fixtures.registry, prices: Fixtures.prices)
    static let cases = matrix.cases.map(\.label)

    @Test(arguments: cases)
    func everyJobEndsAndExplainsItself(provider name: String) async throws {
        var stack = try await GatewayEndToEndTests.Stack.start(faults: Self.faults, deadlineSeconds: 120, stallSeconds: 4,
                                                               render: false)
        stack.transport = HTTPTransport(timeout: .seconds(2), client: Self.impatientClient)
        let found = try #require(Self.matrix.cases.first { $0.label == name })
        let id = try #require(found.sandbox)
        let omni = found.delivery
        var outcomes: [JobStatus: Int] = [:]
        for job in 0..<8 {
            let record = try await stack.run(id) { draft in
                draft.prompt = "faulty weather \(job)"
                draft.model = found.model
                draft.delivery = found.delivery
                if found.needsReference { draft.references = [.init(path: "ref.png")] }
            }
            outcomes[record.status, default: 0] += 1
            if omni != nil { #expect(record.wireProtocol == .interactions, "\(name) went through the Interactions API") }
            #expect(!record.status.isActive && record.status != .submitting, "\(id) #\(job) left \(record.status): \(record.errorMessage ?? "")")
            if record.status == .done {
                for output in try stack.service.journal.outputs(of: try #require(record.id)) {
                    let path = try #require(output.path)
                    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
                    #expect(size == output.bytes && size > 0, "a done job's file is whole")
                }
            } else {
                #expect(record.errorExplanation?.isEmpty == false || record.errorMessage?.isEmpty == false,
                        "\(id) #\(job) \(record.status) says why")
            }
        }
        #expect((outcomes[.done] ?? 0) >= 1, "\(name): some jobs get through the faults: \(outcomes)")
        let leftovers = FileManager.default.enumerator(atPath: stack.folder.url.path)?.allObjects.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".part") } ?? []
        #expect(leftovers.isEmpty, "no part file is left behind: \(leftovers)")
        await stack.stop()
    }
}
