using Federation.Rollouts;

namespace Federation.Scheduling.Tests.Rollouts;

public sealed class WaveDeciderTests
{
    private static readonly string[] Fleet = ["central", "east", "north", "west"];

    /// <summary>
    /// Waves [east] [west, central] [north]; <c>crash</c> members crash on the new template.
    /// Expected: the final phase, the members left on the new template, the members that failed.
    /// </summary>
    public static TheoryData<string, bool, string, int, FailurePolicy, string, string, string> Cases => new()
    {
        { "healthy: every member on the new template", true, "", 0, FailurePolicy.Rollback, "Succeeded", "central,east,north,west", "" },
        { "canary crashes: rolled back, nothing else started", true, "east", 3, FailurePolicy.Rollback, "RolledBack", "", "east" },
        { "canary crashes, halt: the canary keeps it, the rest never start", true, "east", 0, FailurePolicy.Halt, "Halted", "east", "east" },
        { "first wave without canary tolerates a failure within the budget", false, "east", 1, FailurePolicy.Rollback, "Succeeded", "central,east,north,west", "east" },
        { "one failure in wave 2 within maxFailures 1 continues", true, "west", 1, FailurePolicy.Rollback, "Succeeded", "central,north,west,east", "west" },
        { "two failures over maxFailures 1 roll everything back", true, "west,central", 1, FailurePolicy.Rollback, "RolledBack", "", "central,west" },
        { "a failure with maxFailures 0 halts in wave 2", true, "central", 0, FailurePolicy.Halt, "Halted", "central,east,west", "central" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Waves_east_then_west_central_then_north(string name, bool canary, string crash, int maxFailures, FailurePolicy onFailure, string phase, string onNew, string failed)
    {
        _ = name;
        var policy = RolloutWorld.Policy_(["west", "central"]) with
        {
            Canary = canary ? new WaveSelector(["east"], new Dictionary<string, string>()) : null,
            Waves = canary ? [new WaveSelector(["west", "central"], new Dictionary<string, string>())] : [new(["east"], new Dictionary<string, string>()), new(["west", "central"], new Dictionary<string, string>())],
            MaxFailures = new RolloutAmount(maxFailures, false),
            OnFailure = onFailure,
        };
        var world = new RolloutWorld(policy, Fleet);
        world.Crashing.UnionWith(crash.Split(',', StringSplitOptions.RemoveEmptyEntries));

        RunToEnd(world);

        Assert.Equal(phase, world.Progress.Phase.ToString());
        Assert.Equal(Sorted(onNew), Fleet.Where(m => world.Hash[m] == RolloutWorld.New).ToArray());
        Assert.Equal(Sorted(failed), world.Progress.Members.Where(m => m.Value.Reason is not null && m.Value.Phase is MemberPhase.Failed or MemberPhase.RolledBack).Select(m => m.Key).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Members_change_in_wave_order_one_wave_at_a_time()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"], ["west", "central"], ["north"]), Fleet);

        RunToEnd(world);

        var started = world.Notes.Where(n => n.Kind == "WaveStarted").Select(n => n.Message).ToList();
        Assert.Equal(["wave 1/3: east get the new template", "wave 2/3: central, west get the new template", "wave 3/3: north get the new template"], started);
    }

    [Fact]
    public void The_next_wave_waits_for_the_soak()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"], ["west"]), "east", "west");
        world.Step(); // east starts
        world.Step(); // its Deployment rolls
        world.Step(); // east settles: soaking
        Assert.Equal(MemberPhase.Soaking, world.Phase("east"));

        world.Step(TimeSpan.FromSeconds(5));
        Assert.Equal(MemberPhase.Pending, world.Phase("west"));

        var d = world.Step(TimeSpan.FromSeconds(5));
        Assert.Equal(MemberPhase.Succeeded, world.Phase("east"));
        Assert.Equal(MemberPhase.Updating, world.Phase("west"));
        Assert.NotNull(d.WakeAt);
    }

    [Fact]
    public void Promote_skips_the_remaining_soak_of_the_current_wave()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"], ["west"]) with { Soak = TimeSpan.FromHours(1) }, "east", "west");
        world.Step();
        world.Step();
        world.Progress = RolloutControl.Apply(world.Progress, "promote").Progress!;

        world.Step();

        Assert.Equal(MemberPhase.Succeeded, world.Phase("east"));
        Assert.Equal(MemberPhase.Updating, world.Phase("west"));
    }

    [Fact]
    public void Pause_starts_nobody_and_resume_continues()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"], ["west"]) with { Soak = TimeSpan.Zero }, "east", "west");
        world.Progress = RolloutControl.Apply(world.Progress, "pause").Progress!;
        world.Step();
        world.Step();
        Assert.Equal(MemberPhase.Pending, world.Phase("east"));

        world.Progress = RolloutControl.Apply(world.Progress, "resume").Progress!;
        RunToEnd(world);
        Assert.Equal(RolloutPhase.Succeeded, world.Progress.Phase);
    }

