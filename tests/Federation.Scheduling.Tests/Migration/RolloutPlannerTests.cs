using CsCheck;
using Federation.Migration;

namespace Federation.Scheduling.Tests.Migration;

public sealed class RolloutPlannerTests
{
    private static MemberProgress M(string name, int target, int applied, int ready, bool reachable = true) =>
        new(name, target, applied, ready, reachable);

    [Fact]
    public void Drain_step_raises_the_target_by_one_and_keeps_the_source_until_it_is_ready()
    {
        var d = RolloutPlanner.Next(new StepInput(4, 0, 1, [M("a", 0, 2, 2), M("b", 4, 2, 2)]));

        Assert.Equal(new Dictionary<string, int> { ["b"] = 3 }, d.Writes);
        Assert.Equal(2, d.Remaining);
        Assert.NotNull(d.WaitingFor);
    }

    [Fact]
    public void Source_is_lowered_once_the_new_replica_is_ready()
    {
        var d = RolloutPlanner.Next(new StepInput(4, 0, 1, [M("a", 0, 2, 2), M("b", 4, 3, 3)]));

        Assert.Equal(1, d.Writes["a"]);
        Assert.Equal(4, d.Writes["b"]);
    }

    [Fact]
    public void Replicas_on_an_unreachable_source_are_raised_elsewhere_at_once()
    {
        var d = RolloutPlanner.Next(new StepInput(6, 0, 1, [M("down", 0, 4, 4, reachable: false), M("b", 3, 1, 1), M("c", 3, 1, 1)]));

        Assert.Equal(3, d.Writes["b"]);
        Assert.Equal(3, d.Writes["c"]);
        Assert.False(d.Writes.ContainsKey("down"));
        Assert.Equal(4, d.Remaining);
    }

    [Fact]
    public void A_briefly_unreachable_member_within_its_target_still_counts_against_the_surge()
    {
        // Draining a, b unreachable but not failed over (it keeps its 2): only one step of surge.
        var d = RolloutPlanner.Next(new StepInput(6, 0, 1, [M("a", 0, 2, 2), M("b", 2, 2, 0, reachable: false), M("c", 4, 2, 2)]));

        Assert.Equal(new Dictionary<string, int> { ["c"] = 3 }, d.Writes);
    }

    [Fact]
    public void A_returning_member_is_scaled_down_to_its_share_at_once()
    {
        var d = RolloutPlanner.Next(new StepInput(6, 0, 1, [M("back", 0, 4, 4), M("b", 3, 3, 3), M("c", 3, 3, 3)]));

        Assert.Equal(new Dictionary<string, int> { ["back"] = 0 }, d.Writes);
        Assert.Equal(0, d.Remaining);
    }

    [Fact]
    public void Unready_replicas_go_first_and_do_not_count_against_the_floor()
    {
        var d = RolloutPlanner.Next(new StepInput(4, 0, 1, [M("a", 0, 2, 0), M("b", 4, 4, 4)]));

        Assert.Equal(0, d.Writes["a"]);
    }

    [Fact]
    public void MaxUnavailable_lets_the_source_go_down_before_the_target_is_ready()
    {
        var d = RolloutPlanner.Next(new StepInput(4, 1, 1, [M("a", 0, 2, 2), M("b", 4, 2, 2)]));

        Assert.Equal(1, d.Writes["a"]);
        Assert.Equal(4, d.Writes["b"]); // 1 + 4 stays within replicas + step
    }

    [Fact]
    public void A_pure_scale_up_is_applied_in_one_step()
    {
        var d = RolloutPlanner.Next(new StepInput(10, 0, 1, [M("a", 5, 2, 2), M("b", 5, 2, 2)]));

        Assert.Equal(new Dictionary<string, int> { ["a"] = 5, ["b"] = 5 }, d.Writes);
    }

    [Fact]
    public void A_converged_placement_writes_nothing()
    {
        var d = RolloutPlanner.Next(new StepInput(4, 0, 1, [M("a", 2, 2, 2), M("b", 2, 2, 1)]));

        Assert.True(d.Converged);
    }

    /// <summary>A fleet where every replica sits on one member and should sit on another.</summary>
    private static readonly Gen<(int Members, int[] From, int[] To, int Step, int MaxUnavailable)> Moves =
        from members in Gen.Int[1, 5]
        from replicas in Gen.Int[0, 12]
        from sources in Gen.Int[0, members - 1].Array[replicas]
        from to in Gen.Int[0, members - 1].Array[replicas]
        from step in Gen.Int[1, 3]
        from maxUnavailable in Gen.Int[0, 2]
        select (members, sources, to, step, Math.Min(maxUnavailable, replicas));

    [Fact]
    public void Every_migration_converges_without_going_below_the_floor_or_above_the_surge()
    {
        Moves.Sample(c =>
        {
            var n = c.From.Length;
            var names = Enumerable.Range(0, c.Members).Select(i => $"m{i}").ToArray();
            var applied = names.Select((_, i) => c.From.Count(f => f == i)).ToArray();
            var target = names.Select((_, i) => c.To.Count(t => t == i)).ToArray();
            var ready = applied.ToArray();
            var floor = n - c.MaxUnavailable;

            for (var round = 0; round < (4 * n) + 4; round++)
            {
                var d = RolloutPlanner.Next(new StepInput(n, c.MaxUnavailable, c.Step,
                    [.. names.Select((m, i) => M(m, target[i], applied[i], ready[i]))]));
                if (d.Converged)
                {
                    return applied.SequenceEqual(target);
                }

                foreach (var (m, value) in d.Writes)
                {
                    var i = Array.IndexOf(names, m);
                    applied[i] = value;
                    ready[i] = Math.Min(ready[i], value); // lowering may take ready pods
                }

                if (ready.Sum() < floor || applied.Sum() > n + c.Step)
                {
                    return false;
                }

                ready = applied.ToArray(); // time passes: every pod becomes ready
            }

            return false;
        });
    }

    [Fact]
    public void Sources_are_never_lowered_below_the_floor_while_targets_stay_unready()
    {
        Moves.Sample(c =>
        {
            var n = c.From.Length;
            var names = Enumerable.Range(0, c.Members).Select(i => $"m{i}").ToArray();
            var applied = names.Select((_, i) => c.From.Count(f => f == i)).ToArray();
            var target = names.Select((_, i) => c.To.Count(t => t == i)).ToArray();
            var ready = applied.ToArray();
            for (var round = 0; round < 10; round++)
            {
                var d = RolloutPlanner.Next(new StepInput(n, 0, c.Step, [.. names.Select((m, i) => M(m, target[i], applied[i], ready[i]))]));
                foreach (var (m, value) in d.Writes)
                {
                    var i = Array.IndexOf(names, m);
                    applied[i] = value;
                    ready[i] = Math.Min(ready[i], value); // new replicas never become ready
                }

                if (ready.Sum() < n)
                {
                    return false;
                }
            }

            return true;
        });
    }
}
