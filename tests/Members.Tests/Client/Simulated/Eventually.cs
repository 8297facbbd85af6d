using System.Diagnostics;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>Waits on a condition with a deadline, instead of sleeping and hoping.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"{what}: not reached within {limit.TotalSeconds} s; last value: {value}");
            }

            await Task.Delay(50);
        }
    }

    public static Task Until(Func<bool> done, string what, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(done()), d => d, what, timeout);
}
