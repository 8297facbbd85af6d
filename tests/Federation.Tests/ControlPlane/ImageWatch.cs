namespace Federation.Tests.ControlPlane;

/// <summary>Samples every member's Deployment image and the ready total continuously, for order and floor assertions.</summary>
internal sealed class ImageWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Sample> _samples = [];
    private Task _loop = Task.CompletedTask;

    public IReadOnlyList<Sample> Samples => _samples;

    public int MinimumReady { get; private set; } = int.MaxValue;

    public static ImageWatch Start(Fleet fleet)
    {
        var watch = new ImageWatch();
        watch._loop = Task.Run(async () =>
        {
            while (!watch._stop.IsCancellationRequested)
            {
                var images = fleet.Members.ToDictionary(m => m.Name, m => m.DeploymentImage(RolloutTests.Ns, "web"), StringComparer.Ordinal);
                watch.MinimumReady = Math.Min(watch.MinimumReady, fleet.ReadyTotal(RolloutTests.Ns, "web"));
                watch._samples.Add(new Sample(watch._samples.Count, images));
                await Task.Delay(5);
            }
        });
        return watch;
    }

    /// <summary>The sample index at which each member first ran the image.</summary>
    public Dictionary<string, int> FirstOn(string image) => _samples
        .SelectMany(s => s.Images.Where(i => i.Value == image).Select(i => (i.Key, s.Index)))
        .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Min(x => x.Index), StringComparer.Ordinal);

    /// <summary>The sample index at which each member last ran the image.</summary>
    public Dictionary<string, int> LastOn(string image) => _samples
        .SelectMany(s => s.Images.Where(i => i.Value == image).Select(i => (i.Key, s.Index)))
        .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Max(x => x.Index), StringComparer.Ordinal);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    public sealed record Sample(int Index, IReadOnlyDictionary<string, string?> Images);
}
