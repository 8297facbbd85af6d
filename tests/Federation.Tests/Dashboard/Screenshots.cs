using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Federation.Tests.Dashboard;

/// <summary>Saves screenshots under artifacts/screenshots/ at the repository root (beside Federation.sln).</summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
    }

    // The build may live outside the tree (FEDERATION_BUILD_DIR), so the output directory is
    // not always below the repository; this source file always is.
    public static string RepositoryRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(source) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Federation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Federation.sln not found above {AppContext.BaseDirectory} or {source}");
    }
}
