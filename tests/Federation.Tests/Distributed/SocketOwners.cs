using System.Collections.Concurrent;
using System.Globalization;

namespace Federation.Tests.Distributed;

/// <summary>
/// Which of our silo processes opened a loopback connection, from /proc (Linux): the connection's
/// client port gives the socket inode in /proc/net/tcp, and the inode is among one process's
/// file descriptors. This is how a test learns which silo holds a grain: the grain talks to a
/// member from the silo it lives on.
/// </summary>
public static class SocketOwners
{
    private static readonly ConcurrentDictionary<(int ClientPort, int ServerPort), int?> Cache = new();

    public static int? Resolve(int clientPort, int serverPort, IEnumerable<int> pids)
    {
        if (Cache.TryGetValue((clientPort, serverPort), out var known) && known is not null)
        {
            return known;
        }

        var inode = Inode(clientPort, serverPort);
        if (inode is null)
        {
            return null;
        }

        var link = $"socket:[{inode}]";
        foreach (var pid in pids)
        {
            string[] fds;
            try
            {
                fds = Directory.GetFileSystemEntries($"/proc/{pid}/fd");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // The process is gone.
            }

            foreach (var fd in fds)
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget == link)
                    {
                        Cache[(clientPort, serverPort)] = pid;
                        return pid;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The descriptor closed while we read.
                }
            }
        }

        return null;
    }

    private static string? Inode(int clientPort, int serverPort)
    {
        // .NET opens dual-mode sockets: a connection to 127.0.0.1 is listed in tcp6 as ::ffff:127.0.0.1.
        var local = $"0100007F:{clientPort:X4}";
        var remote = $"0100007F:{serverPort:X4}";
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[1].EndsWith(local, StringComparison.Ordinal) && f[2].EndsWith(remote, StringComparison.Ordinal)
                    && long.Parse(f[9], CultureInfo.InvariantCulture) != 0)
                {
                    return f[9];
                }
            }
        }

        return null;
    }
}
