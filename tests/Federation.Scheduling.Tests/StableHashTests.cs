using CsCheck;

namespace Federation.Scheduling.Tests;

public sealed class StableHashTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("ns/app/", "m0001")]
    [InlineData("ns/app/", "zürich-🙂")]
    public void A_continued_hash_is_the_hash_of_the_joined_text(string prefix, string text) =>
        Assert.Equal(StableHash.Of(prefix + text), StableHash.Of(StableHash.Start(prefix), text));

    [Fact]
    public void Continuing_from_a_prefix_equals_hashing_the_concatenation_for_any_text()
    {
        // Long texts with surrogate pairs cross the 64-character chunks in every position.
        var text = Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 0, 200], Gen.String[Gen.Char, 0, 200], Gen.Int[0, 150].Select(n => string.Concat(Enumerable.Repeat("a🙂", n))));
        Gen.Select(text, text).Sample((prefix, rest) =>
            Assert.Equal(StableHash.Of(prefix + rest), StableHash.Of(StableHash.Start(prefix), rest)));
    }

    [Fact]
    public void The_hash_is_fixed_across_versions() =>
        Assert.Equal(StableHash.Of("ns/app"), StableHash.Of(StableHash.Start("ns/"), "app"));
}
