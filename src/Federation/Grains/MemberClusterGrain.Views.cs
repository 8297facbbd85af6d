using Federation.Planning;

namespace Federation.Grains;

// What the member grain shows: its view for the API and its snapshot for the host.
public sealed partial class MemberClusterGrain
{
    private ClusterView View() => new(
        Name,
        RedactedServer(),
        state.State.Labels,
        state.State.State,
        state.State.StateSince,
        state.State.MaintenanceUntil,
        _latencyMs,
        _lastError,
        _capacity,
        state.State.HeldDownUntil is { } until && until > time.GetUtcNow() ? until : null,
        state.State.JoinedAt);

    /// <summary>The server URL only: never credentials, and never a URL's user-info part.</summary>
    private string RedactedServer()
    {
        var server = state.State.Registration?.Server ?? "";
        return Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : server;
    }

    private async Task PublishAsync(bool notifyApplications)
    {
        Observability.FederationMetrics.SetMemberState(Name, state.State.State.ToString());
        _freshCapacityWanted = await Host.UpdateMemberAsync(
        new MemberSnapshot(
            new FleetMember(
                Name,
                state.State.Labels,
                state.State.State,
                state.State.UnreachableSince,
                state.State.HeldDownUntil,
                _nodes,
                _capacity is not null,
                _capacity?.AllocatableMilliCpu ?? 0,
                _capacity?.AllocatableMemoryBytes ?? 0),
            state.State.StateSince,
            time.GetUtcNow())
        { CapacityAt = _capacity?.ObservedAt ?? DateTimeOffset.MinValue },
        notifyApplications);
    }
}
