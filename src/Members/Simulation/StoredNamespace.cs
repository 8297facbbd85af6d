using k8s.Models;

namespace Federation.Members.Simulation;

internal sealed record StoredNamespace : StoredObject
{
    public IDictionary<string, string>? NamespaceLabels { get; init; }

    public IDictionary<string, string>? NamespaceAnnotations { get; init; }

    public bool Terminating { get; init; }

    public override ResourceKind Kind => ResourceKind.Namespace;

    public override IDictionary<string, string>? Labels => NamespaceLabels;

    public override object ToModel() => new V1Namespace
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            Uid = Uid,
            ResourceVersion = ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CreationTimestamp = CreationTimestamp.UtcDateTime,
            Labels = NamespaceLabels is null ? null : new Dictionary<string, string>(NamespaceLabels),
            Annotations = NamespaceAnnotations is null ? null : new Dictionary<string, string>(NamespaceAnnotations),
        },
        Spec = new V1NamespaceSpec { Finalizers = ["kubernetes"] },
        Status = new V1NamespaceStatus { Phase = Terminating ? "Terminating" : "Active" },
    };

    public override object?[] TableCells(DateTimeOffset now) =>
        [Name, Terminating ? "Terminating" : "Active", HumanDuration.Since(CreationTimestamp, now)];
}
