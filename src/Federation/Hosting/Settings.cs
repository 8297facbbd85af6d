using Federation.Grains;

namespace Federation.Hosting;

/// <summary>
/// Reads <see cref="FederationOptions"/> from a JSON file (optional) and Federation__* environment
/// variables; a value that does not convert or is out of range refuses the start, naming the setting.
/// </summary>
public static class Settings
{
    public static FederationOptions Load(string? file)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        builder.AddEnvironmentVariables();
        var options = new FederationOptions();
        try
        {
            builder.Build().GetSection(FederationOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // E.g. "Failed to convert configuration value 'abc' at 'Federation:ProbeInterval' to type 'System.TimeSpan'."
            throw new Api.Access.StartupRefusedException(e.Message);
        }

        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new Api.Access.StartupRefusedException(string.Join("; ", problems));
    }
}
