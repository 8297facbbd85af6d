using System.Text.Json;
using Federation.Cli;

namespace Federation.Tests.Cli;

public sealed class ApplicationManifestTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 8
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                args: ["--port", "8080"]
                ports: [{containerPort: 80}]
                env:
                - {name: WORKERS, value: "8"}
                - {name: DEBUG, value: "true"}
                - {name: EMPTY, value: ~}
                - {name: PORT, value: !!str 8080}
                resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 0.5}}
                tty: true
        """;

    private const string Placement = """
        apiVersion: federation.io/v1
        kind: Placement
        spec:
          strategy: Weighted
          clusterNames: [east, west, central]
          clusterSelector: {region: eu, tier: 1}
          weights: {east: 2, west: 1, central: 1}
          bounds: {east: {min: 1, max: 6}}
          spread: {label: region, minGroups: 2}
          maxUnavailable: 0
          failoverAfter: 30s
          migration: {stepSize: 1, stepTimeout: 60s, unhealthyAfter: 2m}
        """;

    [Fact]
    public void A_placement_rollout_travels_with_the_request()
    {
        var manifest = ApplicationManifest.Parse(Deployment + "\n---\n" + """
            apiVersion: federation.io/v1
            kind: Placement
            spec:
              rollout:
                strategy: Progressive
                canary: {clusterNames: [east]}
                waves: [{clusterNames: [west, central]}, {clusterSelector: {region: eu}}]
                soak: 5m
                progressDeadline: 10m
                maxFailures: 25%
                onFailure: Halt
            """);

        var rollout = manifest.Request.Rollout!;
        Assert.Equal("Progressive", rollout.Strategy);
        Assert.Equal(["east"], rollout.Canary!.ClusterNames!);
        Assert.Equal(2, rollout.Waves!.Count);
        Assert.Equal("eu", rollout.Waves[1].ClusterSelector!["region"]);
        Assert.Equal("25%", rollout.MaxFailures!.Value.GetString());
        Assert.Equal(("5m", "10m", "Halt"), (rollout.Soak, rollout.ProgressDeadline, rollout.OnFailure));
    }

    [Fact]
    public void Deployment_and_placement_become_one_request()
    {
        var manifest = ApplicationManifest.Parse(Deployment + "\n---\n" + Placement);

        Assert.Equal(("shop", "web"), (manifest.Namespace, manifest.Name));
        var request = manifest.Request;
        Assert.Equal(8, request.Replicas);
        Assert.Equal(0, request.MaxUnavailable);
        Assert.Equal("30s", request.FailoverAfter);
        Assert.Equal(new Federation.Api.MigrationSettings(1, "60s", "2m"), request.Migration);
        var placement = request.Placement!;
        Assert.Equal("Weighted", placement.Strategy);
        Assert.Equal(["east", "west", "central"], placement.ClusterNames!);
        Assert.Equal("eu", placement.ClusterSelector!["region"]);
        Assert.Equal("1", placement.ClusterSelector!["tier"]);
        Assert.Equal(2, placement.Weights!["east"]);
        Assert.Equal(new Federation.Api.BoundsRequest(1, 6), placement.Bounds!["east"]);
        Assert.Equal(new Federation.Api.SpreadRequest("region", 2), placement.Spread);
        Assert.Equal("Deployment", request.Template!.Value.GetProperty("kind").GetString());
    }

    [Fact]
    public void Replicas_in_the_placement_win_over_the_deployments()
    {
        var manifest = ApplicationManifest.Parse(Deployment + "\n---\n" + Placement.Replace("strategy: Weighted", "strategy: Weighted\n  replicas: 12"));

        Assert.Equal(12, manifest.Request.Replicas);
    }

    [Fact]
    public void Deployment_alone_applies_with_the_default_policy_in_the_default_namespace()
    {
        var manifest = ApplicationManifest.Parse(Deployment.Replace(", namespace: shop", "") + "\n---\n");

        Assert.Equal(("default", "web"), (manifest.Namespace, manifest.Name));
        Assert.Equal(8, manifest.Request.Replicas);
        Assert.Null(manifest.Request.Placement);
        Assert.Null(manifest.Request.Migration);
        Assert.NotNull(manifest.Request.Template);
    }

    [Fact]
    public void Placement_strategy_is_matched_without_regard_to_case()
    {
        var manifest = ApplicationManifest.Parse(Deployment + "\n---\n" + Placement.Replace("strategy: Weighted", "strategy: aggregated"));

        Assert.Equal("Aggregated", manifest.Request.Placement!.Strategy);
    }

    public static TheoryData<string, string, JsonValueKind, string> Scalars => new()
    {
        // case, path into the template, expected JSON kind, expected raw text
        { "plain integer is a number", "spec.replicas", JsonValueKind.Number, "8" },
        { "port is a number", "spec.template.spec.containers.0.ports.0.containerPort", JsonValueKind.Number, "80" },
        { "decimal is a number", "spec.template.spec.containers.0.resources.limits.cpu", JsonValueKind.Number, "0.5" },
        { "plain true is a boolean", "spec.template.spec.containers.0.tty", JsonValueKind.True, "true" },
        { "quoted number stays text", "spec.template.spec.containers.0.env.0.value", JsonValueKind.String, "\"8\"" },
        { "quoted true stays text", "spec.template.spec.containers.0.env.1.value", JsonValueKind.String, "\"true\"" },
        { "explicit string tag stays text", "spec.template.spec.containers.0.env.3.value", JsonValueKind.String, "\"8080\"" },
        { "tilde is null", "spec.template.spec.containers.0.env.2.value", JsonValueKind.Null, "null" },
        { "quantity stays text", "spec.template.spec.containers.0.resources.requests.cpu", JsonValueKind.String, "\"100m\"" },
        { "memory stays text", "spec.template.spec.containers.0.resources.requests.memory", JsonValueKind.String, "\"128Mi\"" },
        { "image with colon stays text", "spec.template.spec.containers.0.image", JsonValueKind.String, "\"nginx:1.27\"" },
        { "flow sequence item stays text", "spec.template.spec.containers.0.args.1", JsonValueKind.String, "\"8080\"" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Yaml_scalars_keep_the_type_kubernetes_gives_them(string _, string path, JsonValueKind kind, string raw)
    {
        var template = ApplicationManifest.Parse(Deployment).Request.Template!.Value;

        var value = path.Split('.').Aggregate(template, (element, step) =>
            int.TryParse(step, out var index) ? element[index] : element.GetProperty(step));

        Assert.Equal(kind, value.ValueKind);
        Assert.Equal(raw, value.GetRawText());
    }

    [Fact]
    public void Json_request_with_namespace_and_name_is_read_as_an_application_request()
    {
        const string json = """
            {"namespace": "shop", "name": "api", "replicas": 4,
             "template": {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"replicas": 1}},
             "placement": {"strategy": "priority", "clusterNames": ["east", "west"]},
             "maxUnavailable": 1, "failoverAfter": "45s", "migration": {"stepSize": 2}}
            """;

        var manifest = ApplicationManifest.Parse(json);

        Assert.Equal(("shop", "api"), (manifest.Namespace, manifest.Name));
        Assert.Equal(4, manifest.Request.Replicas);
        Assert.Equal("Priority", manifest.Request.Placement!.Strategy);
        Assert.Equal(["east", "west"], manifest.Request.Placement.ClusterNames!);
        Assert.Equal(1, manifest.Request.MaxUnavailable);
        Assert.Equal(2, manifest.Request.Migration!.StepSize);
        Assert.Equal(JsonValueKind.Object, manifest.Request.Template!.Value.ValueKind);
    }

    [Fact]
    public void Json_deployment_is_read_like_the_yaml_form()
    {
        const string json = """
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "db"},
             "spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "db", "image": "postgres:17"}]}}}}
            """;

        var manifest = ApplicationManifest.Parse(json);

        Assert.Equal(("default", "db", 3), (manifest.Namespace, manifest.Name, manifest.Request.Replicas));
    }

    [Fact]
    public void Overrides_in_the_Placement_document_travel_with_the_request()
    {
        var text = Deployment + "\n---\n" + Placement + """

              overrides:
              - target: {labelSelector: {region: eu}}
                image: [{component: Registry, operator: add, value: mirror.eu.example}]
                patch: [{op: add, path: /spec/minReadySeconds, value: 5}]
            """;

        var rule = Assert.Single(ApplicationManifest.Parse(text).Request.Overrides!);

        Assert.Equal("eu", rule.Target!.LabelSelector!["region"]);
        Assert.Equal("mirror.eu.example", rule.Image![0].Value);
        Assert.Equal("/spec/minReadySeconds", (string?)rule.Patch![0]!["path"]);
    }

    [Fact]
    public void Companion_documents_travel_with_the_request_as_the_bundle()
    {
        var text = Deployment + """

            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: site-config}
            data: {GREETING: hello}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, ports: [{port: 80}]}
            ---
            """ + "\n" + Placement + "\n  providedByMember: [Secret/tls]\n";

        var request = ApplicationManifest.Parse(text).Request;

        Assert.Equal(["ConfigMap", "Service"], request.Companions!.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(["Secret/tls"], request.ProvidedByMember!);
        Assert.Equal(8, request.Replicas);
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "no Deployment, only a Placement", Placement, "no Deployment" },
        { "not YAML", "kind: Deployment\nmetadata: {name: [web\n", "not valid YAML" },
        { "empty file", "  \n", "empty" },
        { "misspelt Placement field", Deployment + "\n---\n" + Placement.Replace("weights:", "weigths:"), "weigths" },
        { "unknown strategy", Deployment + "\n---\n" + Placement.Replace("strategy: Weighted", "strategy: Fastest"), "spec.strategy" },
        { "weight that is not a number", Deployment + "\n---\n" + Placement.Replace("east: 2,", "east: heavy,"), "spec.weights.east" },
        { "Deployment without a name", Deployment.Replace("name: web, namespace: shop", "namespace: shop"), "metadata.name" },
        { "Deployment without a template", "kind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n", "spec.template" },
        { "replicas that are not a number", Deployment.Replace("replicas: 8", "replicas: eight"), "spec.replicas" },
        { "unsupported kind", Deployment + "\n---\nkind: Ingress\nmetadata: {name: web}\n", "Ingress" },
        { "two Deployments", Deployment + "\n---\n" + Deployment, "only one Deployment" },
        { "JSON request without a name", """{"namespace": "shop", "replicas": 2}""", "name is missing" },
        { "JSON request with an unknown field", """{"name": "web", "replicaz": 2}""", "replicaz" },
        { "broken JSON", """{"name": "web", """, "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_manifest_is_refused_with_a_message_naming_the_problem(string _, string text, string expected)
    {
        var error = Assert.Throws<CliInputException>(() => ApplicationManifest.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
