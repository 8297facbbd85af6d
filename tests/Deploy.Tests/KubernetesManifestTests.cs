namespace Deploy.Tests;

/// <summary>deploy/kubernetes: parses, has the expected resources, and its pieces agree with each other.</summary>
public sealed class KubernetesManifestTests
{
    public static readonly TheoryData<string> ExpectedKinds =
    [
        "Namespace", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Deployment",
        "PodDisruptionBudget", "StatefulSet", "Service", "ServiceMonitor", "PrometheusRule",
    ];

    public static readonly TheoryData<string> HostConfigurationKeys =
    [
        "Federation__Redis", "Federation__ServiceId", "Federation__ClusterId", "Federation__SiloPort",
        "Federation__GatewayPort", "Federation__ApiUrls", "Federation__DataDir",
    ];

    [Fact]
    public void Kustomization_lists_every_manifest_of_the_folder_and_nothing_else()
    {
        var onDisk = Directory.GetFiles(RepoPaths.Of(Manifests.Folder), "*.yaml")
            .Select(Path.GetFileName)
            .Where(name => name != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, Manifests.KustomizationResources().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_resource_has_api_version_kind_name_and_lives_in_the_federation_namespace()
    {
        Assert.NotEmpty(Manifests.All);
        foreach (var resource in Manifests.All)
        {
            var id = $"{Yaml.Text(resource, "kind")}/{Yaml.Text(resource, "metadata.name")}";
            Assert.False(string.IsNullOrEmpty(Yaml.Text(resource, "apiVersion")), $"{id} has no apiVersion");
            Assert.False(string.IsNullOrEmpty(Yaml.Text(resource, "metadata.name")), $"{id} has no name");
            var expectedNamespace = Yaml.Text(resource, "kind") == "Namespace" ? null : "federation";
            Assert.True(expectedNamespace == Yaml.Text(resource, "metadata.namespace"), $"{id} is in the wrong namespace");
        }
    }

    [Theory]
    [MemberData(nameof(ExpectedKinds))]
    public void Manifests_include_kind(string kind)
    {
        Assert.Contains(Manifests.All, r => Yaml.Text(r, "kind") == kind);
    }

    [Theory]
    [MemberData(nameof(HostConfigurationKeys))]
    public void ConfigMap_sets_host_configuration_key(string key)
    {
        var data = Manifests.StringMap(Manifests.One("ConfigMap", "federation-config"), "data");

        Assert.False(string.IsNullOrWhiteSpace(data.GetValueOrDefault(key)), $"{key} is missing or empty");
    }

    [Fact]
    public void Orleans_pod_labels_match_the_service_and_cluster_ids_in_the_ConfigMap()
    {
        var data = Manifests.StringMap(Manifests.One("ConfigMap", "federation-config"), "data");
        var labels = Manifests.StringMap(Manifests.One("Deployment", "federation"), "spec.template.metadata.labels");

        Assert.Equal(data["Federation__ServiceId"], labels["orleans/serviceId"]);
        Assert.Equal(data["Federation__ClusterId"], labels["orleans/clusterId"]);
    }

    [Fact]
    public void Silo_container_runs_federation_serve_on_the_configured_ports()
    {
        var data = Manifests.StringMap(Manifests.One("ConfigMap", "federation-config"), "data");
        var container = Manifests.SiloContainer();
        var ports = Yaml.List(container, "ports").ToDictionary(p => Yaml.Text(p, "name")!, p => Yaml.Text(p, "containerPort"));

        Assert.Equal("federation:latest", Yaml.Text(container, "image"));
        Assert.Equal(["federation", "serve"], (Yaml.At(container, "command") as List<object>)?.Cast<string>());
        Assert.Equal("11111", ports["silo"]);
        Assert.Equal("30000", ports["gateway"]);
        Assert.Equal("8080", ports["http"]);
        Assert.Equal(data["Federation__SiloPort"], ports["silo"]);
        Assert.Equal(data["Federation__GatewayPort"], ports["gateway"]);
        Assert.Equal(ports["http"], new Uri(data["Federation__ApiUrls"]).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("POD_NAME", "metadata.name")]
    [InlineData("POD_NAMESPACE", "metadata.namespace")]
    [InlineData("POD_IP", "status.podIP")]
    [InlineData("ORLEANS_SERVICE_ID", "metadata.labels['orleans/serviceId']")]
    [InlineData("ORLEANS_CLUSTER_ID", "metadata.labels['orleans/clusterId']")]
    public void Silo_gets_orleans_hosting_variable_from_the_downward_api(string variable, string field)
    {
        var env = Assert.Single(Yaml.List(Manifests.SiloContainer(), "env"), e => Yaml.Text(e, "name") == variable);

        Assert.Equal(field, Yaml.Text(env, "valueFrom.fieldRef.fieldPath"));
    }

    [Theory]
    [InlineData("readinessProbe", "/readyz")]
    [InlineData("livenessProbe", "/healthz")]
    public void Silo_probe_asks_the_api_port(string probe, string path)
    {
        var container = Manifests.SiloContainer();

        Assert.Equal(path, Yaml.Text(container, $"{probe}.httpGet.path"));
        Assert.Equal("http", Yaml.Text(container, $"{probe}.httpGet.port"));
    }

    [Fact]
    public void Silo_takes_its_settings_from_the_ConfigMap_and_the_token_Secret_of_the_manifests()
    {
        var sources = Yaml.List(Manifests.SiloContainer(), "envFrom").ToList();

        var configMap = Assert.Single(sources, s => Yaml.At(s, "configMapRef") is not null);
        var secret = Assert.Single(sources, s => Yaml.At(s, "secretRef") is not null);
        Manifests.One("ConfigMap", Yaml.Text(configMap, "configMapRef.name"));
        Manifests.One("Secret", Yaml.Text(secret, "secretRef.name"));
    }

    [Fact]
    public void Role_lets_the_silos_service_account_get_list_watch_and_delete_pods()
    {
        var deployment = Manifests.One("Deployment", "federation");
        var account = Yaml.Text(deployment, "spec.template.spec.serviceAccountName");
        var binding = Manifests.One("RoleBinding");
        var role = Manifests.One("Role", Yaml.Text(binding, "roleRef.name"));

        Manifests.One("ServiceAccount", account);
        Assert.Contains(Yaml.List(binding, "subjects"), s => Yaml.Text(s, "kind") == "ServiceAccount" && Yaml.Text(s, "name") == account);
        var podRule = Assert.Single(Yaml.List(role, "rules"), r => (Yaml.At(r, "resources") as List<object>)!.Contains("pods"));
        var verbs = ((List<object>)Yaml.At(podRule, "verbs")!).Cast<string>().ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, verbs);
    }

    [Fact]
    public void Secret_holds_only_placeholder_tokens_with_a_known_role()
    {
        var tokens = Manifests.StringMap(Manifests.One("Secret", "federation-tokens"), "stringData");

        Assert.NotEmpty(tokens);
        foreach (var (key, value) in tokens)
        {
            Assert.StartsWith("Federation__Tokens__", key, StringComparison.Ordinal);
            var parts = value.Split(':', 2);
            Assert.Contains(parts[0], new[] { "viewer", "operator", "admin" });
            Assert.StartsWith("REPLACE_ME", parts[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Api_Service_selects_the_silo_pods_and_ServiceMonitor_scrapes_its_metrics_port()
    {
        var podLabels = Manifests.StringMap(Manifests.One("Deployment", "federation"), "spec.template.metadata.labels");
        var service = Manifests.One("Service", "federation-api");
        var monitor = Manifests.One("ServiceMonitor");

        Assert.All(Manifests.StringMap(service, "spec.selector"), e => Assert.Equal(e.Value, podLabels.GetValueOrDefault(e.Key)));
        Assert.All(Manifests.StringMap(monitor, "spec.selector.matchLabels"), e => Assert.Equal(e.Value, Manifests.StringMap(service, "metadata.labels").GetValueOrDefault(e.Key)));
        var endpoint = Assert.Single(Yaml.List(monitor, "spec.endpoints"));
        Assert.Equal("/metrics", Yaml.Text(endpoint, "path"));
        Assert.Contains(Yaml.List(service, "spec.ports"), p => Yaml.Text(p, "name") == Yaml.Text(endpoint, "port") && Yaml.Text(p, "targetPort") == "http");
    }

    [Fact]
    public void Redis_connection_string_points_at_the_Redis_Service_which_selects_the_Redis_pods()
    {
        var data = Manifests.StringMap(Manifests.One("ConfigMap", "federation-config"), "data");
        var service = Manifests.One("Service", "redis");
        var statefulSet = Manifests.One("StatefulSet", "redis");
        var host = data["Federation__Redis"].Split(',')[0].Split(':')[0];

        Assert.StartsWith("redis.federation.", host, StringComparison.Ordinal);
        Assert.Equal("1", Yaml.Text(statefulSet, "spec.replicas"));
        var podLabels = Manifests.StringMap(statefulSet, "spec.template.metadata.labels");
        Assert.All(Manifests.StringMap(service, "spec.selector"), e => Assert.Equal(e.Value, podLabels.GetValueOrDefault(e.Key)));
    }

    [Fact]
    public void Deployment_selector_matches_its_pod_template()
    {
        foreach (var workload in Manifests.All.Where(r => Yaml.Text(r, "kind") is "Deployment" or "StatefulSet"))
        {
            var podLabels = Manifests.StringMap(workload, "spec.template.metadata.labels");
            var selector = Manifests.StringMap(workload, "spec.selector.matchLabels");
            Assert.NotEmpty(selector);
            Assert.All(selector, e => Assert.Equal(e.Value, podLabels.GetValueOrDefault(e.Key)));
        }
    }
}
