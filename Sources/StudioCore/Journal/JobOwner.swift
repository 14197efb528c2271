import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who drives a job: one process (its pid on this host) and one service in it. A job has at most
/// one owner at a time; another process takes it over only when the owner is gone — its process no
/// longer runs on this host, or its lease ran out (a host the journal cannot see into).
public struct JobOwner: Sendable, Hashable {
    public var id: String
    public var pid: Int32
    public var host: String

    public init(id: String = UUID().uuidString, pid: Int32 = getpid(), host: String = JobOwner.localHost) {
        self.id = id
        self.pid = pid
        self.host = host
    }

    /// This machine's name, looked up once: each lookup asks the resolver (the hosts file, the name
    /// service), and every lease check needs it.
    public static let localHost = ProcessInfo.processInfo.hostName

    /// True while the process `pid` runs on this host.
    static func isRunning(pid: Int32, host: String) -> Bool {
        guard host == localHost else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
