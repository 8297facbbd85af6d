namespace Federation.Api;

/// <summary>
/// Grain calls from the API, retried when the silo that held the grain has just died: the first
/// call after a silo loss fails with SiloUnavailableException, the retry reactivates the grain
/// elsewhere with its state. Callers of the API never see that hiccup.
/// </summary>
public static class GrainCalls
{
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, int attempts = 16)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < attempts && IsTransient(e))
            {
                // Up to about 13 s in all: long enough for the cluster to declare a dead silo dead
                // (Orleans' default membership timeouts) and reactivate its grains on a survivor.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200 * attempt, 1000)));
            }
        }
    }

    public static Task RetryAsync(Func<Task> call) => RetryAsync(async () =>
    {
        await call();
        return true;
    });

    /// <summary>
    /// Runtime failures of the cluster (a lost silo, a rejected or timed-out message, a broken
    /// connection) are all <see cref="OrleansException"/>s; the grains' own errors are not.
    /// </summary>
    private static bool IsTransient(Exception e) => e is OrleansException or TimeoutException;
}
