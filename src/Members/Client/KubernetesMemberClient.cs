using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Federation.Workloads;
using Polly;

namespace Federation.Members.Client;

/// <summary>
/// The federation's only way to talk to a member cluster: KubernetesClient over HTTP, every call
/// bounded by timeouts and retried (transient failures only) with back-off, every failure
/// classified as a <see cref="MemberClientException"/> naming the member and the operation.
/// </summary>
public sealed partial class KubernetesMemberClient : IMemberClient
{
    private const int PodPageSize = 2000;

    private readonly Kubernetes _kubernetes;

    /// <summary>The probes' own connection: a probe never waits behind calls for a free one.</summary>
    private readonly Kubernetes _probe;
    private readonly MemberClientOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();

    /// <summary>
    /// Namespaces this client has seen exist, so each is created once per member rather than once
    /// per application. A write that finds its namespace gone (deleted under us) forgets it.
    /// </summary>
    private readonly ConcurrentDictionary<string, byte> _namespaces = new(StringComparer.Ordinal);

    /// <summary>Connects to a member; see <see cref="MemberClientFactory.Create"/> for how the connection is read.</summary>
    public KubernetesMemberClient(MemberConnection connection, MemberClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _options = options ?? new MemberClientOptions();
        _options.Validate();
        Name = connection.Name;
        _kubernetes = MemberClientFactory.Connect(connection, _options.MaxConnections);
        _probe = MemberClientFactory.Connect(connection, maxConnections: 1);
        _logger = _options.LoggerFactory.CreateLogger<KubernetesMemberClient>();
        _pipeline = MemberResilience.Create(_options, Name, _logger);
    }

    /// <summary>The member's name, as used in error messages.</summary>
    public string Name { get; }

    public Task EnsureNamespaceAsync(string ns, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        if (_namespaces.ContainsKey(ns))
        {
            return Task.CompletedTask;
        }

        return CallAsync($"ensure namespace {ns}", async (k, t) =>
        {
            try
            {
                await k.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: t)
                    .ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (MemberErrors.StatusOf(e) == HttpStatusCode.Conflict)
            {
                // It exists already (or an earlier attempt created it and its answer was lost).
            }

            _namespaces.TryAdd(ns, 0);
            return true;
        }, ct);
    }

    public async Task<DeploymentStatus> ApplyDeploymentAsync(DeploymentApply apply, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentException.ThrowIfNullOrWhiteSpace(apply.Namespace, nameof(apply));
        ArgumentException.ThrowIfNullOrWhiteSpace(apply.Name, nameof(apply));
        ArgumentOutOfRangeException.ThrowIfNegative(apply.Replicas, nameof(apply));
        ArgumentOutOfRangeException.ThrowIfNegative(apply.OrdinalsStart, nameof(apply));
        var patch = new V1Patch(DeploymentMapper.ApplyBody(apply), V1Patch.PatchType.ApplyPatch);

        // Server-side apply is idempotent, so retrying it after a lost answer is safe.
        if (apply.Template.IsStateful)
        {
            return DeploymentMapper.ToStatus(await InNamespaceAsync(apply.Namespace, CallAsync($"apply statefulset {apply.Namespace}/{apply.Name}", (k, t) =>
                k.AppsV1.PatchNamespacedStatefulSetAsync(
                    patch, apply.Name, apply.Namespace, fieldManager: FederationLabels.FieldManager, force: true, cancellationToken: t), ct)).ConfigureAwait(false));
        }

        var applied = await InNamespaceAsync(apply.Namespace, CallAsync($"apply deployment {apply.Namespace}/{apply.Name}", (k, t) =>
            k.AppsV1.PatchNamespacedDeploymentAsync(
                patch, apply.Name, apply.Namespace,
                fieldManager: FederationLabels.FieldManager, force: true, cancellationToken: t), ct)).ConfigureAwait(false);
        return DeploymentMapper.ToStatus(applied);
    }

