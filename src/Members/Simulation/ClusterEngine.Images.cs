namespace Federation.Members.Simulation;

/// <summary>
/// Bad releases: an image whose containers never become ready, or crash and restart with a growing
/// back-off (restartCount grows, the container waits in CrashLoopBackOff), as a broken version would.
/// </summary>
internal sealed partial class ClusterEngine
{
    private static readonly TimeSpan CrashBackOffCap = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, ImageFault> _images = new(StringComparer.Ordinal);

    /// <summary>Marks an image bad (never ready, or crashing), or good again; pods already running it follow.</summary>
    public void SetImage(string image, bool ready, bool crash)
    {
        lock (_store.Gate)
        {
            if (ready && !crash)
            {
                _images.Remove(image);
            }
            else
            {
                _images[image] = new ImageFault(crash);
            }

            var now = Now;
            var running = _store.Table(ResourceKind.Pod).Snapshot(null, p => ((StoredPod)p).Template.Containers.Any(c => c.Image == image)).Cast<StoredPod>().ToList();
            foreach (var pod in running.Where(p => p.StartedAt is not null))
            {
                var crashing = CrashingImage(pod);
                if (crashing != pod.CrashingImage)
                {
                    _store.Put(pod with { ResourceVersion = _store.NextResourceVersion(), CrashingImage = crashing }, added: false);
                    if (crashing is not null)
                    {
                        _starting.Enqueue((pod.Namespace, pod.Name), now);
                    }
                }
            }

            RefreshReadiness(running.Select(p => _store.Get(ResourceKind.Pod, p.Namespace, p.Name)).OfType<StoredPod>(), now);
            Kick();
        }
    }

    /// <summary>The first container image of a Deployment's template; null when there is no such Deployment.</summary>
    public string? DeploymentImage(string ns, string name)
    {
        lock (_store.Gate)
        {
            return _store.Get(ResourceKind.Deployment, ns, name) is StoredDeployment d ? d.Model.Spec.Template.Spec.Containers.FirstOrDefault()?.Image : null;
        }
    }

    /// <summary>The first container image of the pod that crashes, if any.</summary>
    private string? CrashingImage(StoredPod pod) =>
        pod.Template.Containers.Select(c => c.Image).FirstOrDefault(i => i is not null && _images.TryGetValue(i, out var f) && f.Crash);

    private bool ImagesHealthy(StoredPod pod) =>
        !pod.Template.Containers.Any(c => c.Image is not null && _images.ContainsKey(c.Image));

    /// <summary>A crash-looping pod restarts once more: its restart count grows and its next restart backs off.</summary>
    private void Restart(StoredPod pod, DateTimeOffset due)
    {
        var restarts = pod.Restarts + 1;
        _store.Put(pod with { ResourceVersion = _store.NextResourceVersion(), Restarts = restarts, Ready = false, ReadyTransition = pod.Ready ? due : pod.ReadyTransition }, added: false);
        var backOff = TimeSpan.FromTicks(Math.Min(CrashBackOffCap.Ticks, Math.Max(_startupDelay.Ticks, TimeSpan.FromMilliseconds(100).Ticks) * restarts));
        _starting.Enqueue((pod.Namespace, pod.Name), due + backOff);
        Enqueue(pod.Namespace, pod.Template.OwnerName);
    }

    private sealed record ImageFault(bool Crash);
}
