namespace Federation.Grains;

// Whether a member being drained or retired is empty. The host's index is rebuilt by the
// applications after a restart, so an empty answer only counts once every application has told it
// where it is: a member must never be called empty because the host has not heard from its holders.
public sealed partial class HostClusterGrain
{
    public Task<bool> IsEmptiedAsync(string member)
    {
        if (!FleetKnown || !IndexComplete)
        {
            return Task.FromResult(false);
        }

        var holds = _index.On(member).Any(app =>
            !_workloads.TryGetValue(app, out var loads)
            || (_index.Get(app)?.Current.GetValueOrDefault(member) ?? 0) > 0
            || loads.Any(w => w.Member == member && (w.Target > 0 || w.Applied - w.Lost > 0)));
        return Task.FromResult(!holds);
    }
}
