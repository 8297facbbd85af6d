using Microsoft.Playwright;

namespace Federation.Tests.Dashboard;

/// <summary>
/// One headless Chromium for all dashboard tests (the machines have two cores). Debian's chromium,
/// never a downloaded browser: when it is missing or will not start, every test fails saying so.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser did not start");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("FEDERATION_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The dashboard tests drive Debian's chromium: " +
                "apt-get install -y chromium (tests/run installs it), or set FEDERATION_CHROMIUM to its path.");
        }

        // The browser is the system's; the package's driver must not try to fetch one.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }
        catch (Exception e) when (e is PlaywrightException or InvalidOperationException or IOException)
        {
            throw new InvalidOperationException($"Chromium at {ChromiumPath} could not be launched through Playwright: {e.Message}", e);
        }

        Assertions.SetDefaultExpectTimeout(30_000);
    }

    public async Task<IPage> OpenAsync(string url, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(url);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Dashboard (one browser)";
}
