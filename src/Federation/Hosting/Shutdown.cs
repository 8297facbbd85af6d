namespace Federation.Hosting;

/// <summary>
/// Stops a host within a bound. The generic host gives its services <c>ShutdownTimeout</c> but waits
/// for them however long they take; a silo whose Redis has gone keeps retrying its membership table
/// and would outlive any grace period (Kubernetes would have to kill it). Past the bound the stop is
/// abandoned and the process ends: grain state is written as each change is made, not at shutdown.
/// </summary>
internal static class Shutdown
{
    /// <summary>Waits for a stop (signal, Ctrl-C or <paramref name="ct"/>), then stops <paramref name="app"/>; false when the stop overran <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitAsync(WebApplication app, TimeSpan timeout, CancellationToken ct)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
        using (ct.Register(() => stopping.TrySetResult()))
        {
            await stopping.Task;
        }

        using var bound = new CancellationTokenSource(timeout);
        var stop = app.StopAsync(bound.Token);

        // A little beyond the services' own timeout, so that a stop that honours it finishes cleanly.
        return await Task.WhenAny(stop, Task.Delay(timeout + TimeSpan.FromSeconds(2), CancellationToken.None)) == stop;
    }

    /// <summary>Stops like <see cref="WaitAsync"/>; when the stop overran, says so and ends the process (what is left are retries against what has gone).</summary>
    public static async Task<int> RunToEndAsync(WebApplication app, TimeSpan timeout, CancellationToken ct)
    {
        if (await WaitAsync(app, timeout, ct))
        {
            return 0;
        }

        await Console.Error.WriteLineAsync($"federation: shutdown did not finish within {timeout.TotalSeconds:0}s (Federation:ShutdownTimeout); exiting without it");
        Environment.Exit(0);
        return 0;
    }
}
