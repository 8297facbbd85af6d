namespace Federation.Cli;

/// <summary>The <c>-o|--output</c> choice applied to a server answer.</summary>
internal static class CliOutput
{
    /// <summary><c>-o json</c> prints the server's answer; otherwise the table or text.</summary>
    public static void Print<T>(CliContext context, string? output, ApiResponse<T> answer, Action<TextWriter> table)
    {
        if (output == "json")
        {
            context.Out.WriteLine(CliJson.Pretty(answer.Json));
        }
        else
        {
            table(context.Out);
        }
    }
}
