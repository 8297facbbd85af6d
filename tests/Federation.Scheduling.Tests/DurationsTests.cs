using CsCheck;

namespace Federation.Scheduling.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("seconds", "90s", 90_000)]
    [InlineData("minutes", "10m", 600_000)]
    [InlineData("hours", "2h", 7_200_000)]
    [InlineData("days", "1d", 86_400_000)]
    [InlineData("milliseconds", "500ms", 500)]
    [InlineData("a sum of parts", "1h30m", 5_400_000)]
    [InlineData("a fraction", "1.5m", 90_000)]
    [InlineData("a clock", "00:05:00", 300_000)]
    [InlineData("surrounding blanks", "  30s ", 30_000)]
    public void Durations_read_as_operators_type_them(string name, string text, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration), name);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("nothing", "")]
    [InlineData("blank", "   ")]
    [InlineData("a bare number", "10")]
    [InlineData("words", "ten minutes")]
    [InlineData("zero", "0s")]
    [InlineData("negative", "-1m")]
    [InlineData("an unknown unit", "5x")]
    [InlineData("too long for a TimeSpan", "99999999999d")]
    [InlineData("a clock of zero", "00:00:00")]
    [InlineData("a negative clock", "-00:05:00")]
    public void Text_that_is_not_a_positive_duration_is_refused(string name, string text)
    {
        Assert.False(Durations.TryParse(text, out var duration), name);
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Fact]
    public void Whole_seconds_written_in_any_unit_read_back_the_same()
    {
        Gen.Int[1, 1_000_000].Sample(seconds =>
        {
            var expected = TimeSpan.FromSeconds(seconds);
            foreach (var text in new[] { $"{seconds}s", $"{seconds * 1000L}ms", $"{seconds / 60}m{seconds % 60}s" })
            {
                Assert.True(Durations.TryParse(text, out var d), text);
                Assert.Equal(expected, d);
            }
        });
    }
}
