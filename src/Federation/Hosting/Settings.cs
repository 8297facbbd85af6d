using Federation.Grains;

namespace Federation.Hosting;

/// <summary>Reads <see cref="FederationOptions"/> from a JSON file (optional) and Federation__* environment variables.</summary>
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
        builder.Build().GetSection(FederationOptions.Section).Bind(options);
        return options;
    }
}
