using System.Text.Json.Nodes;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>StatefulSets: the API server's defaults, the selector must match the template, status belongs to the controller.</summary>
internal sealed class StatefulSetRules : KindRules
{
    public override void Default(JsonObject obj, JsonObject? old, ObjectStore store)
    {
        var spec = obj["spec"] as JsonObject ?? new JsonObject();
        obj["spec"] = spec;
        spec["replicas"] ??= 1;
        spec["podManagementPolicy"] ??= "OrderedReady";
        spec["revisionHistoryLimit"] ??= 10;
        var strategy = spec["updateStrategy"] as JsonObject ?? new JsonObject();
        spec["updateStrategy"] = strategy;
        strategy["type"] ??= "RollingUpdate";
        if (strategy["type"]!.GetValue<string>() == "RollingUpdate")
        {
            (strategy["rollingUpdate"] ??= new JsonObject())["partition"] ??= 0;
        }

        spec["persistentVolumeClaimRetentionPolicy"] ??= new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" };
        obj["status"] = old?["status"]?.DeepClone() ?? new JsonObject { ["replicas"] = 0, ["availableReplicas"] = 0 };
    }

    public override IEnumerable<(string Field, string Message)> Validate(JsonObject obj, JsonObject? old)
    {
        var sts = KubeJson.FromNode<V1StatefulSet>(obj);
        if (sts.Spec.Selector is not { } selector || !LabelSelector.From(selector).Matches(sts.Spec.Template?.Metadata?.Labels))
        {
            yield return ("spec.template.metadata.labels", "Invalid value: `selector` does not match template `labels`");
        }

        if (sts.Spec.Template?.Spec?.Containers is not { Count: > 0 })
        {
            yield return ("spec.template.spec.containers", "Required value");
        }

        if (sts.Spec.Replicas < 0)
        {
            yield return ("spec.replicas", $"Invalid value: {sts.Spec.Replicas}: must be greater than or equal to 0");
        }

        foreach (var problem in ResourceValidation.Of(sts, sts.Spec.Template?.Spec, "spec.template.spec"))
        {
            yield return problem;
        }
    }

    public override object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now)
    {
        var containers = obj["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [];
        return
        [
            stored.Name,
            $"{obj["status"]?["readyReplicas"]?.ToString() ?? "0"}/{obj["spec"]?["replicas"]}",
            Age(stored, now),
            string.Join(",", containers.Select(c => c?["name"]?.ToString())),
            string.Join(",", containers.Select(c => c?["image"]?.ToString())),
        ];
    }
}
