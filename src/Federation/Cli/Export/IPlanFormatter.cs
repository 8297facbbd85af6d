namespace Federation.Cli.Export;

/// <summary>One export format of a plan (<c>-o NAME</c>).</summary>
internal interface IPlanFormatter
{
    string Name { get; }

    /// <param name="json">The server's answer as it came, for formats that keep every field.</param>
    void Write(TextWriter writer, PlanSheet sheet, string json);
}
