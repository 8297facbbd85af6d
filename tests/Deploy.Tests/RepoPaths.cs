using System.Reflection;

namespace Deploy.Tests;

/// <summary>Finds files of the checkout from the test's output folder, wherever the build put it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        // Walk up from the output folder (bin/ inside the checkout); when FEDERATION_BUILD_DIR
        // moved the output elsewhere, walk up from the project folder recorded at build time.
        var projectDirectory = typeof(RepoPaths).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        var starts = new[] { AppContext.BaseDirectory, projectDirectory }.OfType<string>().ToList();
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Federation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Federation.sln not found above any of: {string.Join(", ", starts)}");
    }
}
