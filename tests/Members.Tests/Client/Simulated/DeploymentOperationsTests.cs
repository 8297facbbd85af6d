using Federation.Members.Client;
using Federation.Workloads;
using k8s;

namespace Federation.Members.Tests.Client.Simulated;

public sealed class DeploymentOperationsTests(MemberFixture fixture) : IClassFixture<MemberFixture>
{
    private readonly SimulatedMember _member = fixture.Member;

    [Fact]
    public async Task Apply_creates_then_updates_replicas_and_image_idempotently()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("apply-ns");

        var created = await client.ApplyDeploymentAsync(new DeploymentApply("apply-ns", "web", "apply-ns/web", 2, WorkloadTemplate.Parse(Templates.Web(image: "nginx:1.27"))));
        var again = await client.ApplyDeploymentAsync(new DeploymentApply("apply-ns", "web", "apply-ns/web", 2, WorkloadTemplate.Parse(Templates.Web(image: "nginx:1.27"))));
        var updated = await client.ApplyDeploymentAsync(new DeploymentApply("apply-ns", "web", "apply-ns/web", 3, WorkloadTemplate.Parse(Templates.Web(image: "nginx:1.28"))));

        Assert.Equal(("apply-ns", "web", "apply-ns/web", 2), (created.Namespace, created.Name, created.Application, created.DesiredReplicas));
        Assert.Equal(created.Generation, again.Generation); // the same apply changes nothing
        Assert.Equal(3, updated.DesiredReplicas);
        Assert.True(updated.Generation > created.Generation, $"generation {updated.Generation} after {created.Generation}");
        Assert.Equal(3, _member.Cluster.SpecReplicas("apply-ns", "web"));

        using var raw = _member.Raw();
        var stored = await raw.AppsV1.ReadNamespacedDeploymentAsync("web", "apply-ns");
        Assert.Equal("nginx:1.28", stored.Spec.Template.Spec.Containers.Single().Image);
        Assert.Equal("federation", stored.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("apply-ns.web", stored.Metadata.Labels["federation.io/application"]);
        Assert.Equal("storefront", stored.Metadata.Labels["team"]); // the template's own labels survive
        Assert.Equal(["app"], stored.Spec.Selector.MatchLabels.Keys); // the selector is left as the template has it
        Assert.DoesNotContain("app.kubernetes.io/managed-by", stored.Spec.Template.Metadata.Labels.Keys);
    }

    [Fact]
    public async Task Ensure_namespace_is_idempotent()
    {
        var client = _member.Client();

        await client.EnsureNamespaceAsync("twice");
        await client.EnsureNamespaceAsync("twice");

        using var raw = _member.Raw();
        Assert.Equal("twice", (await raw.CoreV1.ReadNamespaceAsync("twice")).Metadata.Name);
    }

    [Fact]
    public async Task A_namespace_deleted_under_the_client_is_created_again_after_the_write_that_found_it_gone()
    {
        var client = _member.Client();
        var web = new DeploymentApply("deleted-ns", "web", "deleted-ns/web", 1, WorkloadTemplate.Parse(Templates.Web()));
        await client.EnsureNamespaceAsync("deleted-ns");
        await client.ApplyDeploymentAsync(web);
        using var raw = _member.Raw();
        await raw.CoreV1.DeleteNamespaceAsync("deleted-ns");

        var gone = await Assert.ThrowsAsync<MemberClientException>(() => client.ApplyDeploymentAsync(web));
        await client.EnsureNamespaceAsync("deleted-ns");
        var again = await client.ApplyDeploymentAsync(web);

        Assert.Equal(MemberErrorKind.NotFound, gone.Kind);
        Assert.Equal(1, again.DesiredReplicas);
        Assert.Equal("deleted-ns", (await raw.CoreV1.ReadNamespaceAsync("deleted-ns")).Metadata.Name);
    }

    [Fact]
    public async Task Scale_sets_spec_replicas_through_the_scale_subresource()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("scale-ns");
        await client.ApplyDeploymentAsync(new DeploymentApply("scale-ns", "web", "scale-ns/web", 1, WorkloadTemplate.Parse(Templates.Web())));

        await client.ScaleDeploymentAsync("scale-ns", "web", 4);

        Assert.Equal(4, _member.Cluster.SpecReplicas("scale-ns", "web"));
        Assert.Equal(4, (await client.GetDeploymentAsync("scale-ns", "web"))!.DesiredReplicas);
    }

    [Fact]
    public async Task Get_returns_null_for_a_missing_deployment()
    {
        var client = _member.Client();

        Assert.Null(await client.GetDeploymentAsync("nowhere", "nothing"));
    }

    [Fact]
    public async Task Delete_removes_the_deployment_and_succeeds_when_it_is_already_gone()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("delete-ns");
        await client.ApplyDeploymentAsync(new DeploymentApply("delete-ns", "web", "delete-ns/web", 1, WorkloadTemplate.Parse(Templates.Web())));

        await client.DeleteDeploymentAsync("delete-ns", "web");
        await client.DeleteDeploymentAsync("delete-ns", "web");

        Assert.Null(await client.GetDeploymentAsync("delete-ns", "web"));
    }

    [Fact]
    public async Task List_managed_returns_federation_deployments_across_namespaces_only()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("list-a");
        await client.EnsureNamespaceAsync("list-b");
        await client.ApplyDeploymentAsync(new DeploymentApply("list-a", "one", "list-a/one", 1, WorkloadTemplate.Parse(Templates.Web(name: "one"))));
        await client.ApplyDeploymentAsync(new DeploymentApply("list-b", "two", "list-b/two", 2, WorkloadTemplate.Parse(Templates.Web(name: "two"))));
        using var raw = _member.Raw();
        await raw.AppsV1.CreateNamespacedDeploymentAsync(
            KubernetesJson.Deserialize<k8s.Models.V1Deployment>(Templates.Web(name: "hand-made")), "list-a");

        var list = await client.ListManagedDeploymentsAsync();

        var names = list.Items.Where(d => d.Namespace.StartsWith("list-", StringComparison.Ordinal)).Select(d => $"{d.Namespace}/{d.Name}").Order();
        Assert.Equal(["list-a/one", "list-b/two"], names);
        Assert.False(string.IsNullOrEmpty(list.ResourceVersion));
        Assert.All(list.Items, d => Assert.NotNull(d.Application));
    }

    [Fact]
    public async Task Scale_of_a_missing_deployment_is_NotFound_naming_member_and_operation()
    {
        var client = _member.Client();

        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.ScaleDeploymentAsync("nowhere", "ghost", 3));

        Assert.Equal(MemberErrorKind.NotFound, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains("'ops-member'", error.Message, StringComparison.Ordinal);
        Assert.Contains("scale deployment nowhere/ghost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_of_a_template_the_member_rejects_is_Invalid()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("invalid-ns");
        var mismatched = Templates.Web(name: "web").Replace("\"matchLabels\":{\"app\":\"web\"}", "\"matchLabels\":{\"app\":\"other\"}", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<MemberClientException>(() =>
            client.ApplyDeploymentAsync(new DeploymentApply("invalid-ns", "web", "invalid-ns/web", 1, WorkloadTemplate.Parse(mismatched))));

        Assert.Equal(MemberErrorKind.Invalid, error.Kind);
        Assert.Contains("selector", error.Message, StringComparison.Ordinal);
    }
}
