using System.Globalization;
using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>
/// Services: defaults as the API server fills them (type ClusterIP, TCP, targetPort = port, single
/// stack IPv4), a cluster IP allocated from 10.96.0.0/16 (kept across updates; headless "None"
/// stays), node ports from 30000-32767 for NodePort and LoadBalancer.
/// </summary>
internal sealed class ServiceRules : KindRules
{
    public override void Default(JsonObject obj, JsonObject? old, ObjectStore store)
    {
        var spec = obj["spec"] as JsonObject ?? new JsonObject();
        obj["spec"] = spec;
        var type = (spec["type"] ??= "ClusterIP").GetValue<string>();
        spec["sessionAffinity"] ??= "None";
        if (type != "ExternalName")
        {
            var oldIp = old?["spec"]?["clusterIP"]?.GetValue<string>();
            var ip = spec["clusterIP"]?.GetValue<string>() is { Length: > 0 } given ? given : oldIp ?? FreeIp(store);
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
            spec["internalTrafficPolicy"] ??= "Cluster";
        }

        var oldPorts = old?["spec"]?["ports"] as JsonArray;
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
            if (type is "NodePort" or "LoadBalancer" && port["nodePort"] is null)
            {
                port["nodePort"] = oldPorts?.OfType<JsonObject>().FirstOrDefault(p => p["port"]?.ToString() == port["port"]?.ToString())?["nodePort"]?.DeepClone()
                    ?? FreeNodePort(store);
            }
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }

        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    public override IEnumerable<(string Field, string Message)> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj["spec"]!;
        var type = spec["type"]!.GetValue<string>();
        if (type is not ("ClusterIP" or "NodePort" or "LoadBalancer" or "ExternalName"))
        {
            yield return ("spec.type", $"Unsupported value: \"{type}\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        }

        var ports = spec["ports"] as JsonArray ?? [];
        if (ports.Count == 0 && type != "ExternalName" && spec["clusterIP"]?.GetValue<string>() != "None")
        {
            yield return ("spec.ports", "Required value");
        }

        for (var i = 0; i < ports.Count; i++)
        {
            if (!long.TryParse(ports[i]?["port"]?.ToString(), out var number) || number is < 1 or > 65535)
            {
                yield return ($"spec.ports[{i}].port", $"Invalid value: {ports[i]?["port"]?.ToJsonString() ?? "0"}: must be between 1 and 65535, inclusive");
            }
        }

        var before = old?["spec"]?["clusterIP"]?.GetValue<string>();
        if (before is not null && spec["clusterIP"]?.GetValue<string>() != before)
        {
            yield return ("spec.clusterIPs[0]", "Invalid value: []string(nil): may not change once set");
        }
    }

    public override object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now)
    {
        var spec = obj["spec"]!;
        var ports = (spec["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => p["nodePort"] is { } node ? $"{p["port"]}:{node}/{p["protocol"]}" : $"{p["port"]}/{p["protocol"]}");
        var selector = spec["selector"] is JsonObject s && s.Count > 0 ? string.Join(",", s.Select(p => $"{p.Key}={p.Value}")) : "<none>";
        var external = spec["type"]?.GetValue<string>() switch
        {
            "ExternalName" => spec["externalName"]?.ToString() ?? "<none>",
            "LoadBalancer" => "<pending>",
            _ => "<none>",
        };
        return [stored.Name, spec["type"]?.ToString(), spec["clusterIP"]?.ToString() ?? "<none>", external, Or(string.Join(",", ports)), Age(stored, now), selector];
    }

    private static string Or(string text) => text.Length == 0 ? "<none>" : text;

    private static string FreeIp(ObjectStore store)
    {
        var used = store.Table(ResourceKind.Service).Snapshot(null, null)
            .Select(s => ((StoredResource)s).Node()["spec"]?["clusterIP"]?.ToString()).ToHashSet(StringComparer.Ordinal);
        for (var i = 10; ; i++)
        {
            var ip = string.Create(CultureInfo.InvariantCulture, $"10.96.{i / 250}.{i % 250 + 1}");
            if (!used.Contains(ip))
            {
                return ip;
            }
        }
    }

    private static int FreeNodePort(ObjectStore store)
    {
        var used = store.Table(ResourceKind.Service).Snapshot(null, null)
            .SelectMany(s => (((StoredResource)s).Node()["spec"]?["ports"] as JsonArray ?? []).Select(p => p?["nodePort"]?.ToString()))
            .ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(30000, 2768).First(p => !used.Contains(p.ToString(CultureInfo.InvariantCulture)));
    }
}
