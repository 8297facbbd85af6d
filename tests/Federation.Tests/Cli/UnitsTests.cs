using Federation.Cli;

namespace Federation.Tests.Cli;

public sealed class UnitsTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5m", 90)]
    [InlineData("1d", 86400)]
    [InlineData("00:05:00", 300)]
    public void Durations_read_as_operators_type_them(string text, int seconds)
    {
        Assert.True(Units.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("ten minutes")]
    [InlineData("0s")]
    [InlineData("5x")]
    public void Text_that_is_not_a_duration_is_rejected(string text)
    {
        Assert.False(Units.TryParseDuration(text, out _));
    }

    [Theory]
    [InlineData(8000, "8")]
    [InlineData(7500, "7.5")]
    [InlineData(250, "0.25")]
    public void Cpu_prints_in_cores(long milliCpu, string expected) => Assert.Equal(expected, Units.Cpu(milliCpu));

    [Theory]
    [InlineData(34359738368L, "32Gi")]
    [InlineData(1610612736L, "1.5Gi")]
    [InlineData(134217728L, "128Mi")]
    [InlineData(512L, "512")]
    public void Memory_prints_in_binary_units(long bytes, string expected) => Assert.Equal(expected, Units.Memory(bytes));
}
