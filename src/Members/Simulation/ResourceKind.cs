using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>The resources the simulated API server stores.</summary>
internal enum ResourceKind
{
    Namespace,
    Node,
    Pod,
    Deployment,
    ConfigMap,
    Secret,
    ServiceAccount,
    Service,
    Event,
    PodDisruptionBudget,
    EndpointSlice,
    StatefulSet,
}

/// <summary>One served resource: names, scope, model type (the shape OpenAPI and field validation use) and verbs.</summary>
internal sealed record ResourceInfo(string Kind, string Plural, string Group, string Version, bool Namespaced, Type Model, string[] Verbs, string[] ShortNames, string[] Categories)
{
    /// <summary>Field selector paths beyond metadata.name and metadata.namespace.</summary>
    public string[] FieldLabels { get; init; } = [];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name Kubernetes uses in messages: <c>deployments.apps</c>, or <c>pods</c> for the core group.</summary>
    public string Qualified => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The path prefix of its group version: <c>api/v1</c> or <c>apis/apps/v1</c>.</summary>
    public string GroupPath => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
}

internal static class ResourceKinds
{
    private static readonly string[] ReadDelete = ["delete", "get", "list", "patch", "watch"];
    private static readonly string[] All = ["create", "delete", "get", "list", "patch", "update", "watch"];

    private static readonly ResourceInfo[] Infos =
    [
        new("Namespace", "namespaces", "", "v1", false, typeof(V1Namespace), ["create", "delete", "get", "list", "patch", "watch"], ["ns"], []),
        new("Node", "nodes", "", "v1", false, typeof(V1Node), ReadDelete, ["no"], []),
        new("Pod", "pods", "", "v1", true, typeof(V1Pod), ["create", "delete", "get", "list", "patch", "watch"], ["po"], ["all"]) { FieldLabels = ["spec.nodeName", "status.phase"] },
        new("Deployment", "deployments", "apps", "v1", true, typeof(V1Deployment), All, ["deploy"], ["all"]),
        new("ConfigMap", "configmaps", "", "v1", true, typeof(V1ConfigMap), All, ["cm"], []),
        new("Secret", "secrets", "", "v1", true, typeof(V1Secret), All, [], []) { FieldLabels = ["type"] },
        new("ServiceAccount", "serviceaccounts", "", "v1", true, typeof(V1ServiceAccount), All, ["sa"], []),
        new("Service", "services", "", "v1", true, typeof(V1Service), All, ["svc"], ["all"]),
        new("Event", "events", "", "v1", true, typeof(Corev1Event), All, ["ev"], [])
        {
            FieldLabels = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
                "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        },
        new("PodDisruptionBudget", "poddisruptionbudgets", "policy", "v1", true, typeof(V1PodDisruptionBudget), All, ["pdb"], []),
        new("EndpointSlice", "endpointslices", "discovery.k8s.io", "v1", true, typeof(V1EndpointSlice), All, [], []),
        new("StatefulSet", "statefulsets", "apps", "v1", true, typeof(V1StatefulSet), All, ["sts"], ["all"]),
    ];

    public static ResourceInfo Info(this ResourceKind kind) => Infos[(int)kind];

    public static int Count => Infos.Length;

    public static IEnumerable<ResourceKind> Kinds => Enum.GetValues<ResourceKind>();

    /// <summary>The kind served at a group and plural, if any.</summary>
    public static ResourceKind? Find(string group, string plural) =>
        Kinds.Cast<ResourceKind?>().FirstOrDefault(k => k!.Value.Info() is var i && i.Group == group && i.Plural == plural);

    /// <summary>Group versions other than the core one, in discovery order.</summary>
    public static IEnumerable<(string Group, string Version)> Groups =>
        Infos.Where(i => i.Group.Length > 0).Select(i => (i.Group, i.Version)).Distinct();
}
