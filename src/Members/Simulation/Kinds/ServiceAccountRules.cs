using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

internal sealed class ServiceAccountRules : KindRules
{
    public override object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now) =>
        [stored.Name, Count(obj["secrets"]), Age(stored, now)];
}
