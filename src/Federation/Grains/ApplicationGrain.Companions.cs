using Federation.Members.Client;
using Federation.Workloads.Companions;

namespace Federation.Grains;

// Companions (ConfigMaps, Secrets, Services, ...): written to a member before its replicas are raised there,
// kept in step while it holds replicas, removed only once its Deployment is gone (its replicas moved away).
public sealed partial class ApplicationGrain
{
    private CompanionSecrets Secrets => ServiceProvider.GetRequiredService<CompanionSecrets>();

    /// <summary>Applies the companions the member lacks or holds in an older version, and removes those dropped from the bundle.</summary>
    private async Task SyncCompanionsAsync(IMemberClient client, string member)
    {
        var wanted = state.State.Spec!.Companions ?? [];
        var applied = state.State.AppliedCompanions.GetValueOrDefault(member) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = new List<string>();
        foreach (var c in wanted.Where(c => applied.GetValueOrDefault(c.Id) != c.Hash).OrderBy(c => Companion.WriteOrder(c.Kind)))
        {
            try
            {
                await client.ApplyCompanionAsync(new CompanionApply(Namespace, Key, c.Kind, c.Name, Secrets.Open(c)));
            }
            catch (MemberClientException e)
            {
                state.State.CompanionErrors[$"{member} {c.Id}"] = $"{e.Kind}: {Api.Validation.Truncate(e.Message, 200)}";
                _dirty = true;
                throw;
            }

            applied[c.Id] = c.Hash;
            state.State.CompanionErrors.Remove($"{member} {c.Id}");
            changed.Add(c.Id);
        }

        var dropped = applied.Keys.Except(wanted.Select(c => c.Id)).ToList();
        await DeleteCompanionsAsync(client, dropped);
        dropped.ForEach(id => applied.Remove(id));
        state.State.AppliedCompanions[member] = applied;
        if (changed.Count + dropped.Count > 0)
        {
            Record("CompanionsApplied", null, member, 0, $"{member}: " + string.Join(", ", changed.Select(id => $"{id} applied").Concat(dropped.Select(id => $"{id} removed"))));
        }
    }

    /// <summary>Removes every companion from a member whose Deployment is gone.</summary>
    private async Task RemoveCompanionsAsync(IMemberClient client, string member)
    {
        if (state.State.AppliedCompanions.TryGetValue(member, out var applied) && applied.Count > 0)
        {
            await DeleteCompanionsAsync(client, [.. applied.Keys]);
            Record("CompanionsRemoved", member, null, 0, $"{member}: {string.Join(", ", applied.Keys.Order(StringComparer.Ordinal))} removed (no replicas left there)");
        }

        state.State.AppliedCompanions.Remove(member);
        foreach (var key in state.State.CompanionErrors.Keys.Where(k => k.StartsWith(member + " ", StringComparison.Ordinal)).ToList())
        {
            state.State.CompanionErrors.Remove(key);
        }
    }

    // In the reverse of the write order: a PodDisruptionBudget or Service goes before what it points at.
    private Task DeleteCompanionsAsync(IMemberClient client, IEnumerable<string> ids) =>
        ids.Select(id => id.Split('/', 2)).OrderByDescending(p => Companion.WriteOrder(p[0]))
            .Aggregate(Task.CompletedTask, async (previous, p) =>
            {
                await previous;
                await client.DeleteCompanionAsync(Namespace, p[0], p[1]);
            });

    /// <summary>Each companion on each member holding the application: applied in its current version, or the last error.</summary>
    private List<CompanionView> CompanionViews()
    {
        var companions = state.State.Spec?.Companions ?? [];
        var members = state.State.Applied.Keys.Union(state.State.AppliedCompanions.Keys).Order(StringComparer.Ordinal);
        return [.. members.SelectMany(m => companions.Select(c => new CompanionView(
            m,
            c.Kind,
            c.Name,
            state.State.AppliedCompanions.GetValueOrDefault(m)?.GetValueOrDefault(c.Id) == c.Hash,
            c.Hash,
            c.Keys,
            state.State.CompanionErrors.GetValueOrDefault($"{m} {c.Id}"))))];
    }
}
