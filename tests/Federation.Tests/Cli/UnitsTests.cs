using Federation.Cli;

namespace Federation.Tests.Cli;

public sealed class UnitsTests
{
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
