import ArgumentParser
import Foundation
import StudioCore
import StudioTUI

/// `veo-studio show ID`: everything the journal knows about one generation.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one generation in full.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The generation's id.") var id: Int64
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let journal = try context.journal()
        guard let record = try journal.generation(id) else {
            throw CLIFailure.badInput("error: id: no generation \(id) in the journal — list them with veo-studio history")
        }
        let outputs = try journal.outputs(of: id)
        let events = try journal.events(of: id)
        let assets = try journal.assets(of: id)
        let children = try journal.children(of: id)
        let spec = try? record.spec()
        let chain = (try? context.service().refinementChain(of: id)) ?? []
        if json {
            var object = Output.row(record).objectValue ?? [:]
            object["spec"] = spec.flatMap { try? JSONValue.decode(JSONEncoder().encode($0)) } ?? .null
            object["request"] = record.requestJSON.flatMap { try? JSONValue.decode(Data($0.utf8)) } ?? .null
            object["server_answer"] = record.serverAnswerJSON.flatMap { try? JSONValue.decode(Data($0.utf8)) } ?? .null
            object["outputs"] = .array(outputs.map { output in
                .object(["sample": .number(Double(output.sampleIndex)), "path": output.path.map(JSONValue.string) ?? .null,
                         "bytes": output.bytes.map { .number(Double($0)) } ?? .null,
                         "sha256": output.sha256.map(JSONValue.string) ?? .null,
                         "remote_uri": output.remoteURI.map(JSONValue.string) ?? .null,
                         "expires_at": Output.date(output.expiresAt)])
            })
            object["events"] = .array(events.map { event in
                .object(["at": Output.date(event.at), "status": .string(event.status.rawValue), "detail": .string(event.detail)])
            })
            object["inputs"] = .array(assets.map { role, asset in
                .object(["role": .string(role), "sha256": .string(asset.sha256), "mime_type": .string(asset.mimeType),
                         "width": .number(Double(asset.width)), "height": .number(Double(asset.height)),
                         "stored_path": .string(asset.storedPath), "original_path": .string(asset.originalPath)])
            })
            object["children"] = .array(children.map { .number(Double($0.id ?? 0)) })
            object["hops"] = .number(Double(record.hops))
            var lineage: [String: JSONValue] = [:]
            lineage["parent"] = record.parentID.map { .number(Double($0)) } ?? .null
            lineage["parent_kind"] = record.parentKind.map(JSONValue.string) ?? .null
            lineage["previous_interaction"] = spec?.previousInteraction.map(JSONValue.string) ?? .null
            lineage["turn"] = .number(Double(max(chain.count, 1)))
            lineage["chain"] = .array(chain.map { .number(Double($0.record.id ?? 0)) })
            let childEntries: [JSONValue] = children.map { child in
                let kind: JSONValue = child.parentKind.map(JSONValue.string) ?? .null
                return .object(["id": .number(Double(child.id ?? 0)), "kind": kind])
            }
            lineage["children"] = .array(childEntries)
            object["lineage"] = .object(lineage)
            object["poll_count"] = .number(Double(record.pollCount))
            object["safety"] = record.raiReasonsJSON.flatMap { try? JSONValue.decode(Data($0.utf8)) } ?? .null
            Output.json(.object(object))
            return
        }
        print(Output.rowLine(record))
        print("  provider \(record.provider), model \(record.model), mode \(record.mode.phrase)")
        if let operation = record.operationName { print("  operation \(operation)") }
        if let spec {
            let effective = spec.effective
            let length = record.mode == .extendVideo ? "extension (\(record.outputSeconds.map { "\($0) s in all" } ?? "length unknown"))"
                : "\(effective.durationSeconds) s"
            print("  \(length), \(effective.aspectRatio), \(effective.resolution), \(effective.sampleCount) sample(s), audio \(effective.generateAudio ? "on" : "off")")
            for (key, value) in spec.draft.parameterValues.sorted(by: { $0.key < $1.key }) where key != "prompt" {
                print("  \(key): \(SubmitFlow.show(value))")
            }
        }
        let summary = try journal.summary(id) ?? GenerationSummary(record: record)
        print("  cost: \(summary.charge.sentence(synthetic: record.synthetic, provider: record.provider))")
        for (role, asset) in assets { print("  input \(role): \(asset.originalPath) (\(asset.width)×\(asset.height), stored \(asset.storedPath))") }
        for output in outputs {
            print("  output \(output.sampleIndex + 1): \(output.path ?? "(not downloaded)") \(output.bytes.map { "\($0) bytes" } ?? "") \(output.remoteLabel ?? "")")
            if let sha = output.sha256 { print("    sha256 \(sha)") }
            if let expiry = output.linkExpiry(now: Date()) { print("    \(expiry)") }
        }
        if let message = record.errorMessage { print("  \(message)") }
        if let explanation = record.errorExplanation { print("  → \(explanation)") }
        if let parent = record.parentID { print("  parent #\(parent) (\(record.parentKind ?? "rerun"))") }
        if record.parentKind == "refine" {
            let turns = chain.map { "#\($0.record.id ?? 0)" }.joined(separator: " → ")
            print("  refinement turn \(chain.count): \(turns)\(spec?.previousInteraction.map { " (continues interaction \($0))" } ?? "")")
        }
        if record.hops > 0 { print("  extension \(record.hops)/20, \(record.outputSeconds ?? 0) s in all") }
        if !children.isEmpty { print("  children: " + children.map { "#\($0.id ?? 0) (\($0.parentKind ?? ""))" }.joined(separator: ", ")) }
        if let answer = record.serverAnswerJSON {
            print("  server's answer:")
            GenerationDetail.answerLines(answer).forEach { print("  \($0)") }
        }
        for event in events {
            print("  \(StoredDate.iso8601(event.at)) \(event.status.rawValue): \(event.detail)")
        }
    }
}
