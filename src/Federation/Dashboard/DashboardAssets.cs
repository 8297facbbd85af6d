using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Federation.Dashboard;

/// <summary>The page's files, embedded in the assembly: no wwwroot to deploy beside the binary.</summary>
internal static class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Asset> Files = Load();

    public static IReadOnlyCollection<string> Names => Files.Keys;

    public static IResult Serve(HttpContext context, string file)
    {
        if (!Files.TryGetValue(file, out var asset))
        {
            return Results.Problem($"no dashboard file named '{file}'", statusCode: 404, title: "not found");
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (file.EndsWith(".html", StringComparison.Ordinal))
        {
            // The page only talks to its own origin and never runs inline script.
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
        }

        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            headers.ETag = asset.ETag;
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        headers.ETag = asset.ETag;
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var file = name[Prefix.Length..];
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            files[file] = new Asset(content, type, $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
        }

        return files.ToFrozenDictionary();
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
