using System.Text.Json.Nodes;

namespace Federation.Tests.FrontDoor;

/// <summary>One bad request: what is wrong, where it goes, what it sends, and the answer and field expected.</summary>
public sealed record BadRequest(string Method, string Path, string? ContentType, string Body, int Status, string Field);

/// <summary>The table of bad requests, per route, by a name that says what is wrong.</summary>
public static class BadRequests
{
    private const string Json = "application/json";
    private const string App = "/api/v1/namespaces/default/applications/web";
    private const string Containers = "template.spec.template.spec.containers";
    private const string Maintain = "/api/v1/clusters/east/maintain";
    private const string Schedules = "/api/v1/clusters/east/schedules";
    private const string Plans = "/api/v1/plans";

    public static IReadOnlyDictionary<string, BadRequest> All { get; } = new Dictionary<string, BadRequest>
    {
        ["application: text/plain body"] = new("PUT", App, "text/plain", "replicas: 2", 415, "Content-Type"),
        ["application: JSON without a Content-Type"] = new("PUT", App, null, Bodies.Application().ToJsonString(), 415, "Content-Type"),
        ["application: a JSON array"] = new("PUT", App, Json, "[]", 400, "body"),
        ["application: null"] = new("PUT", App, Json, "null", 400, "body"),
        ["application: replicas as a word"] = new("PUT", App, Json, A("replicas", "two"), 400, "replicas"),
        ["application: replicas beyond an int"] = new("PUT", App, Json, A("replicas", 1e12), 400, "replicas"),
        ["application: failoverAfter of 99999999999h"] = new("PUT", App, Json, A("failoverAfter", "99999999999h"), 400, "failoverAfter"),
        ["application: stepTimeout of 10,000 years"] = new("PUT", App, Json, A("migration.stepTimeout", "3650000d"), 400, "migration.stepTimeout"),
        ["application: numeric strategy"] = new("PUT", App, Json, A("placement.strategy", "42"), 400, "placement.strategy"),
        ["application: combined strategies"] = new("PUT", App, Json, A("placement.strategy", "Weighted,Duplicated"), 400, "placement.strategy"),
        ["application: strategy as a number"] = new("PUT", App, Json, A("placement.strategy", 2), 400, "placement.strategy"),
        ["application: all weights zero"] = new("PUT", App, Json, A("placement.weights.east", 0), 400, "placement.weights"),
        ["application: weight beyond an int"] = new("PUT", App, Json, A("placement.weights.east", 1e20), 400, "placement.weights.east"),
        ["application: bound as a word"] = new("PUT", App, Json, A("placement.bounds.east.min", "x"), 400, "placement.bounds.east.min"),
        ["application: spread over more groups than replicas"] = new("PUT", App, Json, A("placement.spread", new JsonObject { ["label"] = "region", ["minGroups"] = 99 }), 400, "placement.spread.minGroups"),
        ["application: namespace not DNS-1123"] = new("PUT", "/api/v1/namespaces/Bad_NS/applications/web", Json, Bodies.Application().ToJsonString(), 400, "namespace"),
        ["template: no selector"] = new("PUT", App, Json, A("template.spec.selector", null), 400, "template.spec.selector"),
        ["template: selector missing the pod labels"] = new("PUT", App, Json, A("template.spec.selector.matchLabels.app", "other"), 400, "template.spec.template.metadata.labels"),
        ["template: container without image"] = new("PUT", App, Json, A($"{Containers}[0].image", null), 400, $"{Containers}[0].image"),
        ["template: container without name"] = new("PUT", App, Json, A($"{Containers}[0].name", null), 400, $"{Containers}[0].name"),
        ["template: container name not DNS-1123"] = new("PUT", App, Json, A($"{Containers}[0].name", "Bad_Name"), 400, $"{Containers}[0].name"),
        ["template: cpu of 1e18"] = new("PUT", App, Json, A($"{Containers}[0].resources.requests.cpu", "1e18"), 400, $"{Containers}[0].resources.requests.cpu"),
        ["template: negative memory limit beside a request"] = new("PUT", App, Json, A($"{Containers}[0].resources.limits.memory", -6365000000000), 400, $"{Containers}[0].resources.limits.memory"),
        ["template: request above its limit"] = new("PUT", App, Json, A($"{Containers}[0].resources.limits.cpu", "50m"), 400, $"{Containers}[0].resources.requests.cpu"),
        ["template: negative emptyDir size limit"] = new("PUT", App, Json, A("template.spec.template.spec.volumes", JsonNode.Parse("""[{"name":"scratch","emptyDir":{"sizeLimit":"-1e3"}}]""")), 400, "template.spec.template.spec.volumes.emptyDir.sizeLimit"),
        ["template: containers not an array"] = new("PUT", App, Json, A(Containers, "x"), 400, Containers),
        ["join: text/plain body"] = new("POST", "/api/v1/clusters", "text/plain", "name=south", 415, "Content-Type"),
        ["join: malformed JSON"] = new("POST", "/api/v1/clusters", Json, """{"name":"south",""", 400, "body"),
        ["join: name as a number"] = new("POST", "/api/v1/clusters", Json, J("name", 5), 400, "name"),
        ["join: server as a number"] = new("POST", "/api/v1/clusters", Json, J("server", 7), 400, "server"),
        ["join: labels as an array"] = new("POST", "/api/v1/clusters", Json, J("labels", new JsonArray(1)), 400, "labels"),
        ["join: server URL that does not parse"] = new("POST", "/api/v1/clusters", Json, J("server", "http://[::1"), 400, "server"),
        ["join: kubeconfig that is not YAML"] = new("POST", "/api/v1/clusters", Json, K("server: http://127.0.0.1:1\nthis is: [not yaml"), 400, "kubeconfig"),
        ["join: kubeconfig with an ftp server"] = new("POST", "/api/v1/clusters", Json, K("apiVersion: v1\nclusters:\n- cluster: {server: 'ftp://x'}\n  name: c\ncontexts:\n- context: {cluster: c, user: u}\n  name: x\ncurrent-context: x\nusers:\n- name: u\n  user: {token: t}\n"), 400, "kubeconfig"),
        ["join: kubeconfig without clusters"] = new("POST", "/api/v1/clusters", Json, K("apiVersion: v1\nkind: Config\n"), 400, "kubeconfig"),
        ["maintain: for 99999999999h"] = new("POST", Maintain, Json, """{"for":"99999999999h"}""", 400, "for"),
        ["maintain: for ten thousand years"] = new("POST", Maintain, Json, """{"for":"87600000h"}""", 400, "for"),
        ["maintain: until the year 9999"] = new("POST", Maintain, Json, """{"until":"9999-12-31T23:59:59+00:00"}""", 400, "until"),
        ["maintain: until in the past"] = new("POST", Maintain, Json, """{"until":"2020-01-01T00:00:00Z"}""", 400, "until"),
        ["maintain: until as a number"] = new("POST", Maintain, Json, """{"until":5}""", 400, "until"),
        ["maintain: text/plain body"] = new("POST", Maintain, "text/plain", "for=1h", 415, "Content-Type"),
        ["schedule: text/plain body"] = new("POST", Schedules, "text/plain", "garbage", 415, "Content-Type"),
        ["schedule: at that is no time"] = new("POST", Schedules, Json, """{"action":"drain","at":"tomorrow"}""", 400, "at"),
        ["schedule: drain in the year 9999"] = new("POST", Schedules, Json, """{"action":"drain","at":"9999-12-31T23:59:59+00:00"}""", 400, "at"),
        ["schedule: windows of 99999999999h"] = new("POST", Schedules, Json, S("for", "99999999999h"), 400, "for"),
        ["schedule: action as a number"] = new("POST", Schedules, Json, S("action", 5), 400, "action"),
        ["plan: text/plain body"] = new("POST", Plans, "text/plain", "not json", 415, "Content-Type"),
        ["plan: malformed JSON"] = new("POST", Plans, Json, "{", 400, "body"),
        ["plan: node cpu of 1e18"] = new("POST", Plans, Json, P("add[0].cpu", "1e18"), 400, "add[0].cpu"),
        ["plan: node memory of 1e30"] = new("POST", Plans, Json, P("add[0].memory", "1e30"), 400, "add[0].memory"),
        ["plan: nodes as a word"] = new("POST", Plans, Json, P("add[0].nodes", "x"), 400, "add[0].nodes"),
        ["plan: drain as a string"] = new("POST", Plans, Json, P("drain", "east"), 400, "drain"),
        ["events: limit as a word"] = new("GET", "/api/v1/events?limit=abc", null, "", 400, "limit"),
        ["events: limit beyond an int"] = new("GET", "/api/v1/events?limit=99999999999", null, "", 400, "limit"),
    };

    private static string A(string path, JsonNode? value) => Bodies.With(Bodies.Application(), path, value);

    private static string J(string path, JsonNode? value) => Bodies.With(Bodies.Join("south", new Uri("http://127.0.0.1:1")), path, value);

    private static string K(string kubeconfig) => new JsonObject { ["name"] = "south", ["kubeconfig"] = kubeconfig }.ToJsonString();

    private static string S(string path, JsonNode? value) => Bodies.With(Bodies.Schedule(), path, value);

    private static string P(string path, JsonNode? value) => Bodies.With(Bodies.Plan(), path, value);
}
