using Microsoft.Extensions.Hosting;

namespace Federation.Members.Simulation;

/// <summary>
/// The simulator's web host is embedded in a test or in the federation process: it must not take
/// over Ctrl-C/SIGTERM (the default console lifetime would), the embedding process owns them.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
