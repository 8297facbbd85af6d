namespace Federation.Hosting;

/// <summary>
/// Files under the data directory hold grain state and keys: directories are created 0700 and
/// files 0600, readable by the host's own user only. (Windows has no Unix modes; its ACLs apply.)
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the directory (and its parents) 0700, or tightens an existing one to 0700.</summary>
    public static string Directory(string path)
    {
        path = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return path;
        }

        System.IO.Directory.CreateDirectory(path, OwnerDirectory);
        File.SetUnixFileMode(path, OwnerDirectory);
        return path;
    }

    /// <summary>Writes a file 0600 through a temporary file renamed over it: a crash leaves the old or the new content.</summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content)
    {
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        await using (var stream = new FileStream(temp, options))
        {
            await stream.WriteAsync(content);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Narrows an existing file to 0600 (one written by code that does not know these rules).</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerFile);
        }
    }
}
