import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the file system says of a path (symbolic links followed), in one `stat` call. Foundation's
/// item attributes also look up the owner's and group's names, reading the user and group
/// databases every time: too dear for the inputs of every line of a batch.
struct FileStatus {
    let size: Int
    let isDirectory: Bool
    /// Size, inode and modification time (to the nanosecond): changes when the file does.
    let stamp: String

    /// Nil when the path does not exist or cannot be looked at.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        stamp = "\(info.st_size)-\(info.st_ino)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
