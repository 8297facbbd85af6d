using CsCheck;
using Federation.Capacity;

namespace Federation.Scheduling.Tests.Capacity;

public sealed class CapacityReadsTests
{
    private static readonly DateTimeOffset Read = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("promises on the member: only a newer read ends them", 2, false, true, true)]
    [InlineData("an application waits for room somewhere", 0, true, true, true)]
    [InlineData("the index is still being re-learnt after a restart", 0, false, false, true)]
    [InlineData("nothing promised, nobody waiting: a settled fleet", 0, false, true, false)]
    public void Fresh_figures_are_wanted_while_they_can_change_a_placement(string scenario, int promises, bool waiting, bool indexComplete, bool wanted)
    {
        Assert.True(CapacityReads.Wanted(promises, waiting, indexComplete) == wanted, scenario);
    }

    [Theory]
    [InlineData("wanted, before the interval", true, 9, false)]
    [InlineData("wanted, at the interval", true, 10, true)]
    [InlineData("not wanted, past the interval but before the idle one", false, 30, false)]
    [InlineData("not wanted, at the idle interval", false, 60, true)]
    public void A_member_is_read_at_the_interval_while_wanted_and_at_the_idle_interval_otherwise(string scenario, bool wanted, int secondsSince, bool due)
    {
        Assert.True(CapacityReads.Due(Read, Read.AddSeconds(secondsSince), wanted, Interval, Idle) == due, scenario);
    }

    [Fact]
    public void Never_read_less_often_than_the_idle_interval_nor_more_often_than_the_interval()
    {
        Gen.Select(Gen.Int[1, 600], Gen.Int[1, 600], Gen.Int[0, 1200], Gen.Bool).Sample((interval, idle, since, wanted) =>
        {
            var due = CapacityReads.Due(Read, Read.AddSeconds(since), wanted, TimeSpan.FromSeconds(interval), TimeSpan.FromSeconds(idle));

            // An idle interval shorter than the interval is the interval (a setting never makes reads more frequent).
            Assert.Equal(since >= (wanted ? interval : Math.Max(interval, idle)), due);
            Assert.True(!due || since >= interval);
        });
    }
}
