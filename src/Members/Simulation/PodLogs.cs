using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>
/// <c>GET .../pods/NAME/log</c>: simulated containers print one fixed-format line when they start
/// (time, container, image, pod, node); that line is the whole log. <c>follow</c> returns the
/// same line and ends.
/// </summary>
internal static class PodLogs
{
    public static Task ServeAsync(HttpContext ctx, ClusterEngine engine, string ns, string name)
    {
        StoredPod pod;
        lock (engine.Store.Gate)
        {
            pod = engine.Store.Get(ResourceKind.Pod, ns, name) as StoredPod ?? throw ApiException.NotFound(ResourceKind.Pod, name);
        }

        var containers = pod.Template.Containers;
        var requested = ctx.Request.Query["container"].ToString();
        if (requested.Length == 0 && containers.Length > 1)
        {
            throw ApiException.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", containers.Select(c => c.Name))}]");
        }

        var container = requested.Length == 0 ? containers[0] : containers.FirstOrDefault(c => c.Name == requested);
        if (container.Name is null)
        {
            throw ApiException.BadRequest($"container {requested} is not valid for pod {name}");
        }

        if (pod.StartedAt is not { } started)
        {
            throw ApiException.BadRequest($"container \"{container.Name}\" in pod \"{name}\" is waiting to start: ContainerCreating");
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"{started.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} simulated container {container.Name} (image {container.Image}) of pod {ns}/{name} started on node {pod.NodeName}\n");
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.WriteAsync(line, ctx.RequestAborted);
    }
}
