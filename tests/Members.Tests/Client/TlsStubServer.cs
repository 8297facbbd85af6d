using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Federation.Members.Tests.Client;

/// <summary>
/// A bare https endpoint with a self-signed certificate that demands a bearer token: just enough of an
/// API server (readyz, the lists a capacity read makes, one more) to check that the client honours a kubeconfig's TLS and credentials,
/// which the plain-HTTP simulated member cannot.
/// </summary>
internal sealed class TlsStubServer : IAsyncDisposable
{
    public const string Token = "s3cret-token";

    private readonly WebApplication _app;

    private TlsStubServer(WebApplication app, X509Certificate2 certificate, Uri url)
    {
        _app = app;
        Certificate = certificate;
        Url = url;
    }

    public X509Certificate2 Certificate { get; }

    public Uri Url { get; private set; }

    public static async Task<TlsStubServer> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { kind = "Status", apiVersion = "v1", status = "Failure", message = "Unauthorized", reason = "Unauthorized", code = 401 });
                return;
            }

            await next(context);
        });
        var server = new TlsStubServer(app, certificate, new Uri("https://127.0.0.1"));
        app.MapGet("/readyz", () => "ok");
        app.MapGet("/api/v1/nodes", () => Results.Text(
            """{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"n1"},"status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},"conditions":[{"type":"Ready","status":"True"}]}}]}""", "application/json"));

        // Every live pod in two pages, as a server that paginates answers a list with a limit.
        app.MapGet("/api/v1/pods", (HttpRequest request) =>
        {
            if (server.PodsForbidden)
            {
                return Results.Json(new { kind = "Status", apiVersion = "v1", status = "Failure", message = "pods is forbidden: User cannot list resource \"pods\"", reason = "Forbidden", code = 403 }, statusCode: 403);
            }

            if (server.PodsStallMidway)
            {
                return Results.Stream(async body =>
                {
                    await body.WriteAsync("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[{\"spec\":"u8.ToArray());
                    await body.FlushAsync();
                    await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
                }, "application/json");
            }

            if (request.Query["fieldSelector"] != "status.phase!=Succeeded,status.phase!=Failed" || request.Query["limit"].Count != 1)
            {
                return Results.BadRequest();
            }

            return request.Query["continue"] == "page-2"
                ? Results.Text("""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"b","labels":{"app":"b"}},"spec":{"nodeName":"n1","containers":[{"name":"c","image":"nginx","resources":{"limits":{"cpu":"250m","memory":"256Mi"}}}]},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-12-03T08:00:00Z"}]}}]}""", "application/json")
                : Results.Text("""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"page-2"},"items":[{"metadata":{"name":"a","managedFields":[{"manager":"kubectl"}]},"spec":{"nodeName":"n1","containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":"500m","memory":"1Gi"}}}],"initContainers":[{"name":"i","image":"busybox","resources":{"requests":{"cpu":"100m","memory":"2Gi"}}}]},"status":{"phase":"Pending"}}]}""", "application/json");
        });
        app.MapGet("/apis/apps/v1/deployments", () => Results.Text(
            """{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"7"},"items":[]}""", "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        return server;
    }

    /// <summary>The pod list answers 403, as a member whose RBAC does not let the federation list pods.</summary>
    public bool PodsForbidden { get; set; }

    /// <summary>The pod list sends its first bytes, then nothing more, as a member that hangs halfway through an answer.</summary>
    public bool PodsStallMidway { get; set; }

    /// <summary>A kubeconfig for this server; <paramref name="withCa"/> embeds its certificate as the CA.</summary>
    public string Kubeconfig(bool withCa, bool skipVerify = false, string token = Token)
    {
        var ca = withCa ? $"\n    certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Certificate.ExportCertificatePem()))}" : "";
        var skip = skipVerify ? "\n    insecure-skip-tls-verify: true" : "";
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: stub
              cluster:
                server: https://127.0.0.1:{Url.Port}{ca}{skip}
            users:
            - name: stub
              user:
                token: {token}
            contexts:
            - name: stub
              context: {"{"}cluster: stub, user: stub{"}"}
            current-context: stub
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=member-stub", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a form it can use on every platform: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
