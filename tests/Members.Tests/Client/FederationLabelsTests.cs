using System.Text.RegularExpressions;
using Federation.Members.Client;

namespace Federation.Members.Tests.Client;

public sealed partial class FederationLabelsTests
{
    [Theory]
    [InlineData("shop/web", "shop.web")]
    [InlineData("shop/web.v2", "shop.web.v2")]
    [InlineData("default/a", "default.a")]
    public void Application_label_is_namespace_dot_name_when_it_fits(string application, string expected) =>
        Assert.Equal(expected, FederationLabels.ApplicationLabelValue(application));

    [Theory]
    [InlineData("a-namespace-that-is-rather-long/and-an-application-name-that-is-even-longer-than-that")]
    [InlineData("shop/web_")]
    [InlineData("shop/ünïcode")]
    public void Application_label_is_always_a_valid_label_value(string application)
    {
        var value = FederationLabels.ApplicationLabelValue(application);

        Assert.True(value.Length <= 63, value);
        Assert.Matches(LabelValue(), value);
    }

    [Fact]
    public void Shortened_application_labels_stay_distinct()
    {
        var prefix = "team/" + new string('x', 70);

        Assert.NotEqual(FederationLabels.ApplicationLabelValue(prefix + "a"), FederationLabels.ApplicationLabelValue(prefix + "b"));
    }

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
