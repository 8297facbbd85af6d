using CsCheck;
using Federation.Rollouts;

namespace Federation.Scheduling.Tests.Rollouts;

public sealed class WaveDeciderProperties
{
    /// <summary>Up to six members, split into up to three named waves (or none, with a maxConcurrency), some crashing, some lost for a while.</summary>
    private static readonly Gen<(int Members, int[] Wave, int Concurrency, bool[] Crash, bool[] LoseFor, int MaxFailures, bool Halt)> Rollouts =
        from members in Gen.Int[1, 6]
        from wave in Gen.Int[0, 3].Array[members]
        from concurrency in Gen.Int[1, 3]
        from crash in Gen.Bool.Array[members]
        from lost in Gen.Int[0, 5].Select(i => i == 0).Array[members]
        from maxFailures in Gen.Int[0, 2]
        from halt in Gen.Bool
        select (members, wave, concurrency, crash, lost, maxFailures, halt);

    private static (RolloutWorld World, IReadOnlyList<IReadOnlyList<string>> Waves) Build((int Members, int[] Wave, int Concurrency, bool[] Crash, bool[] LoseFor, int MaxFailures, bool Halt) c)
    {
        var names = Enumerable.Range(0, c.Members).Select(i => $"m{i}").ToArray();
        var waved = c.Wave.Any(w => w > 0);
        var policy = RolloutWorld.Policy_() with
        {
            Waves = waved ? [.. Enumerable.Range(1, 3).Select(w => new WaveSelector([.. names.Where((_, i) => c.Wave[i] == w)], new Dictionary<string, string>()))] : [],
            MaxConcurrency = new RolloutAmount(c.Concurrency, false),
            MaxFailures = new RolloutAmount(c.MaxFailures, false),
            OnFailure = c.Halt ? FailurePolicy.Halt : FailurePolicy.Rollback,
            Soak = TimeSpan.FromSeconds(5),
        };
        var world = new RolloutWorld(policy, names);
        world.Crashing.UnionWith(names.Where((_, i) => c.Crash[i]));
        return (world, WaveAssignment.Of(policy, world.Members));
    }

    [Fact]
    public void Never_more_members_changing_than_max_concurrency_without_waves()
    {
        Rollouts.Select(c => c with { Wave = new int[c.Members] }).Sample(c =>
        {
            var (world, _) = Build(c);
            for (var i = 0; i < 100 && world.Progress.Active; i++)
            {
                world.Step(TimeSpan.FromSeconds(3));
                if (world.Progress.Members.Values.Count(m => m.Phase is MemberPhase.Updating or MemberPhase.Soaking) > c.Concurrency)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Never_a_later_wave_before_every_earlier_one_is_done()
    {
        Rollouts.Sample(c =>
        {
            var (world, waves) = Build(c);
            for (var i = 0; i < 100 && world.Progress.Active; i++)
            {
                world.Step(TimeSpan.FromSeconds(3));
                if (world.Progress.Phase != RolloutPhase.Progressing)
                {
                    continue;
                }

                for (var w = 1; w < waves.Count; w++)
                {
                    var started = waves[w].Any(m => world.Phase(m) != MemberPhase.Pending);
                    var earlierDone = waves.Take(w).SelectMany(x => x).All(m => world.Phase(m) is MemberPhase.Succeeded or MemberPhase.Failed);
                    if (started && !earlierDone)
                    {
                        return false;
                    }
                }
            }

            return true;
        });
    }

    [Fact]
    public void Every_rollout_ends_and_a_rollback_reaches_every_changed_member()
    {
        Rollouts.Sample(c =>
        {
            var (world, _) = Build(c);
            var lost = world.Members.Where((_, i) => c.LoseFor[i]).Select(m => m.Name).ToList();
            var everChanged = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < 300 && (i == 0 || world.Progress.Active); i++)
            {
                // Members in the lost set are dark for rounds 2..20, then come back.
                world.Lost.Clear();
                if (i is > 2 and < 20)
                {
                    world.Lost.UnionWith(lost);
                }

                world.Step(TimeSpan.FromSeconds(3));
                everChanged.UnionWith(world.Members.Select(m => m.Name).Where(m => world.Hash[m] == RolloutWorld.New));
            }

            world.Lost.Clear();
            world.Step(); // a member back from the dark is written to now
            return world.Progress.Phase switch
            {
                RolloutPhase.RolledBack => world.Members.All(m => world.Hash[m.Name] == RolloutWorld.Old)
                    && everChanged.All(m => world.Phase(m) == MemberPhase.RolledBack),
                RolloutPhase.Succeeded => world.Members.All(m => world.Hash[m.Name] == RolloutWorld.New),
                RolloutPhase.Halted => true,
                _ => false,
            };
        });
    }

    [Fact]
    public void A_lost_member_is_never_a_version_failure()
    {
        Rollouts.Sample(c =>
        {
            var (world, _) = Build(c with { Crash = new bool[c.Members] });
            world.Lost.UnionWith(world.Members.Where((_, i) => c.LoseFor[i]).Select(m => m.Name));
            for (var i = 0; i < 50; i++)
            {
                world.Step(TimeSpan.FromMinutes(2));
            }

            return world.Progress.Members.Values.All(m => m.Phase != MemberPhase.Failed);
        });
    }
}
