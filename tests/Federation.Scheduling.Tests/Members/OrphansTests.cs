using Federation.Membership;

namespace Federation.Scheduling.Tests.Members;

public sealed class OrphansTests
{
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // case, managed Deployments found ("app:replicas"), applications of the fleet, applications claiming the member, orphans ("app adoptable?")
        { "a forgotten member's leftovers are all orphans", "shop/web:2 shop/api:1", "shop/web shop/api", "", "shop/api adoptable, shop/web adoptable" },
        { "a Deployment its application still runs is not an orphan", "shop/web:2 shop/api:1", "shop/web shop/api", "shop/web", "shop/api adoptable" },
        { "an application deleted meanwhile: orphan that cannot be adopted", "gone/app:3", "shop/web", "", "gone/app not adoptable" },
        { "nothing found: no orphans", "", "shop/web", "shop/web", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Managed_Deployments_nobody_claims_are_orphans(string _, string found, string applications, string claimed, string orphans)
    {
        var deployments = Words(found).Select(w => w.Split(':')).Select(p => new ManagedDeployment(p[0], int.Parse(p[1]), 0));

        var result = Orphans.Find(deployments, Words(applications).ToHashSet(), Words(claimed).ToHashSet());

        Assert.Equal(orphans, string.Join(", ", result.Select(o => $"{o.Application} {(o.Adoptable ? "adoptable" : "not adoptable")}")));
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
