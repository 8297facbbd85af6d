using System.Reflection;
using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling;

/// <summary>Federation.Core is pure decision code: it must not reference Orleans or the Kubernetes client.</summary>
public class PurityTests
{
    private static readonly string[] Forbidden = ["Orleans", "Microsoft.Orleans", "KubernetesClient", "k8s"];

    [Fact]
    public void Federation_Core_references_no_Orleans_and_no_Kubernetes_assembly()
    {
        var core = typeof(ReplicaScheduler).Assembly;

        var impure = core.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(name => Forbidden.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.Equal("Federation.Core", core.GetName().Name);
        Assert.True(impure.Count == 0, $"Federation.Core references {string.Join(", ", impure)}");
    }

    [Fact]
    public void The_check_would_see_a_forbidden_reference()
    {
        // The test above passes trivially if it looks at the wrong list; this one proves it reads
        // real references, by finding one every assembly has.
        var references = typeof(ReplicaScheduler).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains(references, name => name is "System.Runtime" or "netstandard" or "mscorlib");
        Assert.DoesNotContain(references, name => name == Assembly.GetExecutingAssembly().GetName().Name);
    }
}