    [Fact]
    public void Abort_returns_changed_members_to_the_previous_template()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"], ["west"]), "east", "west");
        world.Step();
        world.Step();
        world.Progress = RolloutControl.Apply(world.Progress, "abort").Progress!;

        RunToEnd(world);

        Assert.Equal(RolloutPhase.RolledBack, world.Progress.Phase);
        Assert.Equal(RolloutWorld.Old, world.Hash["east"]);
        Assert.Equal("aborted", world.Progress.Reason);
    }

    [Fact]
    public void A_member_past_its_progress_deadline_fails()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"]), "east");
        world.Step();
        world.Unsettled.Add("east");
        world.Step(TimeSpan.FromMinutes(6));

        Assert.Equal(MemberPhase.RollingBack, world.Phase("east"));
        Assert.Contains("progressDeadline", world.Progress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_member_is_not_a_version_failure_and_its_deadline_starts_again()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"], ["west"]), "east", "west");
        world.Step();
        world.Lost.Add("east");
        world.Step(TimeSpan.FromMinutes(30));
        world.Step(TimeSpan.FromMinutes(30));
        Assert.Equal(MemberPhase.Updating, world.Phase("east"));

        world.Lost.Clear();
        RunToEnd(world);
        Assert.Equal(RolloutPhase.Succeeded, world.Progress.Phase);
    }

    [Fact]
    public void The_deadline_counts_from_the_write_of_the_new_template()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"]), "east");
        world.Step();
        world.Hash["east"] = RolloutWorld.Old; // the write did not reach the member
        world.Unsettled.Add("east");
        var d = WaveDecider.Next(new RolloutInput(world.Policy, RolloutWorld.Old, RolloutWorld.New, world.Members,
            world.Members.ToDictionary(m => m.Name, m => world.Observe(m.Name)), world.Progress, TimeSpan.FromMinutes(1), world.Now + TimeSpan.FromHours(1)));

        Assert.Equal(MemberPhase.Updating, d.Progress.Members["east"].Phase);
    }

    [Fact]
    public void Rollback_goes_wave_by_wave_in_reverse()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"], ["west"], ["north"]) with { MaxFailures = new RolloutAmount(1, false) }, "east", "west", "north");
        world.Crashing.UnionWith(["west", "north"]);

        RunToEnd(world);

        var back = world.Notes.Where(n => n.Kind == "WaveRollingBack").Select(n => n.Message[..9]).ToList();
        Assert.Equal(["wave 3/3:", "wave 2/3:", "wave 1/3:"], back);
    }

    [Theory]
    [InlineData("no waves, maxConcurrency 2 of 5: waves of two by name", 2, false, "a,b|c,d|e")]
    [InlineData("no waves, maxConcurrency 50% of 5: two at a time", 50, true, "a,b|c,d|e")]
    [InlineData("no waves, maxConcurrency 10% of 5 still moves one", 10, true, "a|b|c|d|e")]
    public void Waves_by_max_concurrency(string name, int value, bool percent, string expected)
    {
        _ = name;
        var policy = RolloutWorld.Policy_() with { MaxConcurrency = new RolloutAmount(value, percent) };
        var waves = WaveAssignment.Of(policy, [.. "edcba".Select(c => new WaveMember(c.ToString(), new Dictionary<string, string>()))]);

        Assert.Equal(expected, string.Join('|', waves.Select(w => string.Join(',', w))));
    }

    [Fact]
    public void Waves_by_labels_and_the_rest_last()
    {
        var policy = RolloutWorld.Policy_() with { Waves = [new WaveSelector([], new Dictionary<string, string> { ["region"] = "eu" })] };
        WaveMember M(string n, string region) => new(n, new Dictionary<string, string> { ["region"] = region });

        var waves = WaveAssignment.Of(policy, [M("a", "us"), M("b", "eu"), M("c", "eu"), M("d", "ap")]);

        Assert.Equal("b,c|a,d", string.Join('|', waves.Select(w => string.Join(',', w))));
    }

    [Fact]
    public void No_member_starts_while_the_rollout_is_closed_and_the_decider_wakes_when_it_opens()
    {
        var world = new RolloutWorld(RolloutWorld.Policy_(["east"]), "east");
        var opens = world.Now + TimeSpan.FromHours(2);

        var d = WaveDecider.Next(new RolloutInput(world.Policy, RolloutWorld.Old, RolloutWorld.New, world.Members,
            world.Members.ToDictionary(m => m.Name, m => world.Observe(m.Name)), world.Progress, TimeSpan.FromMinutes(1), world.Now, ClosedUntil: opens));

        Assert.Equal(MemberPhase.Pending, d.Progress.Members["east"].Phase);
        Assert.Equal(opens, d.WakeAt);
    }

    internal static void RunToEnd(RolloutWorld world)
    {
        for (var i = 0; i < 200 && (i == 0 || world.Progress.Active); i++)
        {
            world.Step(TimeSpan.FromSeconds(5));
        }

        Assert.False(world.Progress.Active, "the rollout did not finish");
    }

    private static string[] Sorted(string csv) => [.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
}
