import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio ledger`: every job's estimate and whether it is charged, or the sums by day, model,
/// provider or batch — spent (charged, may be charged) apart from committed (in flight, waiting).
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "What was spent and what is about to be, per job or grouped.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only jobs created on or after this local date.", valueName: "YYYY-MM-DD")) var since: String?
    @Option(help: ArgumentHelp("Sum by day, model, provider or batch.", valueName: "day|model|provider|batch")) var by: String?
    @Flag(help: "Print JSON: {\"rows\" or \"groups\", \"totals\", \"prices_as_of\"}.") var json = false
    @Flag(help: "Print CSV with a header row.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv: choose one") }
        if let by, Ledger.Grouping(rawValue: by) == nil { throw ValidationError("--by \(by): write day, model, provider or batch") }
        if let since, Self.date(since) == nil { throw ValidationError("--since \(since): write a date as YYYY-MM-DD") }
    }

    func run() async throws {
        let context = try StudioContext(global: global)
        let ledger = try Ledger.read(try context.journal(), since: since.flatMap(Self.date))
        let pricesAsOf = context.prices.entries.map(\.as_of).max() ?? ""
        let groups = by.flatMap(Ledger.Grouping.init(rawValue:)).map(ledger.grouped)
        if json {
            var object: [String: JSONValue] = ["totals": Self.json(ledger.totals), "prices_as_of": .string(pricesAsOf)]
            if let groups { object["groups"] = .array(groups.map(Self.json)) } else { object["rows"] = .array(ledger.entries.map(Self.json)) }
            Output.json(.object(object))
        } else if csv {
            let lines = groups.map { groups in
                [["key", "jobs", "charged_usd", "may_be_charged_usd", "in_flight_usd", "waiting_usd", "not_charged", "unpriced"]]
                    + groups.map { [$0.key, "\($0.jobs)", Self.money($0.chargedUSD), Self.money($0.uncertainUSD), Self.money($0.inFlightUSD),
                                    Self.money($0.waitingUSD), "\($0.notCharged)", "\($0.unpriced)"] }
            } ?? ([["id", "created_at", "provider", "model", "batch", "status", "synthetic", "estimate_usd", "charge", "amount_usd", "reason"]]
                + ledger.entries.map { entry in
                    ["\(entry.id)", StoredDate.iso8601(entry.createdAt), entry.provider, entry.model, entry.batch ?? "", entry.status.rawValue,
                     entry.synthetic ? "true" : "false", entry.estimateUSD.map(Self.money) ?? "", entry.state, Self.money(entry.amountUSD),
                     entry.reason ?? ""]
                })
            lines.forEach { print($0.map(Self.csvField).joined(separator: ",")) }
        } else {
            if let groups {
                for group in groups {
                    print("\(group.key.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%3d", group.jobs)) jobs  spent \(CostEstimate.dollars(group.spentUSD))  committed \(CostEstimate.dollars(group.committedUSD))")
                }
            } else {
                for entry in ledger.entries {
                    let amount = (entry.synthetic ? "~" : "") + CostEstimate.dollars(entry.amountUSD)
                    print("#\(entry.id)  \(LocalTime.dateTime(entry.createdAt))  \(entry.provider)  \(entry.model)  \(entry.state)  \(amount)\(entry.reason.map { "  (\($0))" } ?? "")")
                }
            }
            let totals = ledger.totals
            print("\(totals.sentence) · estimates from the price table of \(pricesAsOf); sandbox jobs (~) are never charged")
        }
    }

    static func json(_ totals: Ledger.Totals) -> JSONValue {
        .object(["key": .string(totals.key), "jobs": .number(Double(totals.jobs)), "charged_usd": Output.usd(totals.chargedUSD),
                 "may_be_charged_usd": Output.usd(totals.uncertainUSD), "in_flight_usd": Output.usd(totals.inFlightUSD),
                 "waiting_usd": Output.usd(totals.waitingUSD), "spent_usd": Output.usd(totals.spentUSD), "committed_usd": Output.usd(totals.committedUSD),
                 "not_charged": .number(Double(totals.notCharged)), "unpriced": .number(Double(totals.unpriced))])
    }

    static func json(_ entry: LedgerEntry) -> JSONValue {
        .object(["id": .number(Double(entry.id)), "created_at": Output.date(entry.createdAt), "provider": .string(entry.provider),
                 "model": .string(entry.model), "batch": entry.batch.map(JSONValue.string) ?? .null, "status": .string(entry.status.rawValue),
                 "synthetic": .bool(entry.synthetic), "estimate_usd": entry.estimateUSD.map(JSONValue.number) ?? .null,
                 "charge": .string(entry.state), "amount_usd": .number(entry.amountUSD), "reason": entry.reason.map(JSONValue.string) ?? .null])
    }

    static func money(_ usd: Double) -> String { String(format: "%.2f", usd) }

    static func csvField(_ text: String) -> String {
        text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// A local date `YYYY-MM-DD` as the start of that day.
    static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return Calendar.current.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}
