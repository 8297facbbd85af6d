using CsCheck;
using Federation.Capacity;

namespace Federation.Scheduling.Tests.Capacity;

public sealed class QuantityParserTests
{
    [Theory]
    [InlineData("milli-cores", "500m", "0.5")]
    [InlineData("whole cores", "2", "2")]
    [InlineData("binary SI", "256Mi", "268435456")]
    [InlineData("decimal SI", "1G", "1000000000")]
    [InlineData("kilo is lower-case", "3k", "3000")]
    [InlineData("micro", "100u", "0.0001")]
    [InlineData("decimal exponent", "1e3", "1000")]
    [InlineData("upper-case exponent", "5E2", "500")]
    [InlineData("fraction", "0.25", "0.25")]
    [InlineData("leading plus", "+1", "1")]
    [InlineData("surrounding spaces", " 64Mi ", "67108864")]
    public void Parses_the_kubernetes_grammar(string _, string text, string expected)
    {
        Assert.True(QuantityParser.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("a word", "lots")]
    [InlineData("an unknown suffix", "12XB")]
    [InlineData("negative", "-1")]
    [InlineData("empty", "")]
    [InlineData("suffix without a number", "Mi")]
    [InlineData("lower-case binary suffix", "1mi")]
    [InlineData("above a petabyte", "2E")]
    [InlineData("exponent without digits", "1e")]
    [InlineData("two points", "1.2.3")]
    public void Refuses_what_is_no_quantity(string scenario, string text)
    {
        Assert.False(QuantityParser.TryParse(text, out var value), $"{scenario}: read as {value}");
    }

    [Fact]
    public void Every_whole_amount_with_a_binary_suffix_reads_back_exactly()
    {
        var suffixes = new[] { ("", 1L), ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30) };
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, suffixes.Length - 1]).Sample((n, i) =>
        {
            var (suffix, factor) = suffixes[i];
            return QuantityParser.TryParse($"{n}{suffix}", out var value) && value == (decimal)n * factor;
        });
    }
}
