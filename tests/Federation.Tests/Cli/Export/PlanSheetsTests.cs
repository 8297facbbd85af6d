using Federation.Api;
using Federation.Cli.Export;

namespace Federation.Tests.Cli.Export;

public sealed class PlanSheetsTests
{
    [Fact]
    public void A_survivability_plan_has_a_row_per_loss_and_application_and_one_per_survivable_loss()
    {
        var plan = new SurvivabilityResult(1, "region", 2, 1, 3000, 6L << 30,
        [
            new LossView(["us"], ["east", "central"], 6, 3000, 6L << 30, new NodesView("west", 2, 2000, 4L << 30, "2 nodes like west's"),
                [new LossApplicationView("shop/web", 8, 4), new LossApplicationView("shop/api", 4, 2)]),
            new LossView(["eu"], ["west"], 0, 0, 0, null, []),
        ]);

        var sheet = PlanSheets.Survivability(plan);

        Assert.Equal("Survivability: single losses by region", sheet.Title);
        Assert.Equal(["1 of 2 loss(es) leave replicas unplaced", "To survive every loss add at least 3 CPU and 6Gi memory"], sheet.Summary);
        Assert.Equal(
            [
                "us|east central|6|shop/web|8|4|3|6Gi|2 nodes like west's",
                "us|east central|6|shop/api|4|2|3|6Gi|2 nodes like west's",
                "eu|west|0|||0|0|0|",
            ],
            sheet.Rows.Select(r => string.Join("|", r)));
    }
}
