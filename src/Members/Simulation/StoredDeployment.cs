using System.Globalization;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>One version of a Deployment. <see cref="Model"/> is never changed after it is stored.</summary>
internal sealed record StoredDeployment : StoredObject
{
    public required V1Deployment Model { get; init; }

    public override ResourceKind Kind => ResourceKind.Deployment;

    public override IDictionary<string, string>? Labels => Model.Metadata.Labels;

    public int SpecReplicas => Model.Spec.Replicas ?? 1;

    public static StoredDeployment Create(V1Deployment model, long resourceVersion)
    {
        model.ApiVersion = "apps/v1";
        model.Kind = "Deployment";
        model.Metadata.ResourceVersion = resourceVersion.ToString(CultureInfo.InvariantCulture);
        return new StoredDeployment
        {
            Namespace = model.Metadata.NamespaceProperty,
            Name = model.Metadata.Name,
            Uid = model.Metadata.Uid,
            ResourceVersion = resourceVersion,
            CreationTimestamp = model.Metadata.CreationTimestamp ?? DateTime.UnixEpoch,
            Model = model,
        };
    }

    public V1Deployment Copy() => KubeJson.FromUtf8<V1Deployment>(Json);

    public override object ToModel() => Copy();

    public override StoredObject WithResourceVersion(long resourceVersion) => Create(Copy(), resourceVersion);

    public override object?[] TableCells(DateTimeOffset now)
    {
        var s = Model.Status;
        var containers = Model.Spec.Template.Spec.Containers;
        return
        [
            Name,
            $"{s?.ReadyReplicas ?? 0}/{SpecReplicas}",
            s?.UpdatedReplicas ?? 0,
            s?.AvailableReplicas ?? 0,
            HumanDuration.Since(CreationTimestamp, now),
            string.Join(",", containers.Select(c => c.Name)),
            string.Join(",", containers.Select(c => c.Image)),
            LabelSelector.Format(Model.Spec.Selector),
        ];
    }

    protected override byte[] Render() => KubeJson.ToUtf8(Model);
}
