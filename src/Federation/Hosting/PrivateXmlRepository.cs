using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Federation.Hosting;

/// <summary>
/// The Data Protection key ring of the embedded mode, in the data directory: one XML file per
/// key, written 0600 in a 0700 directory (the framework's own file repository leaves them to the umask).
/// </summary>
public sealed class PrivateXmlRepository(string directory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory, "*.xml").Order(StringComparer.Ordinal).Select(XElement.Load)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        PrivateFiles.Directory(directory);
        var name = string.Concat(friendlyName.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_'));
        using var buffer = new MemoryStream();
        element.Save(buffer, SaveOptions.DisableFormatting);

        // The key manager calls this synchronously; the write is small.
        PrivateFiles.WriteAsync(Path.Combine(directory, $"key-{name}.xml"), buffer.ToArray()).GetAwaiter().GetResult();
    }
}
