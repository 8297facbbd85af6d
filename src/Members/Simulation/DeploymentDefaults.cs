using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// The API server's defaulting for apps/v1 Deployments. Idempotent, so applying the same manifest
/// twice yields the same spec and no generation bump.
/// </summary>
internal static class DeploymentDefaults
{
    public static void Apply(V1Deployment d)
    {
        var spec = d.Spec ??= new V1DeploymentSpec();
        spec.Replicas ??= 1;
        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
        var strategy = spec.Strategy ??= new V1DeploymentStrategy();
        strategy.Type ??= "RollingUpdate";
        if (strategy.Type == "RollingUpdate")
        {
            var rolling = strategy.RollingUpdate ??= new V1RollingUpdateDeployment();
            rolling.MaxSurge ??= "25%";
            rolling.MaxUnavailable ??= "25%";
        }

        var template = spec.Template ??= new V1PodTemplateSpec();
        template.Metadata ??= new V1ObjectMeta();
        var pod = template.Spec ??= new V1PodSpec();
        pod.RestartPolicy ??= "Always";
        pod.TerminationGracePeriodSeconds ??= 30;
        pod.DnsPolicy ??= "ClusterFirst";
        pod.SchedulerName ??= "default-scheduler";
        pod.SecurityContext ??= new V1PodSecurityContext();
        pod.Containers ??= [];
        foreach (var c in pod.Containers.Concat(pod.InitContainers ?? []))
        {
            c.TerminationMessagePath ??= "/dev/termination-log";
            c.TerminationMessagePolicy ??= "File";
            c.ImagePullPolicy ??= IsLatest(c.Image) ? "Always" : "IfNotPresent";
            c.Resources ??= new V1ResourceRequirements();
            foreach (var port in c.Ports ?? [])
            {
                port.Protocol ??= "TCP";
            }
        }
    }

    private static bool IsLatest(string? image)
    {
        if (string.IsNullOrEmpty(image) || image.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        var lastSlash = image.LastIndexOf('/');
        var tagAt = image.IndexOf(':', lastSlash + 1);
        return tagAt < 0 || image[(tagAt + 1)..] == "latest";
    }
}
