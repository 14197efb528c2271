import Foundation
import Testing
@testable import StudioCore

/// Every field an encoder sends is one the parameter catalog lists for its wire protocol.
struct ParameterCatalogTests {
    /// A value for each form parameter, as a person would type it.
    static let samples: [String: String] = [
        "negativePrompt": "no text", "seed": "7", "sampleCount": "2", "generateAudio": "on", "personGeneration": "allow_adult",
        "enhancePrompt": "on", "resizeMode": "pad", "compressionQuality": "optimized", "storageUri": "gs://bucket/out",
        "pubsubTopic": "projects/p/topics/t", "labels": "team=film", "safetyLevel": "3", "autoFix": "on",
        "aspectRatio": "9:16", "resolution": "1080p", "durationSeconds": "8",
    ]

    /// The leaf paths of a JSON body: `parameters.aspectRatio`, `instances[].prompt`.
    static func paths(_ value: JSONValue, _ prefix: String = "") -> Set<String> {
        switch value {
        case .object(let members):
            return members.reduce(into: Set<String>()) { $0.formUnion(paths($1.value, prefix.isEmpty ? $1.key : "\(prefix).\($1.key)")) }
        case .array(let items):
            return items.reduce(into: Set<String>()) { $0.formUnion(paths($1, "\(prefix)[]")) }
        default:
            return [prefix]
        }
    }

    /// The request each case sends with every parameter its provider takes set.
    static func maximalBody(_ found: ProviderMatrix.Case) throws -> (wire: String, paths: Set<String>) {
        let registry = Fixtures.registry
        let validator = Validator(registry: registry, prices: Fixtures.prices)
        let name = try #require(found.sandbox)
        var draft = GenerationDraft()
        draft.provider = name
        draft.prompt = "a lighthouse"
        draft.model = found.model
        draft.delivery = found.delivery
        if found.needsReference { draft.references = [ReferenceImageInput(path: "https://example.com/ref.png")] }
        for field in registry.formFields(mode: .textToVideo, provider: name, model: found.model) {
            guard let value = samples[field.id] else { continue }
            var trial = draft
            _ = trial.set(field.id, text: value)
            if validator.validate(trial).isValid { draft = trial }
        }
        let spec = try #require(validator.validate(draft).spec, "\(found.label): \(validator.validate(draft).errors.map(\.line))")
        let provider = try PluginSetup.provider(name, baseURL: "http://127.0.0.1:9", staging: FileManager.default.temporaryDirectory,
                                                preview: true)
        let request = try provider.submitRequest(for: spec, media: GoldenWireTests.media)
        let body = try #require(request.body)
        return (found.wire, paths(body))
    }

    @Test func everyFieldAnEncoderSendsIsInTheCatalog() throws {
        let catalog = try ParameterCatalog.builtIn()
        for found in ProviderMatrix(registry: Fixtures.registry, prices: Fixtures.prices).cases {
            let (wire, sent) = try Self.maximalBody(found)
            let unlisted = sent.filter { !catalog.lists($0, wire: wire) }.sorted()
            #expect(unlisted.isEmpty, "\(found.label) (\(wire)) sends fields the catalog does not list: \(unlisted)")
        }
    }

    @Test func theCheckRefusesAFieldNoCatalogEntryNames() throws {
        let catalog = try ParameterCatalog.builtIn()
        #expect(catalog.lists("parameters.aspectRatio", wire: "gemini-predict"))
        #expect(!catalog.lists("parameters.unheardOf", wire: "gemini-predict"), "an unknown field fails the check")
        #expect(!catalog.lists("metadata.aspectRatio", wire: "gemini-predict"), "another wire's name fails it")
        #expect(catalog.lists("labels.any_key", wire: "vertex-predict"), "a path ending in .* covers what lies under it")
    }

    /// The form's parameter fields and the catalog name the same parameters.
    @Test func everyFormParameterIsInTheCatalogAndBack() throws {
        let catalog = try ParameterCatalog.builtIn()
        let inputs: Set<String> = ["prompt", "image", "lastFrame", "referenceImages", "video", "provider", "endpoint", "model"]
        let formParameters = Set(Fixtures.registry.formFields.map(\.id)).subtracting(inputs)
        let catalogFields = Set(catalog.parameters.compactMap(\.field))
        #expect(formParameters == catalogFields, "form only: \(formParameters.subtracting(catalogFields)); catalog only: \(catalogFields.subtracting(formParameters))")
    }
}
