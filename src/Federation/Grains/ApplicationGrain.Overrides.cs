using Federation.Workloads;
using Federation.Workloads.Overrides;

namespace Federation.Grains;

// Per-member overrides: what each member is given is the spec's template with the rules that select it applied.
public sealed partial class ApplicationGrain
{
    private readonly Dictionary<string, (ApplicationSpec Spec, string Base, string Labels, WorkloadTemplate Template, string? Hash)> _effective = new(StringComparer.Ordinal);
    private static readonly IReadOnlyDictionary<string, MemberSnapshot> NoMembers = new Dictionary<string, MemberSnapshot>();

    /// <summary>The members the last placement answer told of (amended when one is reported unreachable).</summary>
    private IReadOnlyDictionary<string, MemberSnapshot> KnownMembers => _answer?.Members ?? NoMembers;
    private IReadOnlyDictionary<string, Scheduling.ResourceRequest>? _memberRequests;

    /// <summary>
    /// Capacity and scheduling count what a pod requests on each member: where a resources override or a patch
    /// changes it, the fleet's members are evaluated (only for such applications: the others ask nothing more).
    /// </summary>
    private async Task RefreshMemberRequestsAsync(ApplicationSpec spec)
    {
        if (spec.Overrides is not { } rules || !rules.Any(r => r.Resources is { Count: > 0 } || r.Patch is { Count: > 0 }))
        {
            _memberRequests = null;
            return;
        }

        var members = await Host.ListMemberLabelsAsync();
        var requests = new Dictionary<string, Scheduling.ResourceRequest>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var request = EffectiveOn(spec, member.Name, member.Labels).Template.PodRequest;
            if (request != spec.PodRequest)
            {
                requests[member.Name] = request;
            }
        }

        _memberRequests = requests;
    }

    /// <summary>
    /// The member's effective template — its template (the spec's, or the previous one while a rollout has not reached
    /// the member) with the overrides that select it applied — and a hash of it when an override selects the member (null when none does,
    /// so that applications without overrides compare as they always have).
    /// </summary>
    private (WorkloadTemplate Template, string? Hash) EffectiveOn(ApplicationSpec spec, string member, IReadOnlyDictionary<string, string>? known = null)
    {
        var labels = known ?? (KnownMembers.TryGetValue(member, out var m) ? m.Member.Labels : new Dictionary<string, string>());
        var labelsKey = string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        var (baseJson, _) = TemplateFor(member);
        if (_effective.TryGetValue(member, out var cached) && ReferenceEquals(cached.Spec, spec) && cached.Labels == labelsKey
            && string.Equals(cached.Base, baseJson, StringComparison.Ordinal))
        {
            return (cached.Template, cached.Hash);
        }

        var template = TemplateOf(baseJson);
        var selected = (spec.Overrides ?? []).Any(r => Overrides.Selects(r.Target, member, labels));
        var effective = selected ? Overrides.Apply(template, spec.Overrides, member, labels) : template;
        var hash = selected ? CanonicalJson.Hash(effective.Manifest()) : null;
        _effective[member] = (spec, baseJson, labelsKey, effective, hash);
        return (effective, hash);
    }

    /// <summary>
    /// What the member is given, as a Kubernetes List: the companions in their write order (a Secret's values
    /// redacted), then the workload with its overrides applied and the replicas last applied there.
    /// </summary>
    public async Task<string?> GetManifestAsync(string member)
    {
        var spec = state.State.Spec;
        if (spec is null)
        {
            return null;
        }

        // Freshly activated, the grain has not seen the fleet yet: the member's labels come from the host.
        var labels = KnownMembers.TryGetValue(member, out var known) ? known.Member.Labels
            : (await Host.ListMemberLabelsAsync()).FirstOrDefault(l => l.Name == member)?.Labels;
        if (labels is null)
        {
            return null;
        }

        var replicas = state.State.Applied.GetValueOrDefault(member, state.State.Target.GetValueOrDefault(member));
        var apply = new Members.Client.DeploymentApply(Namespace, Name, Key, replicas, EffectiveOn(spec, member, labels).Template, OrdinalsStartFor(member));
        var items = new System.Text.Json.Nodes.JsonArray();
        foreach (var companion in (spec.Companions ?? []).OrderBy(c => Federation.Workloads.Companions.Companion.WriteOrder(c.Kind)))
        {
            items.Add(Federation.Workloads.Companions.Companion.Shown(companion, Secrets.Open(companion)));
        }

        items.Add(System.Text.Json.Nodes.JsonNode.Parse(Members.Client.MemberManifests.Deployment(apply)));
        return new System.Text.Json.Nodes.JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items }.ToJsonString();
    }
}
