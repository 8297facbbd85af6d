namespace Federation.Cli.Export;

/// <summary><c>-o json</c>: the server's answer, indented; every field, nothing flattened.</summary>
internal sealed class JsonPlanFormatter : IPlanFormatter
{
    public string Name => "json";

    public void Write(TextWriter writer, PlanSheet sheet, string json) => writer.WriteLine(CliJson.Pretty(json));
}
