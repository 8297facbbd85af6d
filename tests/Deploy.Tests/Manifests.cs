namespace Deploy.Tests;

/// <summary>The resources kustomization.yaml applies, parsed as plain YAML trees.</summary>
internal static class Manifests
{
    public const string Folder = "deploy/kubernetes";

    private static readonly Lazy<IReadOnlyList<Dictionary<object, object>>> LazyAll = new(Load);

    public static IReadOnlyList<Dictionary<object, object>> All => LazyAll.Value;

    public static IReadOnlyList<string> KustomizationResources() =>
        ((Yaml.At(Yaml.Load(RepoPaths.Of(Folder, "kustomization.yaml")), "resources") as List<object>) ?? [])
            .Cast<string>()
            .ToList();

    public static Dictionary<object, object> One(string kind, string? name = null) =>
        Assert.Single(All, r => Yaml.Text(r, "kind") == kind && (name is null || Yaml.Text(r, "metadata.name") == name));

    public static Dictionary<object, object> SiloContainer() =>
        Assert.Single(Yaml.List(One("Deployment", "federation"), "spec.template.spec.containers"));

    public static IReadOnlyDictionary<string, string> StringMap(object? node, string path) =>
        (Yaml.At(node, path) as Dictionary<object, object> ?? [])
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");

    private static IReadOnlyList<Dictionary<object, object>> Load() =>
        KustomizationResources().SelectMany(file => Yaml.LoadAll(RepoPaths.Of(Folder, file))).ToList();
}
