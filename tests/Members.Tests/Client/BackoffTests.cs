using Federation.Members.Client;

namespace Federation.Members.Tests.Client;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(0, 100, 200)]
    [InlineData(1, 200, 400)]
    [InlineData(3, 800, 1600)]
    [InlineData(10, 2500, 5000)] // capped at the 5 s maximum
    [InlineData(1000, 2500, 5000)]
    public void Delay_doubles_per_failure_within_jitter_and_cap(int failures, int minMs, int maxMs)
    {
        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var delay = Backoff.Delay(failures, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), random);

            Assert.InRange(delay.TotalMilliseconds, minMs, maxMs);
        }
    }
}
