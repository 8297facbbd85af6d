using Federation.Members.Client;
using Federation.Membership;

namespace Federation.Grains;

// Orphans: managed Deployments on a joining member that no application claims (it was forgotten
// while it held them). Listed in the join answer; adopted or deleted only when the operator asks.
public sealed partial class MemberClusterGrain
{
    /// <summary>
    /// Before the fleet sees the member (so that no application has claimed it yet): finds the
    /// orphans, and deletes them when asked to clean.
    /// </summary>
    private async Task<List<(Orphan Orphan, string Outcome)>> FindOrphansAsync(IMemberClient client, OrphanAction action)
    {
        // 1. Load: what the member runs, what the fleet knows.
        DeploymentList found;
        try
        {
            found = await client.ListManagedDeploymentsAsync();
        }
        catch (MemberClientException e)
        {
            // Unreachable now: nothing can be said (or done) about its Deployments.
            logger.LogInformation("{Member}: listing managed Deployments failed ({Kind})", Name, e.Kind);
            return [];
        }

        var applications = (await Host.ListApplicationsAsync()).ToHashSet(StringComparer.Ordinal);
        var claimed = (await Host.GetWorkloadsAsync(Name)).Select(w => w.Application).ToHashSet(StringComparer.Ordinal);

        // 2. Decide.
        var orphans = Orphans.Find(
            found.Items.Select(d => new ManagedDeployment($"{d.Namespace}/{d.Name}", d.DesiredReplicas, d.ReadyReplicas)),
            applications,
            claimed);

        // 3. Act, only as asked.
        var settled = new List<(Orphan, string)>(orphans.Count);
        foreach (var o in orphans)
        {
            if (action == OrphanAction.Clean)
            {
                var slash = o.Application.IndexOf('/', StringComparison.Ordinal);
                await client.DeleteDeploymentAsync(o.Application[..slash], o.Application[(slash + 1)..]);
                Record("OrphanDeleted", $"deleted orphaned Deployment {o.Application} ({o.Replicas} replica(s)): {o.Reason}");
                settled.Add((o, "deleted"));
            }
            else
            {
                settled.Add((o, "kept"));
            }
        }

        return settled;
    }

    /// <summary>After the fleet sees the member: hands orphans to their applications when asked to adopt.</summary>
    private async Task<IReadOnlyList<OrphanView>> AdoptOrphansAsync(List<(Orphan Orphan, string Outcome)> found, OrphanAction action)
    {
        var views = new List<OrphanView>(found.Count);
        foreach (var (o, outcome) in found)
        {
            var result = outcome;
            if (action == OrphanAction.Adopt && o.Adoptable)
            {
                await GrainFactory.GetGrain<IApplicationGrain>(o.Application).AdoptAsync(Name, o.Replicas);
                result = "adopted";
            }

            views.Add(new OrphanView(o.Application, o.Replicas, o.Ready, o.Reason, result));
        }

        return views;
    }
}
