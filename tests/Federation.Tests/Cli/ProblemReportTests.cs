using System.Net;
using Federation.Cli;

namespace Federation.Tests.Cli;

public sealed class ProblemReportTests
{
    [Fact]
    public void Validation_problem_lists_each_field_with_its_message()
    {
        const string body = """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"invalid application","status":400,
             "errors":{"placement.weights":["weight for 'mars' names no selected member"],"replicas":["must be 0 or more","too many"]}}
            """;

        var lines = ProblemReport.Parse(HttpStatusCode.BadRequest, body).Lines().ToList();

        Assert.Equal(
            [
                "error: invalid application",
                "  placement.weights: weight for 'mars' names no selected member",
                "  replicas: must be 0 or more",
                "  replicas: too many",
            ],
            lines);
    }

    [Fact]
    public void Problem_with_detail_prints_title_and_detail()
    {
        var report = ProblemReport.Parse(HttpStatusCode.Conflict, """{"title":"member not empty","detail":"member 'east' still holds replicas of default/web"}""");

        Assert.Equal(["error: member not empty: member 'east' still holds replicas of default/web"], report.Lines());
    }

    [Theory]
    [InlineData("", "error: 502 BadGateway")]
    [InlineData("upstream died", "error: 502 BadGateway: upstream died")]
    [InlineData("[1,2]", "error: 502 BadGateway: [1,2]")]
    public void Body_that_is_not_a_problem_still_reads(string body, string expected)
    {
        Assert.Equal([expected], ProblemReport.Parse(HttpStatusCode.BadGateway, body).Lines());
    }
}
