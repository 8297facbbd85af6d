using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Exceptions;

namespace Federation.Members.Client;

/// <summary>Builds the client for one member from how it is reached.</summary>
public static class MemberClientFactory
{
    /// <summary>
    /// A client for <paramref name="connection"/>: from its kubeconfig when it has one (its current context;
    /// TLS CA data, insecure-skip-tls-verify, client certificates and tokens as KubernetesClient reads them;
    /// <see cref="MemberConnection.Server"/> and <see cref="MemberConnection.BearerToken"/> override the
    /// kubeconfig's when given), otherwise from the server URL and bearer token.
    /// </summary>
    /// <exception cref="ArgumentException">The connection names no server or its kubeconfig is unusable.</exception>
    public static IMemberClient Create(MemberConnection connection, MemberClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new MemberClientOptions();
        options.Validate();
        return new KubernetesMemberClient(connection, options);
    }

    /// <summary>
    /// Checks that a client could be made for <paramref name="connection"/> (kubeconfig read, server an
    /// http(s) URL, TLS data usable) without calling the member, and returns the server URL it would use.
    /// </summary>
    /// <exception cref="ArgumentException">The connection is not usable; the message names the problem, never the secret.</exception>
    public static string Check(MemberConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var host = BuildConfiguration(connection).Host;
        if (!Uri.TryCreate(host, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"member '{connection.Name}': the server is not an http(s) URL", nameof(connection));
        }

        using var client = Connect(connection);
        return host;
    }

    /// <param name="maxConnections">Connections open at once to the member; requests beyond wait for one.</param>
    internal static Kubernetes Connect(MemberConnection connection, int maxConnections = int.MaxValue)
    {
        var config = BuildConfiguration(connection);
        config.FirstMessageHandlerSetup = handler => handler.MaxConnectionsPerServer = maxConnections;
        try
        {
            return new Kubernetes(config);
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            // E.g. unreadable client certificate data; name the problem, never the secret.
            throw new ArgumentException($"member '{connection.Name}': the connection's TLS settings are not usable ({e.Message})", nameof(connection), e);
        }
    }

    internal static KubernetesClientConfiguration BuildConfiguration(MemberConnection connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection.Name, nameof(connection));
        KubernetesClientConfiguration config;
        if (!string.IsNullOrWhiteSpace(connection.Kubeconfig))
        {
            try
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(connection.Kubeconfig));
                config = KubernetesClientConfiguration.BuildConfigFromConfigFile(
                    stream, masterUrl: string.IsNullOrWhiteSpace(connection.Server) ? null : connection.Server);
            }
            catch (Exception e) when (e is KubeConfigException or YamlDotNet.Core.YamlException or FormatException
                                          or ArgumentException or InvalidOperationException)
            {
                // The kubeconfig's content is a credential: name the problem, never echo the text.
                throw new ArgumentException(
                    $"member '{connection.Name}': the kubeconfig is not usable ({e.GetType().Name}: {e.Message})", nameof(connection), e);
            }
        }
        else if (!string.IsNullOrWhiteSpace(connection.Server))
        {
            if (!Uri.TryCreate(connection.Server, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"member '{connection.Name}': server '{connection.Server}' is not an http(s) URL", nameof(connection));
            }

            config = new KubernetesClientConfiguration { Host = connection.Server };
        }
        else
        {
            throw new ArgumentException($"member '{connection.Name}': neither a kubeconfig nor a server URL is given", nameof(connection));
        }

        // KubernetesClient refuses https without a CA; like kubectl, fall back to the platform's trust store
        // (an empty set makes its validation accept exactly what the platform accepts).
        if (!config.SkipTlsVerify && config.SslCaCerts is null)
        {
            config.SslCaCerts = new X509Certificate2Collection();
        }

        if (!string.IsNullOrWhiteSpace(connection.BearerToken))
        {
            config.AccessToken = connection.BearerToken;
            config.TokenProvider = null;
        }

        // Timeouts are the pipeline's (per attempt and per call); the client's own would also cut long watches.
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return config;
    }
}
