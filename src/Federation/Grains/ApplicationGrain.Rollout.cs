using Federation.Members.Client;
using Federation.Rollouts;

namespace Federation.Grains;

// Progressive rollouts: a new template reaches the members wave by wave, as the wave decider says.
// Rollouts never move replicas and never change placement: they only choose which template each
// member's Deployment gets.
public sealed partial class ApplicationGrain
{
    private readonly Dictionary<string, RevisionHealth> _revisions = new(StringComparer.Ordinal);
    private IReadOnlyList<IReadOnlyList<string>> _waves = [];
    private IGrainTimer? _rolloutTimer;
    private DateTimeOffset _rolloutWakeAt;

    public async Task<RolloutAnswer> ControlRolloutAsync(string action)
    {
        if (state.State.Spec is null)
        {
            return new RolloutAnswer(404, "no such application", null);
        }

        if (state.State.Rollout is not { } r)
        {
            return new RolloutAnswer(409, "no progressive rollout: the template has not changed since rollout.strategy became Progressive", View());
        }

        var (progress, message) = RolloutControl.Apply(r.Progress, action);
        if (progress is null)
        {
            return new RolloutAnswer(409, message, View());
        }

        state.State.Rollout = r with { Progress = progress };
        Record("Rollout" + char.ToUpperInvariant(action[0]) + action[1..], null, null, 0, message);
        await state.WriteStateAsync();
        await ReconcileAsync($"rollout {action}", gated: false);
        return new RolloutAnswer(200, message, View());
    }

    /// <summary>A new spec begins a rollout, keeps or ends one, as <see cref="RolloutStart.OnSpec"/> says.</summary>
    private void BeginRollout(ApplicationSpec? before, ApplicationSpec after)
    {
        var r = state.State.Rollout;
        var change = RolloutStart.OnSpec(
            before is null ? null : (before.TemplateHash, before.TemplateJson),
            after.TemplateHash,
            after.Rollout?.Strategy == RolloutStrategy.Progressive,
            r is null ? null : new RolloutSoFar(r.FromHash, r.FromJson, r.Progress.Phase));
        if (change.Keep)
        {
            return;
        }

        state.State.Rollout = change.FromHash is { } from ? new RolloutRecord(from, change.FromJson!, after.TemplateHash, RolloutProgress.Start(time.GetUtcNow())) : null;
        if (state.State.Rollout is not null)
        {
            Record("RolloutStarted", null, null, 0, $"template {change.FromHash} → {after.TemplateHash}, progressive");
        }
    }

    /// <summary>The template a member's Deployment should have: the new one, or the previous one while the member is not in the rollout.</summary>
    private (string Json, string Hash) TemplateFor(string member)
    {
        var spec = state.State.Spec!;
        return state.State.Rollout is { } r && !r.Progress.OnNew(member) ? (r.FromJson, r.FromHash) : (spec.TemplateJson, spec.TemplateHash);
    }

    /// <summary>Takes the rollout one step: reads the judged members' pods, asks the decider, records what happened.</summary>
    private async Task StepRolloutAsync(PlacementAnswer answer, DateTimeOffset now)
    {
        if (state.State.Rollout is not { Progress.Active: true } r)
        {
            return;
        }

        var spec = state.State.Spec!;
        var members = state.State.Target.Keys.Union(state.State.Applied.Keys).Order(StringComparer.Ordinal)
            .Select(m => new WaveMember(m, answer.Members.TryGetValue(m, out var s) ? s.Member.Labels : new Dictionary<string, string>()))
            .ToList();
        await ReadRevisionsAsync(r, answer);
        var observed = members.ToDictionary(m => m.Name, m => Observe(m.Name, answer), StringComparer.Ordinal);
        var policy = spec.Rollout ?? RolloutPolicy.Default;
        var d = WaveDecider.Next(new RolloutInput(policy, r.FromHash, r.ToHash, members, observed, r.Progress, spec.UnhealthyAfter, now, RolloutGate.ClosedUntil(policy, now)));
        foreach (var note in d.Notes)
        {
            Record(note.Kind, null, note.Member, 0, note.Message, note.Kind);
        }

        if (!d.Progress.SameAs(r.Progress))
        {
            state.State.Rollout = r with { Progress = d.Progress };
            _dirty = true;
        }

        _waves = WaveAssignment.Of(policy, members);
        WakeForRollout(RolloutStart.WakeAt(d.Progress, d.WakeAt, now), now);
    }

    /// <summary>
    /// The Deployment and pods of the members being judged on the new template, read now: a watch that has
    /// not caught up (reconnecting after the member was dark) must not leave a settled member unsettled
    /// until its deadline. A member that cannot be read reports nothing new.
    /// </summary>
    private async Task ReadRevisionsAsync(RolloutRecord r, PlacementAnswer answer)
    {
        var judged = r.Progress.Members
            .Where(m => m.Value.Phase is MemberPhase.Updating or MemberPhase.Soaking && IsReachable(answer, m.Key) && state.State.AppliedTemplate.GetValueOrDefault(m.Key) == r.ToHash)
            .Select(m => m.Key).ToList();
        foreach (var gone in _revisions.Keys.Except(judged).ToList())
        {
            _revisions.Remove(gone);
        }

        await Task.WhenAll(judged.Select(async m =>
        {
            try
            {
                if (await clients.GetAsync(m) is { } client)
                {
                    if (await client.GetDeploymentAsync(Namespace, Name, WorkloadKind) is { } status)
                    {
                        state.State.Observed[m] = MemberWatch.ToObserved(status, time.GetUtcNow());
                    }

                    _revisions[m] = await client.GetRevisionHealthAsync(Namespace, Name, WorkloadKind);
                }
            }
            catch (MemberClientException)
            {
                // Unreachable now: judged by what was read last, and a lost member proves nothing.
            }
        }));
    }

    private MemberObservation Observe(string member, PlacementAnswer answer)
    {
        var o = state.State.Observed.GetValueOrDefault(member);
        var pods = _revisions.GetValueOrDefault(member) ?? RevisionHealth.None;
        return new MemberObservation(member, !IsReachable(answer, member), state.State.AppliedTemplate.GetValueOrDefault(member),
            o?.Desired ?? 0, o?.Replicas ?? 0, o?.Updated ?? 0, o?.Ready ?? 0, o?.Available ?? 0, o?.Generation ?? 0, o?.ObservedGeneration ?? 0,
            pods.Crashing, pods.UnreadySince, pods.Problem);
    }

    private void WakeForRollout(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } due || !Applications.Wake.Sooner(due, _rolloutWakeAt, now))
        {
            return;
        }

        _rolloutWakeAt = due;
        _rolloutTimer?.Dispose();
        _rolloutTimer = this.RegisterGrainTimer(
            _ => OnTimerAsync("rollout clock"),
            new GrainTimerCreationOptions(due - now + TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan));
    }

    /// <summary>While a rollout judges a member, its unready replicas are the version's doing: the rollout decides, not avoidance.</summary>
    private bool JudgedByRollout(string member) =>
        state.State.Rollout is { Progress.Active: true } r && r.Progress.Members.TryGetValue(member, out var m) && m.Changed;
}
