using Federation.Members.Client;
using Federation.Workloads;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>What a reader of a member's Deployments (the fleet bench) gets from the store's change window.</summary>
public sealed class DeploymentChangesTests(MemberFixture fixture) : IClassFixture<MemberFixture>
{
    private readonly SimulatedMember _member = fixture.Member;

    [Fact]
    public async Task Changes_since_a_version_name_each_deployment_once_as_it_is_now_and_a_deleted_one_as_zero()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("changes");
        await client.ApplyDeploymentAsync(new DeploymentApply("changes", "kept", "changes/kept", 1, WorkloadTemplate.Parse(Templates.Web())));
        var (whole, since) = _member.Cluster.DeploymentReplicas("changes");
        Assert.Equal(1, whole["kept"].Spec);

        await client.ApplyDeploymentAsync(new DeploymentApply("changes", "web", "changes/web", 2, WorkloadTemplate.Parse(Templates.Web())));
        await client.ScaleDeploymentAsync("changes", "web", 3);
        await client.ApplyDeploymentAsync(new DeploymentApply("changes", "gone", "changes/gone", 1, WorkloadTemplate.Parse(Templates.Web())));
        await client.DeleteDeploymentAsync("changes", "gone");

        var (changes, version) = _member.Cluster.DeploymentChanges("changes", since)!.Value;

        Assert.Equal(3, changes.Single(c => c.Name == "web").Spec);
        Assert.Equal((0, 0), changes.Single(c => c.Name == "gone") is var g ? (g.Spec, g.Ready) : default);
        Assert.Equal(changes.Count, changes.Select(c => c.Name).Distinct().Count()); // web was created, scaled and started: named once
        Assert.True(version > since);
        Assert.Empty(_member.Cluster.DeploymentChanges("changes", _member.Cluster.DeploymentReplicas("changes").Version)!.Value.Changes);
    }

    [Fact]
    public async Task Changes_from_before_a_compaction_are_refused_so_the_reader_reads_whole()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("compacted");
        var (_, since) = _member.Cluster.DeploymentReplicas("compacted");
        await client.ApplyDeploymentAsync(new DeploymentApply("compacted", "web", "compacted/web", 1, WorkloadTemplate.Parse(Templates.Web())));

        _member.Cluster.Compact();

        Assert.Null(_member.Cluster.DeploymentChanges("compacted", since));
    }
}
