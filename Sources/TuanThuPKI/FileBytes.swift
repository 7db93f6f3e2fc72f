import Foundation

/// Reading files with a size limit, with plain POSIX calls (Foundation's attribute dictionary
/// cost more than parsing a certificate, and its errors read "NSCocoaErrorDomain error 256").
///
/// Only regular files are read. A folder, a named pipe, a device or a socket is refused before it
/// is opened, and again after (the path may change in between), with what it is in plain words:
/// opening a FIFO would block, reading a device would never end.
public enum FileBytes {
    public static func read(_ url: URL, path: String, limit: Int) throws -> [UInt8] {
        try read(atPath: url.path, path: path, limit: limit)
    }

    /// The same, given the file system path (`path` is how messages name the file).
    public static func read(atPath file: String, path: String, limit: Int) throws -> [UInt8] {
        var before = stat()
        guard stat(file, &before) == 0 else { throw PKIError.unreadable(path: path, reason: failure(errno)) }
        if let kind = notAFile(before.st_mode) { throw PKIError.unreadable(path: path, reason: kind) }
        let descriptor = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw PKIError.unreadable(path: path, reason: failure(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw PKIError.unreadable(path: path, reason: failure(errno)) }
        if let kind = notAFile(status.st_mode) { throw PKIError.unreadable(path: path, reason: kind) }
        let size = Int(status.st_size)
        guard size <= limit else { throw PKIError.tooLarge(path: path, size: size, limit: limit) }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + offset, size - offset)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw PKIError.unreadable(path: path, reason: count == 0 ? "the file shrank while it was read" : failure(errno))
            }
            offset += count
        }
        return bytes
    }

    /// What a path is when it is not a regular file, in plain words; nil for a regular file.
    public static func notAFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder, not a file"
        case S_IFIFO: return "it is a named pipe (FIFO), not a file; tuanthu reads only ordinary files"
        case S_IFCHR, S_IFBLK: return "it is a device, not a file; tuanthu reads only ordinary files"
        case S_IFSOCK: return "it is a socket, not a file; tuanthu reads only ordinary files"
        default: return "it is not an ordinary file"
        }
    }

    /// Why a file could not be opened or read, in plain words (the system's own text otherwise).
    public static func failure(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied: this user may not read it"
        case ENOENT: return "it does not exist"
        case ENOTDIR: return "a folder on its path is a file"
        case ELOOP: return "its symbolic links go round in a loop"
        case ENAMETOOLONG: return "its path is too long"
        case EISDIR: return "it is a folder, not a file"
        default: return String(cString: strerror(code))
        }
    }
}
