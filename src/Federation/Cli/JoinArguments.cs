using Federation.Api;

namespace Federation.Cli;

/// <summary>Checks the flags of <c>clusters join</c> and builds the request before anything is sent.</summary>
internal static class JoinArguments
{
    public static JoinRequest Build(string name, string? server, string? bearerToken, FileInfo? kubeconfig, string[]? labels)
    {
        if (server is null == (kubeconfig is null))
        {
            throw new CliInputException("clusters join needs exactly one of --server URL or --kubeconfig FILE");
        }

        if (bearerToken is not null && server is null)
        {
            throw new CliInputException("--bearer-token goes with --server (a kubeconfig carries its own credentials)");
        }

        if (server is not null && !Uri.TryCreate(server, UriKind.Absolute, out _))
        {
            throw new CliInputException($"--server: '{server}' is not a URL");
        }

        string? kubeconfigText = null;
        if (kubeconfig is not null)
        {
            try
            {
                kubeconfigText = File.ReadAllText(kubeconfig.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliInputException($"--kubeconfig: cannot read {kubeconfig.FullName}: {ex.Message}");
            }
        }

        return new JoinRequest(name, server, kubeconfigText, bearerToken, Labels(labels ?? []));
    }

    /// <summary>What to do with orphans found on the member: adopt, clean or (neither flag) keep and list them.</summary>
    public static string? Orphans(bool adopt, bool clean) => (adopt, clean) switch
    {
        (true, true) => throw new CliInputException("--adopt and --clean do not go together: an orphan is either taken over or deleted"),
        (true, false) => "adopt",
        (false, true) => "clean",
        _ => null,
    };

    public static Dictionary<string, string>? Labels(IEnumerable<string> pairs)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var cut = pair.IndexOf('=');
            if (cut <= 0)
            {
                throw new CliInputException($"--label: '{pair}' is not KEY=VALUE");
            }

            labels[pair[..cut].Trim()] = pair[(cut + 1)..].Trim();
        }

        return labels.Count == 0 ? null : labels;
    }
}
