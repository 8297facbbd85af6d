namespace Federation.Members.Client;

/// <summary>Exponential back-off with jitter, as a pure function of the attempt and a random source.</summary>
internal static class Backoff
{
    /// <summary>
    /// <paramref name="baseDelay"/> doubled per earlier failure, capped at <paramref name="maxDelay"/>, then
    /// spread over [50 %, 100 %] so that many watchers of one recovering member do not re-connect in step.
    /// </summary>
    public static TimeSpan Delay(int failures, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Clamp(failures, 0, 30);
        var ticks = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(ticks * (0.5 + (random.NextDouble() / 2))));
    }
}
