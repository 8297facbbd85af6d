using CsCheck;
using k8s.Models;

namespace Federation.Members.Tests.Simulation.Protobuf;

/// <summary>
/// Deployments the simulator accepts, over the fields its protobuf reader knows. Non-pointer
/// numbers and booleans are never an explicit zero: Kubernetes' JSON omits those, so zero and
/// absent are one value there.
/// </summary>
internal static class DeploymentGen
{
    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 1, 8];

    private static readonly Gen<Dictionary<string, string>> Labels = Gen.Dictionary(Word, Word)[0, 3];

    private static readonly Gen<IntOrString> IntOrPercent = Gen.OneOf(
        Gen.Int[0, 5].Select(i => (IntOrString)i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Int[0, 100].Select(i => (IntOrString)$"{i}%"));

    private static readonly Gen<string> Quantity = Gen.OneOf(Gen.Const("100m"), Gen.Const("1"), Gen.Const("64Mi"), Gen.Const("1.5Gi"), Gen.Const("2"));

    private static readonly Gen<V1EnvVar> Env = Gen.Select(Word, Word, Gen.Int[0, 3], (name, value, source) => new V1EnvVar
    {
        Name = name,
        Value = source == 0 ? value : null,
        ValueFrom = source switch
        {
            1 => new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = value, Key = name, Optional = false } },
            2 => new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = value, Key = name } },
            3 => new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } },
            _ => null,
        },
    });

    private static readonly Gen<V1Container> Container = Gen.Select(
        Word, Word, Gen.Int[1, 65535].Array[0, 2], Env.Array[0, 3], Gen.Select(Quantity, Quantity, (cpu, memory) => (cpu, memory)),
        Gen.Int[0, 2], Gen.Long[0, 1000].Nullable(), Word.Array[0, 2],
        (name, image, ports, env, requests, probe, user, args) => new V1Container
        {
            Name = name,
            Image = $"{image}:1.{ports.Length}",
            Args = args.Length == 0 ? null : args,
            Ports = ports.Length == 0 ? null : ports.Select(p => new V1ContainerPort { ContainerPort = p, Protocol = "TCP", Name = $"p{p}" }).ToList(),
            Env = env.Length == 0 ? null : env.DistinctBy(e => e.Name).ToList(),
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(requests.cpu), ["memory"] = new(requests.memory) },
                Limits = probe == 2 ? new Dictionary<string, ResourceQuantity> { ["memory"] = new(requests.memory) } : null,
            },
            ReadinessProbe = probe switch
            {
                1 => new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = (IntOrString)"http" }, InitialDelaySeconds = 3 },
                2 => new V1Probe { TcpSocket = new V1TCPSocketAction { Port = (IntOrString)"8080" }, PeriodSeconds = 5 },
                _ => null,
            },
            SecurityContext = user is null ? null : new V1SecurityContext { RunAsUser = user, RunAsNonRoot = user != 0, Privileged = false },
        });

    public static readonly Gen<V1Deployment> Deployment = Gen.Select(
        Word, Labels, Gen.Int[0, 5].Nullable(), Container.Array[1, 3], Gen.Int[0, 3], IntOrPercent, IntOrPercent,
        Gen.Select(Gen.Int[1, 30].Nullable(), Gen.Int[0, 10].Nullable(), Gen.Bool, Gen.Long[0, 60].Nullable(), (min, history, paused, grace) => (min, history, paused, grace)),
        (name, labels, replicas, containers, strategy, surge, unavailable, extra) =>
        {
            var selector = new Dictionary<string, string>(labels) { ["app"] = name };
            return new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = name, Labels = labels.Count == 0 ? null : labels, Annotations = new Dictionary<string, string> { ["note"] = name } },
                Spec = new V1DeploymentSpec
                {
                    Replicas = replicas,
                    MinReadySeconds = extra.min,
                    RevisionHistoryLimit = extra.history,
                    Paused = extra.paused ? true : null,
                    Selector = new V1LabelSelector
                    {
                        MatchLabels = selector,
                        MatchExpressions = strategy == 3 ? [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "NotIn", Values = ["db"] }] : null,
                    },
                    Strategy = strategy switch
                    {
                        0 => null,
                        1 => new V1DeploymentStrategy { Type = "Recreate" },
                        _ => new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = BothZero(surge, unavailable) ? (IntOrString)"1" : surge, MaxUnavailable = unavailable } },
                    },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = selector },
                        Spec = new V1PodSpec
                        {
                            Containers = containers.DistinctBy(c => c.Name).ToList(),
                            TerminationGracePeriodSeconds = extra.grace,
                            NodeSelector = labels.Count == 0 ? null : labels,
                            Tolerations = extra.grace is null ? null : [new V1Toleration { Key = "k", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = extra.grace }],
                            Volumes = strategy == 2 ? [new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource() }, new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "cfg", DefaultMode = 420 } }] : null,
                        },
                    },
                },
            };
        });

    // Kubernetes refuses maxSurge and maxUnavailable both 0 (nothing could ever be replaced): generate only what it accepts.
    private static bool BothZero(IntOrString surge, IntOrString unavailable) => surge.Value is "0" or "0%" && unavailable.Value is "0" or "0%";
}
