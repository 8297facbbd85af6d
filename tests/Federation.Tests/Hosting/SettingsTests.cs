using Federation.Api.Access;
using Federation.Hosting;

namespace Federation.Tests.Hosting;

/// <summary>Settings that do not convert, or are out of range, refuse the start and name the setting.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"federation-settings-{Guid.NewGuid():N}.json");

    [Theory]
    [InlineData("a duration that is no duration", """{"ProbeInterval":"abc"}""", "'Federation:ProbeInterval'")]
    [InlineData("a zero probe interval", """{"ProbeInterval":"00:00:00"}""", "Federation:ProbeInterval must be a positive duration")]
    [InlineData("a probe that may not wait at all", """{"ProbeTimeout":"00:00:00"}""", "Federation:ProbeTimeout must be a positive duration")]
    [InlineData("a negative resync interval", """{"ResyncInterval":"-00:00:05"}""", "Federation:ResyncInterval must be a positive duration")]
    [InlineData("a negative report batch", """{"ObservationBatch":"-00:00:01"}""", "Federation:ObservationBatch must be between 0 and ResyncInterval")]
    [InlineData("reports gathered longer than a resync", """{"ObservationBatch":"00:00:06"}""", "Federation:ObservationBatch must be between 0 and ResyncInterval (00:00:05)")]
    [InlineData("no failures before NotReady", """{"FailureThreshold":0}""", "Federation:FailureThreshold must be at least 1")]
    [InlineData("no reconcile may run", """{"ReconcileConcurrency":0}""", "Federation:ReconcileConcurrency must be at least 1")]
    [InlineData("no member writes at all", """{"MemberWritesPerSecond":0}""", "Federation:MemberWritesPerSecond must be at least 1")]
    [InlineData("a hold fraction below 0", """{"FailoverHoldFraction":-0.1}""", "Federation:FailoverHoldFraction must be between 0 and 1")]
    [InlineData("a hold fraction above 1", """{"FailoverHoldFraction":1.5}""", "Federation:FailoverHoldFraction must be between 0 and 1")]
    public void A_bad_setting_refuses_start_up_naming_it(string why, string settings, string message)
    {
        File.WriteAllText(_file, $$"""{"Federation":{{settings}}}""");

        var refused = Assert.Throws<StartupRefusedException>(() => Settings.Load(_file));

        Assert.True(refused.Message.Contains(message, StringComparison.Ordinal), $"{why}: {refused.Message}");
    }

    [Fact]
    public void Good_settings_are_read_as_written()
    {
        File.WriteAllText(_file, """{"Federation":{"ProbeInterval":"00:00:01","FailoverHoldFraction":1,"MemberWritesPerSecond":40,"ObservationBatch":"00:00:00"}}""");

        var options = Settings.Load(_file);

        Assert.Equal((TimeSpan.FromSeconds(1), 1.0, 40, TimeSpan.Zero), (options.ProbeInterval, options.FailoverHoldFraction, options.MemberWritesPerSecond, options.ObservationBatch));
        Assert.Empty(options.Problems());
    }

    public void Dispose() => File.Delete(_file);
}
