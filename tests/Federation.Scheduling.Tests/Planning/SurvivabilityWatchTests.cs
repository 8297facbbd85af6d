using CsCheck;
using Federation.Capacity;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Planning;

public sealed class SurvivabilityWatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static TheoryData<string, bool, bool, bool, int?, bool> DueCases => new()
    {
        // case, changed, running, every member reported, seconds since the last start (null: never), due
        { "first change after start, all reported: now", true, false, true, null, true },
        { "nothing changed: never, however long ago", false, false, true, 3600, false },
        { "changed but evaluated 3s ago: waits for the interval", true, false, true, 3, false },
        { "changed and the interval passed: now", true, false, true, 10, true },
        { "changed while one runs: waits for it", true, true, true, 60, false },
        { "a member not heard from yet would read as lost: waits", true, false, false, null, false },
    };

    [Theory]
    [MemberData(nameof(DueCases))]
    public void Evaluation_is_due_only_after_a_change_and_at_most_once_per_interval(string _, bool changed, bool running, bool allReported, int? secondsAgo, bool due)
    {
        DateTimeOffset? last = secondsAgo is { } s ? Now - TimeSpan.FromSeconds(s) : null;

        Assert.Equal(due, SurvivabilityWatch.Due(changed, running, allReported, last, Now, Interval));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(9, 90)]
    public void Spacing_is_the_interval_or_ten_times_the_last_evaluation(int tookSeconds, int spacingSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(spacingSeconds), SurvivabilityWatch.Spacing(Interval, TimeSpan.FromSeconds(tookSeconds)));
    }

    public static TheoryData<string, int, int, bool> PauseCases => new()
    {
        // case, reconciles waiting for a turn, seconds paused so far, pauses
        { "nobody waiting: goes on", 0, 0, false },
        { "a failover's reconciles waiting: steps aside", 10_000, 0, true },
        { "one reconcile waiting: steps aside", 1, 30, true },
        { "still waiting after a minute paused: goes on (never starved)", 10_000, 60, false },
    };

    [Theory]
    [MemberData(nameof(PauseCases))]
    public void An_evaluation_steps_aside_while_reconciles_wait_but_only_for_so_long(string _, int waiting, int pausedSeconds, bool pauses)
    {
        Assert.Equal(pauses, SurvivabilityWatch.Pauses(waiting, TimeSpan.FromSeconds(pausedSeconds)));
    }

    public static TheoryData<string, string, string, bool> ChangeCases => new()
    {
        // case, before (state:freeCpu:region), after, changes the answer
        { "same report: no", "Ready:1000:us", "Ready:1000:us", false },
        { "less free room: yes (a loss may no longer fit)", "Ready:1000:us", "Ready:500:us", true },
        { "more free room: yes", "Ready:500:us", "Ready:1000:us", true },
        { "state changed: yes", "Ready:1000:us", "Cordoned:1000:us", true },
        { "relabelled: yes (grouping by region changes)", "Ready:1000:us", "Ready:1000:eu", true },
        { "first report: yes", "", "Ready:1000:us", true },
    };

    [Theory]
    [MemberData(nameof(ChangeCases))]
    public void A_member_report_changes_the_answer_when_room_state_or_labels_change(string _, string before, string after, bool changes)
    {
        Assert.Equal(changes, SurvivabilityWatch.Changes(before.Length == 0 ? null : Member(before), Member(after)));
    }

    [Fact]
    public void Shortfall_by_member_names_every_member_with_what_its_loss_leaves_unplaced()
    {
        var report = new SurvivabilityReport(
            SurvivabilityWatch.Question,
            [
                new MemberLoss(["east"], ["east"], [new LossShortfall("shop/web", 8, 6)], 6, 3000, 0, null),
                new MemberLoss(["west"], ["west"], [], 0, 0, 0, null),
            ],
            1, 3000, 0);

        Assert.Equal("east=6,west=0", string.Join(",", SurvivabilityWatch.ShortfallByMember(report).OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
    }

    [Fact]
    public void However_often_the_fleet_changes_evaluations_start_at_least_an_interval_apart()
    {
        Gen.Int[0, 30].Array[1, 200].Sample(gaps =>
        {
            DateTimeOffset? last = null;
            var t = Now;
            var starts = new List<DateTimeOffset>();
            foreach (var gap in gaps)
            {
                t += TimeSpan.FromSeconds(gap);
                if (SurvivabilityWatch.Due(changed: true, running: false, allReported: true, last, t, Interval))
                {
                    starts.Add(t);
                    last = t;
                }
            }

            return starts.Zip(starts.Skip(1)).All(p => p.Second - p.First >= Interval);
        });
    }

    private static FleetMember Member(string text)
    {
        var p = text.Split(':');
        return new FleetMember(
            "east",
            new Dictionary<string, string> { ["region"] = p[2] },
            Enum.Parse<MemberState>(p[0]),
            null,
            null,
            [new NodeFree(long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), 8L << 30)],
            true,
            4000,
            16L << 30);
    }
}
