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

            // KubernetesClient refuses https without a CA; an empty set leaves the platform's trust store as the only judge.
            config = new KubernetesClientConfiguration { Host = connection.Server, SslCaCerts = new X509Certificate2Collection() };
        }
        else
        {
            throw new ArgumentException($"member '{connection.Name}': neither a kubeconfig nor a server URL is given", nameof(connection));
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
