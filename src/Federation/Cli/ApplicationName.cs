namespace Federation.Cli;

/// <summary>"namespace/name" as the verbs take it, and the REST path of an application.</summary>
internal static class ApplicationName
{
    public static (string Namespace, string Name) Split(string text)
    {
        var parts = text.Split('/');
        return parts switch
        {
            [var name] when name.Length > 0 => ("default", name),
            [var ns, var name] when ns.Length > 0 && name.Length > 0 => (ns, name),
            _ => throw new CliInputException($"'{text}' is not NAMESPACE/NAME"),
        };
    }

    public static string Path(string ns, string name) =>
        $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/applications/{Uri.EscapeDataString(name)}";
}
