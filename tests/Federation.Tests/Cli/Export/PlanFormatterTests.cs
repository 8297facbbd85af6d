using Federation.Cli.Export;

namespace Federation.Tests.Cli.Export;

public sealed class PlanFormatterTests
{
    private static readonly PlanSheet Plain = new("Loss", ["1 of 2 loss(es) leave replicas unplaced"], ["loss", "unplaced"], [["east", "6"], ["west", "0"]]);

    private static readonly PlanSheet Awkward = new("A | B", [], ["application", "note"], [["shop/web", "a, \"quoted\" | piped\nline"]]);

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "csv: header row then a row per line, CRLF ends, summary left out", "csv", "plain", "loss,unplaced\r\neast,6\r\nwest,0\r\n" },
        { "csv: a field with a comma, quote or line break is quoted and its quotes doubled", "csv", "awkward",
            "application,note\r\nshop/web,\"a, \"\"quoted\"\" | piped\nline\"\r\n" },
        { "markdown: heading, summary list, pipe table", "markdown", "plain",
            "### Loss\n\n- 1 of 2 loss(es) leave replicas unplaced\n\n| loss | unplaced |\n| --- | --- |\n| east | 6 |\n| west | 0 |\n" },
        { "markdown: pipes escaped and line breaks flattened, so a cell never splits a row", "markdown", "awkward",
            "### A \\| B\n\n| application | note |\n| --- | --- |\n| shop/web | a, \"quoted\" \\| piped line |\n" },
        { "json: the server's answer indented, not the sheet", "json", "plain", "{\n  \"unsurvivable\": 1\n}\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_format_writes_the_sheet_as_expected(string name, string format, string sheetName, string expected)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var formatter = PlanFormats.Exports.Single(f => f.Name == format);
        var sheet = sheetName == "plain" ? Plain : Awkward;

        formatter.Write(writer, sheet, """{"unsurvivable":1}""");

        Assert.True(expected == writer.ToString(), $"{name}:\n{writer}");
    }

    [Fact]
    public void Every_export_format_is_offered_by_plan_output()
    {
        Assert.Equal(["json", "csv", "markdown"], PlanFormats.Exports.Select(f => f.Name));
    }
}
