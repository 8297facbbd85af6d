using Federation.Planning;

namespace Federation.Grains;

// What the host shows: its members, the workloads on a member, and the fleet as plans see it.
public sealed partial class HostClusterGrain
{
    public Task<IReadOnlyList<string>> ListMembersAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Members]);

    public Task<IReadOnlyList<MemberLabels>> ListMemberLabelsAsync() => Task.FromResult<IReadOnlyList<MemberLabels>>(
        [.. state.State.Members.Select(m => new MemberLabels(m, _members.TryGetValue(m, out var s) ? s.Member.Labels : new Dictionary<string, string>()))]);

    public Task<IReadOnlyList<ClusterWorkloadView>> GetWorkloadsAsync(string member)
    {
        var views = new List<ClusterWorkloadView>();
        foreach (var app in _index.On(member).Order(StringComparer.Ordinal))
        {
            var target = _index.Get(app)?.Current.GetValueOrDefault(member) ?? 0;
            var load = _workloads.GetValueOrDefault(app)?.FirstOrDefault(w => w.Member == member);
            if (target > 0 || load is { Applied: > 0 })
            {
                views.Add(new ClusterWorkloadView(app, target, load?.Applied ?? target, load?.Ready ?? 0, load?.Lost ?? 0, load?.Unknown ?? 0));
            }
        }

        return Task.FromResult<IReadOnlyList<ClusterWorkloadView>>(views);
    }

    public Task<FleetSnapshot> GetSnapshotAsync() => Task.FromResult(new FleetSnapshot(
        [.. _members.Values.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => m with { Member = Promised(m) })],
        [.. _index.Applications.OrderBy(p => p.Key, StringComparer.Ordinal)]));

    /// <summary>A member as plans must see it: its last figures less what was promised since.</summary>
    private FleetMember Promised(MemberSnapshot m) => m.Member with { Reserved = _ledger.Reserved(m.Name) };
}
