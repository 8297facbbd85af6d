using k8s;
using Federation.Grains;

namespace Federation.Tests.ControlPlane;

/// <summary>Watch events reach an application as one-way messages: a lost or overtaken one must not leave it stale.</summary>
public sealed class ObservedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private static object App(string name, int replicas) => new { replicas, template = Fleet.Template(name), placement = new { strategy = "Weighted" } };

    [Fact]
    public async Task A_member_whose_ready_event_was_lost_is_read_again_and_the_application_sees_it_ready()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", App("web", 3))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync("default", "web"))!.ReadyReplicas == 3, Deadline, "3 ready");
        var member = fleet.Members.First(m => m.SpecReplicas("default", "web") > 0);

        // As if the member's last event had been "0 ready" and the one after it never arrived.
        var applied = member.SpecReplicas("default", "web");
        await fleet.Grains.GetGrain<IApplicationGrain>("default/web")
            .ObservedAsync(member.Name, new ObservedDeployment(applied, applied, 0, 0, applied, 1, 1, DateTimeOffset.UtcNow));
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync("default", "web"))!.ReadyReplicas < 3, Deadline, "the stale observation taken");

        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync("default", "web"))!.ReadyReplicas == 3, Deadline, "the member read again: 3 ready");
        Assert.Equal(applied, member.ReadyReplicas("default", "web"));
    }

    [Fact]
    public async Task A_namespace_deleted_on_a_member_is_created_again_with_the_application_in_it()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("shop", "web", App("web", 3))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync("shop", "web"))!.ReadyReplicas == 3, Deadline, "3 ready");
        var member = fleet.Members.First(m => m.SpecReplicas("shop", "web") > 0);
        var applied = member.SpecReplicas("shop", "web");

        // The member's client has created the namespace once and remembers it; deleted under it, the
        // write that finds it gone makes the client forget it, and the next reconcile creates it again.
        using (var raw = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = member.Url.ToString() }))
        {
            await raw.CoreV1.DeleteNamespaceAsync("shop");
        }

        await Eventually.WaitAsync(() => member.SpecReplicas("shop", "web") == 0, Deadline, "the Deployment gone with its namespace");
        await Eventually.WaitAsync(() => member.ReadyReplicas("shop", "web") == applied, Deadline, "the namespace and the Deployment back, ready");
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync("shop", "web"))!.ReadyReplicas == 3, Deadline, "the application whole again");
    }
}
