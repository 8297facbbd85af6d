using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>
/// What differs between the kinds stored as plain JSON: defaulting, validation, Table cells.
/// Storage, versions, watch, patch and apply are the same for all of them (<see cref="ResourceStore"/>).
/// </summary>
internal abstract class KindRules
{
    private static readonly Dictionary<ResourceKind, KindRules> Rules = new()
    {
        [ResourceKind.ConfigMap] = new ConfigMapRules(),
        [ResourceKind.Secret] = new SecretRules(),
        [ResourceKind.ServiceAccount] = new ServiceAccountRules(),
        [ResourceKind.Service] = new ServiceRules(),
        [ResourceKind.Event] = new EventRules(),
        [ResourceKind.PodDisruptionBudget] = new BudgetRules(),
        [ResourceKind.EndpointSlice] = new SliceRules(),
        [ResourceKind.StatefulSet] = new StatefulSetRules(),
    };

    public static KindRules For(ResourceKind kind) => Rules[kind];

    public static bool Handles(ResourceKind kind) => Rules.ContainsKey(kind);

    /// <summary>Fills defaults in place; <paramref name="old"/> is the stored version on updates.</summary>
    public virtual void Default(JsonObject obj, JsonObject? old, ObjectStore store)
    {
    }

    /// <summary>Field errors, as (path, message) pairs for a 422.</summary>
    public virtual IEnumerable<(string Field, string Message)> Validate(JsonObject obj, JsonObject? old) => [];

    public abstract object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now);

    protected static object Age(StoredObject stored, DateTimeOffset now) => HumanDuration.Since(stored.CreationTimestamp, now);

    protected static int Count(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };
}