    public Task ScaleDeploymentAsync(string ns, string name, int replicas, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        var patch = new V1Patch("{\"spec\":{\"replicas\":" + replicas.ToString(CultureInfo.InvariantCulture) + "}}", V1Patch.PatchType.MergePatch);
        return CallAsync($"scale deployment {ns}/{name} to {replicas}", (k, t) =>
            k.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, name, ns, cancellationToken: t), ct);
    }

    public Task<DeploymentStatus?> GetDeploymentAsync(string ns, string name, string kind = WorkloadTemplate.Deployment, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return CallAsync<DeploymentStatus?>($"get {kind.ToLowerInvariant()} {ns}/{name}", async (k, t) =>
        {
            try
            {
                return kind == WorkloadTemplate.StatefulSet
                    ? DeploymentMapper.ToStatus(await k.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: t).ConfigureAwait(false))
                    : DeploymentMapper.ToStatus(await k.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: t).ConfigureAwait(false));
            }
            catch (HttpOperationException e) when (MemberErrors.StatusOf(e) == HttpStatusCode.NotFound)
            {
                return null;
            }
        }, ct);
    }

    public Task DeleteDeploymentAsync(string ns, string name, string kind = WorkloadTemplate.Deployment, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return CallAsync($"delete {kind.ToLowerInvariant()} {ns}/{name}", async (k, t) =>
        {
            try
            {
                _ = kind == WorkloadTemplate.StatefulSet
                    ? await k.AppsV1.DeleteNamespacedStatefulSetAsync(name, ns, propagationPolicy: "Background", cancellationToken: t).ConfigureAwait(false)
                    : await k.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, propagationPolicy: "Background", cancellationToken: t).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (MemberErrors.StatusOf(e) == HttpStatusCode.NotFound)
            {
                // Already gone (or an earlier attempt deleted it): the outcome the caller asked for.
            }

            return true;
        }, ct);
    }

    public async Task<DeploymentList> ListManagedDeploymentsAsync(CancellationToken ct = default)
    {
        var list = await CallAsync("list managed deployments", (k, t) =>
            k.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: FederationLabels.ManagedSelector, cancellationToken: t), ct)
            .ConfigureAwait(false);
        return new DeploymentList(
            list.Items?.Select(DeploymentMapper.ToStatus).ToList() ?? [],
            list.Metadata?.ResourceVersion ?? "");
    }

    public async Task<ClusterCapacity> GetCapacityAsync(CancellationToken ct = default)
    {
        var nodes = await CallAsync("list nodes", (k, t) => k.CoreV1.ListNodeAsync(cancellationToken: t), ct).ConfigureAwait(false);

        // A big member has many pods: read them in pages (a server that does not paginate answers in one).
        var pods = new List<PodUsage>();
        string? next = null;
        do
        {
            var token = next;
            var page = await CallAsync("list pods", (k, t) => ListPodUsageAsync(k, token, t), ct).ConfigureAwait(false);
            pods.AddRange(page.Items ?? []);
            next = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));

        return CapacityCalculator.Compute(nodes.Items ?? [], pods);
    }

    /// <summary>
    /// One page of the live pods, as <see cref="PodUsage"/>s: the request <c>ListPodForAllNamespacesAsync</c>
    /// sends, over the client's own connection and credentials, into the small model (the library reads
    /// every pod whole). Failures leave as the library's would, so they are retried and classified alike.
    /// </summary>
    private static async Task<PodUsageList> ListPodUsageAsync(Kubernetes k, string? continueToken, CancellationToken ct)
    {
        var query = $"api/v1/pods?fieldSelector={Uri.EscapeDataString("status.phase!=Succeeded,status.phase!=Failed")}&limit={PodPageSize}"
            + (string.IsNullOrEmpty(continueToken) ? "" : $"&continue={Uri.EscapeDataString(continueToken)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(k.BaseUri.AbsoluteUri.TrimEnd('/') + "/" + query));
        request.Headers.Accept.ParseAdd("application/json");
        if (k.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        }

        using var response = await k.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}', response body {body}")
            {
                Request = new HttpRequestMessageWrapper(request, null),
                Response = new HttpResponseMessageWrapper(response, body),
            };
        }

        // Read straight through, on a thread of its own. Read asynchronously, a page is hundreds of
        // continuations, each queued behind everything else a busy host has to do, and a capacity read then
        // takes so long that the figures it brings are stale; read on a pool thread (as the library reads its
        // lists), ten members' pages block ten of the pool's threads at once, and every grain waits for the
        // pool to grow.
        // A read that blocks does not see the token: when it fires (a timeout, the caller), the response is
        // disposed under the read, which then fails, so a member that stalls halfway through a page costs the
        // read its timeout, not a thread for ever.
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var abort = ct.Register(response.Dispose);
            try
            {
                return await Task.Factory.StartNew(
                        () => JsonSerializer.Deserialize<PodUsageList>(stream, NegativeQuantities.Options),
                        ct,
                        TaskCreationOptions.LongRunning,
                        TaskScheduler.Default).ConfigureAwait(false)
                    ?? throw new JsonException("the member answered the pod list with null");
            }
            catch (Exception e) when (ct.IsCancellationRequested && e is not OperationCanceledException)
            {
                throw new OperationCanceledException("the pod list was cut off: its time ran out", e, ct);
            }
        }
    }

    public void Dispose()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        // _disposing stays undisposed on purpose: running watches still read its token. It holds no timer.
        _disposing.Cancel();
        _kubernetes.Dispose();
        _probe.Dispose();
    }

    /// <summary>A write into a namespace: one that finds it missing (404) forgets it, so the next ensure creates it again.</summary>
    private async Task<T> InNamespaceAsync<T>(string ns, Task<T> write)
    {
        try
        {
            return await write.ConfigureAwait(false);
        }
        catch (MemberClientException e) when (e.Kind == MemberErrorKind.NotFound)
        {
            _namespaces.TryRemove(ns, out _);
            throw;
        }
    }

    /// <summary>Runs one call through the pipeline; anything but the caller's own cancellation leaves as a MemberClientException.</summary>
    private async Task<T> CallAsync<T>(string operation, Func<Kubernetes, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await call(_kubernetes, token).ConfigureAwait(false), ct)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var error = MemberErrors.Classify(Name, operation, e);
            MemberClientLog.CallFailed(_logger, Name, operation, error.Kind, e);
            throw error;
        }
    }
}
