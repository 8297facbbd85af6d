using System.Reflection;
using System.Xml;
using System.Xml.Linq;

namespace Federation.Members.Simulation;

/// <summary>
/// Field and type descriptions for <c>kubectl explain</c>, read from the client library's XML
/// documentation (its summaries are Kubernetes' own descriptions). Without that file the
/// documents carry no descriptions; everything else works the same.
/// </summary>
internal static class ModelDocs
{
    private static readonly Lazy<Dictionary<string, string>> Docs = new(Load);

    public static string? Summary(Type type) => Docs.Value.GetValueOrDefault($"T:{type.FullName}");

    public static string? Summary(PropertyInfo property) => Docs.Value.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}");

    private static Dictionary<string, string> Load()
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Locate() is not { } path)
        {
            return docs;
        }

        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, IgnoreWhitespace = true });
        reader.ReadToFollowing("member");
        while (reader.NodeType == XmlNodeType.Element && reader.Name == "member")
        {
            var member = (XElement)XNode.ReadFrom(reader);
            var name = member.Attribute("name")?.Value;
            if (name is not null && name.Contains(":k8s.Models.", StringComparison.Ordinal) && member.Element("summary") is { } summary)
            {
                docs[name] = string.Join(' ', summary.Value.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.ReadToFollowing("member");
            }
        }

        return docs;
    }

    /// <summary>Beside the library, or in the NuGet package it came from.</summary>
    private static string? Locate()
    {
        var assembly = typeof(k8s.Models.V1Deployment).Assembly;
        var beside = Path.ChangeExtension(assembly.Location, ".xml");
        if (File.Exists(beside))
        {
            return beside;
        }

        var version = assembly.GetName().Version;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(packages, "kubernetesclient");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "KubernetesClient.xml", SearchOption.AllDirectories)
                .Where(f => f.Contains($"{Path.DirectorySeparatorChar}net10.0{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderByDescending(f => version is not null && f.Contains($"{version.Major}.{version.Minor}.{version.Build}", StringComparison.Ordinal))
                .FirstOrDefault()
            : null;
    }
}
