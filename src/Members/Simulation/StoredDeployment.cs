using System.Globalization;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// One version of a Deployment. <see cref="Model"/> is never changed after it is stored. Once a
/// newer version replaces it, only its JSON is kept (for the watch window), which is several
/// times smaller than the model objects.
/// </summary>
internal sealed record StoredDeployment : StoredObject
{
    private V1Deployment? _model;

    public required V1Deployment Model
    {
        get => Volatile.Read(ref _model) ?? KubeJson.FromUtf8<V1Deployment>(Json);
        init
        {
            _model = value;
            DeploymentLabels = value.Metadata.Labels;
        }
    }

    public IDictionary<string, string>? DeploymentLabels { get; private init; }

    public override ResourceKind Kind => ResourceKind.Deployment;

    public override IDictionary<string, string>? Labels => DeploymentLabels;

    public override void Superseded()
    {
        _ = Json;
        Volatile.Write(ref _model, null);
    }

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

    protected override byte[] Render() => KubeJson.ToUtf8(_model ?? Model);
}
