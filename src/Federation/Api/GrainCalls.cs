namespace Federation.Api;

/// <summary>
/// Grain calls from the API, retried when the silo that held the grain has just died: the first
/// call after a silo loss fails with SiloUnavailableException, the retry reactivates the grain
/// elsewhere with its state. Callers of the API never see that hiccup.
/// </summary>
public static class GrainCalls
{
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < attempts && IsTransient(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    public static Task RetryAsync(Func<Task> call) => RetryAsync(async () =>
    {
        await call();
        return true;
    });

    private static bool IsTransient(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
        || (e is OrleansException && e.InnerException is SiloUnavailableException);
}
